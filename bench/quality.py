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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--field", default="raw", choices=["raw", "fullpage", "html"])
    parser.add_argument("--show-fp", type=int, default=10, metavar="N",
                        help="list up to N false positives per filter")
    parser.add_argument("--disable", action="append", default=[], metavar="NAME")
    parser.add_argument("--enable", action="append", default=[], metavar="NAME")
    parser.add_argument("--json", type=Path, help="write the summary as JSON here")
    args = parser.parse_args(argv)

    score = load_scorer(args.corpus)
    docs = score.load_corpus(str(args.corpus))
    if args.field == "html" and docs and "html" not in docs[0]:
        docs = score.load_corpus(score.html_sibling(str(args.corpus)))
    config = cleaner.Config.select(disable=args.disable, enable=args.enable)
    rows = []
    removed = Counter()
    false_positives: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    started = time.perf_counter()
    for doc in docs:
        if args.field == "html":
            result = cleaner.clean_lines(page_lines(doc["html"]), config)
        else:
            result = cleaner.clean_and_explain(doc[args.field], config)
        rows.append(score.score_doc(doc["gold"], result.text))
        gold_lines = score.split_lines(doc["gold"])
        for removal, is_gold in zip(
            result.removals,
            score.match_lines([r.text for r in result.removals], gold_lines),
        ):
            removed[removal.filter] += 1
            if is_gold:
                false_positives[removal.filter].append((doc["id"], removal.text, removal.reason))
    elapsed = time.perf_counter() - started
    summary = score.aggregate(rows)

    print(f"{len(docs)} documents, field {args.field}, {elapsed:.1f} s in-process")
    for label, name, fmt in [
        ("token precision", "tok_p", "{:.4f}"), ("token recall", "tok_r", "{:.4f}"),
        ("token F1", "tok_f1", "{:.4f}"), ("junk lines left / doc", "junk_lines_per_doc", "{:.2f}"),
        ("gold lines lost / doc", "gold_lines_lost_per_doc", "{:.3f}"),
    ]:
        print(f"  {label:<24}{fmt.format(summary[name])}")
    print(f"\n  {'filter':<20}{'removed':>8}{'gold':>6}{'non-gold %':>12}")
    for name in cleaner.FILTERS:
        n, fp = removed[name], len(false_positives[name])
        share = 100 * (n - fp) / n if n else 100.0
        print(f"  {name:<20}{n:>8}{fp:>6}{share:>11.1f}%")
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
