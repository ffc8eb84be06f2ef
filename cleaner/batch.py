"""Clean a whole folder: in parallel, atomically, resumably.

The parent process walks the folder, hands chunks of files to worker processes
and gathers one outcome per file; workers never print. Every output is written
to a temporary file and renamed into place, so an interruption never leaves
half a file behind.
"""

from __future__ import annotations

import math
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .boilerplate import LineCounter, SiteBoilerplate, file_hashes
from .budget import OverBudget, time_budget
from .config import Config
from .errors import CleanerError, ConfigError, Terminated
from .files import (
    Reading,
    copy_backup,
    describe_os_error,
    is_excluded,
    read_bytes,
    remove_temporary_files,
    walk,
    write_atomically,
    write_inside,
)
from .readers import Format, input_format, open_document
from .workers import Stopped, WorkerPool

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
    #: For a text that changes with no line removed: "whitespace only", "no final newline" ...
    whitespace: str | None = None

    def to_dict(self) -> dict:
        """The file's line in the report."""
        entry = {"path": self.path, "status": self.status, "lines_removed": dict(sorted(self.removed.items()))}
        if self.whitespace:
            entry["whitespace"] = self.whitespace
        if self.error:
            entry["error" if self.status == FAILED else "reason"] = self.error
        return entry

    @property
    def why(self) -> str:
        """Why the file changes: "3 lines removed (teasers 2, credits 1)", or what whitespace does."""
        total = sum(self.removed.values())
        if not total:
            return self.whitespace or "changed"
        detail = ", ".join(f"{name} {n}" for name, n in sorted(self.removed.items(), key=lambda item: -item[1]))
        return f"{total} line{'' if total == 1 else 's'} removed ({detail})"


@dataclass
class BatchSummary:
    """The totals every report of a batch run shows."""

    statuses: Counter[str] = field(default_factory=Counter)
    bytes: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)
    changed_files: list[tuple[str, str]] = field(default_factory=list)  # (path, why it changes)
    files: list[FileOutcome] = field(default_factory=list)  # every file, for the report
    notes: list[tuple[str, str]] = field(default_factory=list)  # files passed over, and why
    interrupted: bool = False  # by Ctrl-C or SIGTERM
    terminated: bool = False  # by SIGTERM
    elapsed: float = 0.0
    total: int = 0
    patterns_used: set[str] = field(default_factory=set)  # the include and exclude patterns that matched

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
        self.files.append(outcome)
        if outcome.status == FAILED:
            self.failures.append((outcome.path, outcome.error or "failed"))
        elif outcome.status == CHANGED:
            self.changed_files.append((outcome.path, outcome.why))
        elif outcome.status == SKIPPED and outcome.error:
            self.notes.append((outcome.path, outcome.error))

    def to_dict(self) -> dict:
        return {
            "files": {
                "seen": self.seen, "changed": self.changed, "unchanged": self.unchanged,
                "skipped": self.skipped, "failed": self.failed, "total": self.total,
            },
            "lines_removed": dict(sorted(self.removed.items())),
            "failed": [{"path": path, "error": error} for path, error in sorted(self.failures)],
            "skipped": [{"path": path, "reason": reason} for path, reason in sorted(self.notes)],
            "per_file": [outcome.to_dict() for outcome in sorted(self.files, key=lambda outcome: outcome.path)],
            "interrupted": self.interrupted,
            "terminated": self.terminated,
            "elapsed_seconds": round(self.elapsed, 3),
            "bytes": self.bytes,
        }


@dataclass(frozen=True)
class Task:
    """One file to clean: its path relative to the source, and where it goes
    (``target`` is relative to the output folder, or the source itself in
    place). ``skip``: its output is newer than it (--skip-existing); it still
    counts for learning a site's boilerplate, so a resumed run cleans alike."""

    relative: str
    source: Path
    target: Path | None  # None: check only, write nothing
    skip: bool = False
    target_relative: str | None = None  # the target's path below the output folder


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


def plan(options: BatchOptions, used: set[str] | None = None) -> Iterator[Task | FileOutcome]:
    """The files to clean, as Tasks; folders that cannot be listed, as FAILED outcomes."""
    unreadable: list[FileOutcome] = []

    def report(relative: Path, exc: OSError) -> None:
        unreadable.append(FileOutcome(relative.as_posix() + "/", FAILED, error=describe_os_error(exc)))

    def passed_over(relative: Path, kind: str) -> None:
        unreadable.append(FileOutcome(relative.as_posix(), SKIPPED, error=f"{kind}, not a regular file"))

    suffix = options.backup_suffix if options.in_place else None
    output = options.output
    targets: dict[Path, str] = {}  # output -> the input written there
    for relative in walk(options.source, options.include, options.exclude, options.follow_symlinks, report,
                         passed_over, used):
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
            named_page = input_format(posix, b"", options.reading.source_format) is Format.PAGE
            assert output is not None  # validate(): without --in-place or --check, -o is required
            target = output / (relative.with_suffix(".txt") if named_page else relative)
            if target in targets:
                yield FileOutcome(posix, FAILED, error=f"{targets[target]} is also written to "
                                                      f"{target.relative_to(output).as_posix()}")
                continue
            targets[target] = posix
        skip = False
        if options.skip_existing and target is not None and target != source:
            try:
                skip = target.stat().st_mtime >= source.stat().st_mtime
            except OSError:
                pass  # no output yet (or the input vanished: the worker reports it)
        below = target.relative_to(output).as_posix() if target is not None and output is not None else None
        yield Task(posix, source, target, skip, below)
    yield from unreadable


def is_dataset(relative: str) -> bool:
    """JSON lines files are datasets: one field of each record is cleaned."""
    return input_format(relative, b"") is Format.DATASET


def _clean_dataset(task: Task, config: Config, options: BatchOptions) -> FileOutcome:
    """Clean a .jsonl or .jsonl.gz file record by record, streaming from the
    input to the output (a .gz output stays gzipped): memory follows the
    largest record, not the file."""
    from .jsonl import gzip_pieces, open_dataset
    from .readers.records import DatasetSummary, clean_records

    summary = DatasetSummary()
    try:
        stream = open_dataset(task.source)
        size = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        return FileOutcome(task.relative, FAILED, error=describe_os_error(exc))
    try:
        with stream:
            lines = clean_records(stream, None, config, options.text_field, summary=summary,
                                  repair=options.reading.encoding.fix_unicode,
                                  source_format=options.reading.source_format,
                                  max_bytes=options.reading.max_bytes)
            pieces = gzip_pieces(lines) if task.relative.lower().endswith(".gz") else lines
            if task.target is None:
                for _ in pieces:
                    pass
            else:
                _write(task, options, pieces)
    except CleanerError as exc:  # a malformed record, or the file cannot be read
        return FileOutcome(task.relative, FAILED, error=str(exc), size=size)
    except OSError as exc:
        return FileOutcome(task.relative, FAILED, error=f"cannot write output: {describe_os_error(exc)}", size=size)
    removed = dict(summary.removed)
    if summary.over_budget:
        lines_over = ", ".join(map(str, summary.over_budget[:5])) + (", ..." if len(summary.over_budget) > 5 else "")
        return FileOutcome(task.relative, FAILED, removed, size=size,
                           error=f"records at lines {lines_over} took more than {config.max_seconds:g} s "
                                 "(--max-seconds); kept as they were")
    return FileOutcome(task.relative, CHANGED if summary.changed else UNCHANGED, removed, size=size)


def clean_file(task: Task, config: Config, options: BatchOptions) -> FileOutcome:
    """Clean one file and write it where the task says; never raises for a
    problem with that file, reports it. A text or page that takes longer than
    the time budget is reported as failed, a text written with no line
    removed (a dataset's budget is per record)."""
    reading = options.reading
    if is_dataset(task.relative):
        return _clean_dataset(task, config, options)
    try:
        original = read_bytes(task.source, reading.max_bytes, found=True)
    except OSError as exc:
        return FileOutcome(task.relative, FAILED, error=describe_os_error(exc))
    except CleanerError as exc:
        return FileOutcome(task.relative, FAILED, error=str(exc))
    counts: Counter[str] = Counter()
    over_budget = None  # a text kept as it was: written, but it counts as failed
    try:
        document = open_document(task.relative, [original], reading, task.relative, found=True, check=False)
        page = document.format is Format.PAGE
        if task.target == task.source and page:
            return FileOutcome(task.relative, FAILED, error="an HTML page is cleaned to text; "
                                                           "use -o OUT_DIR rather than --in-place")
        with time_budget(config.max_seconds):
            cleaned = "".join(document.clean_pieces(config, counts, keep=True)).encode("utf-8")
    except OverBudget as exc:
        if page:
            return FileOutcome(task.relative, FAILED, error=str(exc), size=len(original))
        over_budget, counts = str(exc), Counter()
        cleaned = "".join(document.clean_pieces(Config(filters=()))).encode("utf-8")
    except CleanerError as exc:
        return FileOutcome(task.relative, FAILED, error=str(exc), size=len(original))
    # A page always becomes text; it "changes" (for --check) when a filter removes a line.
    changed = counts.total() > 0 if page else cleaned != original
    status = FAILED if over_budget else CHANGED if changed else UNCHANGED
    whitespace = None
    if changed and not counts:
        from .document import whitespace_change

        whitespace = whitespace_change(original.decode("utf-8", "replace"), cleaned.decode("utf-8", "replace"))
    outcome = FileOutcome(task.relative, status, dict(counts), error=over_budget, size=len(original),
                          whitespace=whitespace)
    if task.target is None or (task.target == task.source and not changed):
        return outcome
    try:
        _write(task, options, cleaned)
    except OSError as exc:
        where = "output" if task.target != task.source else "file"
        return FileOutcome(task.relative, FAILED, error=f"cannot write {where}: {describe_os_error(exc)}",
                           size=len(original))
    return outcome


def _write(task: Task, options: BatchOptions, content: bytes | Iterable[bytes]) -> None:
    """A task's output: in place (after the backup, if asked for) or below the output folder."""
    if task.target == task.source:
        if options.backup_suffix:
            copy_backup(task.source, options.backup_suffix)
        write_atomically(task.source, content)
    else:
        write_inside(options.output, task.target_relative, content)  # type: ignore[arg-type]


def _clean_task(task: Task, config: Config, options: BatchOptions) -> FileOutcome:
    try:
        return clean_file(task, config, options)
    except Exception as exc:  # a bug or an odd input must not fail the other files
        return FileOutcome(task.relative, FAILED, error=f"unexpected error: {exc!r}")


def _count_files(paths: Sequence[Path], reading: Reading) -> LineCounter:
    counter = LineCounter()
    for path in paths:
        try:
            data = read_bytes(path, reading.max_bytes, found=True)
            counter.add_file(file_hashes(open_document(path.name, [data], reading, path.name, found=True).lines()))
        except (CleanerError, OSError):
            pass  # unreadable files are reported by the cleaning pass
    return counter


def site_of(relative: str) -> str:
    """The group a file's boilerplate is learnt in: its top-level folder ("" for
    files directly in the source folder)."""
    head, sep, _ = relative.partition("/")
    return head if sep else ""


def _chunks(items: Sequence, jobs: int) -> list[Sequence]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(items) / (jobs * 4))))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _each_result(
    function: Callable, chunks: Sequence[Sequence], arguments: Callable[[int], tuple], jobs: int,
    on_result: Callable[[int, int, object], None], deadline: Callable | None = None,
    on_stop: Callable | None = None,
) -> None:
    """Run ``function(item, *arguments(i))`` for every item of every chunk i
    and pass each result to ``on_result(i, j, result)`` as it comes: in this
    process for one job and no deadline, else in worker processes (see
    :class:`cleaner.workers.WorkerPool`). On Ctrl-C or SIGTERM the workers are
    stopped, the items they finished meanwhile are reported, and the
    interruption goes on up."""
    if jobs == 1 and deadline is None:
        for i, chunk in enumerate(chunks):
            extra = arguments(i)
            for j, item in enumerate(chunk):
                on_result(i, j, function(item, *extra))
        return
    pool = WorkerPool(function, chunks, arguments, jobs, deadline, on_stop)
    try:
        for i, j, result in pool.results():
            on_result(i, j, result)
    except BaseException:
        with closing(pool.stop()) as late:
            for i, j, result in late:
                on_result(i, j, result)
        raise
    for _ in pool.stop():
        pass


def learn_boilerplate(tasks: Sequence[Task], options: BatchOptions) -> dict[str, SiteBoilerplate]:
    """First pass: count lines per site across its files, in the workers."""
    return learn_sites([(task.relative, task.source) for task in tasks], options.reading, options.jobs,
                       options.boilerplate_min_files, options.boilerplate_min_share)


def learn_sites(files: Sequence[tuple[str, Path]], reading: Reading, jobs: int, min_files: int = 3,
                min_share: float = 0.5) -> dict[str, SiteBoilerplate]:
    """Each site's boilerplate (see :func:`site_of`), learnt from its files,
    given as (relative path, path), counted in ``jobs`` worker processes."""
    by_site: dict[str, list[Path]] = defaultdict(list)
    for relative, path in files:
        by_site[site_of(relative)].append(path)
    work = [(site, chunk) for site, paths in by_site.items() for chunk in _chunks(paths, jobs)]
    counters: dict[str, LineCounter] = defaultdict(LineCounter)

    def gather(i: int, j: int, counted: object) -> None:
        if isinstance(counted, LineCounter):
            counters[work[i][0]].merge(counted)

    # Each chunk is one item: a worker counts its files and sends back one counter.
    _each_result(_count_files, [[chunk] for _, chunk in work], lambda i: (reading,), jobs, gather)
    return {site: counter.boilerplate(min_files, min_share) for site, counter in counters.items()}


def _remove_leftovers(task: Task, pid: int) -> None:
    """A killed worker's temporary file for this task."""
    if task.target is not None:
        remove_temporary_files(task.target.parent, pid)


def run_batch(
    options: BatchOptions,
    config: Config,
    on_start: Callable[[int], None] | None = None,
    started: float | None = None,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> BatchSummary:
    """Clean every file the options select; ``on_start(total)`` and
    ``on_file(outcome)`` let a caller show progress. Ctrl-C or SIGTERM stops
    the run: the summary then says ``interrupted`` (and ``terminated``) and
    counts every file that was done, those finished while stopping included."""
    validate(options)
    if options.output is not None:
        try:
            options.output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"{options.output}: cannot make the output folder ({describe_os_error(exc)})") from None
    started = time.perf_counter() if started is None else started  # the clock the progress bar reads too
    summary = BatchSummary()
    items = list(plan(options, summary.patterns_used))
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
            return (config.with_boilerplate(boilerplate) if boilerplate else config), options

        def outcome_of(i: int, j: int, result: object) -> None:
            if isinstance(result, Stopped):
                result = FileOutcome(work[i][1][j].relative, FAILED, error=result.reason)
            report(result)  # type: ignore[arg-type]

        # A worker that does not come back from a text or page well after its
        # budget is killed; a dataset's budget is per record, kept in the worker.
        deadline = None
        if config.max_seconds is not None:
            limit = 2 * config.max_seconds + 1

            def deadline(task: Task) -> float | None:
                return None if is_dataset(task.relative) else limit

        _each_result(_clean_task, [chunk for _, chunk in work], arguments, options.jobs, outcome_of,
                     deadline, _remove_leftovers)
    except KeyboardInterrupt:
        summary.interrupted = True
    except Terminated:
        summary.interrupted = summary.terminated = True
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
    failed; 130 after Ctrl-C and 143 after SIGTERM, as shells report them."""
    if summary.terminated:
        return 143
    if summary.interrupted:
        return 130
    if summary.failed:
        return 123
    if check and summary.changed:
        return 1
    return 0

