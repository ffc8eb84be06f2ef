"""Standalone photo and agency credit lines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from .registry import register
from .shapes import alternation, fold, line_cache, quote, word_count

# Photo agencies and wire services that sign pictures. A line made only of these
# (with photographers' names and separators) is a credit, not text.
AGENCIES = [
    "reuters", "ap", "ap photo", "associated press", "the associated press", "afp",
    "agence france-presse", "getty", "getty images", "epa", "epa-efe", "efe", "dpa",
    "ansa", "anadolu", "anadolu agency", "xinhua", "tass", "ria novosti", "kyodo",
    "yonhap", "pa", "pa images", "pa wire", "pa media", "press association",
    "shutterstock", "imago", "imago images", "unsplash", "alamy", "istock",
    "istockphoto", "corbis", "sipa", "sipa press", "rex", "rex features",
    "rex/shutterstock", "aap", "the canadian press", "canadian press", "pti", "ians",
    "ani", "andina", "télam", "pap", "čtk", "ntb", "agencja gazeta", "wenn",
    "splash news", "zuma", "zuma press", "zuma wire", "abaca", "abacapress",
    "bloomberg", "picture alliance", "picture-alliance", "keystone", "belga", "anp",
    "tt", "lusa", "europa press", "photoshot", "newscom",
    "nurphoto", "sopa images", "lightrocket", "scanpix", "leta", "bbc", "nasa",
    "ap images", "afp photo", "reuters/file",
]
# Words that travel with an agency name: "AP Photo", "Reuters file", "via".
_CREDIT_WORDS = [
    "photo", "photos", "file", "file photo", "image", "images", "pictures", "video",
    "via", "for", "and", "handout", "pool", "staff", "contributor", "courtesy",
]
# Labels that open a credit line when a colon, bar or slash follows: "Photo: ...".
LABELS = [
    "photo", "photos", "photograph", "photography", "picture", "pictures", "pic",
    "image", "images", "image credit", "image credits", "image source", "credit",
    "credits", "photo credit", "main image credit", "foto", "fotos", "bild", "bilder",
    "kuva", "crédit", "crédits", "crédit photo", "crédits photo", "crédits photos",
    "фото", "фото в анонсе", "иллюстрация", "图片来源", "图片", "写真", "صورة",
    "submitted photo", "file photo", "file", "source image",
]
# Labels unambiguous enough to open a credit with just a space: "Image copyright EPA".
SPACED_LABELS = [
    "image copyright", "photo by", "photos by", "photographs by", "picture by",
    "pictures by", "image by", "images by", "courtesy of", "photo courtesy of",
    "photo courtesy", "photo credit", "image credit", "picture credit", "fot.",
    "submitted photo", "photo illustration by",
]

_CI = "(?i:{})".format
_AGENCY = _CI(alternation(AGENCIES))
_CREDIT_WORD = _CI(alternation(_CREDIT_WORDS))
# A photographer's name: up to four capitalised or upper-case words.
_NAME = r"(?:[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3})"
_SEP = r"\s*(?:/|\||,|;|-|–|—|" + _CI(r"\bvia\b|\bfor\b|\band\b") + r"|&)\s*"
_PART = rf"(?:{_CREDIT_WORD}\s+)?{_AGENCY}(?:\s+{_CREDIT_WORD})*|{_NAME}"
# Whole-line agency credit: parts separated by /, |, "via" ..., at least one an agency.
_AGENCY_LINE = re.compile(rf"(?:{_CREDIT_WORD}\s*:?\s*)?(?:{_PART})(?:{_SEP}(?:{_PART}))*\.?")
_HAS_AGENCY = re.compile(rf"(?<!\w){_AGENCY}(?!\w)")
# "Photo: Jane Doe, AP", "(Image credit: NASA)", "Image copyright EPA".
_LABELLED = re.compile(
    rf"(?:(?:{alternation(LABELS)})\s*[:：|/]|(?:{alternation(SPACED_LABELS)})\s)\s*(?P<rest>.+)"
)
_BRACKETS = re.compile(r"^[(\[【]\s*(?P<inner>.*?)\s*[)\]】]\.?$")
# A credit is short; a longer line with a label is a sentence about photos.
_MAX_CREDIT_WORDS = 12
_MAX_CREDIT_CHARS = 200


@line_cache
def credit_reason(text: str) -> str | None:
    """Why ``text`` is a standalone credit line, or None if it is not one."""
    stripped = text.strip()
    if len(stripped) > _MAX_CREDIT_CHARS:
        return None
    bracketed = _BRACKETS.match(stripped)
    if bracketed:
        stripped = bracketed.group("inner")
    if not stripped or word_count(stripped) > _MAX_CREDIT_WORDS:
        return None
    if stripped.startswith("©"):
        rest = stripped[1:].strip()
        if _AGENCY_LINE.fullmatch(rest) and _HAS_AGENCY.search(rest):
            return f"agency credit {quote(text.strip())!r}"
        return None
    if _AGENCY_LINE.fullmatch(stripped) and _HAS_AGENCY.search(stripped):
        return f"agency credit {quote(text.strip())!r}"
    labelled = _LABELLED.fullmatch(fold(stripped))
    if labelled and not _looks_like_sentence(labelled.group("rest")):
        return f"photo credit {quote(text.strip())!r}"
    return None


def _looks_like_sentence(rest: str) -> bool:
    # "Photo: Jane Doe" is a credit; "Photos show the damage was worse than
    # feared." is text. A credit's rest is a few names, not a clause.
    return word_count(rest) > 8 or rest.rstrip().endswith((".", "!", "?")) and word_count(rest) > 4


@register("credits")
def credits(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Standalone photo and agency credit lines ("Reuters", "AP Photo/Jane Doe", "Photo: ...").

    The whole line must be a credit: agency names with photographers' names and
    separators, or a credit label ("Photo:", "Image copyright", "Foto:") with a
    short rest. Datelines such as "WASHINGTON (Reuters) - ..." are text and stay.
    """
    for line in lines:
        if line.text:
            reason = credit_reason(line.text)
            if reason:
                yield line, reason
