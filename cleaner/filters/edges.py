"""Fragments at the edges of the article: section labels above it, widgets below it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from .registry import register
from .shapes import content, ends_sentence, quote, word_count

# A line this long is article text even without a final full stop.
_MIN_TEXT_WORDS = 15
# Above the first sentence only labels this short go ("Golf", "2 days ago"): the
# headline, usually longer, stays.
_MAX_LEADING_WORDS = 3
# Below the last sentence, related headlines and widget labels run longer.
_MAX_TRAILING_WORDS = 8
# A numbered item ("1. Bayliss (Ducati) 1'32.2") belongs to a real list: a
# results table or a ranking often ends an article.
_NUMBERED_ITEM = re.compile(r"\s*\(?\d{1,3}[.)]\s")
# A dateline on a line of its own opens the story: "BAAR, SWITZERLAND",
# "NOUAKCHOTT, Mauritania --".
_DATELINE = re.compile(r"[^\W\d_][^,]*,\s*[^\W\d_].*|.*(?:--|[-–—])")


def is_text(text: str) -> bool:
    """A sentence, or a line long enough to be a paragraph without its full stop."""
    return ends_sentence(text) or word_count(text) >= _MIN_TEXT_WORDS


def _is_fragment(text: str, max_words: int) -> bool:
    return (
        word_count(text) <= max_words
        and not ends_sentence(text)
        and not _NUMBERED_ITEM.match(text)
    )


@register("leading-junk")
def leading_junk(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Short labels before the first sentence ("World", "Golf", "2 days ago", "Article Tools").

    Only lines of at most three words with no final punctuation, above the
    first real sentence. The line just above that sentence stays when it has
    two words or more (a short headline: "Markets tumble"), and so do datelines
    on a line of their own ("BAAR, SWITZERLAND"). A document with no sentence
    at all is left alone.
    """
    indices = content(lines)
    first_text = next((i for i in indices if is_text(lines[i].text)), None)
    if first_text is None:
        return
    # The line just above the first sentence is most often a short headline.
    above = [i for i in indices if i < first_text]
    headline = above[-1] if above and word_count(lines[above[-1]].text) >= 2 else None
    for i in above:
        text = lines[i].text
        if i == headline:
            continue
        if _is_fragment(text, _MAX_LEADING_WORDS) and not _DATELINE.fullmatch(text.strip()):
            yield lines[i], f"fragment {quote(text.strip())!r} before the first sentence"


@register("trailing-junk")
def trailing_junk(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Short fragments after the last real sentence ("Route 6", "Next article", "1 2 3 Next").

    Only the very end of the document, only lines of at most eight words with
    no final punctuation (tags, widget labels, related headlines, pagination).
    A short last line that is a sentence ("He was 87.") stays, numbered list
    items stay, and so does a document with no sentence at all.
    """
    indices = content(lines)
    last_text = next((i for i in reversed(indices) if is_text(lines[i].text)), None)
    if last_text is None:
        return
    for i in indices:
        if i > last_text and _is_fragment(lines[i].text, _MAX_TRAILING_WORDS):
            text = lines[i].text
            yield lines[i], f"fragment {quote(text.strip())!r} after the last sentence"
