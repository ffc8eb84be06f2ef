"""Notices around the story: copyright and syndication, author contacts, affiliate disclosures."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from .predicates import COPYRIGHT_START, MAX_NOTICE_WORDS
from .registry import END, line_filter, register
from .shapes import content, fold, in_order, lazy_compile, line_cache, quote, word_count

_YEAR = lazy_compile(r"\b(?:19|20)\d\d\b")
_RIGHTS = lazy_compile(
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados"
    r"|todos os direitos reservados|tutti i diritti riservati|alle rechten voorbehouden"
    r"|wszelkie prawa zastrzeżone|все права защищены|جميع الحقوق محفوظة|版权所有|版權所有|無断転載|禁止转载"
    r"|무단전재|재배포 금지|may not be (?:re)?published|may not be reproduced|without (?:prior )?(?:written )?permission"  # noqa: E501  (a pattern reads best whole)
    r"|may not be (?:copied|redistributed|rewritten)",
    re.IGNORECASE,
)
# "This article was originally published by ...", "Brought to you by ...".
_SYNDICATION = lazy_compile(
    r"(?:this (?:article|story|post|piece|content) (?:was |is )?(?:originally|first) (?:published|appeared|posted)"
    r"|(?:originally|first) (?:published|appeared|posted) (?:on|in|at|by)\b"
    r"|this (?:article|story) (?:is|was) (?:republished|reproduced|syndicated) from"
    r"|(?:brought to you|presented|sponsored) by\b)",
    re.IGNORECASE,
)
# Notices in two parts with anything between: "Distributed by Tribune Content
# Agency", "Sign up to receive our daily newsletter".
_SYNDICATION_PAIRS = (
    (lazy_compile(r"distributed by\b", re.IGNORECASE), lazy_compile(r"\bcontent (?:agency|services?)", re.IGNORECASE)),
    (lazy_compile(r"(?:sign up|subscribe) to (?:receive|get) (?:our|the) ", re.IGNORECASE),
     lazy_compile(r" newsletter", re.IGNORECASE)),
)
# Bounded parts keep the search linear on a long line with no "@" in it.
_EMAIL = lazy_compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_HANDLE = lazy_compile(r"(?:^|\s)@\w{2,30}")
# "Write to Al Root at allen.root@dowjones.com", "Jane can be reached at ...".
_CONTACT = lazy_compile(
    r"(?:write to|contact|email|e-mail|reach|follow)\s+\S.*\b(?:at|on|via)\b"
    r"|.*\b(?:can|may) be (?:reached|contacted|emailed)\b"
    r"|.*\b(?:follow (?:her|him|them) on|is on twitter)\b",
    re.IGNORECASE,
)
_MAX_CONTACT_WORDS = 30
# Author notes come last: only the final lines are considered.
_TAIL_LINES = 8
# A disclosure anywhere in the line: "We may earn a commission", "Als Amazon-Partner ...".
_AFFILIATE = lazy_compile(
    r"\b(?:affiliate (?:links?|commission|partner)|(?:may|might|will|could) (?:earn|get|receive|make)"
    r" (?:a |an )?(?:small )?(?:share|commission|affiliate)|earns? (?:a )?commission"
    r"|as an amazon associate|commission (?:from|on) (?:qualifying )?(?:purchases|sales)"
    r"|liens? (?:d'affiliation|affiliés)|enlaces? de afiliados?)\b",
    re.IGNORECASE,
)
# "Für Käufe über diese Links erhalten wir eine Provision": two parts, anything between.
_AFFILIATE_PAIR = (
    lazy_compile(r"\b(?:provision|partnerlinks?|affiliate-links?)\b", re.IGNORECASE),
    lazy_compile(r"\b(?:erhalten|bekommen|verdienen)\b", re.IGNORECASE),
)
_MAX_AFFILIATE_WORDS = 50


@line_cache
def syndication_reason(text: str) -> str | None:
    stripped = text.strip()
    words = word_count(stripped)
    if words > MAX_NOTICE_WORDS:
        return None
    if COPYRIGHT_START.match(stripped) and (_YEAR.search(stripped) or _RIGHTS.search(stripped) or words <= 8):
        return f"copyright line {quote(stripped)!r}"
    if _RIGHTS.search(stripped) and (words <= 30 or COPYRIGHT_START.search(stripped)):
        return f"copyright line {quote(stripped)!r}"
    if _is_syndication(stripped, anchored=True) or (words <= 25 and _is_syndication(stripped)):
        return f"syndication line {quote(stripped)!r}"
    return None


def _is_syndication(text: str, anchored: bool = False) -> bool:
    """A syndication notice in the line (opening it, when anchored)."""
    if _SYNDICATION.match(text) if anchored else _SYNDICATION.search(text):
        return True
    return any(in_order(text, first, then, anchored) for first, then in _SYNDICATION_PAIRS)


@line_filter("syndication", default=False)
def syndication(text: str) -> str | None:
    """Copyright and syndication lines ("© 2019 Hearst Communications, Inc.", "Originally published ...").

    A line that opens with ©, (c) or "Copyright" and names a year or reserves
    rights, a rights notice in several languages, or a note that the story
    first appeared elsewhere. News about copyright ("Copyright lawyers said
    ...") names no year and reserves nothing, and stays. Off by default:
    human gold standards keep agency copyright lines as part of the story.

    >>> syndication("© 2019 Example Media. All rights reserved.")
    "copyright line '© 2019 Example Media. All rights reserved.'"
    >>> syndication("Copyright lawyers said the case would take years.") is None
    True
    """
    return syndication_reason(text)


@register("author-notes", reach=END)
def author_notes(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Author contacts at the end ("Write to Al Root at al.root@example.com", a lone e-mail or @handle).

    Only among the last lines, and only contact shapes: "Keith Bradsher
    contributed reporting from Hong Kong." is part of the story and stays.
    """
    for i in content(lines)[-_TAIL_LINES:]:
        text = lines[i].text.strip()
        words = word_count(text)
        if words > _MAX_CONTACT_WORDS or len(text) > 400:
            continue
        email, handle = _EMAIL.search(text), _HANDLE.search(text)
        bare = _EMAIL.sub("", _HANDLE.sub("", text)).strip(" .,;:|()[]<>-–—") if email or handle else text
        is_contact = (
            ((email or handle) and (not bare or _CONTACT.match(text)))  # an address, or "Write to X at ..."
            or (email and words <= 6)
            or (_CONTACT.fullmatch(text) and (email or handle or words <= 15))
        )
        if is_contact:
            yield lines[i], f"author contact {quote(text)!r}"


@line_filter("affiliate", default=False)
def affiliate(text: str) -> str | None:
    """Affiliate disclosures ("If you buy something through this post, we may get a share of the sale.").

    A short line that says links earn a commission; a story about affiliate
    marketing is longer and stays. Off by default: publishers' own texts (and
    human gold standards) keep disclosures as part of the article.

    >>> affiliate("We may earn a commission if you buy through our links.")
    "affiliate disclosure 'We may earn a commission if you buy through our links.'"
    >>> affiliate("The firm paid a commission to its agents.") is None
    True
    """
    if word_count(text) <= _MAX_AFFILIATE_WORDS and _is_affiliate(fold(text)):
        return f"affiliate disclosure {quote(text.strip())!r}"
    return None


def _is_affiliate(folded: str) -> bool:
    return bool(_AFFILIATE.search(folded)) or in_order(folded, *_AFFILIATE_PAIR)
