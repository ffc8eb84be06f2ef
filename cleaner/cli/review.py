"""The `diff` and `explain` commands of the command line (loaded only when used)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..budget import OverBudget, time_budget
from ..errors import CleanerError
from ..files import describe_os_error
from ..stdio import StreamError, stdin_bytes
from ..views import View, ViewError, check, choose_view, show
from .options import (
    BadInput,
    boilerplate_options,
    build_config,
    check_output,
    configs,
    dataset_options,
    datasets,
    filter_options,
    input_options,
    reading_of,
    refuse_encoding_for_datasets,
    refuse_tuning_without_learning,
    refuse_without_effect,
    say,
    typed_options,
    walk_options,
)


def _reviewed(names, config_for, reading, include=("*.txt",), exclude=(), folders=True, dataset=False,
              text_field="text", given_include=(), learn=None):
    """(document, result) for each input document (each record of a
    dataset), cleaned with the settings in effect for its input (see
    :func:`config_for`); errors of named files stop the command (missing ones
    before any output), errors of files found in a folder are collected and
    returned. ``learn`` (min_files, min_share) learns each site folder's
    boilerplate first, as `batch --learn-boilerplate` does."""
    from ..readers import missing, read

    names = names or ("-",)
    for problem in missing(names, folders and not dataset):
        raise BadInput(f"{problem.label}: {problem.error}")
    chosen = [config_for(name) for name in names]  # every settings file checked before any output
    failures: list[str] = []

    def generate():
        try:
            stdin = stdin_bytes() if "-" in names else None
        except StreamError as exc:
            raise BadInput(str(exc)) from None
        used: set[str] = set()
        for name, config in zip(names, chosen):
            learnt = _learnt(name, include, exclude, reading, learn) if learn else None
            yield from _documents(read([name], stdin, reading, include, exclude, dataset, text_field, used=used),
                                  config, failures, learnt, name)
        if any(Path(name).is_dir() for name in names if name != "-"):
            for pattern in (*given_include, *exclude):
                if pattern not in used:
                    which = "include" if pattern in given_include else "exclude"
                    say(f"warning: --{which} {pattern!r} matches nothing in the folders given")

    return generate(), failures


def _learnt(name: str, include, exclude, reading, learn) -> dict | None:
    """The boilerplate of each site folder of a DIR (None for a file)."""
    if name == "-" or not Path(name).is_dir():
        return None
    from ..batch import default_jobs, learn_sites
    from ..files import walk

    root = Path(name)
    files = [(relative.as_posix(), root / relative) for relative in walk(root, include, exclude)]
    return learn_sites(files, reading, default_jobs(), *learn)


def _documents(documents, config, failures: list[str], learnt: dict | None = None, root: str = ""):
    """(document, result) for each document read, with its site's learnt
    boilerplate if any; what cannot be read is reported."""
    from ..batch import site_of
    from ..readers import Problem

    while True:
        try:
            document = next(documents, None)
        except CleanerError as exc:  # a malformed record stops a dataset's review
            raise BadInput(str(exc)) from None
        if document is None:
            return
        if isinstance(document, Problem):
            if document.note is not None:
                say(f"skipped {document.label}: {document.note}")
            elif not document.found:
                raise BadInput(f"{document.label}: {document.error}")
            else:
                failures.append(f"error: {document.label}: {document.error}")
            continue
        if document.note is not None:
            say(f"note: {document.label} {document.note}")
        chosen = config
        if learnt:
            label = document.label
            if hasattr(document, "number"):  # a dataset's record: FILE:LINE
                label = label.removesuffix(f":{document.number}")
            relative = label[len(root):].lstrip("/") if label.startswith(root) else ""
            site = learnt.get(site_of(relative))
            chosen = config.with_boilerplate(site) if site is not None else config
        try:
            with time_budget(config.max_seconds):
                result = document.explain(chosen)
        except OverBudget as exc:
            failures.append(f"error: {document.label}: {exc}")
            continue
        yield document, result


def check_inputs(names, config_for, reading, dataset: bool = False, text_field: str = "text") -> int:
    """`clean --check`: name the inputs (records) that would change; 1 if any, else 0."""
    reviewed, failures = _reviewed(names, config_for, reading, folders=False, dataset=dataset,
                                   text_field=text_field)
    dirty = check(reviewed)
    for line in failures:
        say(line)
    if failures:
        return 123
    return 1 if dirty else 0


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
@click.option("--html", "html_path", metavar="PATH",
              help="Write a browsable review: one self-contained HTML page with an index, a chart per filter, "
                   "each file's diff with its reasons, filters to show or hide, and search (PATH/index.html "
                   "for a folder; - for stdout).")
@walk_options
@dataset_options
@boilerplate_options
@filter_options
@input_options
def diff(inputs: tuple[str, ...], context: int = 3, stat: bool = False, only_filter: str | None = None,
         side_by_side: bool = False, explain: bool = False, as_json: bool = False,
         color: str = "auto", no_color: bool = False, as_patch: bool = False,
         pager: bool | None = None, html_path: str | Path | None = None,
         include: tuple[str, ...] = (), exclude: tuple[str, ...] = (), jsonl: bool = False,
         text_field: str = "text", learn_boilerplate: bool = False, boilerplate_min_files: int = 3,
         boilerplate_min_share: float = 0.5, **common) -> None:
    """Show what cleaning would remove from FILEs, folders or stdin, and why.

    On a terminal: removed lines in red with the filter and its reason beside
    them, kept lines around them, through a pager (uncoloured with --color
    never or NO_COLOR). Piped, or with --patch: a standard unified diff that
    `patch -p1` and `git apply` accept, file by file, with the reasons on stderr
    when stderr is not the terminal. Folders
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
    refuse_encoding_for_datasets(jsonl)
    refuse_tuning_without_learning(learn_boilerplate)
    try:
        view = choose_view(stat=stat, explain=explain, as_json=as_json, side_by_side=side_by_side,
                           html=html_path is not None, patch=as_patch)
    except ViewError as exc:
        raise BadInput(str(exc)) from None
    given = typed_options()
    if no_color and "color" in given:
        raise BadInput("--no-color has no effect with --color, which says it")
    unused = {View.STAT: ("color", "context", "pager"), View.EXPLAIN: ("color", "context", "pager"),
              View.EXPLAIN_JSON: ("color", "context", "pager"), View.PATCH: ("color", "pager"),
              View.HTML: ("color", "pager")}  # the HTML review is coloured, and written, not paged
    for name in unused.get(view, ()):
        if name in given:
            option = {"context": "-U/--unified", "pager": "--pager/--no-pager"}.get(name, f"--{name}")
            raise BadInput(f"{option} has no effect with {view.option}")
    if learn_boilerplate and not any(name != "-" and Path(name).is_dir() for name in inputs):
        raise BadInput("--learn-boilerplate learns from the files of a folder: name a DIR")
    if html_path is not None:
        html_path = _html_target(str(html_path), inputs)
    config_for = configs(common)
    reading = reading_of(common)
    if only_filter is not None:
        build_config((only_filter,), (), (), no_config=True)  # names an unknown filter
        if all(only_filter not in config_for(name).filters for name in inputs or ("-",)):
            raise BadInput(f"--filter {only_filter}: that filter is switched off")
    from ..files import default_include

    reviewed, failures = _reviewed(inputs, config_for, reading, include or default_include(reading.source_format),
                                   exclude, dataset=jsonl, text_field=text_field, given_include=include,
                                   learn=(boilerplate_min_files, boilerplate_min_share) if learn_boilerplate else None)
    try:
        show(view, reviewed, only_filter=only_filter, context=context, color="never" if no_color else color,
             pager=pager, html_path=html_path, noun="records" if jsonl else "files",
             title="cleaner review: " + (", ".join(inputs) if inputs else "stdin"))
    except CleanerError as exc:  # a view's usage error, or its file cannot be written
        raise BadInput(str(exc)) from None
    for line in failures:
        say(line)
    if failures:
        sys.exit(123)


def _html_target(given: str, inputs) -> Path:
    """Where the HTML review goes: a file, stdout ("-"), or index.html in a
    folder (one that exists, or a name ending in "/", made now)."""
    if given == "-":
        return Path("-")
    if not given:
        raise BadInput("--html needs a file or folder name")
    path = Path(given)
    if given.endswith(("/", os.sep)) or path.is_dir():
        try:
            path.mkdir(exist_ok=True)
        except OSError as exc:
            raise BadInput(f"{given}: cannot make the folder ({describe_os_error(exc)})") from None
        path = path / "index.html"
    check_output(path, inputs or ("-",), "HTML page")
    return path


@click.command()
@click.argument("inputs", nargs=-1, metavar="[FILE|DIR|-]...")
@click.option("--json", "as_json", is_flag=True, help="JSON for scripts.")
@walk_options
@dataset_options
@boilerplate_options
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
    refuse_encoding_for_datasets(jsonl or datasets(inputs))
    refuse_tuning_without_learning(common["learn_boilerplate"])
    click.get_current_context().invoke(
        diff, inputs=inputs, explain=True, as_json=as_json, include=include, exclude=exclude,
        jsonl=jsonl, text_field=text_field, **common,
    )
