"""Small measurements of a line's shape that the filters share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..document import Line
from ..patterns import lazy_compile

# Han, kana, hangul: scripts written without spaces between words.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_CHAR = lazy_compile(rf"[{_CJK}]")
_NON_CJK_WORD = lazy_compile(rf"[^\W{_CJK}]+")
_WORD = lazy_compile(r"\w+")
# Closing quotes and brackets that may follow a sentence's final stop.
_CLOSERS = "\"'”’»)]」』】）›"
# Full stops and question marks of many scripts: Latin, CJK, Arabic and Urdu,
# Devanagari, Armenian, Ethiopic, Burmese, Khmer, Tibetan.
_SENTENCE_END = ".!?…。！？؟।۔։።፧။၊។៕།"


def fold(text: str) -> str:
    """Compatibility-normalised, case-folded text, for matching."""
    return unicodedata.normalize("NFKC", text).casefold()


def key(text: str) -> str:
    """The line's words only, folded: equal keys mean the same words."""
    return " ".join(_WORD.findall(fold(text)))


def first_word(text: str) -> str:
    """The first word of the line's key, read from its first 200 characters
    alone: lines whose keys are equal have equal first words.

    >>> first_word("  Ünïcode, folded")
    'ünïcode'
    """
    found = _WORD.search(fold(text[:200]))
    return found.group() if found else ""


_LONG_LINE = 20_000
_WORD_COUNT_CAP = 10_000


_CACHES: list = []
_DOCUMENT_CACHES: list[dict] = []
# Verdicts are kept for the document being cleaned (the pipeline asks again on
# every pass), and those on short lines across documents too: the lines that
# repeat are template lines (labels, credits, buttons), and a cache that kept
# paragraphs would grow with every document a batch worker cleans. So the
# caches hold a few megabytes at most beside the document.
_CACHED_CHARS = 100
_CACHE_ENTRIES = 1 << 13


def clear_line_caches() -> None:
    """Forget every cached per-line verdict (for benchmarks and tests)."""
    for cached in _CACHES:
        cached.cache_clear()
    forget_document_lines()


def forget_document_lines() -> None:
    """Forget the verdicts kept for the last document (the pipeline calls this
    before each document)."""
    for verdicts in _DOCUMENT_CACHES:
        verdicts.clear()


def line_cache(function):
    """Cache a per-line verdict: for the document being cleaned, and across
    documents for short lines."""
    cached = lru_cache(maxsize=_CACHE_ENTRIES)(function)
    this_document: dict = {}
    _CACHES.append(cached)
    _DOCUMENT_CACHES.append(this_document)

    def verdict(text: str):
        try:
            return this_document[text]
        except KeyError:
            value = this_document[text] = cached(text) if len(text) <= _CACHED_CHARS else function(text)
            return value

    verdict.__doc__, verdict.__name__, verdict.__wrapped__ = function.__doc__, function.__name__, function
    verdict.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    verdict.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return verdict


@line_cache
def word_count(text: str) -> float:
    """Words in the line; two Han, kana or hangul characters count as one word."""
    if len(text) > _LONG_LINE:
        # Far above every threshold a filter uses; count without building a list.
        return float(sum(1 for _ in zip(range(_WORD_COUNT_CAP), _WORD.finditer(text))))
    if text.isascii():
        return len(_WORD.findall(text))
    return len(_NON_CJK_WORD.findall(text)) + len(_CJK_CHAR.findall(text)) / 2


def ends_sentence(text: str) -> bool:
    """True if the line ends with a sentence's final punctuation."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def content(lines: Sequence[Line]) -> list[int]:
    """Indices of the non-blank lines."""
    return [i for i, line in enumerate(lines) if line.text]


def quote(text: str, limit: int = 60) -> str:
    """A line shortened for a reason string."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def in_order(text: str, first, then, anchored: bool = False) -> bool:
    """Whether pattern ``then`` matches somewhere after pattern ``first`` (at
    the line's start when anchored): "distributed by ... content agency".
    Two searches, each reading the line once; "first.*then" in one pattern
    would read on to the line's end from every place where ``first`` matches.
    The first place is enough: it ends before any other. (A line holds no
    line break, which "." would not cross.)"""
    found = first.match(text) if anchored else first.search(text)
    return bool(found and then.search(text, found.end()))


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases; spaces match any run of spaces."""
    ordered = sorted({fold(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
