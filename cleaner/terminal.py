"""What a person at a terminal sees: progress bars and summary tables on stderr.

rich is imported here and only when something is drawn, so that piping text
through `cleaner clean` never pays for it. rich itself honours NO_COLOR.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from .batch import BatchSummary, FileOutcome
from .stdio import plural

# Redrawing the bar more often than this costs more than the work it shows.
_REFRESH_SECONDS = 0.1


def _stderr_console():
    from rich.console import Console

    from .stdio import raw_stderr

    # The real stream: rich draws with escape sequences on purpose, and
    # escapes what it is given to draw (rich.text.Text strips control codes).
    return Console(file=raw_stderr(), stderr=True, highlight=False)


class BatchProgress:
    """A live progress bar on stderr: files done/total, files per second, ETA.

    It redraws from the caller's thread (no refresh thread), so worker
    processes are never forked while a drawing thread holds a lock.
    """

    def __init__(self, started: float | None = None) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        # One clock for the bar and the summary: time.perf_counter from the
        # moment the run began (``started``), files per second over the whole run.
        self.started = time.perf_counter() if started is None else started
        clock = self

        class FilesPerSecond(ProgressColumn):
            def render(self, task) -> Text:
                elapsed = time.perf_counter() - clock.started
                speed = task.completed / elapsed if elapsed > 0 and task.completed else 0.0
                return Text(f"{speed:,.0f} files/s" if speed else "- files/s", style="cyan")

        class Elapsed(ProgressColumn):
            def render(self, task) -> Text:
                return Text(f"{time.perf_counter() - clock.started:.1f} s", style="yellow")

        self._progress = Progress(
            TextColumn("cleaning"),
            BarColumn(),
            MofNCompleteColumn(),
            FilesPerSecond(),
            Elapsed(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=_stderr_console(),
            auto_refresh=False,
            transient=False,
        )
        self._task: Any = None  # the progress bar's task, once started
        self._last_refresh = 0.0

    def start(self, total: int) -> None:
        self._task = self._progress.add_task("cleaning", total=total)
        self._progress.start()
        self._progress.refresh()

    def advance(self, outcome: FileOutcome) -> None:
        self._progress.advance(self._task)
        now = time.monotonic()
        if now - self._last_refresh >= _REFRESH_SECONDS:
            self._last_refresh = now
            self._progress.refresh()

    def stop(self) -> None:
        if self._task is not None:
            self._progress.refresh()
        self._progress.stop()


def summary_line(summary: BatchSummary, check: bool) -> str:
    """The one-line summary for logs and pipes."""
    changed = "would change" if check else "changed"
    removed = sum(summary.removed.values())
    line = (
        f"{plural(summary.seen, 'file')}: {summary.changed} {changed}, {summary.unchanged} unchanged, "
        f"{summary.skipped} skipped, {summary.failed} failed; {plural(removed, 'line')} removed"
        f" ({summary.elapsed:.1f} s)"
    )
    if summary.interrupted:
        how = "terminated" if summary.terminated else "interrupted"
        line = f"{how} after {summary.seen} of {plural(summary.total, 'file')}: " + line
    return line


def print_summary_table(summary: BatchSummary, check: bool, filter_names: Iterable[str]) -> None:
    """The summary as a table on a terminal."""
    from rich.table import Table

    title = ("terminated" if summary.terminated else "interrupted") if summary.interrupted else None
    table = Table(title=title, show_header=False,
                  box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(justify="right")
    rate = summary.seen / summary.elapsed if summary.elapsed else 0.0
    rows = [
        ("files seen", f"{summary.seen:,} of {summary.total:,}"),
        ("would change" if check else "changed", f"{summary.changed:,}"),
        ("unchanged", f"{summary.unchanged:,}"),
        ("skipped", f"{summary.skipped:,}"),
        ("failed", f"[red]{summary.failed:,}[/red]" if summary.failed else "0"),
        ("time", f"{summary.elapsed:.1f} s, {rate:,.0f} files/s"),
    ]
    for label, value in rows:
        table.add_row(label, value)
    removed = [(name, summary.removed[name]) for name in filter_names if summary.removed[name]]
    if removed:
        table.add_row("", "")
        table.add_row("lines removed", f"{sum(n for _, n in removed):,}")
        for name, count in removed:
            table.add_row(f"  {name}", f"{count:,}")
    console = _stderr_console()
    console.print()
    console.print(table)


def report_files(summary: BatchSummary, check: bool, quiet: bool = False) -> Iterable[str]:
    """Lines naming the files that failed, those passed over (a FIFO), and,
    with --check unless quiet, those that would change."""
    for path, error in sorted(summary.failures):
        yield f"error: {path}: {error}"
    for path, reason in sorted(summary.notes):
        yield f"skipped {path}: {reason}"
    if check and not quiet:
        for path, why in sorted(summary.changed_files):
            yield f"would clean {path}: {why}"

