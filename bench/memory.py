"""Peak memory of the command line against the size of its input (run on demand).

    python bench/memory.py ../shared/corpus/dev.jsonl [--size-mb 100] [--only NAME]

Each case runs `python -m cleaner` in a child process on a generated input and
reads the child's peak resident memory (``ru_maxrss``); the same command on an
empty input gives the interpreter's own share, which is taken off. The input
is built from the corpus's texts, numbered so that no line repeats (caches
cold, as on text never seen). The target is at most 3x the input for text,
JSONL and pages; batch workers should stay flat over 1,000 files.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MB = 1024 * 1024


def peak_rss(args: list[str], stdin: Path | None = None) -> tuple[int, float]:
    """(peak resident bytes, seconds) of `python -m cleaner ARGS`.

    Measured by GNU time, in a process of its own: a child forked from this
    process would count this process's memory (it holds the inputs) as its own."""
    started = time.perf_counter()
    with open(stdin or os.devnull, "rb") as given:
        done = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "cleaner", *args], stdin=given,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{args}: exit {done.returncode}: {done.stderr.decode()[-300:]}")
    return int(done.stderr.split()[-1]) * 1024, time.perf_counter() - started


def corpus_texts(corpus: Path, field: str) -> list[str]:
    with corpus.open(encoding="utf-8") as lines:
        return [json.loads(line)[field] for line in lines]


def numbered(texts: list[str], size: int):
    """Pieces of text of about ``size`` characters in all, every line made unique."""
    total, copy = 0, 0
    while total < size:
        for text in texts:
            piece = "\n".join(f"{line} ({copy})" if line.strip() else line for line in text.splitlines()) + "\n\n"
            yield piece
            total += len(piece)
            if total >= size:
                return
        copy += 1


def write_text(path: Path, pieces) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for piece in pieces:
            out.write(piece)
    return path


def cases(corpus: Path, work: Path, size: int) -> dict[str, tuple[list[str], Path, list[str]]]:
    """name -> (cleaner arguments, the input, arguments for the baseline)."""
    raw = corpus_texts(corpus, "raw")
    empty = work / "empty.txt"
    empty.write_text("")
    made: dict[str, tuple[list[str], Path, list[str]]] = {}

    articles = write_text(work / "articles.txt", numbered(raw, size))
    made["text: articles"] = (["clean", str(articles)], articles, ["clean", str(empty)])

    short = work / "short.txt"
    write_text(short, (f"A short line {n}\n" for n in range(size // 18)))
    made["text: short lines"] = (["clean", str(short)], short, ["clean", str(empty)])

    one_line = work / "one-line.txt"
    write_text(one_line, ("the vote " for _ in range(size // 9)))
    made["text: one line"] = (["clean", str(one_line)], one_line, ["clean", str(empty)])

    records = work / "records.jsonl"
    write_text(records, (json.dumps({"id": n, "text": piece}) + "\n" for n, piece in enumerate(numbered(raw, size))))
    empty_jsonl = work / "empty.jsonl"
    empty_jsonl.write_text("")
    made["jsonl: many records"] = (["clean", "--jsonl", str(records)], records, ["clean", "--jsonl", str(empty_jsonl)])

    one_record = work / "one-record.jsonl"
    write_text(one_record, ['{"id": 1, "text": ', json.dumps("".join(numbered(raw, size))), "}\n"])
    made["jsonl: one record"] = (["clean", "--jsonl", str(one_record)], one_record,
                                 ["clean", "--jsonl", str(empty_jsonl)])

    bomb = work / "bomb.jsonl.gz"
    with gzip.open(bomb, "wt", encoding="utf-8") as out:
        for n, piece in enumerate(numbered(raw, 2 * size)):
            out.write(json.dumps({"id": n, "text": piece}) + "\n")
    made["jsonl: .gz of many records (size: compressed)"] = (["clean", "--jsonl", str(bomb)], bomb,
                                                             ["clean", "--jsonl", str(empty_jsonl)])

    html = corpus.parent / "dev-html.jsonl.gz"
    if html.exists():
        with gzip.open(html, "rt", encoding="utf-8") as lines:
            pages = [json.loads(line)["html"] for line in lines]
        biggest = max(pages, key=len)
        head, _, body = biggest.partition("<body")
        body = "<body" + body.rsplit("</body>", 1)[0]
        page = work / "page.html"
        repeats = max(1, (size // 4) // len(body))
        write_text(page, [head, "<body><main>", *(body.replace("<body", "<div", 1) + "</div>" for _ in range(repeats)),
                          "</main></body></html>"])
        blank = work / "blank.html"
        blank.write_text("<html><body></body></html>")
        made["page: the largest dev page's body, repeated"] = (["clean", str(page)], page, ["clean", str(blank)])
    return made


def batch_workers(corpus: Path, work: Path, files: int = 1000) -> None:
    """Resident memory of `batch -j 2` workers over 1,000 files of about 420 KB."""
    raw = corpus_texts(corpus, "raw")
    src = work / "src"
    src.mkdir()
    pieces = numbered(raw, files * 420_000)
    for n in range(files):
        text, size = [], 0
        for piece in pieces:
            text.append(piece)
            size += len(piece)
            if size >= 420_000:
                break
        (src / f"{n:04}.txt").write_text("".join(text), encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "cleaner", "batch", str(src), "-o", str(work / "out"),
                              "-j", "2", "-q"], stderr=subprocess.PIPE)
    samples: list[tuple[float, int]] = []

    def sample() -> None:
        started = time.perf_counter()
        while child.poll() is None:
            total = 0
            for task in Path(f"/proc/{child.pid}/task").glob("*/children"):
                for pid in task.read_text().split():
                    try:
                        status = Path(f"/proc/{pid}/status").read_text()
                    except OSError:
                        continue
                    total = max(total, int(status.split("VmRSS:")[1].split()[0]) * 1024)
            done = len(list((work / "out").glob("*.txt"))) if (work / "out").exists() else 0
            samples.append((done, total))
            time.sleep(0.5)
        print(f"  batch -j 2, {files} files of 420 KB: {time.perf_counter() - started:.1f} s")

    watcher = threading.Thread(target=sample)
    watcher.start()
    child.wait()
    watcher.join()
    print("  the largest worker's resident memory as files are done:")
    for done, rss in samples[:: max(1, len(samples) // 10)]:
        print(f"    {done:>5} files done: {rss / MB:7.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--size-mb", type=int, default=100)
    parser.add_argument("--only", help="run only the cases whose name holds this")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch workers' case")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        print("| input | size | peak over baseline | ratio | seconds |\n|---|---|---|---|---|")
        for name, (args, given, baseline) in cases(options.corpus, work, options.size_mb * MB).items():
            if options.only and options.only not in name:
                continue
            base, _ = peak_rss(baseline)
            peak, seconds = peak_rss(args)
            size = given.stat().st_size
            print(f"| {name} | {size / MB:.0f} MB | {(peak - base) / MB:.0f} MB | {(peak - base) / size:.2f}x"
                  f" | {seconds:.1f} |", flush=True)
        if not options.no_batch and (not options.only or "batch" in options.only):
            batch_workers(options.corpus, work)


if __name__ == "__main__":
    main()
