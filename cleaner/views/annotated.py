"""Diffs for people: coloured, annotated with each removal's filter and reason.

Scraped text is full of [brackets]; every piece of it is drawn as a
``rich.text.Text``, never formatted into markup. rich is imported only here.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .unified import DiffLine, Hunk

# Colours that read on dark and light backgrounds alike: the terminal's own
# red, green and cyan, and dim for the reasons.
REMOVED, ADDED, HEADER, REASON = "red", "green", "cyan", "dim"


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 (the code --check keeps for "would change"): let the caller say what happened.
        raise BrokenPipeError


def make_console(color: bool, width: int | None = None, record: bool = False, file=None) -> Console:
    """A console that draws colour only when asked; rich also honours NO_COLOR.
    A reader that goes away raises BrokenPipeError, as a plain write would."""
    return _Console(
        file=file, width=width, record=record, highlight=False, emoji=False,
        force_terminal=color, no_color=not color, color_system="standard" if color else None,
        soft_wrap=False,
    )


def _reason(lines: Sequence[DiffLine], i: int) -> Text:
    line = lines[i]
    if line.removal is not None:
        return Text(f"{line.removal.filter}: {line.removal.reason}", style=REASON)
    if line.kind == "+":
        return Text("whitespace normalised", style=REASON)
    return Text("")  # a surplus blank line, or the old form of a "+" line


def file_header(path: str, summary: str) -> Group:
    """The path as a rule, then what went from the file."""
    return Group(Rule(Text(path, style="bold"), align="left", style=HEADER), Text(summary, style=REASON))


def annotated_hunks(found: Sequence[Hunk]) -> Group:
    """Hunks as removed lines in red with their filter and reason beside them."""
    parts: list = []
    for hunk in found:
        parts.append(Text(hunk.header, style=HEADER))
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(justify="right", style=REASON, no_wrap=True)
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=3, overflow="fold")
        grid.add_column(ratio=2, overflow="fold")
        for i, line in enumerate(hunk.lines):
            number = line.old_number if line.old_number is not None else line.new_number
            style = {"-": REMOVED, "+": ADDED}.get(line.kind, "")
            grid.add_row(
                Text(str(number)), Text(line.kind, style=style), Text(line.text, style=style),
                _reason(hunk.lines, i) if line.kind != " " else Text(""),
            )
        parts.append(grid)
    return Group(*parts)


def side_by_side(found: Sequence[Hunk]) -> Table:
    """Original and clean text in two aligned columns; removed lines carry the
    filter's name on the clean side."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right", style=REASON, no_wrap=True)
    table.add_column("original", ratio=1, overflow="fold")
    table.add_column("#", justify="right", style=REASON, no_wrap=True)
    table.add_column("clean", ratio=1, overflow="fold")
    for hunk in found:
        table.add_row(Text(""), Text(hunk.header, style=HEADER), Text(""), Text(""))
        lines = hunk.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.kind == " ":
                table.add_row(Text(str(line.old_number)), Text(line.text),
                              Text(str(line.new_number)), Text(line.text))
            elif line.kind == "-" and i + 1 < len(lines) and lines[i + 1].kind == "+":
                new = lines[i + 1]
                table.add_row(Text(str(line.old_number)), Text(line.text, style=REMOVED),
                              Text(str(new.new_number)), Text(new.text, style=ADDED))
                i += 1
            elif line.kind == "-":
                mark = f"✗ {line.removal.filter}" if line.removal else ""
                table.add_row(Text(str(line.old_number)), Text(line.text, style=REMOVED),
                              Text(""), Text(mark, style=f"{REMOVED} {REASON}"))
            i += 1
    return table
