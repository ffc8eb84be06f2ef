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


# Navigation, which also ends a story: menus, tag lists, pagination.
# Items separated by »  >  ›  |  •  ·  /  →: "Home » Sport » Football", "E-MAIL | PRINT | SHARE".
# A separator's spaces are taken from where their run starts, never from
# inside it, where the search would read the rest of the run at every space.
_MENU_SEPARATOR = lazy_compile(r"(?:(?<!\s)\s++)?(?:»|›|>|\||•|→|::)\s*+|(?<!\s)\s++/\s++")
_DIGIT = lazy_compile(r"\d")
_MENU_MARKS = ("»", "›", ">", "|", "•", "→", "::", " / ")
_URL = lazy_compile(r"(?i)\b(?:https?://|www\.)\S+")
_MIN_MENU_ITEMS = 3
_MAX_ITEM_WORDS = 4
# "Tags: vista, os, microsoft", "Filed under: Politics, Europe", "Themen: ...".
_TAG_LABEL = lazy_compile(
    r"(?i)(?:tags?|tagged|topics?|filed under|categories|category|keywords|related topics|more on|listed under"
    r"|themen|schlagwörter|stichwörter|mots[- ]clés|thèmes|etiquetas|temas|argomenti|tag|trefwoorden"
    r"|tagi|tematy|теги|метки|темы|الوسوم|标签|关键词|タグ|キーワード)\s*[:：]\s*(?P<rest>.+)"
)
_TAG_SEPARATOR = lazy_compile(r"(?:(?<!\s)\s++)?[,;|·•、，]\s*+")
_MIN_TAGS = 2
# "« Previous", "Next »", "← Previous Story", "Page 1 of 2", "1 2 3 Next", "Seite 1 von 2".
# Numbers and their spaces are taken possessively: what follows them is
# never a digit or a space.
_PAGINATION = lazy_compile(
    r"(?i)[«‹←<\s]*(?:previous|prev|next|older|newer|back|forward|zurück|weiter|vorherige|nächste|précédent|suivant"
    r"|anterior|siguiente|próximo|precedente|successivo|vorige|volgende|poprzedni|następny|назад|далее|предыдущая"
    r"|следующая|上一页|下一页|前へ|次へ)(?: (?:story|article|post|page|entry|artikel|article suivant|página))?[\s»›→>]*"  # noqa: E501  (a pattern reads best whole)
    r"|(?:page|seite|página|pagina|strona|страница|page)\s*\d+\s*(?:of|von|de|di|van|z|из|/)\s*\d+"
    r"|(?:[«‹←]\s*+)?(?:\d++\s++){1,12}\d*+\s*+(?:next|more|last|»|›|→|weiter|siguiente|suivant|далее)[\s»›→]*"
    r"|(?:\d++\s++){2,12}\d+"
    r"|\d+\s*/\s*\d+"
)


PAGINATION, TAG_LIST, MENU = "pagination", "tag list", "menu or breadcrumb"
# A pagination line ends with a word, a number or an arrow (see _PAGINATION):
# never with these, so a line of prose need not wait for that pattern.
_NEVER_ENDS_PAGINATION = frozenset(".!?,;:)\"'”’…")


@line_cache
def navigation_kind(text: str) -> str | None:
    """PAGINATION, TAG_LIST or MENU for a line of navigation, else None.

    >>> navigation_kind("Home » Sport » Football")
    'menu or breadcrumb'
    >>> navigation_kind("Tags: a, b, c")
    'tag list'
    >>> navigation_kind("The next step is clear.") is None
    True
    """
    stripped = text.strip()
    words = word_count(stripped)
    if words <= 15 and stripped[-1:] not in _NEVER_ENDS_PAGINATION and _PAGINATION.fullmatch(stripped):
        return PAGINATION
    if words > 40:
        return None
    tags = _TAG_LABEL.fullmatch(stripped) if (":" in stripped or "：" in stripped) else None
    # Two tags at least: "Category: Best picture" alone is as often a subhead.
    if tags and not ends_sentence(tags["rest"]) and word_count(tags["rest"]) <= 25 and (
        len([item for item in _TAG_SEPARATOR.split(tags["rest"]) if item.strip()]) >= _MIN_TAGS
    ):
        return TAG_LIST
    if not any(mark in stripped for mark in _MENU_MARKS) or _URL.search(stripped):
        return None
    items = [item for item in _MENU_SEPARATOR.split(stripped) if item.strip(" -–—:")]
    # Items with numbers are results or scores ("Spain 2 | Italy 1"), not links.
    if len(items) >= _MIN_MENU_ITEMS and all(
        word_count(item) <= _MAX_ITEM_WORDS and not ends_sentence(item) and not _DIGIT.search(item)
        for item in items
    ):
        return MENU
    return None


# A site's copyright line, which also ends a story.
# "© ...", "(c) ...", or the word followed by a year or the sign: "Copyright 2008 ...".
COPYRIGHT_START = lazy_compile(r"(?:©|ⓒ|\(c\)|(?:copyright|copr\.)\s*(?:©|\(c\)|\d{4}\b))", re.IGNORECASE)
_RESERVED = lazy_compile(
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados"
    r"|todos os direitos reservados|tutti i diritti riservati|alle rechten voorbehouden"
    r"|wszelkie prawa zastrzeżone|все права защищены|جميع الحقوق محفوظة|版权所有|版權所有|無断転載",
    re.IGNORECASE,
)
# A notice is short: a longer line is a paragraph about it.
MAX_NOTICE_WORDS = 60


@line_cache
def is_site_copyright(text: str) -> bool:
    """A site's copyright line ("© 2019 Example Media. All rights reserved."):
    it opens with © or "Copyright" and reserves rights. Not a photo's credit
    ("© 2019 Getty Images"), nor a sentence about permissions.

    >>> is_site_copyright("© 2019 Example Media. All rights reserved.")
    True
    >>> is_site_copyright("Copyright law changed in 2019.")
    False
    """
    stripped = text.strip()
    return (word_count(stripped) <= MAX_NOTICE_WORDS and bool(COPYRIGHT_START.match(stripped))
            and bool(_RESERVED.search(stripped)))


# Comment widgets, which also start the comments after a story.
_COMMENT_WORDS = ("comment", "alert", "discussion", "conversation", "report", "flag", "view", "your say",
                  "reaction")
# Comment widgets: "Post a comment", "View Comments", "12 Comments",
# "Comments on this story", "Reader views (5)", "[Offensive? Report this comment.]".
# The brackets and spaces it opens with are taken possessively; "[\w ]+\? "
# could begin with spaces they took, so after a space it may begin empty.
_COMMENT_UI = lazy_compile(
    r"[\s\[(|]*+(?:"
    r"(?:post|add|leave|write|view|show|read|hide|see|load|display|submit|sign in to|log in to)"
    r"(?: all| the)?(?: a| your| new| my)? (?:comments?|views?)"
    r"|\d[\d,.]*\s*comments?|comments?(?: \(\d+\))?|no comments(?: yet)?"
    r"|(?:comments?|comment) on this (?:story|article|post|entry|report)"
    r"|(?:readers?'?|your) (?:views|comments|reactions)(?: \(\d+\))?|have your say"
    r"|be the first to comment|join the (?:discussion|conversation)"
    r"|(?:(?<= )[\w ]*+\? )?(?:[\w ]++\? )*+(?:report|flag) (?:this )?(?:comment|post|abuse)|inappropriate\? alert us"
    r")[\s.!:\])]*"
)


@line_cache
def is_comment_widget(text: str) -> bool:
    """A comment section's own line: "12 Comments", "Leave a comment", "Report abuse"."""
    folded = fold(text).strip()
    return (word_count(folded) <= 8 and any(word in folded for word in _COMMENT_WORDS)
            and bool(_COMMENT_UI.fullmatch(folded)))


# Opening brackets and spaces possessive: nothing after them needs them back.
_COMMENT_PROMPT = lazy_compile(
    r"[\s\[(|]*+(?:(?:post|add|leave|write|view|show|read|load|submit|sign in to|log in to)\b.*"
    r"|be the first\b.*|join the\b.*|comments? on this\b.*|.*\d.*)"
)


def is_comment_prompt(text: str) -> bool:
    """A comment widget that no subhead reads like: it counts ("12 Comments")
    or asks ("Leave a comment"). A bare "Comments" may head a section of a story."""
    return is_comment_widget(text) and bool(_COMMENT_PROMPT.fullmatch(fold(text).strip()))
