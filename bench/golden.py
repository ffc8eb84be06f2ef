"""Golden outputs: a fingerprint of the clean text of every dev-corpus text
(raw, fullpage and HTML page) and every fixture, so that speed work can prove
it changes no verdict (`tests/test_golden.py` compares).

Regenerate only in a commit that changes a rule or the model on purpose:

    python bench/golden.py ../shared/corpus/dev.jsonl ../shared/corpus/dev-html.jsonl.gz

The file holds SHA-256 digests of the outputs, never the texts.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

import cleaner
from cleaner.readers.records import clean_field

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden.json"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprints(corpus: Path | None, pages: Path | None) -> dict[str, list[str] | dict[str, str]]:
    found: dict[str, list[str] | dict[str, str]] = {
        "fixtures": {path.name: digest(cleaner.clean(path.read_text(encoding="utf-8")))
                     for path in sorted(FIXTURES.glob("*.raw.txt"))},
    }
    if corpus is not None and corpus.exists():
        records = [json.loads(line) for line in corpus.open(encoding="utf-8")]
        for field in ("raw", "fullpage"):
            found[field] = [digest(cleaner.clean(record[field])) for record in records]
    if pages is not None and pages.exists():
        with gzip.open(pages, "rt", encoding="utf-8") as stream:
            found["html"] = [digest(clean_field(json.loads(line)["html"], cleaner.Config(), "html")[0])
                             for line in stream]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("pages", type=Path)
    args = parser.parse_args(argv)
    GOLDEN.write_text(json.dumps(fingerprints(args.corpus, args.pages), indent=0) + "\n")
    print(f"wrote {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
