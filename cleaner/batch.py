"""Clean a whole folder: in parallel, atomically, resumably.

The parent process walks the folder, hands chunks of files to worker processes
and gathers one outcome per file; workers never print. Every output is written
to a temporary file and renamed into place, so an interruption never leaves
half a file behind.
"""

from __future__ import annotations

import gzip
import io
import math
import multiprocessing
import os
import signal
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .errors import CleanerError, ConfigError, InputError
from .files import (
    Reading, copy_backup, describe_os_error, is_excluded, read_bytes, walk, write_atomically,
)
from .htmlpage import is_page, is_page_by_name, read_page
from .pipeline import clean_pieces, run
from .boilerplate import LineCounter, SiteBoilerplate, file_hashes
from .textio import decode, decode_pieces, split_lines

CHANGED, UNCHANGED, SKIPPED, FAILED = "changed", "unchanged", "skipped", "failed"
# A chunk is the unit of work sent to a worker: big enough that process
# overhead does not eat the gain, small enough that Ctrl-C stops promptly and
# the progress bar moves.
MAX_CHUNK = 64


@dataclass(frozen=True)
class BatchOptions:
    """Where to read, where to write, and how.

    ``output`` None means in place (or nothing written with ``check``).
    """

    source: Path
    output: Path | None = None
    in_place: bool = False
    backup_suffix: str | None = None
    check: bool = False
    skip_existing: bool = False
    jobs: int = 1
    include: tuple[str, ...] = ("*.txt",)
    exclude: tuple[str, ...] = ()
    follow_symlinks: bool = False
    learn_boilerplate: bool = False
    boilerplate_min_files: int = 3
    boilerplate_min_share: float = 0.5
    reading: Reading = Reading()
    text_field: str = "text"  # the field cleaned in .jsonl and .jsonl.gz datasets


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file."""

    path: str
    status: str
    removed: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    size: int = 0


@dataclass
class BatchSummary:
    """The totals every report of a batch run shows."""

    statuses: Counter[str] = field(default_factory=Counter)
    bytes: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    changed_files: list[str] = field(default_factory=list)
    interrupted: bool = False
    elapsed: float = 0.0
    total: int = 0

    @property
    def seen(self) -> int:
        return self.statuses.total()

    changed = property(lambda self: self.statuses[CHANGED])
    unchanged = property(lambda self: self.statuses[UNCHANGED])
    skipped = property(lambda self: self.statuses[SKIPPED])
    failed = property(lambda self: self.statuses[FAILED])

    def add(self, outcome: FileOutcome) -> None:
        self.statuses[outcome.status] += 1
        self.bytes += outcome.size
        self.removed.update(outcome.removed)
        if outcome.status == FAILED:
            self.failures.append((outcome.path, outcome.error or "failed"))
        elif outcome.status == CHANGED:
            self.changed_files.append(outcome.path)

    def to_dict(self) -> dict:
        return {
            "files": {
                "seen": self.seen, "changed": self.changed, "unchanged": self.unchanged,
                "skipped": self.skipped, "failed": self.failed, "total": self.total,
            },
            "lines_removed": dict(sorted(self.removed.items())),
            "failed": [{"path": path, "error": error} for path, error in sorted(self.failures)],
            "interrupted": self.interrupted,
            "elapsed_seconds": round(self.elapsed, 3),
            "bytes": self.bytes,
        }


@dataclass(frozen=True)
class Task:
    """One file to clean: its path relative to the source, and where it goes.
    ``skip``: its output is newer than it (--skip-existing); it still counts
    for learning a site's boilerplate, so a resumed run cleans alike."""

    relative: str
    source: Path
    target: Path | None  # None: check only, write nothing
    skip: bool = False


def validate(options: BatchOptions) -> None:
    """Refuse option sets that would lose or overwrite data, with a clear message."""
    source = options.source
    if not source.is_dir():
        raise ConfigError(f"{source}: not a folder")
    if options.in_place and options.output is not None:
        raise ConfigError("give either -o OUT_DIR or --in-place, not both")
    if not options.in_place and options.output is None and not options.check:
        raise ConfigError("give -o OUT_DIR, or --in-place to rewrite the files, or --check")
    if options.backup_suffix is not None and not options.in_place:
        raise ConfigError("--backup goes with --in-place")
    if options.backup_suffix is not None and (
        not options.backup_suffix.strip(". ") or "/" in options.backup_suffix or "\0" in options.backup_suffix
    ):
        raise ConfigError(f"--backup {options.backup_suffix!r}: give a file name suffix such as .orig")
    if options.output is not None and options.output.exists() and not options.output.is_dir():
        raise ConfigError(f"{options.output}: exists and is not a folder")
    if options.output is not None:
        out, src = options.output.resolve(), source.resolve()
        if out == src:
            raise ConfigError(f"{options.output}: the output folder is the source folder; use --in-place")
        if src in out.parents:
            relative = out.relative_to(src).as_posix()
            if not is_excluded(relative, options.exclude) and not relative.startswith("."):
                raise ConfigError(
                    f"{options.output}: the output folder is inside the source folder; "
                    f"choose another, or --exclude {relative}"
                )
    if options.jobs < 1:
        raise ConfigError("--jobs must be at least 1")


def plan(options: BatchOptions) -> Iterator[Task | FileOutcome]:
    """The files to clean, as Tasks; folders that cannot be listed, as FAILED outcomes."""
    unreadable: list[FileOutcome] = []

    def report(relative: Path, exc: OSError) -> None:
        unreadable.append(FileOutcome(relative.as_posix() + "/", FAILED, error=describe_os_error(exc)))

    suffix = options.backup_suffix if options.in_place else None
    targets: dict[Path, str] = {}  # output -> the input written there
    for relative in walk(options.source, options.include, options.exclude, options.follow_symlinks, report):
        source = options.source / relative
        posix = relative.as_posix()
        if suffix and posix.endswith(suffix) and source.with_name(source.name[: -len(suffix)]).exists():
            continue  # a backup from an earlier run: never clean it
        if options.check:
            target = None
        elif options.in_place:
            target = source
        else:
            # A page's clean text is written as text: page.html -> page.txt. (A
            # page found by its content, under another name, keeps the name.)
            named_page = not is_dataset(posix) and is_page_by_name(source.name, options.reading.source_format)
            target = options.output / (relative.with_suffix(".txt") if named_page else relative)  # type: ignore[operator]
            if target in targets:
                yield FileOutcome(posix, FAILED, error=f"{targets[target]} is also written to "
                                                      f"{target.relative_to(options.output).as_posix()}")
                continue
            targets[target] = posix
        skip = False
        if options.skip_existing and target is not None and target != source:
            try:
                skip = target.stat().st_mtime >= source.stat().st_mtime
            except OSError:
                pass  # no output yet (or the input vanished: the worker reports it)
        yield Task(posix, source, target, skip)
    yield from unreadable


def _reads_as_page(relative: str, data: bytes, reading: Reading) -> bool:
    """Whether a file is read as a page: as `cleaner clean` decides, datasets aside."""
    return not is_dataset(relative) and is_page(data, relative, reading.source_format)


def is_dataset(relative: str) -> bool:
    """JSONL files are datasets: one field of each record is cleaned."""
    return relative.endswith((".jsonl", ".jsonl.gz"))


def _clean_bytes(
    relative: str, original: bytes, config: Config, reading: Reading, text_field: str, counts: Counter[str],
    page: bool = False,
) -> tuple[bytes, bool]:
    """The cleaned file's bytes, and whether they differ from the original
    (``page``: the file is read as an HTML page)."""
    if page:
        result = run(read_page(original, reading.encoding), config)
        counts.update(result.counts_by_filter())
        # A page always becomes text; it "changes" (for --check) when a filter removes a line.
        return result.text.encode("utf-8"), bool(result.removals)
    if not is_dataset(relative):
        cleaned = "".join(clean_pieces(decode_pieces(original, reading.encoding), config, counts))
        data = cleaned.encode("utf-8")
        return data, data != original
    from .jsonl import DatasetSummary, clean_records

    compressed = relative.endswith(".gz")
    try:
        plain = gzip.decompress(original) if compressed else original
    except (OSError, EOFError) as exc:
        raise InputError(f"not a gzip file, or a truncated one ({exc})") from None
    summary = DatasetSummary()
    # Lines end at b"\n" only, as when a dataset file is read line by line.
    lines = io.BytesIO(plain)
    data = "".join(clean_records(lines, None, config, text_field, summary=summary,
                                 repair=reading.encoding.fix_unicode,
                                 source_format=reading.source_format)).encode("utf-8")
    counts.update(summary.removed)
    changed = summary.changed > 0
    return (gzip.compress(data, mtime=0) if compressed else data), changed


def clean_file(
    task: Task, config: Config, backup_suffix: str | None = None, made_dirs: set[Path] | None = None,
    reading: Reading = Reading(), text_field: str = "text",
) -> FileOutcome:
    """Clean one file; never raises for a problem with that file, reports it.
    ``made_dirs`` remembers output folders already created, to skip asking again."""
    made_dirs = set() if made_dirs is None else made_dirs
    try:
        original = read_bytes(task.source, reading.max_bytes)
    except OSError as exc:
        return FileOutcome(task.relative, FAILED, error=describe_os_error(exc))
    except CleanerError as exc:
        return FileOutcome(task.relative, FAILED, error=str(exc))
    page = _reads_as_page(task.relative, original, reading)
    if task.target == task.source and page:
        return FileOutcome(task.relative, FAILED, error="an HTML page is cleaned to text; "
                                                       "use -o OUT_DIR rather than --in-place")
    counts: Counter[str] = Counter()
    try:
        cleaned, changed = _clean_bytes(task.relative, original, config, reading, text_field, counts, page)
    except CleanerError as exc:
        return FileOutcome(task.relative, FAILED, error=str(exc), size=len(original))
    removed = dict(counts)
    status = CHANGED if changed else UNCHANGED
    if task.target is None or (task.target == task.source and not changed):
        return FileOutcome(task.relative, status, removed, size=len(original))
    try:
        if task.target == task.source and backup_suffix:
            copy_backup(task.source, backup_suffix)
        folder = task.target.parent
        if folder not in made_dirs:
            folder.mkdir(parents=True, exist_ok=True)
            made_dirs.add(folder)
        write_atomically(task.target, cleaned)  # bytes
    except OSError as exc:
        where = "output" if task.target != task.source else "file"
        return FileOutcome(
            task.relative, FAILED, error=f"cannot write {where}: {describe_os_error(exc)}",
            size=len(original),
        )
    return FileOutcome(task.relative, status, removed, size=len(original))


def _clean_chunk(
    tasks: Sequence[Task], config: Config, backup_suffix: str | None, reading: Reading, text_field: str
) -> list[FileOutcome]:
    made_dirs: set[Path] = set()
    outcomes = []
    for task in tasks:
        try:
            outcomes.append(clean_file(task, config, backup_suffix, made_dirs, reading, text_field))
        except Exception as exc:  # a bug or an odd input must not fail the other files of the chunk
            outcomes.append(FileOutcome(task.relative, FAILED, error=f"unexpected error: {exc!r}"))
    return outcomes


def _count_chunk(paths: Sequence[Path], reading: Reading) -> LineCounter:
    counter = LineCounter()
    for path in paths:
        try:
            data = read_bytes(path, reading.max_bytes)
            if _reads_as_page(path.name, data, reading):
                lines = read_page(data, reading.encoding)
            else:
                lines = split_lines(decode(data, encoding=reading.encoding))
            counter.add_file(file_hashes(lines))
        except (CleanerError, OSError):
            pass  # unreadable files are reported by the cleaning pass
    return counter


def site_of(relative: str) -> str:
    """The group a file's boilerplate is learnt in: its top-level folder ("" for
    files directly in the source folder)."""
    head, sep, _ = relative.partition("/")
    return head if sep else ""


def _ignore_sigint() -> None:
    # Only the parent handles Ctrl-C; it cancels the work and reports.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _chunks(items: Sequence, jobs: int) -> list[Sequence]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(items) / (jobs * 4))))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _executor(jobs: int) -> ProcessPoolExecutor:
    # fork starts workers fastest; the pool forks all of them on the first
    # submit, before any progress display starts a thread.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_sigint)


def _map_chunks(
    function: Callable, chunks: Sequence[Sequence], extra: Callable[[int], tuple], jobs: int,
) -> Iterator[tuple[int, object]]:
    """Run ``function(chunks[i], *extra(i))`` for every chunk, in worker processes
    when ``jobs`` > 1, yielding (i, result) as they finish. A worker that dies
    makes the exception its chunk's result."""
    if jobs == 1 or len(chunks) <= 1:
        for i, chunk in enumerate(chunks):
            yield i, function(chunk, *extra(i))
        return
    executor = _executor(jobs)
    try:
        pending = {executor.submit(function, chunk, *extra(i)): i for i, chunk in enumerate(chunks)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                i = pending.pop(future)
                try:
                    yield i, future.result()
                except Exception as exc:  # a crashed worker, not a bad file
                    yield i, exc
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def learn_boilerplate(tasks: Sequence[Task], options: BatchOptions) -> dict[str, SiteBoilerplate]:
    """First pass: count lines per site across its files, in the workers."""
    by_site: dict[str, list[Path]] = defaultdict(list)
    for task in tasks:
        by_site[site_of(task.relative)].append(task.source)
    work = [(site, chunk) for site, paths in by_site.items() for chunk in _chunks(paths, options.jobs)]
    counters: dict[str, LineCounter] = defaultdict(LineCounter)
    chunks = [chunk for _, chunk in work]
    with closing(_map_chunks(_count_chunk, chunks, lambda i: (options.reading,), options.jobs)) as results:
        for i, counted in results:
            if isinstance(counted, LineCounter):
                counters[work[i][0]].merge(counted)
    return {
        site: counter.boilerplate(options.boilerplate_min_files, options.boilerplate_min_share)
        for site, counter in counters.items()
    }


def run_batch(
    options: BatchOptions,
    config: Config,
    on_start: Callable[[int], None] | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> BatchSummary:
    """Clean every file the options select; ``on_start(total)`` and
    ``on_file(outcome)`` let a caller show progress. Ctrl-C stops the run: the
    summary then says ``interrupted`` and counts what was done."""
    validate(options)
    started = time.perf_counter()
    summary = BatchSummary()
    items = list(plan(options))
    summary.total = len(items)
    if on_start:
        on_start(len(items))

    def report(outcome: FileOutcome) -> None:
        summary.add(outcome)
        if on_file:
            on_file(outcome)

    try:
        every_task = [item for item in items if isinstance(item, Task)]
        tasks = [task for task in every_task if not task.skip]
        for item in items:
            if isinstance(item, FileOutcome):
                report(item)
            elif item.skip:
                report(FileOutcome(item.relative, SKIPPED))
        learnt = learn_boilerplate(every_task, options) if options.learn_boilerplate and tasks else {}
        # Chunks never mix sites, so that each carries its own site's boilerplate.
        groups: dict[str, list[Task]] = defaultdict(list)
        for task in tasks:
            groups[site_of(task.relative) if learnt else ""].append(task)
        work = [(site, chunk) for site, group in groups.items() for chunk in _chunks(group, options.jobs)]

        def arguments(i: int) -> tuple:
            boilerplate = learnt.get(work[i][0])
            chosen = config.with_boilerplate(boilerplate) if boilerplate else config
            return chosen, options.backup_suffix, options.reading, options.text_field

        chunks = [chunk for _, chunk in work]
        with closing(_map_chunks(_clean_chunk, chunks, arguments, options.jobs)) as results:
            for i, outcomes in results:
                if isinstance(outcomes, Exception):
                    outcomes = [
                        FileOutcome(task.relative, FAILED, error=f"worker failed: {outcomes!r}")
                        for task in chunks[i]
                    ]
                for outcome in outcomes:  # type: ignore[union-attr]
                    report(outcome)
    except KeyboardInterrupt:
        summary.interrupted = True
    summary.elapsed = time.perf_counter() - started
    return summary


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def exit_code(summary: BatchSummary, check: bool) -> int:
    """black's convention: 0 fine, 1 would change (--check), 123 some files
    failed; 130 after Ctrl-C, as shells report SIGINT."""
    if summary.interrupted:
        return 130
    if summary.failed:
        return 123
    if check and summary.changed:
        return 1
    return 0

