"""`cleaner clean`: the clean text of files, stdin, pages and datasets."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

import click

from ..config import Config
from ..errors import CleanerError, InputError
from ..files import Reading, describe_os_error, write_atomically
from ..readers import Document
from ..stdio import StreamError, stdin_bytes, write_stdout
from .options import (
    EXIT_FAILED,
    BadInput,
    check_output,
    configs,
    dataset_options,
    datasets,
    filter_options,
    input_options,
    reading_of,
    refuse_encoding_for_datasets,
    refuse_without_effect,
    say,
)


def read_input(name: str, reading: Reading) -> Document:
    """The input's document (see :func:`cleaner.readers.read_file`): a text
    checked to decode, or a page read and measured; a note for the user
    about how it was read goes to stderr."""
    from ..readers import read_file

    label = "stdin" if name == "-" else name
    try:
        document = read_file(name, stdin_bytes() if name == "-" else None, reading)
    except OSError as exc:
        raise BadInput(f"{label}: {describe_os_error(exc)}") from None
    except (CleanerError, StreamError) as exc:
        raise BadInput(f"{label}: {exc}") from None
    if document.note is not None:
        say(f"note: {label} {document.note}")
    return document


def _cleaned_pieces(document: Document, config: Config, failed: list[str]) -> Iterable[str]:
    """The clean text of one document. With a time budget, a document over
    it is kept as it was (normalised, no line removed), reported, and named
    in ``failed``."""
    if config.max_seconds is None:
        return document.clean_pieces(config)
    from ..budget import OverBudget, time_budget

    try:
        with time_budget(config.max_seconds):  # whole, so that nothing of a stopped document is written
            return ["".join(document.clean_pieces(config, keep=True))]
    except OverBudget as exc:
        say(f"error: {document.label}: {exc}")
        failed.append(document.label)
        return document.clean_pieces(Config(filters=()))


def _clean_dataset(names: Sequence[str], output: str | None, text_field: str,
                   stats_field: str | None, skip_bad: bool, common: dict, output_field: str | None = None,
                   jobs: int = 1) -> None:
    """`clean --jsonl`: every record's field cleaned, every other byte and the
    order kept; a malformed line stops with its file and line number."""
    from ..jsonl import gzip_pieces, open_dataset, ungzipped
    from ..readers import missing
    from ..readers.records import DatasetSummary, clean_records

    config_for = configs(common)
    reading = reading_of(common)
    if stats_field is not None and stats_field == text_field:
        raise BadInput("--stats-field must differ from --field")
    if output_field is not None and output_field in (text_field, stats_field):
        raise BadInput("--output-field must differ from --field and --stats-field")
    for problem in missing(names, folders=False):
        raise BadInput(f"{problem.label}: {problem.error}")
    if output is not None:
        if not output:
            raise BadInput("-o needs a file name")
        check_output(output, names)
    summaries: list[tuple[str, DatasetSummary]] = []
    budget = {name: config_for(name).max_seconds for name in names}  # every settings file checked first
    progress = _RecordProgress()

    def records():
        for name in names:
            config = config_for(name)
            label = "stdin" if name == "-" else name
            summary = DatasetSummary()
            summaries.append((label, summary))
            try:
                stream = ungzipped(stdin_bytes()) if name == "-" else open_dataset(name)
            except OSError as exc:
                raise InputError(f"{label}: {describe_os_error(exc)}") from None
            try:
                yield from clean_records(stream, label, config, text_field, stats_field, skip_bad,
                                         summary, reading.encoding.fix_unicode, reading.source_format,
                                         reading.max_bytes, output_field, jobs, progress.advance)
            finally:
                if name != "-":
                    stream.close()

    try:
        if output is None:
            write_stdout(records())
        else:
            write_atomically(output, gzip_pieces(records()) if output.endswith(".gz") else records())
    except (CleanerError, StreamError) as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"{output}: cannot write ({describe_os_error(exc)})") from None
    finally:
        progress.stop()
    over_budget = False
    for (label, summary), name in zip(summaries, names):
        for number in summary.over_budget:
            over_budget = True
            say(f"error: {label}: line {number}: took more than {budget[name]:g} s "
                       "(--max-seconds); kept as it was")
        if summary.skipped:
            say(f"cleaner: {label}: {summary.records} records, {summary.changed} changed, "
                       f"{summary.skipped} malformed lines skipped")
    if over_budget:
        sys.exit(EXIT_FAILED)


@click.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option(
    "-o", "--output", metavar="PATH",
    help="Write the clean text to this file instead of stdout (- is stdout).",
)
@click.option("--diff", "show_diff", is_flag=True,
              help="Print what would be removed as a diff instead of the clean text.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if cleaning would change any input (named on stderr).")
@dataset_options
@click.option("--stats-field", metavar="NAME",
              help="With --jsonl: add this field with the lines removed per filter.")
@click.option("--skip-bad", is_flag=True,
              help="With --jsonl: leave out malformed lines (counted on stderr) instead of stopping.")
@click.option("--output-field", metavar="NAME",
              help="With --jsonl: write the clean text to this new field, leaving the original as it was.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="With --jsonl: clean records in N worker processes (same output, same order).")
@filter_options
@input_options
def clean(files: tuple[str, ...], output: str | None, show_diff: bool, check: bool, jsonl: bool,
          text_field: str, stats_field: str | None, skip_bad: bool, output_field: str | None = None,
          jobs: int = 1, **common) -> None:
    """Clean FILEs (or stdin) and print the clean text.

    With no FILE, or when FILE is -, read standard input. Several FILEs are
    cleaned one by one and printed in order, like cat. A .jsonl or .ndjson
    FILE (gzipped or not) is a dataset: cleaned record by record, as with --jsonl. Every input is read and
    checked before anything is written, so bad input leaves no output behind.

    \b
    Examples:
      cleaner clean article.txt
      cat article.txt | cleaner clean > article.clean.txt
      cleaner clean --only duplicate-captions --only credits article.txt
      cleaner clean --diff article.txt      # what would go, and why
      cleaner clean --check *.txt           # in CI: exit 1 if anything would change
      cleaner clean --jsonl data.jsonl.gz --field text -o clean.jsonl
      cleaner clean --diff crawl.jsonl      # what would go, record by record
      cleaner clean story.html              # a page: its article's clean text
    """
    jsonl = jsonl or datasets(files)
    refuse_without_effect(jsonl, text_field=text_field, stats_field=stats_field, skip_bad=skip_bad,
                          output_field=output_field, jobs=jobs)
    refuse_encoding_for_datasets(jsonl)
    if show_diff and check:
        raise BadInput("--diff has no effect with --check, which writes nothing")
    if output == "-":
        output = None  # "-o -" is standard output, as "-" is standard input
    if check or show_diff:  # a view of what cleaning would do (views load only then)
        from ..views import View

        view = View.CHECK if check else View.DIFF
        if output is not None:
            raise BadInput("--diff and --check write nothing; drop -o")
        if jsonl:
            refuse_without_effect(False, stats_field=stats_field, skip_bad=skip_bad, output_field=output_field,
                                  jobs=jobs, why="with --diff or --check, which write nothing")
        from .review import check_inputs, diff

        if view is View.CHECK:
            sys.exit(check_inputs(files or ("-",), configs(common), reading_of(common), dataset=jsonl,
                                  text_field=text_field))
        click.get_current_context().invoke(diff, inputs=files, jsonl=jsonl, text_field=text_field, **common)
        return
    if jsonl:
        _clean_dataset(files or ("-",), output, text_field, stats_field, skip_bad, common, output_field, jobs)
        return
    config_for = configs(common)
    reading = reading_of(common)
    names = files or ("-",)
    target = None
    if output is not None:
        if not output:
            raise BadInput("-o needs a file name")
        target = output
        check_output(target, names)
    # Every input, and the settings file in effect for it, checked before any output.
    inputs = [(read_input(name, reading), config_for(name)) for name in names]
    failed: list[str] = []

    def pieces():
        while inputs:  # an input is handed over, and let go once it is read
            yield from _cleaned_pieces(*inputs.pop(0), failed)

    if target is None:
        write_stdout(pieces())
    else:
        try:
            write_atomically(target, pieces())
        except OSError as exc:
            raise BadInput(f"{output}: cannot write ({describe_os_error(exc)})") from None
    if failed:
        sys.exit(EXIT_FAILED)


class _RecordProgress:
    """Records cleaned and records per second, on stderr when it is a
    terminal (rich imported only then), redrawn at most a few times a second."""

    def __init__(self) -> None:
        from .options import stderr_is_terminal

        self.bar = None
        self.count, self.last = 0, 0.0
        if stderr_is_terminal():
            import time

            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.started = time.monotonic()
            self.bar = Progress(SpinnerColumn(), TextColumn("cleaning: {task.completed:,} records, "
                                                            "{task.fields[rate]} records/s"),
                                TimeElapsedColumn(), console=Console(stderr=True), auto_refresh=False,
                                transient=True)
            self.task = self.bar.add_task("records", total=None, rate="-")
            self.bar.start()

    def advance(self, size: int) -> None:
        if self.bar is None:
            return
        import time

        self.count += 1
        now = time.monotonic()
        if now - self.last >= 0.2:
            self.last = now
            self.bar.update(self.task, completed=self.count, rate=f"{self.count / (now - self.started):,.0f}")
            self.bar.refresh()

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
