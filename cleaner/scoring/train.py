"""Training the line scorer from labelled pages (`cleaner train`).

A corpus is JSON lines (gzipped or not), one page each: the scraped text in one
or more fields ("raw", "fullpage", or any you name) and the human-made clean
text in "gold". The field "html" holds a page's HTML: it is read as
`cleaner clean --from html` reads it, and the model learns from what the
markup says of each line as well as from its text.
A "site" field, or the host of "url", groups pages by site: the stage-2 model
learns from stage-1 scores of sites stage 1 never saw, as it will at run time.

Each text is cleaned by the rules (every default filter but the model); the
lines they keep are labelled: gold if the line's words, in order, make a line
of the gold text or a run of at least five of its words; junk otherwise (a junk
line whose words sit inside a gold line is a piece of it, a table cell, and is
not taught as junk). Every page weighs the same, however many lines it has.

Needs the `train` extra (numpy, LightGBM). Deterministic: one thread, fixed seeds.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..config import Config
from ..document import Line
from ..errors import ConfigError, InputError
from ..filters.learned import protected_lines
from ..origins import markup_of
from .features import NAMES, document_features
from .model import FORMAT, STAGE2, VERSION, stage2_rows

#: What each strictness asks of the lines it removes: the share of them that
#: were junk, by scores of models that had not seen the line's site.
PRECISION = {"low": 0.995, "medium": 0.99, "high": 0.97}
DEFAULT_STRICTNESS = "medium"
FOLDS = 5

_PARAMETERS = dict(objective="binary", learning_rate=0.05, num_leaves=15, max_depth=4, min_data_in_leaf=20,
                   feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, lambda_l2=1.0, num_threads=1,
                   deterministic=True, force_row_wise=True, verbose=-1, seed=1)
STAGE1_TREES, STAGE2_TREES = 200, 100
# Stage 2 reads 17 columns of scores: shallower trees are enough.
_STAGE2_PARAMETERS = dict(max_depth=3, num_leaves=7, learning_rate=0.1)

# Monotone constraints: the junk score may only rise with these columns...
_RISING = {"fragment8", "fragment3", "has_url", "has_email", "before_block", "after_block", "above_first_text",
           "below_body_end", "outside_story", "before_strict_block", "after_strict_block",
           "score", "window5_mean", "run_mean", "paragraph_mean", "paragraph_max"}
# ...and only fall with these.
_FALLING = {"is_text", "ends_sentence", "function_words", "function_share", "reads_like_clause",
            "sentences_inside", "in_block", "in_strict_block", "paragraph_has_text", "text_density3",
            "text_density10", "text_between", "has_quote"}

_TOKEN = re.compile(r"\w+")
#: The field whose text is a page's HTML.
PAGE_FIELD = "html"
_HELPING_WEIGHT = 0.5
# The threshold of a strictness whose precision no threshold reached: nothing goes.
_UNREACHED = 0.9999
_MIN_SUBSTRING_TOKENS = 5
_TWO_PART_SUFFIXES = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"}


@dataclass
class Examples:
    """Feature rows of the lines the rules kept, with labels (1 junk, 0 not)
    and the document each came from (a document is one field of one page);
    for each document, its page and its page's site."""

    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    document: list[int] = field(default_factory=list)
    #: Whether the model judges the line at run time (the guards protect the rest).
    judged: list[bool] = field(default_factory=list)
    page_of: list[int] = field(default_factory=list)  # per document
    sites: list[str] = field(default_factory=list)  # per document
    fields: list[str] = field(default_factory=list)  # per document


def read_corpus(path: Path, fields: Sequence[str]) -> list[dict]:
    """The pages of a corpus file, each with "gold" and at least one of ``fields``."""
    pages = []
    try:
        if str(path).endswith(".gz"):
            import gzip

            stream = gzip.open(path, "rt", encoding="utf-8")
        else:
            stream = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror.lower() if exc.strerror else exc}") from None
    with stream:
        number = 0
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except (ValueError, RecursionError) as exc:
                    reason = "nested too deeply" if isinstance(exc, RecursionError) else exc
                    raise InputError(f"{path}:{number}: not a JSON object ({reason})") from None
                pages.append(_page(record, path, number, fields))
        except UnicodeDecodeError:
            raise InputError(f"{path}:{number + 1}: not UTF-8 text") from None
        except (OSError, EOFError, zlib.error) as exc:  # a gzip file cut short, damaged or not gzip at all
            raise InputError(f"{path}: {exc}") from None
    if not pages:
        raise InputError(f"{path}: no pages")
    return pages


def _page(record: object, path: Path, number: int, fields: Sequence[str]) -> dict:
    if not isinstance(record, dict) or not isinstance(record.get("gold"), str):
        raise InputError(f"{path}:{number}: a page needs its clean text in \"gold\"")
    if not any(isinstance(record.get(name), str) for name in fields):
        raise InputError(f"{path}:{number}: no text in {', '.join(map(repr, fields))}")
    return record


def site_of(page: dict, number: int) -> str:
    """The page's site: its "site" field, else the registered domain of its
    "url" (the last two labels, three for names like example.co.uk), else the
    page alone."""
    if isinstance(page.get("site"), str):
        return page["site"]
    url = page.get("url")
    try:
        host = (urlsplit(url).hostname or "") if isinstance(url, str) else ""
    except ValueError:  # "http://[oops/": not an address, so no site
        host = ""
    host = host.lower().removeprefix("www.")
    if not host:
        return f"page {number}"
    parts = host.split(".")
    if len(parts) >= 3 and parts[-2] in _TWO_PART_SUFFIXES and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def _line_key(text: str) -> tuple[str, int]:
    tokens = _TOKEN.findall(text.lower())
    return " ".join(tokens), len(tokens)


def label_lines(lines: Sequence[str], gold: str) -> list[int]:
    """1 (junk) or 0 (gold, or a piece of a gold line) for each line, matched
    in order: a line is gold when its words equal an unused gold line's, or,
    five words or more, appear as a run in the gold text."""
    gold_keys = [_line_key(line) for line in gold.splitlines() if line.strip()]
    remaining = Counter(k for k, n in gold_keys if n)
    joined = " " + " ".join(k for k, n in gold_keys if n) + " "
    labels = []
    for text in lines:
        k, n = _line_key(text)
        if n and remaining[k] > 0:
            remaining[k] -= 1
            labels.append(0)
        elif n and f" {k} " in joined and (n >= _MIN_SUBSTRING_TOKENS or _inside_a_longer_line(k, gold_keys)):
            labels.append(0)
        else:
            labels.append(1)
    return labels


def _inside_a_longer_line(k: str, gold_keys: Sequence[tuple[str, int]]) -> bool:
    # A table's cells split one gold row over several lines: each cell is part of the row.
    padded = f" {k} "
    return any(n > len(k.split()) and padded in f" {g} " for g, n in gold_keys)


def rules_config(config: Config | None = None) -> Config:
    """The rules that run before the model: ``config`` without the model."""
    config = config or Config()
    return config._replace(filters=tuple(name for name in config.filters if name != "line-model"))


def view_of(text: str, config: Config, field: str = "raw") -> list[Line]:
    """The lines the rules keep, blank between paragraphs: what the model
    scores. A field named "html" is a page, its lines read from the markup."""
    from .. import clean, clean_lines

    if field == PAGE_FIELD:
        from ..htmlpage import page_lines

        return list(clean_lines(page_lines(text), config).kept)
    return [Line(i, line) for i, line in enumerate(clean(text, config).split("\n"))]


def build_examples(pages: Sequence[dict], fields: Sequence[str], config: Config | None = None,
                   progress: Callable[[int], None] | None = None, markup: bool = True) -> Examples:
    """Feature rows and labels of every page's fields (without ``markup``,
    a page's lines are taught as text: what its markup says is left out)."""
    rules = rules_config(config)
    examples = Examples()
    for number, page in enumerate(pages):
        site = site_of(page, number)
        for name in fields:
            text = page.get(name)
            if not isinstance(text, str):
                continue
            view = view_of(text, rules, name)
            kept = [line.text for line in view if line.text]
            markups = [markup_of(line.origin) for line in view]
            rows = document_features([line.text for line in view], markups if markup else None)
            protected = protected_lines(view, read_markup=markup)
            examples.rows += rows
            examples.labels += label_lines(kept, page["gold"])
            examples.judged += [i not in protected for i, line in enumerate(view) if line.text]
            examples.document += [len(examples.page_of)] * len(rows)
            examples.page_of.append(number)
            examples.sites.append(site)
            examples.fields.append(name)
        if progress:
            progress(number + 1)
    return examples


def site_folds(sites: Sequence[str], folds: int = FOLDS) -> list[int]:
    """A fold for each page, no site in two folds: sites from the largest,
    each to the fold with the fewest pages (ties by name: deterministic)."""
    counts = Counter(sites)
    load = [0] * folds
    fold_of = {}
    for site in sorted(counts, key=lambda s: (-counts[s], s)):
        fold = min(range(folds), key=lambda f: (load[f], f))
        fold_of[site] = fold
        load[fold] += counts[site]
    return [fold_of[site] for site in sites]


def _constraints(names: Sequence[str]) -> list[int]:
    return [1 if name in _RISING else -1 if name in _FALLING else 0 for name in names]


def _weights(examples: Examples, np, helping: frozenset[str] = frozenset()):
    """Each page (and field) weighs the same in total, whatever its lines;
    a helping field's texts (the page model's text) weigh half."""
    document = np.asarray(examples.document)
    counts = np.bincount(document, minlength=len(examples.page_of)).astype(float)
    share = np.asarray([_HELPING_WEIGHT if name in helping else 1.0 for name in examples.fields])
    return share[document] / counts[document]


def _fit(np, lgb, rows, labels, weights, names, trees, **overrides):
    parameters = dict(_PARAMETERS, monotone_constraints=_constraints(names), **overrides)
    data = lgb.Dataset(rows, label=labels, weight=weights, feature_name=list(names), free_raw_data=True)
    return lgb.train(parameters, data, num_boost_round=trees)


def _stage2_matrix(np, examples: Examples, rows, scores, selected):
    """The stage-2 rows of the selected lines, document by document."""
    document = examples.document
    out = np.zeros((len(document), len(STAGE2)))
    start = 0
    while start < len(document):
        stop = start
        while stop < len(document) and document[stop] == document[start]:
            stop += 1
        if selected[start]:
            out[start:stop] = stage2_rows(rows[start:stop].tolist(), scores[start:stop].tolist())
        start = stop
    return out


def _fit_stages(np, lgb, examples: Examples, rows, labels, weights, train, say):
    """Stage 1 trained on the rows in ``train``, stage 2 on those of them the
    model judges at run time (it decides; stage 1 learns shapes from all)."""
    # Stage 2 must learn from stage-1 scores of sites stage 1 did not learn from.
    cross_fitted = np.zeros(len(labels))
    for k, learn, held in _site_splits(np, examples, train):
        say(f"stage 1, inner fold {k + 1} of {FOLDS}")
        booster = _fit(np, lgb, rows[learn], labels[learn], weights[learn], NAMES, STAGE1_TREES)
        cross_fitted[held] = booster.predict(rows[held])
    say("stage 1")
    stage1 = _fit(np, lgb, rows[train], labels[train], weights[train], NAMES, STAGE1_TREES)
    context = _stage2_matrix(np, examples, rows, cross_fitted, train)
    say("stage 2")
    judged = train & np.asarray(examples.judged)
    stage2 = _fit(np, lgb, context[judged], labels[judged], weights[judged], STAGE2, STAGE2_TREES,
                  **_STAGE2_PARAMETERS)
    return stage1, stage2


def _site_splits(np, examples: Examples, train):
    """(k, learn, held) for each site-grouped fold of the rows in ``train``:
    masks of rows to learn from and rows of sites held out."""
    documents = sorted(set(np.asarray(examples.document)[train].tolist()))
    fold_of = dict(zip(documents, site_folds([examples.sites[d] for d in documents])))
    fold = np.asarray([fold_of.get(d, -1) for d in examples.document])
    for k in range(FOLDS):
        learn, held = train & (fold != k), train & (fold == k)
        if held.any() and learn.any():
            yield k, learn, held


def _predict(np, stage1, stage2, examples: Examples, rows, selected):
    """Stage-2 scores of the selected rows (0 elsewhere)."""
    first = np.zeros(len(rows))
    first[selected] = stage1.predict(rows[selected])
    context = _stage2_matrix(np, examples, rows, first, selected)
    out = np.zeros(len(rows))
    out[selected] = stage2.predict(context[selected])
    return out


def calibrate(scores: Sequence[float], labels: Sequence[int], targets: dict[str, float],
              least: int = 50) -> dict[str, float]:
    """For each strictness, the lowest threshold above which at least the
    target share of lines are junk (by out-of-fold scores). A threshold that no
    ``least`` lines reach removes nothing."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    thresholds = {}
    for name, target in targets.items():
        junk, best = 0, 0
        for k, i in enumerate(order, 1):
            junk += labels[i]
            if k >= least and junk >= target * k:
                best = k
        if best == 0:
            thresholds[name] = _UNREACHED
        elif best == len(order):
            thresholds[name] = max(0.0001, scores[order[-1]] / 2)
        else:
            thresholds[name] = (scores[order[best - 1]] + scores[order[best]]) / 2
        thresholds[name] = min(0.9999, max(0.0001, round(thresholds[name], 6)))
    return thresholds


def fit_two_stages(examples: Examples, selected_pages: Iterable[int] | None = None,
                   say: Callable[[str], None] = lambda _: None, helping: Iterable[str] = ()) -> dict:
    """Train both stages on the selected pages (all if None); the model as JSON
    data. The thresholds of each strictness are calibrated first, on scores of
    models that did not see the page's site (an outer site-grouped split).
    ``helping`` fields teach the model at half weight, and are not calibrated
    on (the page model learns the shapes of lines from text too, and is
    calibrated on pages alone)."""
    np, lgb = _training_libraries()
    helping = frozenset(helping)
    rows = np.asarray(examples.rows, dtype=np.float64)
    labels = np.asarray(examples.labels)
    pages = set(selected_pages) if selected_pages is not None else set(examples.page_of)
    documents = [d for d, p in enumerate(examples.page_of) if p in pages]
    document = np.asarray(examples.document)
    train = np.isin(document, documents)
    weights = _weights(examples, np, helping)
    held_out = np.zeros(len(labels))
    for k, learn, held in _site_splits(np, examples, train):
        say(f"calibration, fold {k + 1} of {FOLDS}")
        stage1, stage2 = _fit_stages(np, lgb, examples, rows, labels, weights, learn, lambda _: None)
        held_out[held] = _predict(np, stage1, stage2, examples, rows, held)[held]
    # Each kind of text (field) must meet the precision: the strictest threshold wins.
    judged = train & np.asarray(examples.judged)
    field = np.asarray([examples.fields[d] for d in examples.document])
    thresholds = {name: 0.0 for name in PRECISION}
    for kind in sorted(set(field[judged].tolist()) - helping):
        rows_of_kind = judged & (field == kind)
        for name, value in calibrate(held_out[rows_of_kind].tolist(), labels[rows_of_kind].tolist(),
                                     PRECISION).items():
            thresholds[name] = max(thresholds[name], value)
    # No line of a calibrated kind judged: no threshold was reached, and nothing goes.
    thresholds = {name: value or _UNREACHED for name, value in thresholds.items()}
    say("thresholds: " + ", ".join(f"{name} {value:.4f}" for name, value in thresholds.items()))
    stage1, stage2 = _fit_stages(np, lgb, examples, rows, labels, weights, train, say)
    return {
        "format": FORMAT, "version": VERSION, "features": list(NAMES), "stage2_features": list(STAGE2),
        "strictness": thresholds, "default": DEFAULT_STRICTNESS,
        "stage1": _export(stage1), "stage2": _export(stage2),
        "about": {"pages": len(pages), "sites": len({examples.sites[d] for d in documents}),
                  "lines": int(train.sum()), "junk_lines": int(labels[train].sum()),
                  "trees": [STAGE1_TREES, STAGE2_TREES], "precision_targets": dict(PRECISION)},
    }


def text_and_page_fields(fields: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """The fields the text model learns from, those the page model learns
    from, and the text fields that help the page model (at half weight): a
    corpus of pages alone teaches the text model their lines as text."""
    text = [name for name in fields if name != PAGE_FIELD]
    page = [name for name in fields if name == PAGE_FIELD]
    return text or page, page, text if page else []


def with_page_model(model: dict, page_model: dict) -> dict:
    """A model file holding ``model`` for text and ``page_model`` for pages."""
    return {**model, "page": {name: page_model[name] for name in ("strictness", "stage1", "stage2", "about")}}


def _export(booster) -> dict:
    """A LightGBM booster as nodes: [feature, threshold, left, right, mean] or [leaf]."""
    trees = []
    for tree in booster.dump_model()["tree_info"]:
        nodes: list = []
        _walk(tree["tree_structure"], nodes)
        trees.append(nodes)
    return {"base": 0.0, "trees": trees}


def _walk(node: dict, nodes: list) -> int:
    """Append ``node`` and its subtree to ``nodes``, parents first; its index."""
    index = len(nodes)
    nodes.append(None)
    if "leaf_value" in node:
        nodes[index] = [round(node["leaf_value"], 9)]
        return index
    if node.get("decision_type") != "<=":
        raise ValueError(f"unexpected split {node.get('decision_type')!r}")
    left = _walk(node["left_child"], nodes)
    right = _walk(node["right_child"], nodes)
    nodes[index] = [node["split_feature"], float(node["threshold"]), left, right,
                    round(node.get("internal_value", 0.0), 9)]
    return index


def _training_libraries():
    try:
        import lightgbm
        import numpy
    except ImportError:
        raise ConfigError("training needs the train extra: pip install 'cleaner[train]'") from None
    return numpy, lightgbm


def train(corpus: Path, fields: Sequence[str], config: Config | None = None,
          say: Callable[[str], None] = lambda _: None) -> dict:
    """The model ``cleaner train`` writes, from a corpus file."""
    _training_libraries()
    pages = read_corpus(corpus, fields)
    text_fields, page_fields, helping = text_and_page_fields(fields)
    say(f"{len(pages)} pages: features of the lines the rules keep")
    text_examples = build_examples(pages, text_fields, config, markup=False)
    page_examples = build_examples(pages, page_fields + helping, config) if page_fields else None
    # (The page model must find both among the pages' own lines, not only among the helping texts'.)
    for examples, kinds in ((text_examples, text_fields), (page_examples, page_fields)):
        if examples is None:
            continue
        judged = {label for label, judge, document in zip(examples.labels, examples.judged, examples.document)
                  if judge and examples.fields[document] in kinds}
        if len(judged) < 2:
            raise InputError(f"{corpus}: the pages need both junk lines and gold lines outside their stories' "
                             "text (where the model judges) to learn from")
    model = fit_two_stages(text_examples, say=lambda m: say(f"text: {m}"))
    _warn_unreached(model, "text", say)
    if page_examples is not None:
        page_model = fit_two_stages(page_examples, say=lambda m: say(f"pages: {m}"), helping=helping)
        _warn_unreached(page_model, "pages", say)
        model = with_page_model(model, page_model)
    return model


def _warn_unreached(model: dict, kind: str, say: Callable[[str], None]) -> None:
    unreached = [name for name, value in model["strictness"].items() if value >= _UNREACHED]
    if unreached:
        say(f"warning: {kind}: no threshold reached the precision of {', '.join(unreached)} on pages of sites "
            "the model had not seen: at those settings it removes nothing (more sites would help)")
