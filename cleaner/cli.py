"""The command line: parse, call the library, report. The only module that imports click."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import click

from . import __version__
from .config import Config
from .errors import CleanerError
from .files import DEFAULT_MAX_BYTES, Reading, describe_os_error, read_bytes, write_atomically
from .filters import FILTERS
from .pipeline import clean_pieces, run
from .textio import Encoding, check_encoding, decode_pieces, split_lines

MIB = 1024 * 1024

# Bad input is a usage problem: exit 2, as click does for bad options.
EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """A one-line error on stderr and exit code 2, never a traceback."""

    exit_code = EXIT_BAD_INPUT


def _read_input(name: str, reading: Reading) -> bytes:
    """The input's bytes, checked to decode (piece by piece, to bound memory)."""
    label = "stdin" if name == "-" else name
    try:
        data = read_bytes(sys.stdin.buffer if name == "-" else Path(name), reading.max_bytes)
        for _ in decode_pieces(data, reading.encoding):
            pass
    except OSError as exc:
        raise BadInput(f"{label}: {describe_os_error(exc)}") from None
    except CleanerError as exc:
        raise BadInput(f"{label}: {exc}") from None
    return data


def _config(only: Sequence[str], disable: Sequence[str], enable: Sequence[str] = (),
            config_path: str | None = None) -> Config:
    """The settings file (named, or found upward), then the command line on top."""
    from .config import find_config_file, load_config

    try:
        if config_path == "":
            raise BadInput("--config needs a file name")
        path = Path(config_path) if config_path else find_config_file(Path.cwd())
        if config_path and not path.is_file():
            raise BadInput(f"{config_path}: no such file")
        base = load_config(path) if path else Config()
        config = base.override(only=only or None, disable=disable, enable=enable)
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    if not config.filters:
        raise BadInput("--only and --disable leave no filter to run")
    return config


def _clean_dataset(names: Sequence[str], output: str | None, text_field: str,
                   stats_field: str | None, skip_bad: bool, common: dict) -> None:
    """`clean --jsonl`: every record's field cleaned, every other field and the
    order kept; a malformed line stops with its file and line number."""
    from .files import missing_inputs
    from .jsonl import DatasetSummary, clean_records, open_dataset

    config, _reading = _settings(common)
    for document in missing_inputs(names, folders=False):
        raise BadInput(f"{document.label}: {document.error}")
    if output is not None:
        if not output:
            raise BadInput("-o needs a file name")
        _check_output(Path(output), names)
    summary = DatasetSummary()

    def records():
        for name in names:
            if name == "-":
                yield from clean_records(sys.stdin.buffer, "stdin", config, text_field, stats_field,
                                         skip_bad, summary)
                continue
            with open_dataset(Path(name)) as stream:
                yield from clean_records(stream, name, config, text_field, stats_field, skip_bad, summary)

    try:
        if output is None:
            _write_stdout(records())
        else:
            write_atomically(Path(output), records())
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:  # a .gz file that is not gzip, a read error
        raise BadInput(f"cannot read the dataset ({describe_os_error(exc)})") from None
    if summary.skipped:
        click.echo(f"cleaner: {summary.records} records, {summary.changed} changed, "
                   f"{summary.skipped} malformed lines skipped", err=True)


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


def _write_stdout(text: str | Iterable[str]) -> None:
    # Bytes, not the locale's encoding: clean text is UTF-8 whatever LANG says.
    stdout = sys.stdout.buffer
    try:
        for piece in [text] if isinstance(text, str) else text:
            stdout.write(piece.encode("utf-8"))
        stdout.flush()
    except BrokenPipeError:
        # The reader went away (`cleaner clean big.txt | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


def input_options(function):
    """--encoding, --errors and --max-size, shared by every command that reads input."""
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
    config = _config(common["only"], common["disable"], common["enable"], common["config_path"])
    return config, _reading(common["encoding"], common["errors"], common["max_size"], common["fix_unicode"])


def _reading(encoding: str | None, errors: str, max_size: int, fix_unicode: bool = False) -> Reading:
    try:
        name = check_encoding(encoding) if encoding else None
        if fix_unicode:
            import ftfy  # noqa: F401  (checked now, to fail before any output)
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    except ImportError:
        raise BadInput("--fix-unicode needs ftfy: pip install 'cleaner[fix]'") from None
    return Reading(Encoding(name, errors, fix_unicode), max_size * MIB)


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
    return click.option(
        "--config", "config_path", metavar="FILE", expose_value=True, is_eager=False,
        help="Settings file (default: cleaner.toml, or [tool.cleaner] in pyproject.toml, "
             "found from the current folder upward).",
    )(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Turn raw scraped article text into clean text.

    \b
    Examples:
      cleaner clean article.txt            print the clean text
      cat a.txt | cleaner clean > b.txt    use it in a pipe
      cleaner clean a.txt -o a.clean.txt   write to a file (atomically)
      cleaner clean --disable trailing-junk a.txt
      cleaner batch scraped/ -o clean/     clean a whole folder in parallel
      cleaner filters                      list the filters
    """


@main.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option(
    "-o", "--output", metavar="PATH", help="Write the clean text to this file instead of stdout.",
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
    cleaned one by one and printed in order, like cat. Every input is read and
    checked before anything is written, so bad input leaves no output behind.

    \b
    Examples:
      cleaner clean article.txt
      cat article.txt | cleaner clean > article.clean.txt
      cleaner clean --only duplicate-captions --only credits article.txt
      cleaner clean --diff article.txt      # what would go, and why
      cleaner clean --check *.txt           # in CI: exit 1 if anything would change
      cleaner clean --jsonl data.jsonl.gz --field text -o clean.jsonl
    """
    if jsonl:
        if show_diff or check:
            raise BadInput("--jsonl goes with neither --diff nor --check yet")
        _clean_dataset(files or ("-",), output, text_field, stats_field, skip_bad, common)
        return
    if show_diff or check:
        if output is not None:
            raise BadInput("--diff and --check write nothing; drop -o")
        if check:
            sys.exit(_check(files or ("-",), *_settings(common)))
        click.get_current_context().invoke(diff, inputs=files, **common)
        return
    config, reading = _settings(common)
    names = files or ("-",)
    if output is not None:
        if not output:
            raise BadInput("-o needs a file name")
        output = Path(output)
        _check_output(output, names)
    inputs = [_read_input(name, reading) for name in names]  # all checked before any output

    def pieces():
        while inputs:  # an input is let go once it is cleaned
            yield from clean_pieces(decode_pieces(inputs.pop(0), reading.encoding), config)

    if output is None:
        _write_stdout(pieces())
        return
    try:
        write_atomically(output, pieces())
    except OSError as exc:
        raise BadInput(f"{output}: cannot write ({describe_os_error(exc)})") from None


@main.command()
@click.argument("source", type=click.Path(path_type=Path), metavar="SRC_DIR")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="OUT_DIR",
              help="Write each cleaned file to the same relative path under OUT_DIR.")
@click.option("--in-place", is_flag=True, help="Rewrite the files in SRC_DIR instead.")
@click.option("--backup", "backup_suffix", metavar="SUFFIX",
              help="With --in-place, keep each original as FILE+SUFFIX (e.g. .orig).")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Clean files matching this pattern (repeatable; default: *.txt).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files and folders matching this pattern (repeatable).")
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links (skipped by default).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: one per CPU).")
@click.option("--skip-existing", is_flag=True,
              help="Skip files whose output is newer than the input (resume a run).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if any file would change.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; one summary line.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              metavar="PATH", help="Write the summary as JSON, with the failed files.")
@click.option("--field", "text_field", default="text", show_default=True, metavar="NAME",
              help="In .jsonl and .jsonl.gz datasets, the field that holds the text.")
@click.option("--learn-boilerplate", is_flag=True,
              help="First learn each site folder's repeated lines, then drop them.")
@click.option("--boilerplate-min-files", type=click.IntRange(min=2), default=3, show_default=True,
              metavar="K", help="A learnt line must occur in at least K files of its site...")
@click.option("--boilerplate-min-share", type=click.FloatRange(0, 1), default=0.5,
              show_default=True, metavar="P", help="...and in at least this share of them.")
@filter_options
@input_options
def batch(source: Path, output: Path | None, in_place: bool, backup_suffix: str | None,
          include: tuple[str, ...], exclude: tuple[str, ...], follow_symlinks: bool,
          jobs: int | None, skip_existing: bool, check: bool, quiet: bool,
          report_path: Path | None, text_field: str, learn_boilerplate: bool, boilerplate_min_files: int,
          boilerplate_min_share: float, **common) -> None:
    """Clean every file under SRC_DIR, in parallel.

    Each file is cleaned exactly as `cleaner clean` would clean it and written
    to the same relative path under OUT_DIR (folders are created), through a
    temporary file and a rename. Hidden files and folders are skipped. A file
    that cannot be read or decoded is reported and the batch goes on.

    Exit status: 0 all fine, 1 some file would change (--check), 2 usage
    error, 123 some files failed, 130 interrupted.

    \b
    Examples:
      cleaner batch scraped/ -o clean/
      cleaner batch scraped/ --in-place --backup .orig
      cleaner batch scraped/ --check          # in CI: fail if anything is dirty
      cleaner batch scraped/ -o clean/ --skip-existing --report report.json
      cleaner batch sites/ -o clean/ --learn-boilerplate   # one folder per site
      cleaner batch crawl/ -o clean/ --include '*.jsonl.gz' --field text   # datasets
    """
    from .batch import BatchOptions, default_jobs, exit_code, run_batch

    config, reading = _settings(common)
    options = BatchOptions(
        source=source, output=output, in_place=in_place, backup_suffix=backup_suffix,
        check=check, skip_existing=skip_existing, jobs=jobs or default_jobs(),
        include=include or ("*.txt",), exclude=exclude, follow_symlinks=follow_symlinks,
        learn_boilerplate=learn_boilerplate, boilerplate_min_files=boilerplate_min_files,
        boilerplate_min_share=boilerplate_min_share, reading=reading, text_field=text_field,
    )
    if report_path is not None and not (report_path.parent.is_dir() and os.access(report_path.parent, os.W_OK)):
        raise BadInput(f"{report_path}: cannot write the report there")
    show_progress = not quiet and _stderr_is_terminal()
    progress = None
    if show_progress:
        from .terminal import BatchProgress

        progress = BatchProgress()
    try:
        summary = run_batch(
            options, config,
            on_start=progress.start if progress else None,
            on_file=progress.advance if progress else None,
        )
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    finally:
        if progress:
            progress.stop()
    _report_batch(summary, check, quiet, show_progress, report_path)
    sys.exit(exit_code(summary, check))


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _report_batch(summary, check: bool, quiet: bool, as_table: bool, report_path: Path | None) -> None:
    from .terminal import print_summary_table, report_files, summary_line

    for line in report_files(summary, check, quiet):
        click.echo(line, err=True)
    if as_table:
        print_summary_table(summary, check, FILTERS)
    else:
        click.echo(f"cleaner batch: {summary_line(summary, check)}", err=True)
    if report_path is not None:
        import json

        try:
            write_atomically(report_path, json.dumps(summary.to_dict(), indent=2) + "\n")
        except OSError as exc:
            raise BadInput(f"{report_path}: cannot write report ({describe_os_error(exc)})") from None


def _explicit_error(document) -> None:
    raise BadInput(f"{document.label}: {document.error}")


def _reviewed(names, config, reading, include=("*.txt",), exclude=(), folders=True):
    """(label, raw text, result) for each input; errors of named files stop the
    command (missing ones before any output), errors of files found in a folder
    are collected and returned."""
    from .files import missing_inputs, read_inputs

    for document in missing_inputs(names, folders):
        _explicit_error(document)
    failures: list[str] = []

    def generate():
        for document in read_inputs(names or ("-",), sys.stdin.buffer, include, exclude, reading=reading):
            if document.error is not None:
                if not document.found:
                    _explicit_error(document)
                failures.append(f"error: {document.label}: {document.error}")
                continue
            yield document.label, document.text, run(split_lines(document.text), config)

    return generate(), failures


def _reviewed_records(names, config, text_field: str):
    """(label, text, result) for every record of JSONL datasets: `diff --jsonl`."""
    from .files import missing_inputs
    from .jsonl import open_dataset, parse_record

    for document in missing_inputs(names, folders=False):
        _explicit_error(document)

    def generate():
        for name in names or ("-",):
            stream = sys.stdin.buffer if name == "-" else open_dataset(Path(name))
            label = "stdin" if name == "-" else name
            try:
                for number, raw in enumerate(stream, start=1):
                    if not raw.strip():
                        continue
                    try:
                        text = parse_record(raw, text_field)[text_field]
                    except ValueError as exc:
                        raise BadInput(f"{label}: line {number}: {exc}") from None
                    yield f"{label}:{number}", text, run(split_lines(text, origin=f"record {number}"), config)
            except OSError as exc:
                raise BadInput(f"{label}: cannot read the dataset ({describe_os_error(exc)})") from None
            finally:
                if name != "-":
                    stream.close()

    return generate(), []


def _check(names, config, reading) -> int:
    """`clean --check`: name the inputs that would change; 1 if any, else 0."""
    items, failures = _reviewed(names, config, reading, folders=False)
    dirty = [label for label, raw, result in items if result.text != raw]
    for line in failures:
        click.echo(line, err=True)
    for label in dirty:
        click.echo(f"would clean {label}", err=True)
    if failures:
        return 123
    return 1 if dirty else 0


@main.command()
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR|-]...")
@click.option("-U", "--unified", "context", type=click.IntRange(min=0), default=3, show_default=True,
              metavar="N", help="Kept lines shown around each change.")
@click.option("--stat", is_flag=True, help="Print removals per filter instead of the diff.")
@click.option("--filter", "only_filter", metavar="NAME",
              help="Show only this filter's removals (still a valid patch).")
@click.option("--side-by-side", is_flag=True, help="Original and clean text in two columns.")
@click.option("--explain", is_flag=True,
              help="List every removed line with its line number, filter and reason.")
@click.option("--json", "as_json", is_flag=True, help="With --explain: JSON for scripts.")
@click.option("--color/--no-color", default=None,
              help="Colour and annotate (default: when stdout is a terminal and NO_COLOR is unset).")
@click.option("--pager/--no-pager", default=None,
              help="Page long output on a terminal (default: on, through less -FRX).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
              help="Write the annotated review as a standalone HTML page.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="In folders, diff files matching this pattern (default: *.txt).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="In folders, skip these.")
@click.option("--jsonl", is_flag=True, help="Inputs are JSON lines: one section per changed record.")
@click.option("--field", "text_field", default="text", show_default=True, metavar="NAME",
              help="With --jsonl: the field that holds the text.")
@filter_options
@input_options
def diff(inputs: tuple[str, ...], context: int = 3, stat: bool = False, only_filter: str | None = None,
         side_by_side: bool = False, explain: bool = False, as_json: bool = False,
         color: bool | None = None, pager: bool | None = None, html_path: Path | None = None,
         include: tuple[str, ...] = (), exclude: tuple[str, ...] = (), jsonl: bool = False,
         text_field: str = "text", **common) -> None:
    """Show what cleaning would remove from FILEs, folders or stdin, and why.

    On a terminal: removed lines in red with the filter and its reason beside
    them, kept lines around them, through a pager. Piped, or with --no-color or
    NO_COLOR set: a standard unified diff that `patch -p1` and `git apply`
    accept, with the reasons on stderr. Folders are walked as `cleaner batch`
    walks them; unchanged files are skipped.

    \b
    Examples:
      cleaner diff article.txt
      cleaner diff scraped/ --stat
      cleaner diff article.txt --side-by-side
      cleaner diff article.txt > clean.patch && patch -p1 < clean.patch
      cleaner diff scraped/ --html review.html
      cleaner diff article.txt --explain --json
      cleaner diff --jsonl crawl.jsonl.gz --stat     # per record of a dataset
    """
    config, reading = _settings(common)
    if only_filter is not None and only_filter not in config.filters:
        _config((only_filter,), (), (), common["config_path"])  # names the unknown filter
        raise BadInput(f"--filter {only_filter}: that filter is switched off")
    if jsonl:
        items, failures = _reviewed_records(inputs, config, text_field)
    else:
        items, failures = _reviewed(inputs, config, reading, include or ("*.txt",), exclude)
    if explain:
        _print_explanations(items, as_json)
    elif stat:
        _print_stats(items, only_filter)
    else:
        colour = _use_colour(color) or html_path is not None
        _print_diffs(items, context, only_filter, side_by_side, colour, pager, html_path)
    for line in failures:
        click.echo(line, err=True)
    if failures:
        sys.exit(123)


@main.command()
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR|-]...")
@click.option("--json", "as_json", is_flag=True, help="JSON for scripts.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="In folders, explain files matching this pattern (default: *.txt).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="In folders, skip these.")
@filter_options
@input_options
def explain(inputs: tuple[str, ...], as_json: bool, include: tuple[str, ...], exclude: tuple[str, ...],
            **common) -> None:
    """List every line cleaning would remove: line number, filter and reason.

    \b
    Examples:
      cleaner explain article.txt
      cleaner explain scraped/ --json | jq '.[] | select(.filter == "credits")'
    """
    click.get_current_context().invoke(
        diff, inputs=inputs, explain=True, as_json=as_json, include=include, exclude=exclude, **common,
    )


def _use_colour(option: bool | None) -> bool:
    if option is not None:
        return option
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _print_explanations(items, as_json: bool) -> None:
    records = [
        {"path": label, "line": r.number, "filter": r.filter, "reason": r.reason, "text": r.text}
        for label, _raw, result in items
        for r in result.removals
    ]
    if as_json:
        import json

        _write_stdout(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        _write_stdout("".join(
            f"{rec['path']}:{rec['line']}: {rec['filter']}: {rec['reason']}\n" for rec in records
        ))


def _print_stats(items, only_filter: str | None) -> None:
    from collections import Counter

    from .diffing import stat_line

    totals: Counter[str] = Counter()
    files = changed = 0
    lines = []
    for label, _raw, result in items:
        files += 1
        counts = result.counts_by_filter()
        if only_filter is not None:
            counts = Counter({only_filter: counts[only_filter]})
        if sum(counts.values()):
            changed += 1
            totals.update(counts)
            lines.append(stat_line(label, result, only_filter) + "\n")
    detail = ", ".join(f"{name} {n}" for name, n in totals.most_common())
    lines.append(f"{files} files, {changed} with removals, {sum(totals.values())} lines removed"
                 + (f" ({detail})" if detail else "") + "\n")
    _write_stdout("".join(lines))


def _print_diffs(items, context: int, only_filter: str | None, side_by_side: bool,
                 colour: bool, pager: bool | None, html_path: Path | None) -> None:
    from .diffing import hunks, operations, removal_summary, stat_line, unified_diff

    if not colour and not side_by_side:
        # Plain: a valid patch on stdout, the reasons on stderr.
        for label, raw, result in items:
            text = unified_diff(label, raw, result, context, only_filter)
            if text:
                _write_stdout(text)
                click.echo(stat_line(label, result, only_filter), err=True)
        return
    from . import diffview

    renderables = []
    for label, raw, result in items:
        found = hunks(operations(raw, result, only_filter), context)
        if not found:
            continue
        renderables.append(diffview.file_header(label, removal_summary(result, only_filter)))
        renderables.append(diffview.side_by_side(found) if side_by_side else diffview.annotated_hunks(found))
    if html_path is not None:
        page = diffview.html_page(renderables, title=f"cleaner diff: {html_path.stem}")
        try:
            write_atomically(html_path, page)
        except OSError as exc:
            raise BadInput(f"{html_path}: cannot write ({describe_os_error(exc)})") from None
        click.echo(f"wrote {html_path}", err=True)
        return
    console = diffview.make_console(color=colour)
    use_pager = sys.stdout.isatty() if pager is None else pager
    if use_pager and renderables:
        diffview.pager_environment()
        with console.pager(styles=colour):
            for renderable in renderables:
                console.print(renderable)
    else:
        for renderable in renderables:
            console.print(renderable)


@main.command("filters")
def list_filters() -> None:
    """List the filters in the order they run, with what each removes."""
    width = max(len(name) for name in FILTERS)
    for name, entry in FILTERS.items():
        summary = entry.summary if entry.default else f"{entry.summary} [off; --enable {name}]"
        click.echo(f"{name:<{width}}  {summary}")

