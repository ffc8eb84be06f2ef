"""Navigation: breadcrumbs, menus, tag lists and pagination."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from .registry import register
from .shapes import ends_sentence, lazy_compile, line_cache, quote, word_count

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
    if words <= 15 and _PAGINATION.fullmatch(stripped):
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


def navigation_reason(text: str) -> str | None:
    kind = navigation_kind(text)
    return f"{kind} {quote(text.strip())!r}" if kind else None


@register("navigation", local=True)
def navigation(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Breadcrumbs, menus, tag lists and pagination ("Home » Sport » Football", "Tags: a, b", "Next »").

    A menu is three or more short items separated by », >, |, • or /; a tag
    list is a label ("Tags:", "Filed under:", "Themen:") with a short list
    after it; pagination is "Page 1 of 2", "1 2 3 Next", "« Previous". A line
    of prose with a slash or a bar in it has longer parts and stays.
    """
    for line in lines:
        if line.text:
            reason = navigation_reason(line.text)
            if reason:
                yield line, reason
