"""The learned line scorer at run time: a model that is data (JSON), run in
pure Python, with reasons a user can read.

Two stages of boosted decision trees. Stage 1 scores each line from the
features of the line and its context (cleaner.scoring.features). Stage 2 sees
the stage-1 scores around the line (its neighbours, its run of short lines,
its paragraph, the nearest sentences): a line among junk is more likely junk. A score
is the probability that the line is junk.

The file (see ``load_model``)::

    {"format": "cleaner-line-model", "version": 3,
     "features": [...], "stage2_features": [...],
     "strictness": {"low": 0.99, "medium": 0.98, "high": 0.95}, "default": "medium",
     "stage1": {"base": 0.0, "trees": [[node, ...], ...]}, "stage2": {...},
     "about": {...},
     "page": {"strictness": {...}, "stage1": {...}, "stage2": {...}, "about": {...}}}

"page", if there, is the model of a page's lines (HTML input), trained on
pages and reading what their markup says of each line; without it, a page's
lines are scored as text.

A node is [feature, threshold, left, right, value] (go left when the feature is
at most the threshold; value is the node's mean output, for reasons) or
[value] (a leaf); left and right index the tree's node list.
"""

from __future__ import annotations

import json
import math
import stat
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import cast

from ..config import STRICTNESS
from ..errors import ConfigError
from ..origins import MAX_LIKE_SIBLINGS
from .features import NAMES, PAGE, document_features

FORMAT = "cleaner-line-model"
VERSION = 3
#: The bundled model, trained on the dev corpus by `cleaner train`.
BUNDLED = Path(__file__).with_name("lines.json")

STAGE2 = (
    "score", "score_above1", "score_below1", "score_above2", "score_below2",
    "window5_mean", "window5_max", "window5_min", "run_mean", "paragraph_mean", "paragraph_max",
    "previous_text_score", "next_text_score",
)
_COLUMN = {name: i for i, name in enumerate(NAMES)}
_STAGE2_COLUMN = {name: i for i, name in enumerate(STAGE2)}
_MISSING = -1.0  # the score of a neighbour that does not exist


# Trees are walked node by node until this many rows have been scored; then
# they are compiled to Python (nested ifs, three times faster) for the rest of
# the process. Compiling costs about as much as walking this many rows (60 ms
# for the bundled model's stage 1), which one article seldom reaches: `cleaner
# clean` on one file does not pay for it, a batch soon does.
_COMPILE_AFTER_ROWS = 500
_COMPILE_MAX_DEPTH = 30


_NUMBERS = (int, float)


class Trees:
    """Boosted trees over a row of numbers: a raw score (log-odds)."""

    __slots__ = ("base", "trees", "rows_scored", "compiled")

    def __init__(self, base: float, trees: list[tuple[list[int], list[float], list[int], list[int], list[float]]]):
        self.base, self.trees = base, trees
        self.rows_scored = 0
        self.compiled = None

    @classmethod
    def from_json(cls, data: object, columns: int, where: str) -> Trees:
        if not isinstance(data, dict) or not isinstance(data.get("trees"), list):
            raise ValueError(f"{where}: no trees")
        base = data.get("base", 0.0)
        if not isinstance(base, (int, float)) or isinstance(base, bool) or not math.isfinite(base):
            raise ValueError(f"{where}: base is not a number")
        trees = []
        for t, nodes in enumerate(data["trees"]):
            if not isinstance(nodes, list) or not nodes:
                raise ValueError(f"{where}: tree {t} is empty")
            feature, threshold, left, right, value = [], [], [], [], []
            size = len(nodes)
            # Checked by exact type, a node at a time: bool is no number, nor is a string.
            for node in nodes:
                if type(node) is not list:
                    raise ValueError(f"{where}: tree {t} has a malformed node")
                if len(node) == 1:
                    leaf = node[0]
                    if type(leaf) not in _NUMBERS or not math.isfinite(leaf):
                        raise ValueError(f"{where}: tree {t} has a malformed node")
                    feature.append(-1)
                    threshold.append(0.0)
                    left.append(0)
                    right.append(0)
                    value.append(float(leaf))
                    continue
                if len(node) != 5:
                    raise ValueError(f"{where}: tree {t} has a malformed node")
                f, limit, low, high, mean = node
                if (type(limit) not in _NUMBERS or type(mean) not in _NUMBERS or not math.isfinite(limit)
                        or not math.isfinite(mean) or type(f) not in _NUMBERS or type(low) not in _NUMBERS
                        or type(high) not in _NUMBERS or not (math.isfinite(f) and math.isfinite(low)
                                                               and math.isfinite(high))):
                    raise ValueError(f"{where}: tree {t} has a malformed node")
                if (f != int(f) or low != int(low) or high != int(high) or not 0 <= f < columns
                        or not (0 < low < size and 0 < high < size)):
                    raise ValueError(f"{where}: tree {t} points outside itself")
                feature.append(int(f))
                threshold.append(float(limit))
                left.append(int(low))
                right.append(int(high))
                value.append(float(mean))
            _check_tree(feature, left, right, f"{where}: tree {t}")
            trees.append((feature, threshold, left, right, value))
        return cls(float(base), trees)

    def raw(self, row: Sequence[float]) -> float:
        if self.compiled is not None:
            return self.compiled(row)
        self.rows_scored += 1
        if self.rows_scored == _COMPILE_AFTER_ROWS:
            self.compiled = self._compile()
        total = self.base
        for feature, threshold, left, right, value in self.trees:
            i = 0
            f = feature[0]
            while f >= 0:
                i = left[i] if row[f] <= threshold[i] else right[i]
                f = feature[i]
            total += value[i]
        return total

    def _compile(self):
        """The trees as one Python function of nested ifs. The source is made
        of validated numbers only (ints and finite floats, by repr)."""
        source = ["def raw(x):", f" s = {self.base!r}"]

        def emit(tree, i: int, depth: int) -> None:
            feature, threshold, left, right, value = tree
            pad = " " * (depth + 1)
            if feature[i] < 0:
                source.append(f"{pad}s += {value[i]!r}")
                return
            source.append(f"{pad}if x[{feature[i]}] <= {threshold[i]!r}:")
            emit(tree, left[i], depth + 1)
            source.append(f"{pad}else:")
            emit(tree, right[i], depth + 1)

        for tree in self.trees:
            if _depth(tree) > _COMPILE_MAX_DEPTH:
                return None  # too deep for Python's parser: keep walking
            emit(tree, 0, 0)
        source.append(" return s")
        namespace: dict = {}
        exec(compile("\n".join(source), "<line model>", "exec"), namespace)  # noqa: S102
        return namespace["raw"]

    def contributions(self, row: Sequence[float]) -> dict[int, float]:
        """How much each column moved the raw score (Saabas: along each tree's
        path, the change of the node's mean output is credited to the column
        the node splits on)."""
        out: dict[int, float] = {}
        for feature, threshold, left, right, value in self.trees:
            i = 0
            while feature[i] >= 0:
                f = feature[i]
                child = left[i] if row[f] <= threshold[i] else right[i]
                out[f] = out.get(f, 0.0) + value[child] - value[i]
                i = child
        return out


# A tree deeper than this is not a boosted tree of shallow features.
_MAX_DEPTH = 64
# Nor is a model file larger than this.
MAX_MODEL_BYTES = 64 << 20


def _check_tree(feature: list[int], left: list[int], right: list[int], where: str) -> None:
    """A tree: every node but the root has exactly one parent, after it (so
    every walk ends at a leaf), and no path is longer than _MAX_DEPTH."""
    parents = [0] * len(feature)
    for i, f in enumerate(feature):
        if f >= 0:
            if min(left[i], right[i]) <= i or left[i] == right[i]:
                raise ValueError(f"{where} loops")
            parents[left[i]] += 1
            parents[right[i]] += 1
    if parents[0] or any(count != 1 for count in parents[1:]):
        raise ValueError(f"{where} is not a tree (a node with no parent, or with two)")
    if _depth((feature, None, left, right, None)) > _MAX_DEPTH:
        raise ValueError(f"{where} is deeper than {_MAX_DEPTH}")


def _depth(tree) -> int:
    feature, _, left, right, _ = tree
    depth = [0] * len(feature)
    for i in range(len(feature)):  # a parent comes before its children, checked
        if feature[i] >= 0:
            depth[left[i]] = depth[right[i]] = depth[i] + 1
    return max(depth)


def _sigmoid(x: float) -> float:
    if x < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


class LineModel:
    """A loaded model: scores of a document's lines, and why."""

    def __init__(self, stage1: Trees, stage2: Trees, thresholds: dict[str, float], default: str,
                 about: dict, source: str, page: LineModel | None = None):
        self.stage1, self.stage2 = stage1, stage2
        self.thresholds, self.default, self.about, self.source = thresholds, default, about, source
        #: The model of a page's lines, if the file has one.
        self.page = page

    def for_pages(self) -> LineModel:
        """The model that scores a page's lines: the page model, else this one."""
        return self.page or self

    def threshold(self, strictness: str | None = None, threshold: float | None = None) -> float:
        """The score above which a line goes: ``threshold`` if given, else the
        model's threshold for ``strictness`` (its default if None)."""
        if threshold is not None:
            return threshold
        return self.thresholds[strictness or self.default]

    def score(self, texts: Sequence[str], only: Sequence[int] | None = None,
              markups: Sequence[tuple[float, ...] | None] | None = None) -> list[tuple[int, float, list[float]]]:
        """(k, junk score, row) for the k-th non-blank line of ``texts``, for
        each k in ``only`` (every line if None); the row holds both stages'
        inputs, for reasons. ``markups``: what a page's markup says of each
        text (see document_features). Stage 2 reads the stage-1 scores around
        a line, so stage 1 scores the lines around the wanted ones (needed_rows)."""
        rows = document_features(texts, markups)
        if not rows:
            return []
        wanted = list(range(len(rows))) if only is None else list(only)
        first: list[float | None] = [None] * len(rows)
        for i in needed_rows(rows, wanted):
            first[i] = _sigmoid(self.stage1.raw(rows[i]))
        context = stage2_rows(rows, first, wanted)
        return [(k, _sigmoid(self.stage2.raw(around)), rows[k] + around) for k, around in zip(wanted, context)]

    def reason(self, score: float, row: Sequence[float]) -> str:
        """Why a line scored as junk, in words, from its strongest features."""
        return explain_score(self, score, row)


def stage2_rows(rows: Sequence[Sequence[float]], scores: Sequence[float | None],
                wanted: Sequence[int] | None = None) -> list[list[float]]:
    """The stage-1 scores around each wanted line (every line if None), in
    columns named by STAGE2. ``scores`` need only hold the scores of the
    lines :func:`needed_rows` names for them (None elsewhere)."""
    n = len(rows)
    wanted = range(n) if wanted is None else wanted
    known = cast("Sequence[float]", scores)  # the lines read below are scored (needed_rows)
    text, run_of, paragraph_of = _groups(rows)
    previous_text, next_text = _nearest_text(text)
    runs: dict[int, list[float]] = {}
    paragraphs: dict[int, list[float]] = {}
    for i, score in enumerate(scores):
        if score is not None:
            runs.setdefault(run_of[i], []).append(score)
            paragraphs.setdefault(paragraph_of[i], []).append(score)

    def at(j: int | None) -> float:
        return known[j] if j is not None and 0 <= j < n else _MISSING

    out = []
    for i in wanted:
        window = [known[j] for j in range(max(0, i - 2), min(n, i + 3))]
        run, paragraph = runs[run_of[i]], paragraphs[paragraph_of[i]]
        out.append([known[i], at(i - 1), at(i + 1), at(i - 2), at(i + 2),
                    sum(window) / len(window), max(window), min(window),
                    sum(run) / len(run), sum(paragraph) / len(paragraph), max(paragraph),
                    at(previous_text[i]), at(next_text[i])])
    return out


def needed_rows(rows: Sequence[Sequence[float]], wanted: Sequence[int]) -> list[int]:
    """The lines whose stage-1 scores stage 2 reads for the wanted lines:
    two on each side, the run of short lines and the paragraph each sits in,
    the nearest sentences above and below."""
    n = len(rows)
    text, run_of, paragraph_of = _groups(rows)
    previous_text, next_text = _nearest_text(text)
    wanted_runs = {run_of[i] for i in wanted}
    wanted_paragraphs = {paragraph_of[i] for i in wanted}
    needed = {i for i in range(n) if run_of[i] in wanted_runs or paragraph_of[i] in wanted_paragraphs}
    for i in wanted:
        needed.update(range(max(0, i - 2), min(n, i + 3)))
        needed.update(j for j in (previous_text[i], next_text[i]) if j is not None)
    return sorted(needed)


def _groups(rows: Sequence[Sequence[float]]) -> tuple[list[bool], list[int], list[int]]:
    """Which lines are text, and each line's run (consecutive non-text lines
    share one; a text line is a run of its own) and paragraph."""
    text = [row[_COLUMN["is_text"]] > 0 for row in rows]
    run_of, paragraph_of, run, paragraph = [], [], 0, 0
    for i, row in enumerate(rows):
        if i == 0 or text[i] or text[i - 1]:
            run += 1
        paragraph += row[_COLUMN["blank_before"]] > 0
        run_of.append(run)
        paragraph_of.append(paragraph)
    return text, run_of, paragraph_of


def _nearest_text(text: Sequence[bool]) -> tuple[list[int | None], list[int | None]]:
    """For each line, the nearest text line above it and below it (None if none)."""
    n = len(text)
    above: list[int | None] = [None] * n
    below: list[int | None] = [None] * n
    last = None
    for i in range(n):
        above[i] = last
        if text[i]:
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        below[i] = last
        if text[i]:
            last = i
    return above, below


# Reasons: the stage-1 contributions are summed by family, and the strongest
# families pushing towards junk are said with the line's own values.
_FAMILIES = {
    "shape": ("log_chars", "words", "log_words", "mean_token_length", "ends_sentence", "ends_colon",
              "ends_question", "ends_ellipsis", "first_upper", "first_lower", "first_digit", "first_symbol",
              "first_uncased", "upper_share", "title_share", "digit_share", "symbol_share", "sentences_inside",
              "commas_per_word", "bracketed", "bullet", "function_words", "function_share", "reads_like_clause",
              "is_text", "is_headline", "fragment8", "fragment3", "non_ascii_share", "cjk_share", "has_quote",
              "words_over_median"),
    "address": ("has_url", "has_email", "has_handle", "has_year", "has_time", "separators"),
    "run": ("run_length", "run_position", "run_mean_words", "run_words_spread", "run_after_colon",
            "run_digit_share", "run_title_share", "run_sentence_share", "text_density3", "text_density10",
            "mean_words3", "lines_to_previous_text", "lines_to_next_text")
           + tuple(name for name in NAMES if name.startswith(("above1_", "below1_", "above2_", "below2_"))),
    "paragraph": ("blank_before", "blank_after", "paragraph_lines", "paragraph_position", "paragraph_log_words",
                  "paragraph_has_text"),
    "position": ("index", "index_from_end", "relative_position", "in_block", "before_block", "after_block",
                 "block_share", "text_words_above", "text_words_below", "share_text_above", "share_text_below",
                 "above_first_text", "below_body_end", "outside_story", "text_between", "in_strict_block",
                 "before_strict_block", "after_strict_block", "is_first", "is_last", "document_lines",
                 "document_log_words", "document_text_share"),
    "repetition": ("repeats", "inside_longer_line"),
    "markup": PAGE,
}
_FAMILY_OF = {_COLUMN[name]: family for family, names in _FAMILIES.items() for name in names}


def _value(row: Sequence[float], name: str) -> float:
    return row[_COLUMN[name]]


def _say_shape(row: Sequence[float]) -> str:
    words = int(_value(row, "words"))
    size = f"{words} word{'s' if words != 1 else ''}"
    if _value(row, "is_headline"):
        what = f"a headline-like line ({size})"
    elif not _value(row, "is_text"):
        what = f"a short line ({size})"
    else:
        what = f"a line of {size}"
    if not _value(row, "ends_sentence"):
        what += " with no final stop"
    return what


def _say_run(row: Sequence[float]) -> str:
    length = int(_value(row, "run_length"))
    if length >= 2:
        return f"in a run of {length} such lines"
    return "among short lines" if _value(row, "text_density3") < 0.5 else "next to short lines"


def _say_position(row: Sequence[float]) -> str:
    if _value(row, "above_first_text"):
        return "above the story's first sentence"
    if _value(row, "below_body_end"):
        return "below the story's last sentence"
    if not _value(row, "in_block"):
        return "outside the story's main block"
    return "at the edge of the story" if _value(row, "text_between") < 0.1 else "inside the story"


def _say_paragraph(row: Sequence[float]) -> str:
    lines = int(_value(row, "paragraph_lines"))
    return f"in a paragraph of {lines} lines without a sentence" if not _value(row, "paragraph_has_text") \
        else f"in a paragraph of {lines} lines"


def _say_address(row: Sequence[float]) -> str:
    for name, words in (("has_url", "holds a web address"), ("has_email", "holds an e-mail address"),
                        ("has_handle", "holds a handle or hashtag"), ("separators", "holds separators (| • »)"),
                        ("has_time", "holds a time"), ("has_year", "holds a year")):
        if _value(row, name):
            return words
    return "holds no address or date"


def _say_repetition(row: Sequence[float]) -> str:
    if _value(row, "inside_longer_line"):
        return "its words repeat inside a longer line"
    repeats = int(_value(row, "repeats"))
    return f"appears {repeats} times" if repeats > 1 else "appears once"


def _say_markup(row: Sequence[float]) -> str:
    """What the page's markup says of the line, most telling first."""
    if not _value(row, "page"):
        return "no markup"
    said = []
    if not _value(row, "markup_in_core"):
        said.append("outside the article's main block" if not _value(row, "markup_before_core")
                    else "above the article's main block")
    linked = _value(row, "markup_line_link_share")
    if linked >= 0.5:
        said.append(f"{round(100 * linked)}% of it a link")
    elif _value(row, "markup_block_link_share") >= 0.5:
        said.append(f"in a block {round(100 * _value(row, 'markup_block_link_share'))}% links")
    siblings = int(_value(row, "markup_similar_siblings"))
    if siblings >= 2 and not _value(row, "markup_in_paragraph"):
        # (The count is capped: beyond it, the reader counted no further.)
        said.append(f"one of {siblings + 1} like elements" if siblings < MAX_LIKE_SIBLINGS
                    else f"one of more than {MAX_LIKE_SIBLINGS} like elements")
    if _value(row, "markup_furniture_class"):
        said.append("in an element whose class names page furniture")
    if _value(row, "markup_in_form"):
        said.append("in a form")
    return ", ".join(said) or "in the article's markup"


_SAY = {"shape": _say_shape, "run": _say_run, "position": _say_position, "paragraph": _say_paragraph,
        "address": _say_address, "repetition": _say_repetition, "markup": _say_markup}


def explain_score(model: LineModel, score: float, row: Sequence[float]) -> str:
    """"scored 0.99 as junk: a short line (3 words) with no final stop, in a
    run of 7 such lines, below the story's last sentence"."""
    pushes: dict[str, float] = {}
    for column, amount in model.stage1.contributions(row[:len(NAMES)]).items():
        family = _FAMILY_OF[column]
        pushes[family] = pushes.get(family, 0.0) + amount
    strongest = [family for family, amount in sorted(pushes.items(), key=lambda item: -item[1]) if amount > 0][:3]
    # The line's shape reads first, then what surrounds it.
    order = ("shape", "address", "repetition", "run", "paragraph", "position", "markup")
    said = [_SAY[family](row) for family in order if family in strongest]
    around = row[len(NAMES):]
    if max(around[_STAGE2_COLUMN["run_mean"]], around[_STAGE2_COLUMN["window5_mean"]]) > 0.5:
        said.append("among lines that score as junk")
    return f"scored {score_text(score)} as junk: " + ", ".join(said or ["no single feature stands out"])


def score_text(score: float) -> str:
    """A score as a person reads it: two decimals, more near 1 (0.996 is not
    certainty, and "1.00" would say it was)."""
    for digits in (2, 3):
        text = f"{score:.{digits}f}"
        if not text.startswith("1"):
            return text
    return ">0.999"


def load_model(path: str | Path | None = None) -> LineModel:
    """The model in ``path`` (the bundled one if None), loaded once per file
    version. A missing or malformed file is a ConfigError."""
    path = Path(path).expanduser() if path is not None else BUNDLED
    try:
        stamp = path.stat()
    except OSError as exc:
        raise ConfigError(f"model {path}: {exc.strerror.lower() if exc.strerror else exc}") from None
    if not stat.S_ISREG(stamp.st_mode):
        raise ConfigError(f"model {path}: not a regular file")
    if stamp.st_size > MAX_MODEL_BYTES:
        raise ConfigError(f"model {path}: {stamp.st_size:,} bytes, larger than a line model can be")
    return _load(str(path), stamp.st_mtime_ns, stamp.st_size)


@lru_cache(maxsize=4)
def _load(path: str, mtime: int, size: int) -> LineModel:
    try:
        with open(path, "rb") as stream:
            data = json.loads(stream.read(MAX_MODEL_BYTES + 1))
        return _from_json(data, path)
    except OSError as exc:
        raise ConfigError(f"model {path}: {exc.strerror.lower() if exc.strerror else exc}") from None
    except (ValueError, RecursionError, TypeError, KeyError, OverflowError, MemoryError) as exc:
        raise ConfigError(f"model {path}: not a cleaner line model ({exc})") from None


def _from_json(data: object, path: str) -> LineModel:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"no \"format\": \"{FORMAT}\"")
    if data.get("version") != VERSION:
        raise ValueError(f"version {data.get('version')!r}, this cleaner reads version {VERSION}")
    if tuple(data.get("features", ())) != NAMES or tuple(data.get("stage2_features", ())) != STAGE2:
        raise ValueError("trained on other features than this cleaner computes; train it again")
    default = data.get("default")
    if default not in STRICTNESS:
        raise ValueError(f"\"default\" must be one of {', '.join(STRICTNESS)}")
    page = data.get("page")
    if page is not None and not isinstance(page, dict):
        raise ValueError("\"page\" must be an object")
    return _part(data, default, path, _part(page, default, path, where="page.") if page is not None else None)


def _part(data: dict, default: str, path: str, page: LineModel | None = None, where: str = "") -> LineModel:
    """One model (the text's or the page's) of a model file."""
    thresholds = data.get("strictness")
    if not isinstance(thresholds, dict) or set(thresholds) != set(STRICTNESS) or not all(
            isinstance(v, (int, float)) and 0 < v < 1 for v in thresholds.values()):
        raise ValueError(f"\"{where}strictness\" must give a threshold between 0 and 1 for each of "
                         f"{', '.join(STRICTNESS)}")
    stage1 = Trees.from_json(data.get("stage1"), len(NAMES), f"{where}stage1")
    stage2 = Trees.from_json(data.get("stage2"), len(STAGE2), f"{where}stage2")
    about = data.get("about")
    about = about if isinstance(about, dict) else {}
    return LineModel(stage1, stage2, {k: float(v) for k, v in thresholds.items()}, default, about, path, page)
