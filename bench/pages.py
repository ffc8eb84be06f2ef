"""HTML pages in, article text out: cleaner beside readability-lxml and trafilatura.

    python bench/pages.py ../shared/corpus/dev.jsonl

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


def run_cleaner(html: str) -> str:
    return cleaner.clean_lines(page_lines(html)).text


def readability_runner():
    from lxml import etree
    from lxml import html as lxml_html
    from readability import Document

    def run(page: str) -> str:
        summary = Document(page).summary(html_partial=True)
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

    return lambda page: (trafilatura.extract(page) or "") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, help="only the first N pages")
    args = parser.parse_args(argv)
    score = load_scorer(args.corpus)
    docs = score.load_corpus(score.html_sibling(str(args.corpus)) or str(args.corpus))[: args.limit]
    systems = {"cleaner": run_cleaner}
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
        outputs = [run(doc["html"]) for doc in docs]
        elapsed = time.perf_counter() - started
        summary = score.aggregate([score.score_doc(doc["gold"], out) for doc, out in zip(docs, outputs)])
        print(f"| {name} | {summary['tok_f1']:.3f} | {summary['tok_r']:.3f} | "
              f"{summary['junk_lines_per_doc']:.1f} | {summary['gold_lines_lost_per_doc']:.2f} | "
              f"{len(docs) / elapsed:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
