"""How a command shows what cleaning did: one :class:`View`, chosen once.

Every view takes the same thing, a stream of (document, result) pairs from
:mod:`cleaner.readers` and :mod:`cleaner.pipeline`, whatever the input was
(text, page or dataset record), as black's ``WriteBack`` decides between
check, diff and colour diff in one place. Output goes to stdout; messages
for the person (a patch's reasons, "wrote FILE") to stderr.
"""

from __future__ import annotations

import enum
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from ..stdio import quote_path, say, write_output, write_stdout

if TYPE_CHECKING:
    from ..document import CleanResult
    from ..readers import Document

    Reviewed = Iterable[tuple[Document, CleanResult]]


class View(enum.Enum):
    """What a command shows of what cleaning did: one view, chosen once from the options."""

    TEXT = "the clean text (clean, batch)"
    CHECK = "the inputs that would change, named on stderr (--check)"
    DIFF = "a diff: annotated on a terminal, a patch when piped"
    PATCH = "a plain unified diff (--patch)"
    SIDE_BY_SIDE = "the original and the clean text in two columns (--side-by-side)"
    HTML = "an annotated review as a standalone HTML page (--html)"
    STAT = "lines removed per file and filter (--stat)"
    EXPLAIN = "every removed line with its filter and reason (--explain)"
    EXPLAIN_JSON = "the same as JSON (--explain --json)"

    @property
    def option(self) -> str:
        """The option that asks for it ("--stat")."""
        return self.value.rsplit("(", 1)[-1].rstrip(")") if "(" in self.value else "the diff"


class ViewError(InputError):
    """Options that ask for two views, or for something the view cannot do."""


def choose_view(stat: bool = False, explain: bool = False, as_json: bool = False, side_by_side: bool = False,
                html: bool = False, patch: bool = False) -> View:
    """The one view the options ask for; two views at once, or an option
    that changes nothing in the chosen one, is a ViewError that names it."""
    if as_json and not explain:
        raise ViewError("--json has no effect without --explain")
    views = [name for name, on in (("--stat", stat), ("--explain", explain), ("--patch", patch),
                                   ("--side-by-side", side_by_side), ("--html", html)) if on]
    if len(views) > 1:
        raise ViewError(f"{views[1]} has no effect with {views[0]}: they are different views")
    if explain:
        return View.EXPLAIN_JSON if as_json else View.EXPLAIN
    if stat:
        return View.STAT
    if html:
        return View.HTML
    if side_by_side:
        return View.SIDE_BY_SIDE
    return View.PATCH if patch else View.DIFF


def diff_style(color: str, as_patch: bool, terminal: bool, environ: Mapping[str, str]) -> tuple[bool, bool]:
    """(annotated, coloured): the annotated view on a terminal or with
    --color always, a plain patch with --patch or when piped; colour as
    --color says, auto honouring FORCE_COLOR, then NO_COLOR, then the terminal.
    Colour never decides the format."""
    annotated = not as_patch and (terminal or color == "always")
    if color != "auto":
        return annotated, annotated and color == "always"
    if environ.get("FORCE_COLOR", "") not in ("", "0"):  # FORCE_COLOR=0 forces nothing
        return annotated, annotated
    return annotated, annotated and terminal and "NO_COLOR" not in environ


def show(view: View, reviewed: Reviewed, *, only_filter: str | None = None, context: int = 3,
         color: str = "auto", pager: bool | None = None, html_path: Path | None = None,
         noun: str = "files", environ: Mapping[str, str] | None = None, title: str = "cleaner review") -> None:
    """Show the reviewed documents in ``view``. The clean text (TEXT) is written, not
    shown: see :meth:`cleaner.readers.Document.clean_pieces`."""
    if view is View.TEXT:
        raise ValueError("the clean text is written by the command, not shown by a view")
    if view is View.CHECK:
        check(reviewed)
    elif view in (View.EXPLAIN, View.EXPLAIN_JSON):
        explanations(reviewed, view is View.EXPLAIN_JSON, only_filter)
    elif view is View.STAT:
        stats(reviewed, only_filter, noun)
    else:
        annotated, colour = diff_style(color, view is View.PATCH, sys.stdout.isatty(),
                                       os.environ if environ is None else environ)
        annotated = annotated or view in (View.SIDE_BY_SIDE, View.HTML)
        diffs(reviewed, context, only_filter, view is View.SIDE_BY_SIDE,
              annotated, colour or view is View.HTML, pager, html_path, title, noun)


def check(reviewed: Reviewed) -> list[str]:
    """The labels of the documents cleaning would change, each named on
    stderr ("would clean FILE"): what --check shows."""
    dirty = []
    for document, result in reviewed:
        why = change_summary(document, result)
        if why is not None:
            dirty.append(document.label)
            say(f"would clean {quote_path(document.label)}: {why}")
    return dirty


def change_summary(document: Document, result: CleanResult, only_filter: str | None = None) -> str | None:
    """Why the document would change: "3 lines removed (teasers 2, credits 1)",
    or, when no line goes, "whitespace only" or "no final newline"; None if
    it would not change."""
    from ..document import whitespace_change
    from .unified import removal_summary

    if any(only_filter is None or removal.filter == only_filter for removal in result.removals):
        return removal_summary(result, only_filter)
    return whitespace_change(document.original(), result.text) if only_filter is None else None


def explanation(reviewed: Reviewed, only_filter: str | None = None) -> list[dict]:
    """Every removal of the reviewed documents, as `explain --json` prints
    it (see :meth:`cleaner.document.CleanResult.ledger`)."""
    return [record for document, result in reviewed for record in result.ledger(document.shown_as)
            if only_filter is None or record["filter"] == only_filter]


def explanations(reviewed: Reviewed, as_json: bool, only_filter: str | None = None) -> None:
    if as_json:
        import json

        from ..textio import encodable

        records = explanation(reviewed, only_filter)
        text = json.dumps(records, ensure_ascii=False, indent=2)
        if not encodable(text):
            text = json.dumps(records, indent=2)  # a file name that is not UTF-8: escaped
        write_stdout(text + "\n")
        return
    for document, result in reviewed:
        write_stdout("".join(explained_lines(document.shown_as, result, only_filter, document.original())))


def explained_lines(path: str, result: CleanResult, only_filter: str | None = None,
                    original: str | None = None) -> Iterator[str]:
    """`explain`'s lines for one document: "PATH:LINE: filter: reason", a run
    of removals by one filter with one reason, with nothing but blank lines
    between them, folded into one line ("PATH:29-163: comments: ... (70 lines)").
    The whole result says "whitespace only" or "no final newline" when that is all that changes."""
    if not result.removals:
        from ..document import whitespace_change

        why = whitespace_change(original, result.text) if original is not None and only_filter is None else None
        if why is not None:
            yield f"{quote_path(path)}: {why} (no line removed)\n"
        return
    blank = {line.number for line in result.source if not line.text}
    removals = [removal for removal in result.removals if only_filter is None or removal.filter == only_filter]
    shown = quote_path(path)
    i = 0
    while i < len(removals):
        first = removals[i]
        j = i
        while (j + 1 < len(removals) and removals[j + 1].filter == first.filter
               and removals[j + 1].reason == first.reason
               and all(n in blank for n in range(removals[j].number + 1, removals[j + 1].number))):
            j += 1
        if j == i:
            yield f"{shown}:{first.number}: {first.filter}: {first.reason}\n"
        else:
            yield f"{shown}:{first.number}-{removals[j].number}: {first.filter}: {first.reason} ({j - i + 1} lines)\n"
        i = j + 1


def stats(reviewed: Reviewed, only_filter: str | None, noun: str = "files") -> None:
    from ..stdio import plural

    totals: Counter[str] = Counter()
    files = changed = 0
    lines = []
    for document, result in reviewed:
        files += 1
        counts = result.counts_by_filter()
        if only_filter is not None:
            counts = Counter({only_filter: counts[only_filter]})
        why = change_summary(document, result, only_filter)
        if why is not None:
            changed += 1
            totals.update(counts)
            lines.append(f"{quote_path(document.shown_as)}: {why}\n")
    detail = ", ".join(f"{name} {n}" for name, n in totals.most_common())
    lines.append(f"{plural(files, noun.removesuffix('s'))}, {changed} changed, "
                 f"{plural(sum(totals.values()), 'line')} removed"
                 + (f" ({detail})" if detail else "") + "\n")
    write_stdout("".join(lines))


def diffs(reviewed: Reviewed, context: int, only_filter: str | None, side_by_side: bool, annotated: bool,
          colour: bool, pager: bool | None, html_path: Path | None, title: str = "cleaner review",
          noun: str = "files") -> None:
    from .unified import hunks, operations, unified_diff

    if not annotated:
        # Plain: a valid patch on stdout, file by file as each is cleaned. The
        # reasons go to stderr when it is not the terminal a pager may be
        # drawing on (`cleaner diff tree/ | less`): 2> reasons.txt keeps them.
        reasons = not _is_terminal(sys.stderr)
        progress = _Progress()
        for document, result in reviewed:
            label = document.shown_as
            progress.tick()
            text = unified_diff(label, document.original(), result, context, only_filter)
            if text:
                write_stdout(text)
                if reasons:
                    say(f"{quote_path(label)}: {change_summary(document, result, only_filter) or 'no change'}")
        progress.done()
        return
    from . import annotated as rich_view

    def sections():
        for document, result in reviewed:
            found = hunks(operations(document.original(), result, only_filter), context)
            if found:
                yield rich_view.file_header(document.shown_as,
                                            change_summary(document, result, only_filter) or "no change")
                yield rich_view.side_by_side(found) if side_by_side else rich_view.annotated_hunks(found)

    if html_path is None:
        _show_sections(sections(), colour, pager)
        return
    from ..files import describe_os_error
    from .report import Report

    report = Report(title, noun)
    for document, result in reviewed:
        counts = result.counts_by_filter()
        if only_filter is not None:
            counts = Counter({only_filter: counts[only_filter]})
        report.add(document.shown_as, hunks(operations(document.original(), result, only_filter), context), counts,
                   change_summary(document, result, only_filter))
    try:
        write_output(html_path, report.page())
    except OSError as exc:
        raise InputError(f"{html_path}: cannot write ({describe_os_error(exc)})") from None
    if str(html_path) != "-":
        say(f"wrote {html_path} ({report.seen} {noun}, {len(report.files)} changed)")


def _show_sections(sections: Iterator, colour: bool, pager: bool | None) -> None:
    """Each file's section drawn as soon as it is ready: through the pager on
    a terminal (started with the first section, so a folder with nothing to
    show never starts one), else straight to stdout."""
    from . import annotated as rich_view

    use_pager = sys.stdout.isatty() if pager is None else pager
    first = next(sections, None)
    if first is None:
        return
    paging = None
    if use_pager:
        from .pager import open_pager

        paging = open_pager()
    if paging is None:
        console = rich_view.make_console(color=colour)
    else:
        import shutil

        console = rich_view.make_console(color=colour, width=shutil.get_terminal_size().columns, file=paging.stream)
    try:
        console.print(first)
        for renderable in sections:
            console.print(renderable)
    except BrokenPipeError:
        if paging is None:  # the reader of stdout went away (`cleaner diff tree/ --color always | head`)
            from ..stdio import ReaderGone, silence_stdout

            silence_stdout()
            raise ReaderGone() from None
        # The reader quit the pager: nothing more to show, and nothing went wrong.
    finally:
        if paging is not None:
            paging.close()


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


class _Progress:
    """"cleaner: 120 files reviewed" on stderr, redrawn in place, while a long
    review is written to a file: only when stderr is a terminal and stdout a
    regular file (never a pipe, which may be a pager drawing on that terminal)."""

    def __init__(self) -> None:
        import stat

        try:
            self.on = _is_terminal(sys.stderr) and stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
        except (OSError, ValueError, AttributeError):
            self.on = False
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if self.on and self.count % 10 == 0:
            sys.stderr.write(f"\rcleaner: {self.count} files reviewed")
            sys.stderr.flush()

    def done(self) -> None:
        if self.on and self.count >= 10:
            sys.stderr.write(f"\rcleaner: {self.count} files reviewed\n")
            sys.stderr.flush()
