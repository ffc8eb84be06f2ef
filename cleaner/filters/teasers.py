"""Links to other stories: "READ MORE: <headline>", "See also", "Lire aussi"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from .phrasebook import phrase_key, phrases
from .predicates import is_headline, is_text
from .registry import holds_end, register
from .shapes import lazy_compile, line_cache, word_count

# Where a label ends and its headline starts: "READ MORE: ...", "ALSO READ | ...",
# "Related » ...", "Watch - ...". Spaces are taken from where their run
# starts, never from inside it, where the search would read the rest of the
# run again at every space.
_SEPARATOR = lazy_compile(
    r"(?:(?:(?<!\s)\s++)?(?:[:：|»›▶►]++|>>|\.\.\.|…)|(?<!\s)\s++[-–—](?=\s))\s*+"
)
_MAX_LABEL_WORDS = 6
_LABEL_CHARS = 120


@line_cache
def teaser_label(text: str) -> tuple[str, bool] | None:
    """(label as written, alone?) if the line is a teaser: a label alone, or a
    label, a separator and a headline. None otherwise.

    >>> teaser_label("READ MORE: UN warns of collapse")
    ('READ MORE:', False)
    >>> teaser_label("Read more about the plan in the report published on Monday.") is None
    True
    """
    labels = phrases("teasers")
    if word_count(text) <= _MAX_LABEL_WORDS and phrase_key(text) in labels:
        return text.strip(), True
    separator = _SEPARATOR.search(text, 0, _LABEL_CHARS)  # a label opens the line
    if separator is None or separator.start() == 0:
        return None
    head = text[: separator.start()]
    if word_count(head) <= _MAX_LABEL_WORDS and phrase_key(head) in labels:
        if is_headline(text[separator.end() :]):
            return text[: separator.end()].strip(), False
    return None


# A label alone heads a block of related stories when this many headlines follow it.
_MIN_BLOCK_HEADLINES = 2
_MAX_BLOCK_HEADLINES = 30
# Labels that announce one thing to play or open, not a list of stories.
_NOT_LIST_HEADINGS = frozenset({
    "watch", "watch now", "watch video", "listen", "more", "play", "photos", "photo gallery", "gallery",
    "slideshow", "view gallery", "view slideshow", "in pictures", "click here", "continue reading",
    "keep reading", "read more", "read the full story", "full story",
})


@register("teasers")
def teasers(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Teasers for other stories: "READ MORE: <headline>", "See also", "Lire aussi : ...".

    A label (a table of them in a dozen languages) alone on a line, or followed
    by a colon, bar or arrow and a headline (short, opening like a title, no
    final full stop). A list heading alone below the story ("Most Popular",
    "Related stories") heads a block of related stories: the headlines right
    below it go with it (two or more of them); elsewhere, a label ending with a
    colon takes one headline. "Read more about the plan in the report published
    on Monday." is a sentence and stays.
    """
    texts = [line for line in lines if line.text]
    # Blocks of related stories sit below the story, not inside or above it
    # (above it, the headline and standfirst look like headlines too); a
    # window of a long text that does not reach its end has no "below".
    body = [k for k, line in enumerate(texts) if is_text(line.text)]
    last_text = body[-1] if body and holds_end(lines) else len(texts)
    skip_until = -1
    for k, line in enumerate(texts):
        if k <= skip_until:
            continue
        found = teaser_label(line.text)
        if not found:
            continue
        label, alone = found
        yield line, f"teaser label {label!r}" + ("" if alone else " and headline")
        if not alone:
            continue
        block = []
        for below in texts[k + 1 : k + 1 + _MAX_BLOCK_HEADLINES]:
            if not is_headline(below.text) or teaser_label(below.text):
                break
            block.append(below)
        heads_a_list = k >= last_text and phrase_key(label) not in _NOT_LIST_HEADINGS
        if len(block) < _MIN_BLOCK_HEADLINES or not heads_a_list:
            block = block[:1] if label.endswith((":", "：")) else []
        for headline in block:
            yield headline, f"headline after the teaser label on line {line.number}"
        skip_until = k + len(block)
