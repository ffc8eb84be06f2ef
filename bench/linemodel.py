"""Site-grouped cross-validation of the learned line scorer: the quality figures
the README's model card reports. Run on demand (needs the train extra).

    python bench/linemodel.py ../shared/corpus/dev-html.jsonl.gz [--thresholds 0.9,0.8] [--folds-dir DIR]

With a corpus holding pages ("html"), the models learn from the pages' lines,
markup and all, beside the raw and full-page texts; and the pages are cleaned
as `cleaner clean --from html` cleans them.

Pages are split into 5 folds, no site in two folds. For each fold a model is
trained (exactly as `cleaner train` trains, thresholds calibrated on the
training pages alone) on the other folds' pages, and the fold's pages are
cleaned through the whole pipeline with it, at each strictness (and at each
threshold given). The figures are
score.py's, over every page, each cleaned by a model that never saw its site;
then, per filter, the lines removed and the gold lines among them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import evaluate, load_scorer, print_filters  # noqa: E402

import cleaner  # noqa: E402
from cleaner.scoring.train import (  # noqa: E402
    build_examples,
    fit_two_stages,
    site_folds,
    site_of,
    text_and_page_fields,
    with_page_model,
)

FIELDS = ("raw", "fullpage", "html")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--thresholds", default="", help="comma-separated junk scores, beside the strictness levels")
    parser.add_argument("--folds-dir", type=Path, help="keep the fold models here (default: a temporary folder)")
    parser.add_argument("--fields", default=",".join(FIELDS), help="the fields to clean and score")
    parser.add_argument("--train-fields", default=",".join(FIELDS), help="the fields to learn from")
    parser.add_argument("--rules-only", action="store_true", help="also score the rules without the model")
    parser.add_argument("--reuse", action="store_true", help="use the fold models already in --folds-dir")
    parser.add_argument("--disable", action="append", default=[], metavar="NAME",
                        help="a rule filter to switch off, in training and in cleaning")
    args = parser.parse_args(argv)
    thresholds = [float(t) for t in args.thresholds.split(",") if t]
    score = load_scorer(args.corpus)
    docs = score.load_corpus(str(args.corpus))
    # A corpus without pages is cleaned and learnt from as text alone.
    fields = [f for f in args.fields.split(",") if f != "html" or "html" in docs[0]]
    train_fields = [f for f in args.train_fields.split(",") if f != "html" or "html" in docs[0]]
    started = time.perf_counter()
    base = cleaner.Config.select(disable=args.disable)
    text_fields, page_fields, helping = text_and_page_fields(train_fields)
    examples = build_examples(docs, text_fields, base, markup=False) if not args.reuse else None
    page_examples = (build_examples(docs, page_fields + helping, base) if page_fields and not args.reuse
                     else None)
    fold_of = site_folds([site_of(doc, n) for n, doc in enumerate(docs)])
    print(f"{len(docs)} pages, {len(set(site_of(d, n) for n, d in enumerate(docs)))} sites"
          + (f", {len(examples.labels)} lines: features in {time.perf_counter() - started:.0f} s" if examples else ""),
          flush=True)

    folder = args.folds_dir or Path(tempfile.mkdtemp(prefix="cleaner-cv-"))
    folder.mkdir(parents=True, exist_ok=True)
    models = {}
    for k in range(5):
        started = time.perf_counter()
        training = [n for n in range(len(docs)) if fold_of[n] != k]
        models[k] = folder / f"fold{k}.json"
        if args.reuse and models[k].exists():
            print(f"fold {k + 1}: {models[k]}", flush=True)
            continue
        model = fit_two_stages(examples, training)
        if page_examples is not None:
            model = with_page_model(model, fit_two_stages(page_examples, training, helping=helping))
        models[k].write_text(json.dumps(model, separators=(",", ":")))
        print(f"fold {k + 1}: trained on {len(training)} pages in {time.perf_counter() - started:.0f} s; "
              f"thresholds {model['strictness']}"
              + (f", pages {model['page']['strictness']}" if "page" in model else ""), flush=True)

    fold_by_id = {doc["id"]: fold_of[n] for n, doc in enumerate(docs)}
    print("\n| field | threshold | token F1 | junk / doc | lost / doc | model removed | gold | non-gold |")
    print("|---|---|---|---|---|---|---|---|")
    details = {}
    for field in fields:
        runs = ([("rules only", base._replace(filters=tuple(f for f in base.filters if f != "line-model")))]
                if args.rules_only else [])
        for label, config in runs:
            summary, removed, false_positives = evaluate(score, docs, field, lambda doc, config=config: config)
            print(f"| {field} | {label} | {summary['tok_f1']:.3f} | {summary['junk_lines_per_doc']:.1f} | "
                  f"{summary['gold_lines_lost_per_doc']:.2f} | | | |", flush=True)
        settings = [("strictness", level) for level in ("low", "medium", "high")]
        settings += [("threshold", threshold) for threshold in thresholds]
        for kind, threshold in settings:
            configs = {k: base._replace(model=str(path), **{kind: threshold}) for k, path in models.items()}
            summary, removed, false_positives = evaluate(
                score, docs, field, lambda doc, configs=configs: configs[fold_by_id[doc["id"]]])
            n, wrong = removed["line-model"], len(false_positives["line-model"])
            print(f"| {field} | {threshold} | {summary['tok_f1']:.3f} | {summary['junk_lines_per_doc']:.1f} | "
                  f"{summary['gold_lines_lost_per_doc']:.2f} | {n} | {wrong} | "
                  f"{100 * (n - wrong) / n if n else 100:.1f}% |", flush=True)
            details[field, threshold] = (removed, false_positives)
    for (field, threshold), (removed, false_positives) in details.items():
        print(f"\n{field}, threshold {threshold}, out of fold:")
        print_filters(removed, false_positives)
    return 0


if __name__ == "__main__":
    sys.exit(main())
