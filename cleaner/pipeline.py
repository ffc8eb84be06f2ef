"""Run the filters over a document's lines until nothing more is dropped."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from .config import Config
from .document import CleanResult, Line, Removal
from .filters import FILTERS
from .filters.phrasebook import phrase_key


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


def _drops(name: str, view: list[Line], config: Config) -> Iterator[tuple[Line, str]]:
    """The filter's own drops, then lines matching phrases or patterns the user added to it."""
    yield from FILTERS[name].func(view, config)
    phrases, patterns = config.user_rules(name)
    if not phrases and not patterns:
        return
    keys = {phrase_key(phrase): phrase for phrase in phrases}
    for line in view:
        if not line.text:
            continue
        phrase = keys.get(phrase_key(line.text))
        if phrase is not None:
            yield line, f"configured phrase {phrase!r}"
            continue
        for pattern in patterns:
            if pattern.fullmatch(line.text.strip()):
                yield line, f"configured pattern {pattern.pattern!r}"
                break


def run(lines: Iterable[Line], config: Config | None = None) -> CleanResult:
    """Clean normalised lines; line numbers must be unique."""
    lines = tuple(lines)
    if len({line.number for line in lines}) != len(lines):
        raise ValueError("line numbers must be unique")
    config = config or Config()
    keep = config.keep_patterns()
    removed: dict[int, Removal] = {}
    view = current_lines(lines, removed)
    dropped = True
    while dropped:
        dropped = False
        for name in config.filters:
            before = len(removed)
            for line, reason in _drops(name, view, config):
                if not line.text:
                    raise ValueError(f"filter {name!r} tried to drop a blank line")
                if keep and any(pattern.search(line.text) for pattern in keep):
                    continue  # the user protected this line
                removed.setdefault(line.number, Removal(line, name, reason))
            if len(removed) != before:
                dropped = True
                view = current_lines(lines, removed)
    removals = tuple(sorted(removed.values(), key=lambda removal: removal.number))
    return CleanResult(source=lines, kept=tuple(view), removals=removals)
