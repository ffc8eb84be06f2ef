"""Fragments at the edges of the article: section labels above it, widgets below it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from ..origins import STRUCTURAL_ORIGINS
from .phrasebook import function_words
from .registry import END, START, WHOLE, register
from .shapes import content, ends_sentence, fold, lazy_compile, line_cache, quote, word_count

# A line this long is article text even without a final full stop.
_MIN_TEXT_WORDS = 15
# Above the first sentence only labels this short go ("Golf", "2 days ago"): the
# headline, usually longer, stays.
_MAX_LEADING_WORDS = 3
# Below the last sentence, related headlines and widget labels run longer.
_MAX_TRAILING_WORDS = 8
# A paragraph this long is the story's body, even alone.
_MIN_BODY_WORDS = 15
# A numbered item ("1. Bayliss (Ducati) 1'32.2") belongs to a real list: a
# results table or a ranking often ends an article.
_NUMBERED_ITEM = lazy_compile(r"\s*\(?\d{1,3}[.)]\s")
# A dateline on a line of its own opens the story: "BAAR, SWITZERLAND",
# "NOUAKCHOTT, Mauritania --".
_DATELINE = lazy_compile(r"[^\W\d_][^,]*,\s*[^\W\d_].*|.*(?:--|[-–—])")
# Sign-offs end a story: "(Reporting by Jane Doe; Editing by Alex Roe)",
# "- Sapa", "— AP", "Jane Doe contributed to this report".
_SIGN_OFF = lazy_compile(
    r"\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|research|translation|"
    r"text|photos?|graphics?|video) by\b.*|.*\bcontributed(?: to)?(?: this)? report(?:ing)?\b.*"
    r"|\s*[-–—]\s*\w.{0,80}",
    re.IGNORECASE,
)
# A list and the line that introduces it: "The main measures are:" then items.
_LIST_ITEM = lazy_compile(r"\s*(?:[-–•*·▪◦●]|\(?\d{1,3}[.)]|[a-z][.)])\s")
# Recipe quantities: "2 cups flour", "1/2 tsp salt", "200 g sugar".
_QUANTITY = lazy_compile(
    r"\s*(?:\d+(?:[/.,]\d+)?|[½¼¾⅓⅔])\s*(?:cups?|tbsps?|tsps?|tablespoons?|teaspoons?|g|kg|mg|ml|l|oz|"
    r"lbs?|pounds?|grams?|cloves?|pinch|cans?|slices?|pieces?|sticks?|bunch|handful)\b",
    re.IGNORECASE,
)
# Below a line ending with a colon, lines this short are the list's items
# ("Team A 24", "Iceland, Bulgaria").
_MAX_LIST_ITEM_WORDS = 8
# A short line with this many function words reads like a sentence: "He was 87".
_MIN_FUNCTION_WORDS = 2
_WORDS = lazy_compile(r"\w+")


@line_cache
def is_text(text: str) -> bool:
    """A sentence, or a line long enough to be a paragraph without its full stop."""
    return ends_sentence(text) or word_count(text) >= _MIN_TEXT_WORDS


def reads_like_sentence(text: str) -> bool:
    """A short line built like a clause ("He was 87", "and then they left"),
    not a label ("Route 6", "Next article")."""
    stop = function_words()
    return sum(word in stop for word in _WORDS.findall(fold(text))) >= _MIN_FUNCTION_WORDS


def _is_fragment(text: str, max_words: int) -> bool:
    return (
        0 < word_count(text) <= max_words  # a line of only punctuation is a separator
        and not ends_sentence(text)
        and not _NUMBERED_ITEM.match(text)
        and not _SIGN_OFF.fullmatch(text)
        and not _QUANTITY.match(text)
        and not reads_like_sentence(text)
    )


def _listed(lines: Sequence[Line], indices: list[int]) -> set[int]:
    """Lines that belong to a list introduced by a line ending with a colon.
    One pass: a colon opens a list, the items that follow stay in it."""
    protected: set[int] = set()
    intro = None  # the colon line whose list is open, until its first item
    open_list = False
    for i in indices:
        text = lines[i].text
        if open_list:
            if _LIST_ITEM.match(text) or _QUANTITY.match(text) or not (
                    is_text(text) or word_count(text) > _MAX_LIST_ITEM_WORDS):
                protected.add(i)
                if intro is not None:
                    protected.add(intro)
                    intro = None
            else:
                open_list, intro = False, None
        if text.rstrip().endswith((":", "：")):
            open_list, intro = True, i
    return protected


# A byline or a timestamp may stand between a headline and the first sentence.
_BYLINE_OR_TIME = lazy_compile(r"(?i)(?:by|von|par|por|di|door|przez)\s.*|.*\b\d{4}\b.*|.*\d{1,2}[:.]\d{2}.*")


@register("leading-junk", reach=START)
def leading_junk(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Short labels before the first sentence ("World", "Golf", "2 days ago", "Article Tools").

    Only lines of at most three words with no final punctuation, above the
    first real sentence; on an HTML page, never a heading or a list item. The line just above that sentence stays when it has
    two words or more (a short headline: "Markets tumble"), and so do datelines
    on a line of their own ("BAAR, SWITZERLAND"). A document with no sentence
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
    protected = _listed(lines, above)
    for i in above:
        if i in protected:
            continue
        text = lines[i].text
        if i == headline:
            continue
        if (_is_fragment(text, _MAX_LEADING_WORDS) and not _DATELINE.fullmatch(text.strip())
                and lines[i].origin not in STRUCTURAL_ORIGINS):
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
    protected = _listed(lines, indices)
    # A short line just above a sentence is its heading ("What happens next").
    protected.update(i for i, j in zip(indices, indices[1:]) if is_text(lines[j].text))
    for i in indices:
        if (i > end and i not in protected and _is_fragment(lines[i].text, _MAX_TRAILING_WORDS)
                and lines[i].origin not in STRUCTURAL_ORIGINS):
            text = lines[i].text
            yield lines[i], f"fragment {quote(text.strip())!r} after the last sentence"


def body_end(lines: Sequence[Line], indices: Sequence[int]) -> int | None:
    """The last line of the story's body: the last of two text lines in a row,
    or the last long paragraph. A lone short sentence below it ("Lol.", a
    comment, a notice) does not extend the body."""
    previous_text = False
    for i in reversed(indices):
        text = lines[i].text
        if is_text(text):
            if previous_text or word_count(text) >= _MIN_BODY_WORDS:
                return _last_text_from(lines, indices, i)
            previous_text = True
        else:
            previous_text = False
    return next((i for i in reversed(indices) if is_text(lines[i].text)), None)


def _last_text_from(lines: Sequence[Line], indices: Sequence[int], i: int) -> int:
    # The pair ends at the later of its two lines.
    later = [j for j in indices if j > i]
    return later[0] if later and is_text(lines[later[0]].text) else i


# body-region: a line's weight is its words if it is text, a small penalty if not.
_FRAGMENT_PENALTY = 2
_MAX_LINE_WEIGHT = 40
# Another block is kept too when it weighs at least this share of the best.
_MIN_BLOCK_SHARE = 0.2
_DIGIT = lazy_compile(r"\d")
_MAX_TABLE_ROW_WORDS = 12


def line_weights(texts: Sequence[str], penalty: float = _FRAGMENT_PENALTY) -> list[float]:
    """Each line's weight in a block of text: its words if it is text, a penalty if not."""
    return [min(word_count(text), _MAX_LINE_WEIGHT) if is_text(text) else -penalty for text in texts]


def heaviest_block(weights: Sequence[float], start: int, stop: int) -> tuple[float, int, int]:
    """The heaviest run of lines in weights[start:stop] (Kadane): (weight, first, last)."""
    best, current, first = (float("-inf"), start, start - 1), 0.0, start
    for i in range(start, stop):
        if current <= 0:
            current, first = weights[i], i
        else:
            current += weights[i]
        if current > best[0]:
            best = (current, first, i)
    return best


def story_span(weights: Sequence[float], share: float = _MIN_BLOCK_SHARE) -> tuple[int, int] | None:
    """From the first to the last line of the blocks of text weighing at least
    ``share`` of the heaviest (see line_weights): where a story stands among
    menus, footers and notices. A block is what heaviest_block finds within a
    stretch of lines whose running weight stays above nothing; all are found
    in one pass. None if no line weighs anything."""
    blocks = []  # (first, last, weight)
    current, first, peak, peak_last = 0.0, 0, float("-inf"), -1
    for i, weight in enumerate(weights):
        if current <= 0:
            if peak > 0:
                blocks.append((first, peak_last, peak))
            current, first, peak, peak_last = weight, i, weight, i
        else:
            current += weight
        if current > peak:
            peak, peak_last = current, i
    if peak > 0:
        blocks.append((first, peak_last, peak))
    if not blocks:
        return None
    least = share * max(weight for _, _, weight in blocks)
    kept = [(first, last) for first, last, weight in blocks if weight >= least]
    return kept[0][0], kept[-1][1]


def _keeps_its_place(text: str) -> bool:
    """Lines that belong to a list or table even far from the text around them."""
    return bool(
        _LIST_ITEM.match(text) or _NUMBERED_ITEM.match(text) or _SIGN_OFF.fullmatch(text)
        or _QUANTITY.match(text) or word_count(text) == 0
        or (_DIGIT.search(text) and word_count(text) <= _MAX_TABLE_ROW_WORDS)
    )


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
        if weight <= 0 or (heaviest is not None and weight < _MIN_BLOCK_SHARE * heaviest):
            continue
        heaviest = weight if heaviest is None else heaviest
        kept.update(range(first, last + 1))
        spans += [(start, first), (last + 1, stop)]
    if heaviest is None:
        return
    position = {i: k for k, i in enumerate(indices)}
    protected = {position[i] for i in _listed(lines, indices)}
    for k, text in enumerate(texts):
        if k not in kept and k not in protected and not _keeps_its_place(text):
            yield lines[indices[k]], "outside the article's blocks of text"
