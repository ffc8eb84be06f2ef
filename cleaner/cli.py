"""The command line: parse, call the library, report. Only this module and its
lazily loaded siblings (cli_batch, cli_review) import click."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import click

from . import __version__
from .config import Config
from .errors import CleanerError, InputError, Terminated
from .files import DEFAULT_MAX_BYTES, Reading, describe_os_error, read_chunks, write_atomically
from .filters import FILTERS
from .htmlpage import SOURCE_FORMATS, Page
from .pipeline import clean_pieces
from .stdio import ReaderGone, StreamError, escape_unprintable, stdin_bytes, write_stdout
from .textio import Encoding, check_decodes, check_encoding, decode_pieces

MIB = 1024 * 1024

# Exit codes, as black has them, plus the shell's for signals: 0 fine, 1 some
# input would change (--check; so nothing else may ever exit 1), 2 bad input or
# usage, 123 some inputs failed (or cleaner itself did), 130 interrupted
# (Ctrl-C), 141 the reader of stdout went away, 143 terminated (SIGTERM).
EXIT_BAD_INPUT = 2
EXIT_FAILED = 123
EXIT_INTERRUPTED = 130
EXIT_READER_GONE = 141
EXIT_TERMINATED = 143


class BadInput(click.ClickException):
    """A one-line error on stderr and exit code 2, never a traceback."""

    exit_code = EXIT_BAD_INPUT

    def format_message(self) -> str:
        return escape_unprintable(super().format_message())


def say(message: str) -> None:
    """A line on stderr, a file name's control characters escaped (click would
    strip the colour codes of one off a terminal, and show the rest raw on one)."""
    click.echo(escape_unprintable(message), err=True)


def _read_input(name: str, reading: Reading) -> list | Page:
    """The input's bytes in chunks (see :func:`cleaner.files.read_chunks`),
    checked to decode a chunk at a time; or an HTML page, read and measured
    (see :func:`cleaner.htmlpage.open_page`)."""
    label = "stdin" if name == "-" else name
    try:
        data = read_chunks(stdin_bytes() if name == "-" else Path(name), reading.max_bytes)
        if reading.source_format != "text":
            from .htmlpage import is_page, open_page

            if is_page(data[0] if data else b"", None if name == "-" else name, reading.source_format):
                page = b"".join(data)
                data.clear()
                return open_page(page, reading.encoding)  # read and measured; its lines come when cleaned
        check_decodes(data, reading.encoding)
    except OSError as exc:
        raise BadInput(f"{label}: {describe_os_error(exc)}") from None
    except (CleanerError, StreamError) as exc:
        raise BadInput(f"{label}: {exc}") from None
    return data


def _cleaned_pieces(name: str, data: list | Page, config: Config, reading: Reading,
                    failed: list[str]) -> Iterable[str]:
    """The clean text of one input read by :func:`_read_input`. With a time
    budget, a document over it is kept as it was (normalised, no line
    removed), reported, and named in ``failed``."""
    if config.max_seconds is None:
        return _clean_input(data, config, reading)
    from .budget import OverBudget, time_budget

    try:
        with time_budget(config.max_seconds):  # whole, so that nothing of a stopped document is written
            return ["".join(_clean_input(data if isinstance(data, Page) else list(data), config, reading))]
    except OverBudget as exc:
        label = "stdin" if name == "-" else name
        say(f"error: {label}: {exc}")
        failed.append(label)
        return _clean_input(data, Config(filters=()), reading)


def _clean_input(data: list | Page, config: Config, reading: Reading) -> Iterable[str]:
    if isinstance(data, Page):  # its lines are read as they are cleaned
        from .pipeline import clean_line_pieces

        return clean_line_pieces(data.lines(), config)
    return clean_pieces(decode_pieces(data, reading.encoding), config)


def _config(only: Sequence[str], disable: Sequence[str], enable: Sequence[str] = (),
            config_path: str | None = None, max_seconds: float | None = None, model: str | None = None,
            strictness: str | None = None, threshold: float | None = None) -> Config:
    """The settings file (named, or found upward), then the command line on top."""
    from .config import check_max_seconds, check_strictness, check_threshold, find_config_file, load_config

    try:
        if config_path == "":
            raise BadInput("--config needs a file name")
        path = Path(config_path) if config_path else find_config_file(Path.cwd())
        if config_path and not path.is_file():
            raise BadInput(f"{config_path}: no such file")
        base = load_config(path) if path else Config()
        config = base.override(only=only or None, disable=disable, enable=enable)
        if max_seconds is not None:
            config = config._replace(max_seconds=check_max_seconds(max_seconds))
        if model is not None:
            config = config._replace(model=model)
        if strictness is not None:
            config = config._replace(strictness=check_strictness(strictness))
        if threshold is not None:
            config = config._replace(threshold=check_threshold(threshold))
        given = [name for name, value in (("--model", model), ("--strictness", strictness),
                                          ("--threshold", threshold)) if value is not None]
        if given and "line-model" not in config.filters:
            raise BadInput(f"{given[0]} has no effect: the line-model filter is off")
        if config.model is not None and "line-model" in config.filters:
            from .scoring.model import load_model

            load_model(config.model)  # a missing or broken model stops here, before any output
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    if not config.filters:
        raise BadInput("--only and --disable leave no filter to run")
    return config


def _clean_dataset(names: Sequence[str], output: str | None, text_field: str,
                   stats_field: str | None, skip_bad: bool, common: dict) -> None:
    """`clean --jsonl`: every record's field cleaned, every other byte and the
    order kept; a malformed line stops with its file and line number."""
    from .files import missing_inputs
    from .jsonl import DatasetSummary, clean_records, gzip_pieces, open_dataset

    config, reading = _settings(common)
    if stats_field is not None and stats_field == text_field:
        raise BadInput("--stats-field must differ from --field")
    for document in missing_inputs(names, folders=False):
        raise BadInput(f"{document.label}: {document.error}")
    if output is not None:
        if not output:
            raise BadInput("-o needs a file name")
        _check_output(Path(output), names)
    summaries: list[tuple[str, DatasetSummary]] = []

    def records():
        for name in names:
            label = "stdin" if name == "-" else name
            summary = DatasetSummary()
            summaries.append((label, summary))
            try:
                stream = stdin_bytes() if name == "-" else open_dataset(Path(name))
            except OSError as exc:
                raise InputError(f"{label}: {describe_os_error(exc)}") from None
            try:
                yield from clean_records(stream, label, config, text_field, stats_field, skip_bad,
                                         summary, reading.encoding.fix_unicode, reading.source_format,
                                         reading.max_bytes)
            finally:
                if name != "-":
                    stream.close()

    try:
        if output is None:
            write_stdout(records())
        else:
            write_atomically(Path(output), gzip_pieces(records()) if output.endswith(".gz") else records())
    except (CleanerError, StreamError) as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"{output}: cannot write ({describe_os_error(exc)})") from None
    over_budget = False
    for label, summary in summaries:
        for number in summary.over_budget:
            over_budget = True
            say(f"error: {label}: line {number}: took more than {config.max_seconds:g} s "
                       "(--max-seconds); kept as it was")
        if summary.skipped:
            say(f"cleaner: {label}: {summary.records} records, {summary.changed} changed, "
                       f"{summary.skipped} malformed lines skipped")
    if over_budget:
        sys.exit(EXIT_FAILED)


def _check_output(output: Path, names: Sequence[str]) -> None:
    """Refuse an output that cannot be written or is one of the inputs, before any work."""
    if output.is_dir():
        raise BadInput(f"{output}: is a directory, not a file")
    if not output.parent.is_dir():
        raise BadInput(f"{output.parent}: no such folder")
    for name in names:
        try:
            same = name != "-" and os.path.exists(output) and os.path.samefile(output, name)
        except OSError:
            same = False
        if same:
            raise BadInput(f"{output}: is also an input file; refusing to overwrite it")


def input_options(function):
    """--from, --encoding, --errors, --fix-unicode and --max-size, shared by every command that reads input."""
    function = click.option(
        "--from", "source_format", type=click.Choice(SOURCE_FORMATS), default="auto",
        show_default=True,
        help="Input is plain text or an HTML page; auto: a page for .html/.htm/.xhtml/.shtml "
             "files, text for .txt, else a page when it starts like one.",
    )(function)
    function = click.option(
        "--max-size", "max_size", type=click.IntRange(min=1, max=1 << 20), default=DEFAULT_MAX_BYTES // MIB,
        show_default=True, metavar="MIB", help="Refuse inputs larger than this many MiB.",
    )(function)
    function = click.option(
        "--errors", "errors", type=click.Choice(["strict", "replace"]), default="strict",
        show_default=True, help="Bytes invalid in the encoding: an error, or replaced by U+FFFD.",
    )(function)
    function = click.option(
        "--fix-unicode", "fix_unicode", is_flag=True,
        help="Repair mojibake (\"cafÃ©\" -> \"café\") with ftfy: pip install 'cleaner[fix]'.",
    )(function)
    return click.option(
        "--encoding", "encoding", metavar="NAME",
        help="Read input in this encoding (default: UTF-8, or UTF-16 with a BOM).",
    )(function)


def _settings(common: dict) -> tuple[Config, Reading]:
    """The Config and Reading that the shared options describe."""
    config = _config(common["only"], common["disable"], common["enable"], common["config_path"],
                     common["max_seconds"], common["model"], common["strictness"], common["threshold"])
    return config, _reading(common["encoding"], common["errors"], common["max_size"], common["fix_unicode"],
                            common["source_format"])


def _reading(encoding: str | None, errors: str, max_size: int, fix_unicode: bool = False,
             source_format: str = "auto") -> Reading:
    try:
        name = check_encoding(encoding) if encoding else None
        if fix_unicode:
            import ftfy  # noqa: F401  (checked now, to fail before any output)
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    except ImportError:
        raise BadInput("--fix-unicode needs ftfy: pip install 'cleaner[fix]'") from None
    return Reading(Encoding(name, errors, fix_unicode), max_size * MIB, source_format)


def filter_options(function):
    """--config, --only, --enable and --disable, shared by every command that cleans."""
    function = click.option(
        "--disable", "disable", multiple=True, metavar="NAME",
        help="Switch this filter off (repeatable; see `cleaner filters`).",
    )(function)
    function = click.option(
        "--enable", "enable", multiple=True, metavar="NAME",
        help="Switch on a filter that is off by default (repeatable).",
    )(function)
    function = click.option(
        "--only", "only", multiple=True, metavar="NAME", help="Run only this filter (repeatable).",
    )(function)
    function = click.option(
        "--max-seconds", "max_seconds", type=float, metavar="SECONDS",
        help="Time budget of one document (file, page or JSONL record): one that takes longer "
             "is kept as it was and reported (exit 123).",
    )(function)
    function = click.option(
        "--model", "model", metavar="FILE",
        help="The line model's file (default: the bundled one; see `cleaner train`).",
    )(function)
    function = click.option(
        "--strictness", "strictness", type=click.Choice(["low", "medium", "high"]),
        help="How eagerly the line model removes lines (default: medium).",
    )(function)
    function = click.option(
        "--threshold", "threshold", type=float, metavar="SCORE",
        help="The junk score (between 0 and 1, exclusive) above which the line model removes a line; "
             "overrides --strictness.",
    )(function)
    return click.option(
        "--config", "config_path", metavar="FILE", expose_value=True, is_eager=False,
        help="Settings file (default: cleaner.toml, or [tool.cleaner] in pyproject.toml, "
             "found from the current folder upward).",
    )(function)


class LazyGroup(click.Group):
    """Subcommands whose modules load only when used: `cleaner clean` never
    pays for the options of `batch` and `diff` (start-up is a feature)."""

    lazy = {"batch": "cleaner.cli_batch", "diff": "cleaner.cli_review", "explain": "cleaner.cli_review",
            "train": "cleaner.cli_train"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            import importlib

            self.add_command(getattr(importlib.import_module(self.lazy[name]), name))
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Turn raw scraped article text into clean text.

    \b
    Examples:
      cleaner clean article.txt            print the clean text
      cat a.txt | cleaner clean > b.txt    use it in a pipe
      cleaner clean a.txt -o a.clean.txt   write to a file (atomically)
      cleaner clean --disable trailing-junk a.txt
      cleaner clean story.html             the article of an HTML page
      cleaner batch scraped/ -o clean/     clean a whole folder in parallel
      cleaner filters                      list the filters
    """


@main.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option(
    "-o", "--output", metavar="PATH",
    help="Write the clean text to this file instead of stdout (- is stdout).",
)
@click.option("--diff", "show_diff", is_flag=True,
              help="Print what would be removed as a diff instead of the clean text.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if cleaning would change any input (named on stderr).")
@click.option("--jsonl", is_flag=True,
              help="Inputs are JSON lines (.jsonl, .jsonl.gz): clean one field of every record.")
@click.option("--field", "text_field", default="text", show_default=True, metavar="NAME",
              help="With --jsonl: the field that holds the text.")
@click.option("--stats-field", metavar="NAME",
              help="With --jsonl: add this field with the lines removed per filter.")
@click.option("--skip-bad", is_flag=True,
              help="With --jsonl: leave out malformed lines (counted on stderr) instead of stopping.")
@filter_options
@input_options
def clean(files: tuple[str, ...], output: str | None, show_diff: bool, check: bool, jsonl: bool,
          text_field: str, stats_field: str | None, skip_bad: bool, **common) -> None:
    """Clean FILEs (or stdin) and print the clean text.

    With no FILE, or when FILE is -, read standard input. Several FILEs are
    cleaned one by one and printed in order, like cat. A .jsonl or .jsonl.gz
    FILE is a dataset: cleaned record by record, as with --jsonl. Every input is read and
    checked before anything is written, so bad input leaves no output behind.

    \b
    Examples:
      cleaner clean article.txt
      cat article.txt | cleaner clean > article.clean.txt
      cleaner clean --only duplicate-captions --only credits article.txt
      cleaner clean --diff article.txt      # what would go, and why
      cleaner clean --check *.txt           # in CI: exit 1 if anything would change
      cleaner clean --jsonl data.jsonl.gz --field text -o clean.jsonl
      cleaner clean story.html              # a page: its article's clean text
    """
    jsonl = jsonl or _datasets(files)
    _refuse_without_effect(jsonl, text_field=text_field, stats_field=stats_field, skip_bad=skip_bad)
    if show_diff and check:
        raise BadInput("--diff has no effect with --check, which writes nothing")
    if output == "-":
        output = None  # "-o -" is standard output, as "-" is standard input
    if jsonl:
        if show_diff or check:
            raise BadInput("--jsonl goes with neither --diff nor --check yet")
        _clean_dataset(files or ("-",), output, text_field, stats_field, skip_bad, common)
        return
    if show_diff or check:
        if output is not None:
            raise BadInput("--diff and --check write nothing; drop -o")
        from .cli_review import check_inputs, diff

        if check:
            sys.exit(check_inputs(files or ("-",), *_settings(common)))
        click.get_current_context().invoke(diff, inputs=files, **common)
        return
    config, reading = _settings(common)
    names = files or ("-",)
    if output is not None:
        if not output:
            raise BadInput("-o needs a file name")
        output = Path(output)
        _check_output(output, names)
    inputs = [(name, _read_input(name, reading)) for name in names]  # all checked before any output
    failed: list[str] = []

    def pieces():
        while inputs:  # an input is handed over, and let go once it is read
            yield from _cleaned_pieces(*inputs.pop(0), config, reading, failed)

    if output is None:
        write_stdout(pieces())
    else:
        try:
            write_atomically(output, pieces())
        except OSError as exc:
            raise BadInput(f"{output}: cannot write ({describe_os_error(exc)})") from None
    if failed:
        sys.exit(EXIT_FAILED)


#: Names of JSON lines datasets: every command reads them record by record.
DATASET_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def _datasets(names: Sequence[str]) -> bool:
    """Whether the inputs are JSON lines datasets, by their names: all of them
    or none (a mix is an error: a dataset's bytes are not an article)."""
    datasets = [name.lower().endswith(DATASET_SUFFIXES) for name in names]
    if any(datasets) and not all(datasets):
        raise BadInput("JSON lines datasets and texts cannot be cleaned together; clean them apart")
    return bool(names) and all(datasets)


def _refuse_without_effect(jsonl: bool, **given) -> None:
    """An option that does nothing without --jsonl is a usage error that names it."""
    context = click.get_current_context()
    typed = (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)
    for name in given:
        # A command another invokes (explain runs diff) sees no sources: its caller checks.
        if not jsonl and context.get_parameter_source(name) in typed:
            option = next(param.opts[0] for param in context.command.params if param.name == name)
            raise BadInput(f"{option} has no effect without --jsonl")


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


@main.command("filters")
def list_filters() -> None:
    """List the filters in the order they run, with what each removes."""
    width = max(len(name) for name in FILTERS)
    for name, entry in FILTERS.items():
        summary = entry.summary if entry.default else f"{entry.summary} [off; --enable {name}]"
        click.echo(f"{name:<{width}}  {summary}")



def run() -> None:
    """The `cleaner` command: :func:`main` with the standard streams made safe
    and the exit code kept meaningful whatever happens (see EXIT_*)."""
    from .stdio import finish_stdout, guard_standard_streams

    guard_standard_streams()
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = main.main(prog_name="cleaner", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        say("cleaner: interrupted")
        code = EXIT_INTERRUPTED
    except Terminated:
        say("cleaner: terminated")
        code = EXIT_TERMINATED
    except ReaderGone:
        code = EXIT_READER_GONE
    except StreamError as exc:
        say(f"Error: {exc}")
        code = EXIT_BAD_INPUT
    except Exception as exc:  # a bug: say so in one line, never exit 1
        if os.environ.get("CLEANER_DEBUG"):
            import traceback

            traceback.print_exc()
        say(f"cleaner: internal error: {type(exc).__name__}: {exc} "
                   "(set CLEANER_DEBUG=1 for the traceback)")
        code = EXIT_FAILED
    problem = finish_stdout()
    if problem is not None and not code:
        say(f"Error: stdout: cannot write ({problem})")
        code = EXIT_BAD_INPUT
    sys.exit(code if isinstance(code, int) else 0 if code is None else EXIT_BAD_INPUT)


def _terminate(signum, frame) -> None:
    # SIGTERM unwinds like Ctrl-C: temporary files are removed and batch prints its summary.
    raise Terminated()
