"""Shallow, language-neutral features of each line and its context, for the
learned line scorer.

Computed once per document, on the lines the rules kept (the "view": kept lines
with single blank lines between paragraphs), so the model sees what a second
run over the cleaned text would see. The only words used are the project's own
per-language function words (phrases.json); no corpus text, site or address.

    rows = document_features(texts)   # texts: the view, "" for a paragraph break
    -> one list of floats per non-blank line, columns named by NAMES

A page's lines also carry what its markup says of them (origins.MARKUP_FIELDS:
link density, tag depth, block and siblings, class words, where the line
stands against the article's core); ``document_features(texts, markups)``
adds them. A line of plain text has none: its PAGE columns are 0.

Every feature is computed in time linear in the document's length.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from ..document import Line
from ..filters.phrasebook import function_words
from ..filters.predicates import body_end, heaviest_block, is_fragment, is_headline, is_text, line_weights, story_span
from ..filters.shapes import ends_sentence, fold, key, lazy_compile, line_cache, word_count
from ..origins import MARKUP_FIELDS

_TOKEN = re.compile(r"\w+")
_URL = lazy_compile(r"https?://|www\.|\b[\w-]++\.(?:com|org|net|co\.uk|de|fr|ru|html?)\b", re.IGNORECASE)
_EMAIL = lazy_compile(r"[\w.+-]++@[\w-]++\.[\w.-]+")
_HANDLE = lazy_compile(r"(?:^|\s)[@#]\w{2}")
_YEAR = lazy_compile(r"\b(?:19|20)\d\d\b")
_TIME = lazy_compile(r"\b\d{1,2}[:.]\d{2}\b")
_SEPARATOR = lazy_compile(r"\s[|•·»›/–—-]\s|[|•·»›]")
_SENTENCE_INSIDE = lazy_compile(r"[.!?…。！？][\"'”’)»]*+\s++[\"'“‘(«]*+[A-ZÀ-ÖØ-ÞА-ЯЁ0-9]")
_BULLET = lazy_compile(r"\s*+(?:[-–•*·▪◦●►▶]|\(?\d{1,3}[.)]|[a-z][.)])\s")
_CJK = lazy_compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_QUOTES = frozenset("\"“”„«»")
_SENTENCE_ENDS = frozenset(".!?…。！？")
_SEPARATORS = frozenset("|•·»›/–—-")
_OPENERS = "\"'“‘«„(["
_CLOSERS = "\"'”’»)]"

#: The line's own shape.
OWN = (
    "log_chars", "words", "log_words", "mean_token_length", "ends_sentence", "ends_colon", "ends_question",
    "ends_ellipsis", "first_upper", "first_lower", "first_digit", "first_symbol", "first_uncased",
    "upper_share", "title_share", "digit_share", "symbol_share", "sentences_inside", "commas_per_word",
    "has_url", "has_email", "has_handle", "has_year", "has_time", "separators", "bracketed",
    "bullet", "function_words", "function_share", "reads_like_clause", "is_text", "is_headline",
    "fragment8", "fragment3", "non_ascii_share", "cjk_share", "has_quote",
)
#: Where the line stands in the document, and what surrounds it.
CONTEXT = (
    "document_lines", "document_log_words", "document_text_share", "index", "index_from_end", "relative_position",
    "in_block", "before_block", "after_block", "block_share",
    "text_words_above", "text_words_below", "share_text_above", "share_text_below",
    "above_first_text", "below_body_end", "lines_to_previous_text", "lines_to_next_text",
    "blank_before", "blank_after", "paragraph_lines", "paragraph_position", "paragraph_log_words",
    "paragraph_has_text",
    "run_length", "run_position", "text_density3", "text_density10", "mean_words3",
    "repeats", "inside_longer_line", "outside_story",
    "run_mean_words", "run_words_spread", "run_after_colon", "run_digit_share", "run_title_share",
    "run_sentence_share", "text_between", "in_strict_block", "before_strict_block", "after_strict_block",
    "words_over_median", "is_first", "is_last",
)
_NEIGHBOUR_COLUMNS = ("words", "is_text", "fragment8", "is_headline", "exists")
#: The lines one and two above and below.
NEIGHBOURS = tuple(f"{where}_{name}" for where in ("above1", "below1", "above2", "below2")
                   for name in _NEIGHBOUR_COLUMNS)
#: What a page's markup says of the line (0 for plain text: "page" says which).
PAGE = ("page", *(f"markup_{name}" for name in MARKUP_FIELDS),
        # ...and of the lines around it, and of the whole page.
        "markup_above1_in_core", "markup_below1_in_core", "markup_above1_link_share", "markup_below1_link_share",
        "markup_core_line_share")
NAMES = OWN + CONTEXT + NEIGHBOURS + PAGE
_NO_MARKUP = (0.0,) * (1 + len(MARKUP_FIELDS))
_IN_CORE, _LINK_SHARE = 1 + MARKUP_FIELDS.index("in_core"), 1 + MARKUP_FIELDS.index("line_link_share")

_WORDS, _TEXT, _FRAGMENT, _HEADLINE = (OWN.index(name) for name in ("words", "is_text", "fragment8", "is_headline"))
_DIGITS, _TITLE, _ENDS = (OWN.index(name) for name in ("digit_share", "title_share", "ends_sentence"))
# A line no nearer than this to a sentence is "far"; counts are capped so a
# long document does not take the trees outside what they were trained on.
_FAR = 99
_READ_CHARS = 5_000
_CONTAINED_MAX_WORDS = 5  # words of a "short" line; a longer line has more


# The ASCII characters of each class, by the str methods themselves (so the byte counts equal theirs).
_UPPER, _LOWER, _DIGIT, _SPACE = (bytes(c for c in range(128) if test(chr(c)))
                                  for test in (str.isupper, str.islower, str.isdigit, str.isspace))
# A word's first ASCII letter (words split at whitespace, as str.split splits them).
_FIRST_LETTER = lazy_compile(r"(?:^|(?<=\s))[^A-Za-z\s]*+([A-Za-z])")


def _opens_upper(word: str) -> bool:
    for char in word:
        if char.isalpha():
            return char.isupper()
    return False


def _counts(s: str) -> tuple[int, int, int, int, int, int, int]:
    """Upper-case and cased characters, words holding a cased character and
    those of them that open upper-case, digits, letters and digits, spaces."""
    upper = sum(map(str.isupper, s))
    cased_words = [word for word in s.split() if word.lower() != word.upper()]
    return (upper, upper + sum(map(str.islower, s)), len(cased_words), sum(map(_opens_upper, cased_words)),
            sum(map(str.isdigit, s)), sum(map(str.isalnum, s)), sum(map(str.isspace, s)))


def _ascii_counts(s: str) -> tuple[int, int, int, int, int, int, int]:
    """:func:`_counts` of an ASCII line, by deleting byte classes: the same
    counts, without a call per character."""
    data, n = s.encode("ascii"), len(s)
    upper, lower = n - len(data.translate(None, _UPPER)), n - len(data.translate(None, _LOWER))
    digits = n - len(data.translate(None, _DIGIT))
    firsts = _FIRST_LETTER.findall(s)  # each word's first letter, for the words that hold one
    return (upper, upper + lower, len(firsts), sum(map(str.isupper, firsts)), digits, upper + lower + digits,
            n - len(data.translate(None, _SPACE)))


@line_cache
def own_features(text: str) -> tuple[float, ...]:
    """The features of one line's text alone (cached: template lines repeat)."""
    s = text.strip()
    n = len(s)
    tokens = _TOKEN.findall(s)
    words = word_count(s)
    upper, cased, words_cased, title, digits, alnum, spaces = (_ascii_counts if s.isascii() else _counts)(s)
    symbols = n - alnum - spaces
    first = s.lstrip(_OPENERS)[:1] or s[:1]
    last = s.rstrip(_CLOSERS)[-1:]
    folded_tokens = _TOKEN.findall(fold(s))
    function = function_words()
    function_count = sum(token in function for token in folded_tokens)
    ascii_only = s.isascii()
    non_ascii = 0 if ascii_only else n - len(s.encode("ascii", "ignore"))
    # The searches run only where their pattern could match: the same values, sooner.
    digit = digits > 0
    return (
        math.log1p(n), min(words, 200.0), math.log1p(words), sum(map(len, tokens)) / len(tokens) if tokens else 0.0,
        float(ends_sentence(s)), float(last in ":："), float(bool(last) and last in "?!？！"),
        float(s.endswith(("…", "..."))),
        float(first.isupper()), float(first.islower()), float(first.isdigit()),
        float(bool(first) and not first.isalnum()),
        float(first.isalpha() and not first.isupper() and not first.islower()),
        upper / cased if cased else 0.0, title / words_cased if words_cased else 0.0,
        digits / n if n else 0.0, symbols / n if n else 0.0,
        float(0 if _SENTENCE_ENDS.isdisjoint(s) else min(len(_SENTENCE_INSIDE.findall(s)), 20)),
        s.count(",") / words if words else 0.0,
        float("." in s and bool(_URL.search(s))), float("@" in s and bool(_EMAIL.search(s))),
        float(("@" in s or "#" in s) and bool(_HANDLE.search(s))),
        float(digit and bool(_YEAR.search(s))), float(digit and bool(_TIME.search(s))),
        float(0 if _SEPARATORS.isdisjoint(s) else min(len(_SEPARATOR.findall(s)), 20)),
        float(s[:1] in "([【" and s[-1:] in ")]】"), float(bool(_BULLET.match(s))),
        float(min(function_count, 50)), function_count / len(folded_tokens) if folded_tokens else 0.0,
        float(function_count >= 2),
        float(is_text(s)), float(is_headline(s)), float(is_fragment(s, 8)), float(is_fragment(s, 3)),
        non_ascii / n if n else 0.0, 0.0 if ascii_only or not n else len(_CJK.findall(s)) / n,
        float(not _QUOTES.isdisjoint(s)),
    )


def _runs(flags: Sequence[bool]) -> tuple[list[int], list[int]]:
    """For each line, the length of the run of consecutive non-text lines it
    sits in and its position there (0 and 0 for a text line)."""
    n = len(flags)
    length, position = [0] * n, [0] * n
    i = 0
    while i < n:
        if flags[i]:
            i += 1
            continue
        j = i
        while j < n and not flags[j]:
            j += 1
        for k in range(i, j):
            length[k], position[k] = j - i, k - i
        i = j
    return length, position


def _distances(flags: Sequence[bool], reverse: bool) -> list[int]:
    """Lines to the nearest text line above (or below), _FAR if none."""
    n = len(flags)
    out = [_FAR] * n
    last = None
    order = range(n - 1, -1, -1) if reverse else range(n)
    for i in order:
        if last is not None:
            out[i] = min(abs(i - last), _FAR)
        if flags[i]:
            last = i
    return out


_SCAN_BUDGET = 5_000_000  # characters read by substring searches, per document


def _inside_longer(keys: Sequence[str]) -> list[float]:
    """Whether a short line's words appear, in order, inside a longer line:
    a caption repeated in the story, a headline repeated as a teaser."""
    short = {k for k in keys if len(k) >= 3 and k.count(" ") < _CONTAINED_MAX_WORDS}
    long_lines = [k for k in keys if k.count(" ") >= _CONTAINED_MAX_WORDS]
    joined = " " + " | ".join(long_lines) + " "
    if len(short) * len(joined) <= _SCAN_BUDGET:
        found = {k for k in short if f" {k} " in joined}
    else:
        # A long document: hash the word runs of the lengths the short lines
        # have, which is linear in its words, instead of searching for each.
        lengths = {k.count(" ") + 1 for k in short}
        runs: set[str] = set()
        for line in long_lines:
            words = line.split()
            for size in lengths:
                if size < len(words):
                    runs.update(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))
        found = short & runs
    return [float(k in found) for k in keys]


def document_features(texts: Sequence[str],
                      markups: Sequence[tuple[float, ...] | None] | None = None) -> list[list[float]]:
    """One row of features (columns named by NAMES) for each non-blank line
    of ``texts``, a document's lines with "" for a paragraph break; with
    ``markups`` (one per text, None where unknown), what a page's markup says
    of each line."""
    paragraph_of: list[int] = []
    lines: list[str] = []
    page: list[tuple[float, ...]] = []
    paragraph = 0
    for k, text in enumerate(texts):
        if not text:
            paragraph += 1
        else:
            # A line is read up to _READ_CHARS: far beyond any line the model
            # weighs, and a line of megabytes costs no more than a paragraph.
            lines.append(text[:_READ_CHARS])
            paragraph_of.append(paragraph)
            markup = markups[k] if markups is not None else None
            page.append(_NO_MARKUP if markup is None else (1.0, *markup))
    n = len(lines)
    if not n:
        return []
    own = [own_features(text) for text in lines]
    words = [row[_WORDS] for row in own]
    sentence = [row[_TEXT] > 0 for row in own]  # the lines that read as text
    total_words = sum(words)
    text_words = [w if t else 0.0 for w, t in zip(words, sentence)]
    total_text = sum(text_words) or 1.0

    block_weight, block_first, block_last = heaviest_block(line_weights(lines), 0, n)
    _, strict_first, strict_last = heaviest_block(line_weights(lines, 5), 0, n)
    view = [Line(i, line) for i, line in enumerate(lines)]
    story_first, story_last = story_span(line_weights(lines)) or (n, -1)
    first_text = next((i for i in range(n) if sentence[i]), n)
    last_body = body_end(view, range(n))
    last_body = -1 if last_body is None else last_body
    above = [0.0] * n
    running = 0.0
    for i in range(n):
        above[i] = running
        running += text_words[i]
    below = [total_text - above[i] - text_words[i] for i in range(n)]

    paragraph_lines = Counter(paragraph_of)
    paragraph_words: Counter = Counter()
    paragraph_text: Counter = Counter()
    for p, w, t in zip(paragraph_of, words, sentence):
        paragraph_words[p] += w
        paragraph_text[p] += t
    paragraph_position = [0] * n
    seen: Counter = Counter()
    for i, p in enumerate(paragraph_of):
        paragraph_position[i] = seen[p]
        seen[p] += 1

    run_length, run_position = _runs(sentence)
    previous_text, next_text = _distances(sentence, False), _distances(sentence, True)
    keys = [key(line) for line in lines]
    repeats = Counter(keys)
    inside_longer = _inside_longer(keys)
    text_lines = sorted(w for w, t in zip(words, sentence) if t)
    median_text = (text_lines[len(text_lines) // 2] if text_lines else 10.0) or 1.0

    run_stats: dict[int, tuple[float, ...]] = {}
    for i in range(n):
        if sentence[i] or run_position[i]:
            continue
        j = i + run_length[i]
        span = words[i:j]
        mean = sum(span) / len(span)
        spread = (sum((w - mean) ** 2 for w in span) / len(span)) ** 0.5
        run_stats[i] = (
            mean, spread / mean if mean else 0.0,
            float(i > 0 and lines[i - 1].rstrip().endswith((":", "："))),
            sum(own[k][_DIGITS] > 0.2 for k in range(i, j)) / len(span),
            sum(own[k][_TITLE] > 0.6 for k in range(i, j)) / len(span),
            sum(own[k][_ENDS] > 0 for k in range(i, j)) / len(span),
        )
    # Prefix sums make the windowed densities linear.
    text_prefix, words_prefix = [0], [0.0]
    for t, w in zip(sentence, words):
        text_prefix.append(text_prefix[-1] + t)
        words_prefix.append(words_prefix[-1] + w)

    def density(i: int, radius: int) -> float:
        low, high = max(0, i - radius), min(n, i + radius + 1)
        return (text_prefix[high] - text_prefix[low]) / (high - low)

    document = (math.log1p(n), math.log1p(total_words), sum(sentence) / n)
    core_share = sum(markup[_IN_CORE] for markup in page) / n
    rows = []
    for i in range(n):
        low, high = max(0, i - 3), min(n, i + 4)
        p = paragraph_of[i]
        row = [*own[i], *document, min(i, 200), min(n - 1 - i, 200), i / max(1, n - 1),
               float(block_first <= i <= block_last), max(0, block_first - i), max(0, i - block_last),
               block_weight / total_text if block_weight > 0 else 0.0,
               math.log1p(above[i]), math.log1p(below[i]), above[i] / total_text, below[i] / total_text,
               float(i < first_text), float(last_body >= 0 and i > last_body),
               previous_text[i], next_text[i],
               float(i == 0 or paragraph_of[i - 1] != p), float(i == n - 1 or paragraph_of[i + 1] != p),
               min(paragraph_lines[p], 50), min(paragraph_position[i], 50), math.log1p(paragraph_words[p]),
               float(paragraph_text[p] > 0),
               min(run_length[i], 100), min(run_position[i], 100), density(i, 3), density(i, 10),
               (words_prefix[high] - words_prefix[low]) / (high - low),
               min(repeats[keys[i]], 10), inside_longer[i], float(not story_first <= i <= story_last),
               *(run_stats[i - run_position[i]] if not sentence[i] else (words[i], 0.0, 0.0, 0.0, 0.0, 1.0)),
               min(above[i], below[i]) / total_text,
               float(strict_first <= i <= strict_last), max(0, strict_first - i), max(0, i - strict_last),
               words[i] / median_text, float(i == 0), float(i == n - 1)]
        for offset in (-1, 1, -2, 2):
            j = i + offset
            if 0 <= j < n:
                row += (own[j][_WORDS], own[j][_TEXT], own[j][_FRAGMENT], own[j][_HEADLINE], 1.0)
            else:
                row += (0.0, 0.0, 0.0, 0.0, 0.0)
        row += page[i]
        if page[i][0]:
            up, down = page[i - 1] if i else _NO_MARKUP, page[i + 1] if i + 1 < n else _NO_MARKUP
            row += (up[_IN_CORE], down[_IN_CORE], up[_LINK_SHARE], down[_LINK_SHARE], core_share)
        else:
            row += (0.0, 0.0, 0.0, 0.0, 0.0)
        rows.append(row)
    return rows

