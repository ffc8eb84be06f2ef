"""The plain diff against GNU `diff -U N raw clean`, text by text.

For every text of a corpus whose kept lines come out unchanged (only whole
lines removed, no whitespace normalised), the hunks of `cleaner diff` must be
GNU diff's, apart from the file header. Prints the texts that differ.

    python bench/gnudiff.py ../shared/corpus/dev.jsonl [--field raw] [-U 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import cleaner
from cleaner.views.unified import unified_diff


def hunks_of(patch: str) -> list[str]:
    lines = patch.splitlines(keepends=True)
    return lines[2:] if lines and lines[0].startswith("---") else lines


def only_removals(raw: str, clean: str) -> bool:
    """Whether the clean text is the raw text with whole lines removed, nothing else changed."""
    kept = iter(raw.split("\n"))
    return all(any(line == candidate for candidate in kept) for line in clean.rstrip("\n").split("\n")) \
        and raw.endswith("\n") and "\r" not in raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--field", default="raw")
    parser.add_argument("-U", dest="context", type=int, default=3)
    args = parser.parse_args(argv)
    compared = differ = 0
    with tempfile.TemporaryDirectory() as folder:
        raw_path, clean_path = Path(folder, "raw"), Path(folder, "clean")
        for number, line in enumerate(args.corpus.open(encoding="utf-8"), 1):
            text = json.loads(line)[args.field]
            text = text if text.endswith("\n") else text + "\n"
            result = cleaner.clean_and_explain(text)
            if not only_removals(text, result.text) or result.text == "":
                continue
            compared += 1
            raw_path.write_text(text, encoding="utf-8")
            clean_path.write_text(result.text, encoding="utf-8")
            gnu = subprocess.run(["diff", f"-U{args.context}", str(raw_path), str(clean_path)],
                                 capture_output=True, text=True).stdout
            ours = unified_diff("x", text, result, args.context)
            if hunks_of(gnu) != hunks_of(ours):
                differ += 1
                print(f"record {number}: the hunks differ", file=sys.stderr)
    print(f"{compared} texts with only whole lines removed; {differ} differ from GNU diff -U{args.context}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
