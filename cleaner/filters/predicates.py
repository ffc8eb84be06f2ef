"""Predicates that several filters (and the line model's features) share:
whether a line is text or a fragment, lists introduced by a colon, where the
story's body ends, and the weights and blocks of text that find the story.
Filters import these, never each other."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Line
from .phrasebook import function_words
from .shapes import ends_sentence, fold, lazy_compile, line_cache, word_count

# A line this long is article text even without a final full stop.
_MIN_TEXT_WORDS = 15


# A paragraph this long is the story's body, even alone.
_MIN_BODY_WORDS = 15
# A numbered item ("1. Bayliss (Ducati) 1'32.2") belongs to a real list: a
# results table or a ranking often ends an article.
NUMBERED_ITEM = lazy_compile(r"\s*\(?\d{1,3}[.)]\s")


# Sign-offs end a story: "(Reporting by Jane Doe; Editing by Alex Roe)",
# "- Sapa", "— AP", "Jane Doe contributed to this report".
SIGN_OFF = lazy_compile(
    r"\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|research|translation|"
    r"text|photos?|graphics?|video) by\b.*|.*\bcontributed(?: to)?(?: this)? report(?:ing)?\b.*"
    r"|\s*[-–—]\s*\w.{0,80}",
    re.IGNORECASE,
)
# A list and the line that introduces it: "The main measures are:" then items.
LIST_ITEM = lazy_compile(r"\s*(?:[-–•*·▪◦●]|\(?\d{1,3}[.)]|[a-z][.)])\s")
# Recipe quantities: "2 cups flour", "1/2 tsp salt", "200 g sugar".
QUANTITY = lazy_compile(
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
    """A sentence, or a line long enough to be a paragraph without its full stop.

    >>> is_text("He left.")
    True
    >>> is_text("Route 6")
    False
    """
    return ends_sentence(text) or word_count(text) >= _MIN_TEXT_WORDS


def reads_like_sentence(text: str) -> bool:
    """A short line built like a clause ("He was 87", "and then they left"),
    not a label ("Route 6", "Next article").

    >>> reads_like_sentence("He was 87")
    True
    >>> reads_like_sentence("Next article")
    False
    """
    stop = function_words()
    return sum(word in stop for word in _WORDS.findall(fold(text))) >= _MIN_FUNCTION_WORDS


def is_fragment(text: str, max_words: int) -> bool:
    """A short label, not a sentence, list item, sign-off or quantity ("Route 6").

    >>> is_fragment("Route 6", 8)
    True
    >>> is_fragment("He was 87", 8)  # built like a clause
    False
    >>> is_fragment("1. Bayliss (Ducati)", 8)  # a numbered item
    False
    """
    return (
        0 < word_count(text) <= max_words  # a line of only punctuation is a separator
        and not ends_sentence(text)
        and not NUMBERED_ITEM.match(text)
        and not SIGN_OFF.fullmatch(text)
        and not QUANTITY.match(text)
        and not reads_like_sentence(text)
    )


def listed_lines(lines: Sequence[Line], indices: list[int]) -> set[int]:
    """Lines that belong to a list introduced by a line ending with a colon.
    One pass: a colon opens a list, the items that follow stay in it."""
    protected: set[int] = set()
    intro = None  # the colon line whose list is open, until its first item
    open_list = False
    for i in indices:
        text = lines[i].text
        if open_list:
            if LIST_ITEM.match(text) or QUANTITY.match(text) or not (
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


# A line's weight in a block of text: its words if it is text, a small penalty if not.
_FRAGMENT_PENALTY = 2
_MAX_LINE_WEIGHT = 40
# Another block is kept too when it weighs at least this share of the best.
MIN_BLOCK_SHARE = 0.2


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


def story_span(weights: Sequence[float], share: float = MIN_BLOCK_SHARE) -> tuple[int, int] | None:
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


# A headline is a short line that does not end like a sentence.
_MAX_HEADLINE_WORDS = 25


def is_headline(text: str) -> bool:
    """A short line that opens like a title and does not end with a full stop
    (it may end in ? or !). "the unions said they would strike again" opens in
    lower case: a clause, not a headline.

    >>> is_headline("Markets tumble as oil jumps")
    True
    >>> is_headline("the unions said they would strike")
    False
    """
    stripped = text.strip().lstrip("\"'“‘«„")
    if not stripped or word_count(stripped) > _MAX_HEADLINE_WORDS:
        return False
    if stripped[0].islower():
        return False
    return not ends_sentence(stripped) or stripped.rstrip("\"'”’»)]").endswith(("?", "!"))
