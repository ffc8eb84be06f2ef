"""The phrase tables (phrases.json) and the one way lines are matched against them."""

from __future__ import annotations

from functools import cache

from .shapes import fold, lazy_compile, line_cache

# Latin and Cyrillic or Greek letters that look alike. A word that mixes
# scripts ("Аdvertisement" with a Cyrillic А) is read as Latin; a word in one
# script is left alone, so Russian phrases still match Russian text.
_LOOK_ALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "ё": "e", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x",
})
_LATIN = lazy_compile(r"[a-z]")
_OTHER = lazy_compile(r"[\u0370-\u03ff\u0400-\u04ff]")
# Punctuation and decoration around a phrase that do not change what it says.
_EDGES = " \t.…:：;,!?¡¿|/\\-–—_=*•·»«›‹><()[]{}【】「」『』\"'“”‘’„#~+→←▶►▸"


def unconfuse(folded: str) -> str:
    """Fold look-alike letters in words that mix Latin with Cyrillic or Greek."""
    if folded.isascii() or not _OTHER.search(folded):
        return folded
    return " ".join(
        word.translate(_LOOK_ALIKES) if _LATIN.search(word) and _OTHER.search(word) else word
        for word in folded.split(" ")
    )


@line_cache
def phrase_key(text: str) -> str:
    """The form in which lines and phrases are compared: folded, look-alikes
    unified, single-spaced, without the punctuation around it."""
    return " ".join(unconfuse(fold(text)).split()).strip(_EDGES).strip()


@cache
def _table() -> dict:
    # JSON rather than TOML: its parser is C, and this runs at every start.
    import json
    import os

    with open(os.path.join(os.path.dirname(__file__), "phrases.json"), "rb") as handle:
        table = json.load(handle)
    return {family: {k: v for k, v in entries.items() if k != "about"}
            for family, entries in table.items() if family != "about"}


@cache
def phrases(family: str) -> frozenset[str]:
    """Every phrase of a family, all languages together, as phrase keys."""
    return frozenset(
        key for words in _table()[family].values() for key in map(phrase_key, words) if key
    )


@cache
def words(family: str, kind: str) -> frozenset[str]:
    """A word list of a family ("share" has "words" and "core")."""
    return frozenset(fold(word) for word in _table()[family][kind])


@cache
def function_words() -> frozenset[str]:
    """Function words of every language in the table."""
    return frozenset(fold(word) for words_ in _table()["function-words"].values() for word in words_)


def families() -> list[str]:
    """The families of whole-line phrases users may extend."""
    return [name for name in _table() if name not in ("share", "function-words")]
