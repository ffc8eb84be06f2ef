"""Photo captions and their credits: standalone credit lines, and captions
printed twice (alt text and figcaption, gallery and inline figure) with
credit lines between the copies."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..document import Line
from .predicates import is_text
from .registry import line_filter, register
from .shapes import alternation, ends_sentence, first_word, fold, key, lazy_compile, line_cache, quote, word_count

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
# Labels that open a credit line when a colon follows: "Photo: ...".
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

_AGENCY_SET = frozenset(AGENCIES)
_CREDIT_WORD_SET = frozenset(_CREDIT_WORDS)
# Separators between the parts of a credit: "AP Photo/Jane Doe", "X | Bloomberg |
# Getty Images", "AFP via Getty Images", "EPA-EFE/JANE DOE".
# A separator's spaces are taken from where their run starts, never from
# inside it, where the search would read the rest of the run at every space.
_SEPARATOR = lazy_compile(
    r"(?:(?<!\s)\s++)?[/|,;\-–—&]\s*+|(?<!\s)\s++(?:via|for|and)\s++", re.IGNORECASE
)
# A photographer's name: one to four capitalised or upper-case words.
_NAME = lazy_compile(r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|da|van|von|del|di|le|la|bin|al)){0,4}")
_LEADING_WORD = lazy_compile(r"(?i)(?:photo|photos|file|image|images|picture|pictures|foto)\s*:\s*")
# "Photo: Jane Doe, AP", "(Image credit: NASA)": a label, a colon, a short rest.
_LABELLED = lazy_compile(rf"(?:{alternation(LABELS)})\s*[:：]\s*(?P<rest>.+)")
# "Image copyright EPA", "Photo by Kevin Mazur": labels that need no colon.
_SPACED = lazy_compile(rf"(?:{alternation(SPACED_LABELS)})\s+(?P<rest>.+)")
_OPENING_BRACKETS, _CLOSING_BRACKETS = "([【", ")]】"
# A credit is short; a longer line with a label is a sentence about photos.
_MAX_CREDIT_WORDS = 12
_MAX_CREDIT_CHARS = 200


def _is_agency_part(part: str) -> bool:
    """An agency name, with credit words around it: "AP Photo", "Getty Images", "Reuters file"."""
    words = fold(part).replace(".", " ").split()
    while words and words[0] in _CREDIT_WORD_SET:
        words.pop(0)
    while words and words[-1] in _CREDIT_WORD_SET:
        words.pop()
    return bool(words) and " ".join(words) in _AGENCY_SET


def is_agency_credit(text: str) -> bool:
    """The whole line is agency names and photographers' names, at least one agency."""
    text = _LEADING_WORD.sub("", text.strip().rstrip("."), count=1)
    parts = [part for part in _SEPARATOR.split(text) if part]
    if not parts:
        return False
    agencies = [_is_agency_part(part) for part in parts]
    return any(agencies) and all(
        is_agency or _NAME.fullmatch(part) or fold(part) in _CREDIT_WORD_SET
        for part, is_agency in zip(parts, agencies)
    )


@line_cache
def credit_reason(text: str) -> str | None:
    """Why ``text`` is a standalone credit line, or None if it is not one.

    >>> credit_reason("AP Photo/Jane Doe")
    "agency credit 'AP Photo/Jane Doe'"
    >>> credit_reason("WASHINGTON (Reuters) - The Senate voted.") is None
    True
    """
    stripped = text.strip()
    if len(stripped) > _MAX_CREDIT_CHARS:
        return None
    bracketed = _inside_brackets(stripped)
    if bracketed is not None:
        stripped = bracketed
    if not stripped or word_count(stripped) > _MAX_CREDIT_WORDS:
        return None
    if word_count(stripped) > 4 and ends_sentence(stripped):
        return None  # a credit is a few names, not a sentence
    if stripped.startswith("©"):
        stripped = stripped[1:].strip()
    if is_agency_credit(stripped):
        return f"agency credit {quote(text.strip())!r}"
    folded = fold(stripped)
    labelled = _LABELLED.fullmatch(folded) or _SPACED.fullmatch(folded)
    if labelled and not _looks_like_sentence(labelled.group("rest")):
        return f"photo credit {quote(text.strip())!r}"
    return None


def _inside_brackets(text: str) -> str | None:
    """What brackets around the whole line hold: "(Photo: AP)", "[Reuters]."."""
    close = len(text) - 2 if text.endswith(".") else len(text) - 1
    if close < 1 or text[0] not in _OPENING_BRACKETS or text[close] not in _CLOSING_BRACKETS:
        return None
    return text[1:close].strip()


def _looks_like_sentence(rest: str) -> bool:
    # "Photo: Jane Doe" is a credit; "Photos show the damage was worse than
    # feared." is text. A credit's rest is a few names, not a clause.
    words = word_count(rest)
    return words > 8 or (rest.rstrip().endswith((".", "!", "?")) and words > 4)


@line_filter("credits")
def credits(text: str) -> str | None:
    """Standalone photo and agency credit lines ("Reuters", "AP Photo/Jane Doe", "Photo: ...").

    The whole line must be a credit: agency names with photographers' names and
    separators, or a credit label ("Photo:", "Image copyright", "Foto:") with a
    short rest. Datelines such as "WASHINGTON (Reuters) - ..." are text and stay.

    >>> credits("AP Photo/Jane Doe")
    "agency credit 'AP Photo/Jane Doe'"
    >>> credits("WASHINGTON (Reuters) - The Senate voted.") is None
    True
    """
    return credit_reason(text)


# Only lines this long count as captions: short repeats ("Share", "Reuters",
# a song's "Happy birthday to you") are left alone or to the filters that know them.
_MIN_CAPTION_WORDS = 6
# How many credit or UI lines may stand between two copies. Real articles
# repeat refrains too, but farther apart and with text between.
_MAX_LINES_BETWEEN = 4
_MAX_CONNECTOR_WORDS = 4
# Where a credit glued to the end of a caption may start. Spaces before the
# separator are taken from where their run starts, never from inside it: from
# inside, the search would read the rest of the run again at every space.
_CREDIT_START = lazy_compile(
    r"(?:(?:(?<!\s)\s++)?(?:[|/(\[]|[-–—](?=\s))|(?<!\s)\s++(?=(?:photo|foto|image|credit|picture)\b))\s*+",
    re.I,
)
# A glued credit is short; longer tails are the caption's own words.
_MAX_GLUED_CREDIT_CHARS = 120
# A caption is a sentence or two: a longer line is never compared (its key
# would cost several times its length).
_MAX_CAPTION_CHARS = 2000


@line_cache
def caption_key(text: str) -> str:
    """The line's words with a trailing credit cut off ("... | Foto: Reuters")."""
    start = max(0, len(text) - _MAX_GLUED_CREDIT_CHARS)
    if text[start - 1 : start + 1].isspace():
        start = len(text[:start].rstrip())  # inside a run of spaces: from its start
    for match in _CREDIT_START.finditer(text, start):
        head, tail = text[: match.start()], text[match.end() :]
        if head.strip() and credit_reason(tail.rstrip(")]").strip()):
            return key(head)
    return key(text)


def _is_connector(text: str) -> bool:
    """A credit or a short UI line that may sit between two copies of a caption."""
    return bool(credit_reason(text)) or (
        word_count(text) <= _MAX_CONNECTOR_WORDS and not ends_sentence(text)
    )


@register("duplicate-captions")
def duplicate_captions(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Captions printed twice: a line repeating a nearby earlier line, credit or UI lines between.

    Lines are compared by their words only (case, spacing and punctuation
    ignored), and once more with a trailing credit cut off; only lines of six
    words or more. The first copy stays. Only up to four credit or short UI
    lines may separate the copies, so a refrain repeated later stays.
    """
    present = [line for line in lines if line.text]
    previous: list[tuple[int, str]] = []  # indices into present so far, with their first words
    for k, line in enumerate(present):
        first = first_word(line.text)
        duplicate = False
        # Equal caption keys begin with the same word: a line's key (which
        # costs a search for a glued credit) is made only when a nearby
        # earlier line begins as it does.
        for j, earlier_first in reversed(previous[-(_MAX_LINES_BETWEEN + 1) :]):
            earlier = present[j]
            if earlier_first == first and first:
                current = _comparable_key(line.text)
                if current is None:
                    break  # too short or too long to be a caption
                if _comparable_key(earlier.text) == current:
                    if not _in_running_text(present, j, k):
                        yield line, f"duplicate of the caption on line {earlier.number}"
                        duplicate = True
                    break
            if not _is_connector(earlier.text):
                break
        if not duplicate:  # later copies are compared with the first, which stays
            previous.append((k, first))


def _in_running_text(present: Sequence[Line], first: int, second: int) -> bool:
    """Whether two copies of a sentence stand next to each other between
    sentences of the story: a paragraph the story repeats, not a caption (a
    caption's copies sit by a credit, a headline or the page's furniture)."""
    def sentence(k: int) -> bool:
        return 0 <= k < len(present) and is_text(present[k].text) and not credit_reason(present[k].text)

    return second == first + 1 and ends_sentence(present[second].text) and sentence(first - 1) and sentence(second + 1)


def _comparable_key(text: str) -> str | None:
    """The caption key of a line that may be a caption (six words or more, a
    sentence or two), else None."""
    if len(text) > _MAX_CAPTION_CHARS or word_count(text) < _MIN_CAPTION_WORDS:
        return None
    current = caption_key(text)
    return current if word_count(current) >= _MIN_CAPTION_WORDS else None
