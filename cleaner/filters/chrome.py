"""Loading placeholders and page chrome: what scripts and players leave behind."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from .phrasebook import phrase_key, phrases
from .registry import register
from .shapes import lazy_compile, quote

# "Image 1 of 23", "Photo 3/12", "Slide 2 of 9": gallery counters.
_GALLERY_COUNTER = lazy_compile(
    r"(?:image|photo|picture|slide|foto|bild|imagen|immagine|фото)\s*\d+\s*(?:of|/|von|de|di|из)\s*\d+",
    re.IGNORECASE,
)
_MAX_PHRASE_CHARS = 80


@register("placeholders", local=True)
def placeholders(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Loading placeholders as whole lines ("Loading...", "Please wait", "Загрузка…").

    Only the whole line counts: "Loading the ship took three days." stays.
    """
    table = phrases("placeholders")
    for line in lines:
        if line.text and len(line.text) <= _MAX_PHRASE_CHARS and phrase_key(line.text) in table:
            yield line, f"loading placeholder {line.text.strip()!r}"


@register("ui-chrome", local=True)
def ui_chrome(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Player and page chrome ("Media playback is unsupported on your device", "Close", "Image 1 of 23").

    Whole lines only, from a table of buttons and widget messages in many
    languages, and gallery counters. Single words that could be a subheading
    ("Search", "Video") are not in the table.
    """
    table = phrases("chrome")
    for line in lines:
        text = line.text
        if not text or len(text) > 2 * _MAX_PHRASE_CHARS:
            continue
        if phrase_key(text) in table:
            yield line, f"page chrome {quote(text.strip())!r}"
        elif _GALLERY_COUNTER.fullmatch(text.strip(" ()[]")):
            yield line, f"gallery counter {quote(text.strip())!r}"
