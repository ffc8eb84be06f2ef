"""The `diff` and `explain` commands of the command line (loaded only when used)."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path

import click

from ..budget import OverBudget, time_budget
from ..errors import CleanerError
from ..files import DEFAULT_MAX_BYTES, describe_os_error, write_atomically
from ..pipeline import explain_pieces, run_lines
from ..stdio import StreamError, quote_path, stdin_bytes, write_stdout
from ..textio import encodable, repair_mojibake, windows
from .options import (
    BadInput,
    build_config,
    datasets,
    filter_options,
    input_options,
    refuse_without_effect,
    say,
    settings,
    typed_options,
)


def _explicit_error(document) -> None:
    raise BadInput(f"{document.label}: {document.error}")


def _reviewed(names, config, reading, include=("*.txt",), exclude=(), folders=True):
    """(label, raw text, result) for each input; errors of named files stop the
    command (missing ones before any output), errors of files found in a folder
    are collected and returned."""
    from ..files import missing_inputs, read_inputs

    for document in missing_inputs(names, folders):
        _explicit_error(document)
    failures: list[str] = []

    def generate():
        try:
            stdin = stdin_bytes() if "-" in (names or ("-",)) else None
        except StreamError as exc:
            raise BadInput(str(exc)) from None
        for document in read_inputs(names or ("-",), stdin, include, exclude, reading=reading):
            if document.note is not None:
                say(f"skipped {document.label}: {document.note}")
                continue
            if document.error is not None:
                if not document.found:
                    _explicit_error(document)
                failures.append(f"error: {document.label}: {document.error}")
                continue
            try:
                with time_budget(config.max_seconds):
                    if document.lines is not None:
                        # A page's diff shows the text read from it, before and after the filters,
                        # named so that no one takes it for a patch to the page.
                        from ..htmlpage import extracted_text

                        label, raw = f"{document.label}.txt", extracted_text(document.lines)
                        result = run_lines(document.lines, config)
                    else:
                        # The diff is against the input as it is; --fix-unicode repairs what is cleaned.
                        label, raw = document.label, document.text
                        source = repair_mojibake(raw) if reading.encoding.fix_unicode else raw
                        result = explain_pieces(windows(source), config)
            except OverBudget as exc:
                failures.append(f"error: {document.label}: {exc}")
                continue
            yield label, raw, result

    return generate(), failures


def _reviewed_records(names, config, text_field: str, repair: bool = False, source_format: str = "text",
                      max_bytes: int = DEFAULT_MAX_BYTES):
    """(label, text, result) for every record of JSONL datasets: `diff --jsonl`."""
    from ..files import missing_inputs
    from ..jsonl import field_lines, open_dataset, parse_record, read_lines

    for document in missing_inputs(names, folders=False):
        _explicit_error(document)
    failures: list[str] = []

    def generate():
        for name in names or ("-",):
            label = "stdin" if name == "-" else name
            try:
                stream = stdin_bytes() if name == "-" else open_dataset(Path(name))
            except (OSError, StreamError) as exc:
                detail = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
                raise BadInput(f"{label}: {detail}") from None
            try:
                for number, raw in read_lines(stream, max_bytes, label):
                    if raw is not None and not raw.strip():
                        continue
                    try:
                        if raw is None:
                            raise ValueError(f"a record of more than {max_bytes >> 20:,} MiB (raise --max-size)")
                        text = "".join(parse_record(raw, text_field).value())
                    except ValueError as exc:
                        raise BadInput(f"{label}: line {number}: {exc}") from None
                    # Compared as `clean --jsonl` writes it: a field without a
                    # final newline keeps that, so its absence is no change.
                    text = text if text.endswith("\n") or not text else text + "\n"
                    source = repair_mojibake(text) if repair else text
                    try:
                        lines, is_page = field_lines(source, f"record {number}", source_format) \
                            if source_format != "text" else (None, False)
                    except CleanerError as exc:
                        raise BadInput(f"{label}: line {number}: {exc}") from None
                    try:
                        with time_budget(config.max_seconds):
                            if is_page:  # the diff shows the text read from the page
                                from ..htmlpage import extracted_text

                                text, result = extracted_text(lines), run_lines(lines, config)
                            else:
                                result = explain_pieces(windows(source), config)
                    except OverBudget as exc:
                        failures.append(f"error: {label}: line {number}: {exc}")
                        continue
                    yield f"{label}:{number}", text, result
            except CleanerError as exc:
                raise BadInput(str(exc)) from None
            finally:
                if name != "-":
                    stream.close()

    return generate(), failures


def check_inputs(names, config, reading) -> int:
    """`clean --check`: name the inputs that would change; 1 if any, else 0."""
    items, failures = _reviewed(names, config, reading, folders=False)
    dirty = [label for label, raw, result in items if result.text != raw]
    for line in failures:
        say(line)
    for label in dirty:
        say(f"would clean {quote_path(label)}")
    if failures:
        return 123
    return 1 if dirty else 0


def review_inputs(function):
    """--include, --exclude, --jsonl and --field, shared by diff and explain."""
    for option in reversed([
        click.option("--include", multiple=True, metavar="GLOB",
                     help="In folders, review files matching this pattern (default: *.txt and, "
                          "unless --from text, *.html, *.htm, *.xhtml and *.shtml)."),
        click.option("--exclude", multiple=True, metavar="GLOB", help="In folders, skip these."),
        click.option("--jsonl", is_flag=True, help="Inputs are JSON lines, reviewed record by record."),
        click.option("--field", "text_field", default="text", show_default=True, metavar="NAME",
                     help="With --jsonl: the field that holds the text."),
    ]):
        function = option(function)
    return function


@click.command()
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
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True,
              help="Colour the annotated view: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR "
                   "forces it), always (and annotate even when piped), never. Colour never changes the format.")
@click.option("--no-color", "no_color", is_flag=True, hidden=True)  # the old spelling of --color never
@click.option("--patch", "as_patch", is_flag=True,
              help="Print a plain unified diff (what piped output is anyway), never the annotated view.")
@click.option("--pager/--no-pager", default=None,
              help="Page long output on a terminal (default: on, through less -FRX).")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
              help="Write the annotated review as a standalone HTML page.")
@review_inputs
@filter_options
@input_options
def diff(inputs: tuple[str, ...], context: int = 3, stat: bool = False, only_filter: str | None = None,
         side_by_side: bool = False, explain: bool = False, as_json: bool = False,
         color: str = "auto", no_color: bool = False, as_patch: bool = False,
         pager: bool | None = None, html_path: Path | None = None,
         include: tuple[str, ...] = (), exclude: tuple[str, ...] = (), jsonl: bool = False,
         text_field: str = "text", **common) -> None:
    """Show what cleaning would remove from FILEs, folders or stdin, and why.

    On a terminal: removed lines in red with the filter and its reason beside
    them, kept lines around them, through a pager (uncoloured with --color
    never or NO_COLOR). Piped, or with --patch: a standard unified diff that
    `patch -p1` and `git apply` accept, with the reasons on stderr. Folders
    are walked as `cleaner batch` walks them; unchanged files are skipped.

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
    jsonl = jsonl or datasets(inputs)
    refuse_without_effect(jsonl, text_field=text_field)
    view = choose_view(stat=stat, explain=explain, as_json=as_json, side_by_side=side_by_side,
                       html=html_path is not None, patch=as_patch)
    given = typed_options()
    if no_color and "color" in given:
        raise BadInput("--no-color has no effect with --color, which says it")
    unused = {View.STAT: ("color", "context", "pager"), View.EXPLAIN: ("color", "context", "pager"),
              View.EXPLAIN_JSON: ("color", "context", "pager"), View.PATCH: ("color", "pager")}
    for name in unused.get(view, ()):
        if name in given:
            option = "-U/--context" if name == "context" else f"--{name}"
            raise BadInput(f"{option} has no effect with {view.value.rsplit('(', 1)[-1].rstrip(')')}")
    config, reading = settings(common)
    if only_filter is not None and only_filter not in config.filters:
        build_config((only_filter,), (), (), common["config_path"])  # names the unknown filter
        raise BadInput(f"--filter {only_filter}: that filter is switched off")
    if jsonl:
        items, failures = _reviewed_records(inputs, config, text_field, reading.encoding.fix_unicode,
                                            reading.source_format, reading.max_bytes)
    else:
        from ..files import default_include

        items, failures = _reviewed(inputs, config, reading, include or default_include(reading.source_format),
                                    exclude)
    if view in (View.EXPLAIN, View.EXPLAIN_JSON):
        _print_explanations(items, view is View.EXPLAIN_JSON, only_filter)
    elif view is View.STAT:
        _print_stats(items, only_filter, "records" if jsonl else "files")
    else:
        annotated, colour = diff_view("never" if no_color else color, view is View.PATCH, sys.stdout.isatty(),
                                      os.environ)
        annotated = annotated or view in (View.SIDE_BY_SIDE, View.HTML)
        _print_diffs(items, context, only_filter, side_by_side, annotated, colour or view is View.HTML,
                     pager, html_path)
    for line in failures:
        say(line)
    if failures:
        sys.exit(123)


@click.command()
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR|-]...")
@click.option("--json", "as_json", is_flag=True, help="JSON for scripts.")
@review_inputs
@filter_options
@input_options
def explain(inputs: tuple[str, ...], as_json: bool, include: tuple[str, ...], exclude: tuple[str, ...],
            jsonl: bool, text_field: str, **common) -> None:
    """List every line cleaning would remove: line number, filter and reason.

    \b
    Examples:
      cleaner explain article.txt
      cleaner explain scraped/ --json | jq '.[] | select(.filter == "credits")'
      cleaner explain --jsonl crawl.jsonl.gz
    """
    refuse_without_effect(jsonl or datasets(inputs), text_field=text_field)
    click.get_current_context().invoke(
        diff, inputs=inputs, explain=True, as_json=as_json, include=include, exclude=exclude,
        jsonl=jsonl, text_field=text_field, **common,
    )


class View(enum.Enum):
    """What `diff` shows: one view, chosen once from its options."""

    DIFF = "a diff: annotated on a terminal, a patch when piped"
    PATCH = "a plain unified diff (--patch)"
    SIDE_BY_SIDE = "the original and the clean text in two columns (--side-by-side)"
    HTML = "an annotated review as a standalone HTML page (--html)"
    STAT = "lines removed per file and filter (--stat)"
    EXPLAIN = "every removed line with its filter and reason (--explain)"
    EXPLAIN_JSON = "the same as JSON (--explain --json)"


def choose_view(stat: bool, explain: bool, as_json: bool, side_by_side: bool, html: bool, patch: bool) -> View:
    """The one view the options ask for; two views at once, or an option
    that changes nothing in the chosen one, is a usage error that names it."""
    if as_json and not explain:
        raise BadInput("--json has no effect without --explain")
    # --html may show its review side by side; any other two views exclude each other.
    views = [name for name, on in (("--stat", stat), ("--explain", explain), ("--patch", patch),
                                   ("--side-by-side", side_by_side and not html), ("--html", html)) if on]
    if len(views) > 1:
        raise BadInput(f"{views[1]} has no effect with {views[0]}: they are different views")
    if explain:
        return View.EXPLAIN_JSON if as_json else View.EXPLAIN
    if stat:
        return View.STAT
    if html:
        return View.HTML
    if side_by_side:
        return View.SIDE_BY_SIDE
    return View.PATCH if patch else View.DIFF


def diff_view(color: str, as_patch: bool, terminal: bool, environ) -> tuple[bool, bool]:
    """(annotated, coloured): the annotated view on a terminal or with
    --color always, a plain patch with --patch or when piped; colour as
    --color says, auto honouring FORCE_COLOR, then NO_COLOR, then the terminal.
    Colour never decides the format."""
    annotated = not as_patch and (terminal or color == "always")
    if color != "auto":
        return annotated, annotated and color == "always"
    if environ.get("FORCE_COLOR"):
        return annotated, annotated
    return annotated, annotated and terminal and "NO_COLOR" not in environ


def _print_explanations(items, as_json: bool, only_filter: str | None = None) -> None:
    records = [record for label, _raw, result in items for record in result.ledger(label)
               if only_filter is None or record["filter"] == only_filter]
    if as_json:
        import json

        text = json.dumps(records, ensure_ascii=False, indent=2)
        if not encodable(text):
            text = json.dumps(records, indent=2)  # a file name that is not UTF-8: escaped
        write_stdout(text + "\n")
    else:
        write_stdout("".join(
            f"{quote_path(rec['path'])}:{rec['line']}: {rec['filter']}: {rec['reason']}\n" for rec in records
        ))


def _print_stats(items, only_filter: str | None, noun: str = "files") -> None:
    from collections import Counter

    from ..diffing import stat_line

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
    lines.append(f"{files} {noun}, {changed} with removals, {sum(totals.values())} lines removed"
                 + (f" ({detail})" if detail else "") + "\n")
    write_stdout("".join(lines))


def _print_diffs(items, context: int, only_filter: str | None, side_by_side: bool, annotated: bool,
                 colour: bool, pager: bool | None, html_path: Path | None) -> None:
    from ..diffing import hunks, operations, removal_summary, stat_line, unified_diff

    if not annotated:
        # Plain: a valid patch on stdout, the reasons on stderr.
        for label, raw, result in items:
            text = unified_diff(label, raw, result, context, only_filter)
            if text:
                write_stdout(text)
                say(stat_line(label, result, only_filter))
        return
    from .. import diffview

    renderables: list = []
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
        say(f"wrote {html_path}")
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
