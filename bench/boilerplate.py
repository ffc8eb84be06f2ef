"""Measure what --learn-boilerplate does on a corpus grouped by site.

    python bench/boilerplate.py ../shared/corpus/dev.jsonl [--field raw] [--jobs 2]

Writes each document's text to WORK/src/<host>/<id>.txt, batch-cleans the tree
without and with boilerplate learning (for several K and P), and scores every
run with the corpus's own score.py --predictions. Prints one row per run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from cleaner import Config
from cleaner.batch import BatchOptions, run_batch


def build_tree(corpus: Path, field: str, root: Path) -> int:
    count = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            host = urlparse(doc["url"]).hostname or "unknown"
            path = root / host / f"{doc['id']}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(doc[field], encoding="utf-8")
            count += 1
    return count


def score(corpus: Path, out: Path, flat: Path, field: str) -> dict:
    if flat.exists():
        shutil.rmtree(flat)
    flat.mkdir()
    for path in out.rglob("*.txt"):
        shutil.copy(path, flat / path.name)
    done = subprocess.run(
        [sys.executable, str(corpus.parent / "score.py"), str(corpus), "--predictions", str(flat),
         "--field", field, "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--field", default="raw")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="cleaner-boilerplate-"))
    src = work / "src"
    docs = build_tree(args.corpus, args.field, src)
    sites = sum(1 for p in src.iterdir())
    print(f"{docs} documents in {sites} site folders ({work})")
    print(f"{'run':<28}{'tokF1':>8}{'tokR':>8}{'junk/doc':>10}{'lost/doc':>10}{'removed':>9}")
    runs = [("without learning", False, 0, 0.0)] + [
        (f"K={k} P={p:.0%}", True, k, p) for k in (2, 3, 4) for p in (0.25, 0.5)
    ]
    for label, learn, k, p in runs:
        out = work / "out"
        if out.exists():
            shutil.rmtree(out)
        options = BatchOptions(
            source=src, output=out, jobs=args.jobs, learn_boilerplate=learn,
            boilerplate_min_files=max(k, 2), boilerplate_min_share=p,
        )
        summary = run_batch(options, Config())
        result = score(args.corpus, out, work / "flat", args.field)
        total = result["summary"]["ALL"]
        print(
            f"{label:<28}{total['tok_f1']:>8.4f}{total['tok_r']:>8.4f}"
            f"{total['junk_lines_per_doc']:>10.2f}{total['gold_lines_lost_per_doc']:>10.3f}"
            f"{summary.removed['site-boilerplate']:>9}"
        )
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
