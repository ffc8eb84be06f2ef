"""Score the library in-process on a corpus JSONL: quality, and each filter's false positives.

    python bench/quality.py ../shared/corpus/dev.jsonl [--field raw|fullpage|html] [--show-fp N]

Token precision/recall/F1, junk lines left and gold lines lost are computed with
the corpus's own score.py (found next to the corpus), so the figures match
`score.py --cmd 'cleaner clean'`. With ``--field html`` the page (from the
sibling *-html.jsonl.gz) is read as `cleaner clean --from html` reads it. Per filter it counts the lines removed and how
many of them were gold lines: that filter's false positives.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import cleaner
from cleaner.htmlpage import page_lines


def load_scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("score", corpus.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(score, docs, field, config_for):
    """score.py's summary over ``docs`` cleaned with ``config_for(doc)``, the
    lines each filter removed, and the gold lines among them."""
    rows = []
    removed = Counter()
    false_positives: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for doc in docs:
        config = config_for(doc)
        if field == "html":
            result = cleaner.clean_lines(page_lines(doc["html"]), config)
        else:
            result = cleaner.clean_and_explain(doc[field], config)
        rows.append(score.score_doc(doc["gold"], result.text))
        gold_lines = score.split_lines(doc["gold"])
        for removal, is_gold in zip(
            result.removals,
            score.match_lines([r.text for r in result.removals], gold_lines),
        ):
            removed[removal.filter] += 1
            if is_gold:
                false_positives[removal.filter].append((doc["id"], removal.text, str(removal.reason)))
    return score.aggregate(rows), removed, false_positives


def print_filters(removed, false_positives) -> None:
    print(f"\n  {'filter':<20}{'removed':>8}{'gold':>6}{'non-gold %':>12}")
    for name in cleaner.FILTERS:
        n, fp = removed[name], len(false_positives[name])
        share = 100 * (n - fp) / n if n else 100.0
        print(f"  {name:<20}{n:>8}{fp:>6}{share:>11.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--field", default="raw", choices=["raw", "fullpage", "html"])
    parser.add_argument("--show-fp", type=int, default=10, metavar="N",
                        help="list up to N false positives per filter")
    parser.add_argument("--disable", action="append", default=[], metavar="NAME")
    parser.add_argument("--enable", action="append", default=[], metavar="NAME")
    parser.add_argument("--model", help="the line model's file (default: the bundled one)")
    parser.add_argument("--strictness", choices=["low", "medium", "high"])
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--json", type=Path, help="write the summary as JSON here")
    args = parser.parse_args(argv)

    score = load_scorer(args.corpus)
    docs = score.load_corpus(str(args.corpus))
    if args.field == "html" and docs and "html" not in docs[0]:
        docs = score.load_corpus(score.html_sibling(str(args.corpus)))
    config = cleaner.Config.select(disable=args.disable, enable=args.enable)._replace(
        model=args.model, strictness=args.strictness, threshold=args.threshold)
    started = time.perf_counter()
    summary, removed, false_positives = evaluate(score, docs, args.field, lambda doc: config)
    elapsed = time.perf_counter() - started

    print(f"{len(docs)} documents, field {args.field}, {elapsed:.1f} s in-process")
    for label, name, fmt in [
        ("token precision", "tok_p", "{:.4f}"), ("token recall", "tok_r", "{:.4f}"),
        ("token F1", "tok_f1", "{:.4f}"), ("junk lines left / doc", "junk_lines_per_doc", "{:.2f}"),
        ("gold lines lost / doc", "gold_lines_lost_per_doc", "{:.3f}"),
    ]:
        print(f"  {label:<24}{fmt.format(summary[name])}")
    print_filters(removed, false_positives)
    for name, items in false_positives.items():
        if items and args.show_fp:
            print(f"\nfalse positives of {name}:")
            for doc_id, text, reason in items[: args.show_fp]:
                print(f"  {doc_id[:14]}  {text[:90]!r}  ({reason})")
    if args.json:
        args.json.write_text(json.dumps(
            {"summary": summary, "removed": removed,
             "false_positives": {k: len(v) for k, v in false_positives.items()}}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
