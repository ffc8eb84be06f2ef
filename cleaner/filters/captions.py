"""Captions printed twice: alt text and figcaption, gallery and inline figure."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from .credits import credit_reason
from .registry import register
from .shapes import ends_sentence, key, lazy_compile, line_cache, word_count

# Only lines this long count as captions: short repeats ("Share", "Reuters",
# a song's "Happy birthday to you") are left alone or to the filters that know them.
_MIN_CAPTION_WORDS = 6
# How many credit or UI lines may stand between two copies. Real articles
# repeat refrains too, but farther apart and with text between.
_MAX_LINES_BETWEEN = 4
_MAX_CONNECTOR_WORDS = 4
# Where a credit glued to the end of a caption may start. Spaces before the
# separator are taken from where their run starts, never from inside it: from
# inside, the search would read the rest of the run again at every space.
_CREDIT_START = lazy_compile(
    r"(?:(?:(?<!\s)\s++)?(?:[|/(\[]|[-–—](?=\s))|(?<!\s)\s++(?=(?:photo|foto|image|credit|picture)\b))\s*+",
    re.I,
)
# A glued credit is short; longer tails are the caption's own words.
_MAX_CREDIT_CHARS = 120
# A caption is a sentence or two: a longer line is never compared (its key
# would cost several times its length).
_MAX_CAPTION_CHARS = 2000


@line_cache
def caption_key(text: str) -> str:
    """The line's words with a trailing credit cut off ("... | Foto: Reuters")."""
    start = max(0, len(text) - _MAX_CREDIT_CHARS)
    if text[start - 1 : start + 1].isspace():
        start = len(text[:start].rstrip())  # inside a run of spaces: from its start
    for match in _CREDIT_START.finditer(text, start):
        head, tail = text[: match.start()], text[match.end() :]
        if head.strip() and credit_reason(tail.rstrip(")]").strip()):
            return key(head)
    return key(text)


def _is_connector(text: str) -> bool:
    """A credit or a short UI line that may sit between two copies of a caption."""
    return bool(credit_reason(text)) or (
        word_count(text) <= _MAX_CONNECTOR_WORDS and not ends_sentence(text)
    )


@register("duplicate-captions")
def duplicate_captions(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Captions printed twice: a line repeating a nearby earlier line, credit or UI lines between.

    Lines are compared by their words only (case, spacing and punctuation
    ignored), and once more with a trailing credit cut off; only lines of six
    words or more. The first copy stays. Only up to four credit or short UI
    lines may separate the copies, so a refrain repeated later stays.
    """
    previous: list[tuple[Line, str | None]] = []  # non-blank lines so far, with caption keys
    for line in lines:
        if not line.text:
            continue
        # Short lines can never be captions, nor equal to one: no key needed.
        current = (caption_key(line.text) if len(line.text) <= _MAX_CAPTION_CHARS
                   and word_count(line.text) >= _MIN_CAPTION_WORDS else None)
        duplicate = False
        if current is not None and word_count(current) >= _MIN_CAPTION_WORDS:
            for earlier, earlier_key in reversed(previous[-(_MAX_LINES_BETWEEN + 1) :]):
                if earlier_key == current:
                    yield line, f"duplicate of the caption on line {earlier.number}"
                    duplicate = True
                    break
                if not _is_connector(earlier.text):
                    break
        if not duplicate:  # later copies are compared with the first, which stays
            previous.append((line, current))
