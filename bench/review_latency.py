"""How soon `cleaner diff TREE/` shows its first file on a terminal.

Writes a corpus's texts as a tree of files (one per record), runs the colour
review in a pseudo-terminal with PAGER=cat, and reports the seconds until the
first file's section appears and until the whole review is done.

    python bench/review_latency.py ../shared/corpus/dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--field", default="raw")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tree = Path(folder, "tree")
        tree.mkdir()
        for number, line in enumerate(args.corpus.open(encoding="utf-8"), 1):
            (tree / f"{number:04}.txt").write_text(json.loads(line)[args.field], encoding="utf-8")
        controller, terminal = pty.openpty()
        env = {**os.environ, "PAGER": "cat", "COLUMNS": "120"}
        env.pop("NO_COLOR", None)
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "cleaner", "diff", str(tree)], stdin=terminal,
                                 stdout=terminal, stderr=terminal, env=env)
        os.close(terminal)
        first = None
        while True:
            ready, _, _ = select.select([controller], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                if first is None and b".txt" in chunk:
                    first = time.perf_counter() - started
            elif child.poll() is not None:
                break
        child.wait()
        total = time.perf_counter() - started
        os.close(controller)
    files = sum(1 for _ in args.corpus.open(encoding="utf-8"))
    print(f"{files} files: first section after {first:.2f} s, whole review {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
