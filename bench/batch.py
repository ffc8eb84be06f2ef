"""Batch speed: files/s and MB/s of `cleaner batch` with -j 1 and -j 2.

    python bench/batch.py ../shared/corpus/dev.jsonl [--files 10000] [--jobs 1 2]

Builds a tree of N files (100 per folder) from the corpus's raw texts, each
made unique by a numbered first line, then times the real command (a fresh
process, as a user runs it) cleaning it into a new folder for each run. The
disk is synced before each run and old outputs are deleted only at the end:
on this machine's ext4 the kernel's delayed work after deleting 10,000 files
otherwise lands in the next timed run. The best of --repeat runs counts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_tree(corpus: Path, root: Path, files: int) -> int:
    texts = [json.loads(line)["raw"] for line in corpus.open(encoding="utf-8")]
    size = 0
    for i in range(files):
        path = root / f"part{i // 100:04d}" / f"doc{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = f"Document {i}\n\n{texts[i % len(texts)]}".encode()
        path.write_bytes(data)
        size += len(data)
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting; the best counts")
    parser.add_argument("--work", type=Path, help="folder for the trees (default: a temporary one)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="cleaner-bench-", dir=args.work))
    try:
        size = build_tree(args.corpus, work / "src", args.files)
        print(f"{args.files} files, {size / 1e6:.1f} MB")
        best: dict[int, float] = {}
        for jobs in args.jobs:
            times = []
            for run in range(args.repeat):
                out = work / f"out-j{jobs}-{run}"
                os.sync()
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "cleaner", "batch", str(work / "src"), "-o", str(out),
                     "-j", str(jobs), "--quiet"],
                    check=True, stderr=subprocess.DEVNULL,
                )
                times.append(time.perf_counter() - started)
            best[jobs] = min(times)
            print(f"-j {jobs}: {best[jobs]:.2f} s  {args.files / best[jobs]:,.0f} files/s  "
                  f"{size / best[jobs] / 1e6:.2f} MB/s")
        if 1 in best and 2 in best:
            print(f"-j 2 / -j 1 speed-up: {best[1] / best[2]:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
