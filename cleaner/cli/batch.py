"""The `batch` command of the command line (loaded only when used)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from ..errors import CleanerError
from ..files import describe_os_error
from ..filters import FILTERS
from ..stdio import write_output
from . import options as cli
from .options import (
    BadInput,
    boilerplate_options,
    check_output,
    filter_options,
    input_options,
    say,
    settings,
    walk_options,
)


@click.command()
@click.argument("source", type=click.Path(path_type=Path), metavar="SRC_DIR")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="OUT_DIR",
              help="Write each cleaned file to the same relative path under OUT_DIR.")
@click.option("--in-place", is_flag=True, help="Rewrite the files in SRC_DIR instead.")
@click.option("--backup", "backup_suffix", metavar="SUFFIX",
              help="With --in-place, keep each original as FILE+SUFFIX (e.g. .orig).")
@walk_options
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links (skipped by default).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: one per CPU).")
@click.option("--skip-existing", is_flag=True,
              help="Skip files whose output is newer than the input (resume a run).")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if any file would change.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; one summary line.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              metavar="PATH", help="Write the summary as JSON, with the failed files (- for stdout).")
@click.option("--field", "text_field", default="text", show_default=True, metavar="NAME",
              help="In JSON lines datasets (.jsonl, .ndjson, gzipped or not), the field that holds the text.")
@boilerplate_options
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
      cleaner batch pages/ -o clean/ --from html     # page.html -> clean/page.txt
    """
    from ..batch import BatchOptions, default_jobs, exit_code, run_batch
    from ..files import default_include

    if output is not None and str(output) == "-":
        raise BadInput("-o - is standard output for clean; batch writes a folder: name one")
    given = cli.typed_options()
    if "skip_existing" in given and check:
        raise BadInput("--skip-existing has no effect with --check, which writes nothing")
    cli.refuse_tuning_without_learning(learn_boilerplate)
    config, reading = settings(common, str(source))  # the settings file found from SRC upward
    if in_place and reading.source_format == "html":
        raise BadInput("--in-place would replace HTML pages with text; use -o OUT_DIR")
    options = BatchOptions(
        source=source, output=output, in_place=in_place, backup_suffix=backup_suffix,
        check=check, skip_existing=skip_existing, jobs=jobs or default_jobs(),
        include=include or default_include(reading.source_format, in_place), exclude=exclude,
        follow_symlinks=follow_symlinks,
        learn_boilerplate=learn_boilerplate, boilerplate_min_files=boilerplate_min_files,
        boilerplate_min_share=boilerplate_min_share, reading=reading, text_field=text_field,
    )
    if report_path is not None and str(report_path) != "-":
        check_output(report_path, [str(source)], "report file")
        if not os.access(report_path.parent, os.W_OK):
            raise BadInput(f"{report_path}: cannot write the report there")
    show_progress = not quiet and cli.stderr_is_terminal()
    progress = None
    started = time.perf_counter()  # one clock for the bar and the summary
    if show_progress:
        from ..terminal import BatchProgress

        progress = BatchProgress(started)
    try:
        summary = run_batch(
            options, config,
            on_start=progress.start if progress else None,
            on_file=progress.advance if progress else None,
            started=started,
        )
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    finally:
        if progress:
            progress.stop()
    if summary.total == 0 and in_place and not include and _holds_pages(source):
        # Pages are left out of --in-place (their text must not replace them): say so, not "0 files".
        raise BadInput(f"--in-place cleans text files (*.txt) only, and {source} holds HTML pages: "
                       "clean them with -o OUT_DIR")
    for pattern in (*include, *exclude):
        if pattern not in summary.patterns_used:
            say(f"warning: --{'include' if pattern in include else 'exclude'} {pattern!r} matches nothing "
                f"in {source}")
    _report_batch(summary, check, quiet, show_progress, report_path)
    sys.exit(exit_code(summary, check))


def _holds_pages(folder: Path) -> bool:
    """Whether any file under ``folder`` is named as an HTML page."""
    from ..textio import HTML_SUFFIXES

    for _, _, names in os.walk(folder):
        if any(name.lower().endswith(HTML_SUFFIXES) for name in names):
            return True
    return False


def _report_batch(summary, check: bool, quiet: bool, as_table: bool, report_path: Path | None) -> None:
    from ..terminal import print_summary_table, report_files, summary_line

    for line in report_files(summary, check, quiet):
        say(line)
    if as_table:
        print_summary_table(summary, check, FILTERS)
    else:
        say(f"cleaner batch: {summary_line(summary, check)}")
    if report_path is not None:
        import json

        try:
            write_output(report_path, json.dumps(summary.to_dict(), indent=2) + "\n")
        except OSError as exc:
            raise BadInput(f"{report_path}: cannot write report ({describe_os_error(exc)})") from None
