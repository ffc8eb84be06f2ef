"""HTML pages in, article text out: cleaner beside readability-lxml and trafilatura.

    python bench/pages.py ../shared/corpus/dev.jsonl [--folds-dir DIR]

With --folds-dir (the fold models `bench/linemodel.py --folds-dir DIR` wrote),
cleaner cleans each page with the model of the fold that never saw its site:
the figures of a model on pages of sites it has not seen. Without it, the
bundled model, trained on these very pages, cleans them (in sample).

Each system runs in this process over every page of the corpus's
*-html.jsonl.gz (one pass, one core) and is scored with the corpus's own
score.py: token precision/recall/F1, junk lines left and gold lines lost per
document, and documents per second. readability-lxml and trafilatura are
measured only when installed (`pip install readability-lxml lxml_html_clean
trafilatura`); readability's HTML summary is turned into text one block
element per line.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import cleaner
from cleaner.htmlpage import page_lines

BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "tr",
          "figcaption", "dd", "dt", "section", "article", "table", "ul", "ol", "br"}


def load_scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("score", corpus.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cleaner_runner(docs, folds_dir: Path | None):
    """cleaner with the bundled model, or each page with its out-of-fold model."""
    if folds_dir is None:
        return lambda doc: cleaner.clean_lines(page_lines(doc["html"])).text
    from cleaner.scoring.train import site_folds, site_of

    fold_of = site_folds([site_of(doc, n) for n, doc in enumerate(docs)])
    configs = {k: cleaner.Config()._replace(model=str(folds_dir / f"fold{k}.json")) for k in set(fold_of)}
    fold_by_id = {doc["id"]: fold_of[n] for n, doc in enumerate(docs)}
    return lambda doc: cleaner.clean_lines(page_lines(doc["html"]), configs[fold_by_id[doc["id"]]]).text


def readability_runner():
    from lxml import etree
    from lxml import html as lxml_html
    from readability import Document

    def run(doc: dict) -> str:
        summary = Document(doc["html"]).summary(html_partial=True)
        root = lxml_html.fromstring(summary)
        lines, current = [], []
        for event, element in etree.iterwalk(root, events=("start", "end")):
            if not isinstance(element.tag, str):
                continue
            if element.tag in BLOCKS:
                lines.append("".join(current))
                current = []
            if event == "start" and element.text:
                current.append(element.text)
            if event == "end" and element.tail:
                current.append(element.tail)
        lines.append("".join(current))
        return "\n".join(" ".join(line.split()) for line in lines if line.strip()) + "\n"

    return run


def trafilatura_runner():
    import trafilatura

    return lambda doc: (trafilatura.extract(doc["html"]) or "") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--folds-dir", type=Path, help="clean each page with the fold model that never saw its site")
    args = parser.parse_args(argv)
    score = load_scorer(args.corpus)
    docs = score.load_corpus(score.html_sibling(str(args.corpus)) or str(args.corpus))
    label = "cleaner, out of fold" if args.folds_dir else "cleaner (model trained on these pages)"
    runner = cleaner_runner(docs, args.folds_dir)  # the folds of the whole corpus, as the models were trained
    docs = docs[: args.limit]
    systems = {label: runner}
    for name, make in (("readability-lxml", readability_runner), ("trafilatura", trafilatura_runner)):
        try:
            systems[name] = make()
        except ImportError:
            print(f"({name} not installed: skipped)", file=sys.stderr)
    print(f"{len(docs)} pages\n")
    print("| system | token F1 | token recall | junk lines / doc | gold lines lost / doc | pages/s |")
    print("|---|---|---|---|---|---|")
    for name, run in systems.items():
        started = time.perf_counter()
        outputs = [run(doc) for doc in docs]
        elapsed = time.perf_counter() - started
        summary = score.aggregate([score.score_doc(doc["gold"], out) for doc, out in zip(docs, outputs)])
        print(f"| {name} | {summary['tok_f1']:.3f} | {summary['tok_r']:.3f} | "
              f"{summary['junk_lines_per_doc']:.1f} | {summary['gold_lines_lost_per_doc']:.2f} | "
              f"{len(docs) / elapsed:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
