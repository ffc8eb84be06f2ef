"""Bylines, timestamps and read times above the article."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from .predicates import is_text
from .registry import START, register
from .shapes import content, fold, lazy_compile, quote, word_count

# Words a timestamp line is made of, in several languages; with numbers and
# separators they are the whole line: "Published 11:11 PM EST Nov 19, 2019".
_DATE_WORDS = frozenset("""
published updated posted last modified created date time at on by am pm a.m p.m gmt utc bst cet
cest est edt pst pdt cst cdt mst mdt et pt ct ist jst aest aedt nzst hkt sgt nt ast adt hst akst
â
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july
august september october november december mon tue tues wed thu thur thurs fri sat sun monday
tuesday wednesday thursday friday saturday sunday today yesterday ago just now hour hours hr hrs
st nd rd th
minute minutes min mins second seconds day days week weeks month months year years read reading
veröffentlicht aktualisiert uhr am um stand januar februar märz mai juni juli oktober dezember
montag dienstag mittwoch donnerstag freitag samstag sonntag publié mis à jour le à h janvier
février mars avril juin juillet août septembre octobre novembre décembre lundi mardi mercredi
jeudi vendredi samedi dimanche publicado actualizado el de a las enero febrero marzo abril mayo
junio julio agosto septiembre setiembre octubre noviembre diciembre lunes martes miércoles
jueves viernes sábado domingo atualizado em às janeiro fevereiro março maio junho julho agosto
setembro outubro novembro dezembro pubblicato aggiornato il alle gennaio febbraio aprile maggio
giugno luglio settembre ottobre dicembre gepubliceerd bijgewerkt om januari februari maart mei
juni juli augustus opublikowano aktualizacja stycznia lutego marca kwietnia maja czerwca lipca
sierpnia września października listopada grudnia опубликовано обновлено января февраля марта
апреля мая июня июля августа сентября октября ноября декабря в г года
""".split())
_TOKEN = lazy_compile(r"[^\W\d_]+\.?|\d+")
_YEAR_OR_TIME = lazy_compile(r"\b(?:1[89]|20)\d\d\b|\d{1,2}[:.]\d{2}|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
# "By Jane Doe", "By: Bob Harvey", "By Andy Sahadeo | Fox News", "Von Hans Meier".
# One way only to read a line: a run of spaces and a word are taken whole, and
# "-" is a word ("-" as a word of its own too made it 2**n ways on " - - -").
_BY = lazy_compile(
    r"(?i:by|von|par|por|di|door|przez|av|af|автор|текст|фото)(?:\s*+:)?\s++"
    r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*|de|van|von|da|di|le|la|del|and|und|et|y|e|&|,|\|)"
    r"(?:\s++(?:[\w'’.-]++|[&,|·]))*+"
)
# Spaces possessive: what follows them is never a space.
_READ_TIME = lazy_compile(
    r"(?i)\d++\s*+-?(?:min(?:ute)?s?|мин(?:ут[аы]?)?\.?)\s*+(?:read|reading|de lecture|lesezeit|lectura|leitura|lettura|чтения)?"  # noqa: E501  (a pattern reads best whole)
    r"|(?:reading time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura|tempo di lettura|время чтения)\s*+:?\s*+\d+.*"  # noqa: E501  (a pattern reads best whole)
)
# "Staff and agencies", "Staff Reports", "Staff writer": house bylines.
# "Palm Beach Post Staff Writer": a house byline after the paper's name.
_STAFF = lazy_compile(
    r"(?i)(?:from )?(?:[\w.'’&-]+\s+){0,5}?(?:staff and agencies|staff reports?|staff writers?|agencies"
    r"|wire services|news desk|web desk)"
)
# "Associated Press - January 16, 2008 12:55 PM ET": a source's name (up to
# four capitalised words), then a timestamp. "Storm hits the coast - May 5" is a headline.
_SOURCE_AND_TIME = lazy_compile(
    r"(?P<source>(?:(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’&]*|of|the|and|&)\s+){0,3}[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’&]*)"
    r"\s+[-–—|]\s+(?P<time>.+)"
)
_MAX_BYLINE_WORDS = 12


def byline_reason(text: str) -> str | None:
    """Why a line above the article is a byline, timestamp or read time.

    >>> byline_reason("5 min read")
    "read time '5 min read'"
    >>> byline_reason("By the river, the town slept.") is None
    True
    """
    stripped = text.strip()
    words = word_count(stripped)
    if words > _MAX_BYLINE_WORDS or stripped.endswith((".", "!", "?")) and words > 6:
        return None
    if _READ_TIME.fullmatch(stripped):
        return f"read time {quote(stripped)!r}"
    if _STAFF.fullmatch(stripped):
        return f"byline {quote(stripped)!r}"
    if _BY.fullmatch(stripped):
        return f"byline {quote(stripped)!r}"
    # "Posted: January 06, 2008, 4:30 PM by Michael Traikos": a time and a byline.
    when, by, who = stripped.rpartition(" by ")
    if by and when and _BY.fullmatch("by " + who):
        stripped = when
    if _is_timestamp(stripped):
        return f"timestamp {quote(stripped)!r}"
    sourced = _SOURCE_AND_TIME.fullmatch(stripped)
    if sourced and _is_timestamp(sourced["time"]):
        return f"source and timestamp {quote(text.strip())!r}"
    return None


def _is_timestamp(text: str) -> bool:
    """Date words, numbers and separators only, with a year or a time, or
    with "ago", "updated" or "published"."""
    tokens = _TOKEN.findall(fold(text))
    if not tokens or not all(token.isdigit() or token.rstrip(".") in _DATE_WORDS for token in tokens):
        return False
    return bool(_YEAR_OR_TIME.search(text)) or any(word in tokens for word in ("ago", "updated", "published"))


@register("bylines", reach=START)
def bylines(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Bylines, timestamps and read times above the story ("By Jane Doe", "Updated 11:11", "5 min read").

    Only above the first real sentence, where they introduce the story; a date
    inside the article (a timeline) stays. A dateline that opens the first
    paragraph ("WASHINGTON (Reuters) - ...") is part of the sentence and stays.
    """
    indices = content(lines)
    first_text = next((i for i in indices if is_text(lines[i].text)), None)
    if first_text is None:
        return
    for i in indices:
        if i >= first_text:
            break
        reason = byline_reason(lines[i].text)
        if reason:
            yield lines[i], reason
