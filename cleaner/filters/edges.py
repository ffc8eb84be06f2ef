"""Fragments at the edges of the article: section labels above it, widgets below it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from ..origins import is_structural
from .predicates import (
    LIST_ITEM,
    MIN_BLOCK_SHARE,
    NUMBERED_ITEM,
    QUANTITY,
    SIGN_OFF,
    body_end,
    heaviest_block,
    is_fragment,
    is_text,
    line_weights,
    listed_lines,
)
from .registry import END, START, WHOLE, register
from .shapes import content, lazy_compile, quote, word_count

# Above the first sentence only labels this short go ("Golf", "2 days ago"): the
# headline, usually longer, stays.
_MAX_LEADING_WORDS = 3
# Below the last sentence, related headlines and widget labels run longer.
_MAX_TRAILING_WORDS = 8
# A dateline on a line of its own opens the story: "BAAR, SWITZERLAND",
# "NOUAKCHOTT, Mauritania --".
_DATELINE = lazy_compile(r"[^\W\d_][^,]*,\s*[^\W\d_].*|.*(?:--|[-–—])")
# A byline or a timestamp may stand between a headline and the first sentence.
_BYLINE_OR_TIME = lazy_compile(r"(?i)(?:by|von|par|por|di|door|przez)\s.*|.*\b\d{4}\b.*|.*\d{1,2}[:.]\d{2}.*")


@register("leading-junk", reach=START)
def leading_junk(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Short labels before the first sentence ("World", "Golf", "2 days ago", "Article Tools").

    Only lines of at most three words with no final punctuation, above the
    first real sentence; on an HTML page, never a heading or a list item. The
    line just above that sentence stays when it has two words or more (a
    short headline: "Markets tumble"), and so do datelines on a line of their
    own ("BAAR, SWITZERLAND"). A document with no sentence
    at all is left alone.
    """
    indices = content(lines)
    first_text = next((i for i in indices if is_text(lines[i].text)), None)
    if first_text is None:
        return
    # The line just above the first sentence (bylines and times aside) is most
    # often a short headline.
    above = [i for i in indices if i < first_text]
    candidates = [i for i in above if not _BYLINE_OR_TIME.fullmatch(lines[i].text.strip())]
    headline = candidates[-1] if candidates and word_count(lines[candidates[-1]].text) >= 2 else None
    protected = listed_lines(lines, above)
    for i in above:
        if i in protected:
            continue
        text = lines[i].text
        if i == headline:
            continue
        if (is_fragment(text, _MAX_LEADING_WORDS) and not _DATELINE.fullmatch(text.strip())
                and not is_structural(lines[i].origin)):
            yield lines[i], f"fragment {quote(text.strip())!r} before the first sentence"


@register("trailing-junk", reach=END)
def trailing_junk(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Short fragments after the last real sentence ("Route 6", "Next article", "1 2 3 Next").

    Only the very end of the document, only lines of at most eight words with
    no final punctuation (tags, widget labels, related headlines, pagination).
    Lines built like a clause ("He was 87"), sign-offs ("(Reporting by ...)"),
    numbered items, recipe quantities and lists introduced by a line ending in
    a colon stay, and so do a page's headings and list items (a review's pros
    and cons) and a document with no sentence at all.
    """
    indices = content(lines)
    end = body_end(lines, indices)
    if end is None:
        return
    protected = listed_lines(lines, indices)
    # A short line just above a sentence is its heading ("What happens next").
    protected.update(i for i, j in zip(indices, indices[1:]) if is_text(lines[j].text))
    for i in indices:
        if (i > end and i not in protected and is_fragment(lines[i].text, _MAX_TRAILING_WORDS)
                and not is_structural(lines[i].origin)):
            text = lines[i].text
            yield lines[i], f"fragment {quote(text.strip())!r} after the last sentence"


def _keeps_its_place(text: str) -> bool:
    """Lines that belong to a list or table even far from the text around them."""
    return bool(
        LIST_ITEM.match(text) or NUMBERED_ITEM.match(text) or SIGN_OFF.fullmatch(text)
        or QUANTITY.match(text) or word_count(text) == 0
        or (_DIGIT.search(text) and word_count(text) <= _MAX_TABLE_ROW_WORDS)
    )


_DIGIT = lazy_compile(r"\d")
_MAX_TABLE_ROW_WORDS = 12


@register("body-region", default=False, reach=WHOLE)
def body_region(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Lines outside the article's blocks of text, for whole-page text with menus and footers.

    Each line weighs its words if it is text and a small penalty if not; the
    heaviest run of lines is the body, and other runs at least a fifth as
    heavy are kept too (a story split by a gallery). Lines outside them go,
    except list items, table rows, sign-offs and lists introduced by a colon.
    Off by default: on scraped article text it takes more real lines (short
    tables and lists far from the text) than the other filters.
    """
    indices = content(lines)
    texts = [lines[i].text for i in indices]
    weights = line_weights(texts)
    kept: set[int] = set()
    spans = [(0, len(texts))]
    heaviest = None
    while spans:
        start, stop = spans.pop()
        if start >= stop:
            continue
        weight, first, last = heaviest_block(weights, start, stop)
        if weight <= 0 or (heaviest is not None and weight < MIN_BLOCK_SHARE * heaviest):
            continue
        heaviest = weight if heaviest is None else heaviest
        kept.update(range(first, last + 1))
        spans += [(start, first), (last + 1, stop)]
    if heaviest is None:
        return
    position = {i: k for k, i in enumerate(indices)}
    protected = {position[i] for i in listed_lines(lines, indices)}
    for k, text in enumerate(texts):
        if k not in kept and k not in protected and not _keeps_its_place(text):
            yield lines[indices[k]], "outside the article's blocks of text"
