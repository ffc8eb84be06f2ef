"""Growth of cleaning time with a line's length, over every line shape, with
every filter on. Run on demand, never in the tests (tests/test_linear.py tries
a sample of the same shapes, at 4k and 16k characters).

    python bench/linear.py [--sizes 4000,16000,64000] [--top 15] [--limit 4.5] [--sample N]

A shape is a prefix, a unit repeated and a suffix (tests/test_linear.py lists
them): "Posted by" + " " * n + "x". Each shape's line is cleaned at each size;
the growth is the time at one size over the time at the size before (4 for
linear time, 16 for quadratic). Times are CPU times, the best of a few runs
taken in turn, with cold caches; a shape whose growth is above --limit is
measured again, with more runs, before it counts. Prints the worst growths per
pair of sizes, and exits 1 if a growth from the first size to the second stays
above --limit. Growths past 16k characters are printed too, but they cross
sizes where the library changes its way of counting (a line over 20,000
characters has its words counted up to a cap), so they need not be 4.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import cleaner
from cleaner import Config
from cleaner.filters.shapes import clear_line_caches

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_linear import PREFIXES, SUFFIXES, UNITS, shape_line  # noqa: E402

EVERY_FILTER = Config.select(enable=[name for name, entry in cleaner.FILTERS.items() if not entry.default])


def cpu_seconds(lines: list[str], repeat: int) -> list[float]:
    """The best CPU time of ``repeat`` cleanings of each line, taken in turn."""
    best = [float("inf")] * len(lines)
    for _ in range(repeat):
        for i, line in enumerate(lines):
            clear_line_caches()
            started = time.thread_time()
            cleaner.clean(line, EVERY_FILTER)
            best[i] = min(best[i], time.thread_time() - started)
    return best


def growths(shape: tuple[str, str, str], sizes: list[int], limit: float) -> list[float]:
    """The shape's growth from each size to the next; measured again, with
    more runs, while one is above ``limit`` (a busy machine, not a slow line)."""
    lines = [shape_line(*shape, size) for size in sizes]
    for repeat in (1, 3, 7):
        times = cpu_seconds(lines, repeat)
        ratios = [later / max(earlier, 1e-6) for earlier, later in zip(times, times[1:])]
        if max(ratios) <= limit:
            break
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="4000,16000,64000", help="line lengths, each four times the one before")
    parser.add_argument("--top", type=int, default=15, help="how many of the worst shapes to print per pair of sizes")
    parser.add_argument("--limit", type=float, default=4.5, help="the growth above which a shape fails")
    parser.add_argument("--sample", type=int, metavar="N", help="only N shapes, drawn at random (seeded)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]

    shapes = [(prefix, unit, suffix) for prefix in PREFIXES for unit in UNITS for suffix in SUFFIXES]
    if args.sample:
        shapes = random.Random(args.sample).sample(shapes, min(args.sample, len(shapes)))
    started = time.perf_counter()
    results = []
    for done, shape in enumerate(shapes, 1):
        results.append((shape, growths(shape, sizes, args.limit)))
        if done % 1000 == 0:
            print(f"  {done} of {len(shapes)} shapes, {time.perf_counter() - started:.0f} s", file=sys.stderr)

    print(f"{len(shapes)} shapes ({len(PREFIXES)} prefixes x {len(UNITS)} units x {len(SUFFIXES)} suffixes), "
          f"every filter on, {time.perf_counter() - started:.0f} s")
    failed = False
    for step, (earlier, later) in enumerate(zip(sizes, sizes[1:])):
        ranked = sorted(results, key=lambda result: result[1][step], reverse=True)
        above = sum(1 for _, ratios in ranked if ratios[step] > args.limit)
        failed |= step == 0 and above > 0
        print(f"\ngrowth from {earlier} to {later} characters: worst {ranked[0][1][step]:.2f}, "
              f"{above} shapes above {args.limit}")
        for (prefix, unit, suffix), ratios in ranked[: args.top]:
            print(f"  {ratios[step]:5.2f}  {prefix!r} + {unit!r} * n + {suffix!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
