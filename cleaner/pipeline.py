"""Run the filters over a document's lines until nothing more is dropped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .config import Config
from .document import CleanResult, Line, Removal
from .filters import FILTERS


def current_lines(lines: Sequence[Line], removed: dict[int, Removal]) -> list[Line]:
    """The lines still in the document, as its text would show them: single
    blank lines between paragraphs and none at either end.

    Filters see exactly what a second run over the output would see, which is
    what makes cleaning idempotent.
    """
    view: list[Line] = []
    for line in lines:
        if line.number in removed:
            continue
        if line.text or (view and view[-1].text):
            view.append(line)
    if view and not view[-1].text:
        view.pop()
    return view


def run(lines: Iterable[Line], config: Config | None = None) -> CleanResult:
    """Clean normalised lines; line numbers must be unique."""
    lines = tuple(lines)
    if len({line.number for line in lines}) != len(lines):
        raise ValueError("line numbers must be unique")
    config = config or Config()
    removed: dict[int, Removal] = {}
    view = current_lines(lines, removed)
    dropped = True
    while dropped:
        dropped = False
        for name in config.filters:
            before = len(removed)
            for line, reason in FILTERS[name].func(view, config):
                if not line.text:
                    raise ValueError(f"filter {name!r} tried to drop a blank line")
                removed.setdefault(line.number, Removal(line, name, reason))
            if len(removed) != before:
                dropped = True
                view = current_lines(lines, removed)
    removals = tuple(sorted(removed.values(), key=lambda removal: removal.number))
    return CleanResult(source=lines, kept=tuple(view), removals=removals)
