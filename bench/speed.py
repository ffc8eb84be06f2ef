"""Speed: library throughput beside C4's line filter and a bare loop, CLI
start-up, and peak memory on a large input. Run on demand, never in the tests.

    pip install '.[bench]'     # datatrove and what its C4 filter needs, for the C4 row
    python bench/speed.py ../shared/corpus/dev.jsonl

C4 is datatrove's C4QualityFilter configured as a line cleaner, as a user
would run it beside cleaner: its sentence minimum, lorem-ipsum and
curly-bracket document rules off (no spaCy needed). Without datatrove the C4
row is skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cleaner


def best_of(repeat: int, function) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def c4_cleaner():
    """datatrove's C4QualityFilter used as a line cleaner: its line rules, its document rules off."""
    try:
        from datatrove.data import Document
        from datatrove.pipeline.filters import C4QualityFilter
    except ImportError:
        return None
    c4 = C4QualityFilter(filter_no_terminal_punct=True, min_num_sentences=-1, filter_lorem_ipsum=False,
                         filter_curly_bracket=False)

    def clean(text: str) -> str:
        document = Document(text=text, id="bench")
        c4.filter(document)  # rewrites document.text line by line
        return document.text

    try:
        clean("A sentence to load the tokenizer. Another one follows.\nRoute 6")
    except ImportError as exc:  # spacy missing
        print(f"(C4 skipped: {exc})")
        return None
    return clean


def throughput(texts: list[str], repeat: int) -> list[tuple[str, float]]:
    size = sum(len(text.encode()) for text in texts)
    rows = []

    def bare():
        for text in texts:
            "\n".join(line for line in text.split("\n"))

    def ours():
        for text in texts:
            cleaner.clean(text)

    def cold():
        # Fresh per-line caches: what a stream of never-seen documents costs.
        from cleaner.filters.shapes import clear_line_caches

        clear_line_caches()
        ours()

    rules = cleaner.Config.select(disable=["line-model"])

    def rules_cold():
        # The same without the learned line scorer: what the model adds.
        from cleaner.filters.shapes import clear_line_caches

        clear_line_caches()
        for text in texts:
            cleaner.clean(text, rules)

    c4 = c4_cleaner()
    runs = [("bare split/join loop (floor)", bare), ("cleaner, warm caches", ours),
            ("cleaner, cold caches", cold), ("cleaner without line-model, cold", rules_cold)]
    if c4 is not None:
        runs.append(("C4QualityFilter (datatrove)", lambda: [c4(text) for text in texts]))
    print(f"\n{len(texts)} documents, {size / 1e6:.1f} MB, best of {repeat}")
    print(f"  {'':<36}{'MB/s':>8}{'docs/s':>10}")
    for label, function in runs:
        seconds = best_of(repeat, function)
        rows.append((label, len(texts) / seconds))
        print(f"  {label:<36}{size / seconds / 1e6:>8.2f}{len(texts) / seconds:>10,.0f}")
    rates = dict(rows)
    print(f"  time added by line-model (cold): "
          f"{rates['cleaner without line-model, cold'] / rates['cleaner, cold caches'] - 1:+.0%}")
    if c4 is not None:
        ours_rate = dict(rows)["cleaner, cold caches"]
        print(f"  ratio cleaner (cold) / C4: {ours_rate / dict(rows)['C4QualityFilter (datatrove)']:.2f}")
    return rows


def per_filter(texts: list[str]) -> None:
    """Seconds each filter spends in one cold pass (the per-line filters as their one loop)."""
    from collections import Counter

    from cleaner import pipeline
    from cleaner.filters import FILTERS
    from cleaner.filters.shapes import clear_line_caches

    spent: Counter[str] = Counter()
    saved = dict(FILTERS), pipeline._line_drops

    def timed(name, function):
        def run(*arguments):
            started = time.perf_counter()
            out = list(function(*arguments))
            spent[name] += time.perf_counter() - started
            return iter(out)
        return run

    try:
        for name, entry in saved[0].items():
            FILTERS[name] = entry._replace(func=timed(name, entry.func))
        pipeline._line_drops = timed("(per-line filters, one loop)", saved[1])
        clear_line_caches()
        for text in texts:
            cleaner.clean(text)
    finally:
        FILTERS.update(saved[0])
        pipeline._line_drops = saved[1]
    total = sum(spent.values())
    print(f"\nper filter, one cold pass ({total:.2f} s in filters):")
    for name, seconds in spent.most_common():
        print(f"  {name:<32}{seconds:>7.3f} s {100 * seconds / total:>5.1f}%")


def startup(repeat: int) -> None:
    """Wall time of `cleaner clean tiny.txt` beside `python -c 'import click'`.

    Uses the installed console script (an editable install adds an import
    hook that costs about 10 ms: measure a regular `pip install .`), runs the
    two commands in turn from a scratch folder, and keeps the lower quartile,
    which is the least disturbed by whatever else the machine does."""
    script = Path(sys.executable).with_name("cleaner")
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text("A tiny article with one sentence.\n")
        commands = {
            "cleaner": [str(script), "clean", str(tiny)] if script.exists()
            else [sys.executable, "-m", "cleaner", "clean", str(tiny)],
            "click": [sys.executable, "-c", "import click"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(repeat):
            for name, command in commands.items():
                started = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=folder)
                times[name].append(time.perf_counter() - started)
    ours, floor = (sorted(values)[len(values) // 4] for values in times.values())
    print(f"\nstart-up (lower quartile of {repeat}): cleaner clean tiny.txt {ours * 1000:.0f} ms, "
          f"python -c 'import click' {floor * 1000:.0f} ms, ratio {ours / floor:.2f}")


def peak_memory(texts: list[str], megabytes: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.txt"
        with big.open("w", encoding="utf-8") as handle:
            written = 0
            i = 0
            while written < megabytes * 1_000_000:
                chunk = f"Part {i}\n\n{texts[i % len(texts)]}\n\n"
                handle.write(chunk)
                written += len(chunk.encode())
                i += 1
        size = big.stat().st_size
        code = (
            "import resource, sys, cleaner.cli\n"
            "sys.argv = ['cleaner', 'clean', sys.argv[1], '-o', sys.argv[2]]\n"
            "try:\n    cleaner.cli.main()\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)\n"
        )
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code, str(big), str(Path(folder) / "out.txt")],
            check=True, capture_output=True, text=True,
        )
        seconds = time.perf_counter() - started
        peak = int(done.stdout.strip().splitlines()[-1])
    print(f"\npeak memory for a {size / 1e6:.0f} MB input: {peak / 1e6:.0f} MB "
          f"({peak / size:.2f}x the input), {seconds:.1f} s, {size / seconds / 1e6:.1f} MB/s through the CLI")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-mb", type=int, default=100, help="0: skip the memory run")
    args = parser.parse_args(argv)
    texts = [json.loads(line)["raw"] for line in args.corpus.open(encoding="utf-8")]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    throughput(texts, args.repeat)
    per_filter(texts)
    startup(max(args.repeat * 10, 30))
    if args.memory_mb:
        peak_memory(texts, args.memory_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
