"""Run the filters over a document's lines until nothing more is dropped."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from .config import Config
from .document import CleanResult, Line, Removal
from .filters import FILTERS
from .filters.phrasebook import phrase_key
from .filters.shapes import clear_line_caches
from .textio import split_lines


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
    dropped, first_pass = True, True
    while dropped:
        dropped = False
        for name in config.filters:
            if FILTERS[name].local and not first_pass:
                continue  # its verdicts on the remaining lines cannot have changed
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
        first_pass = False
    removals = tuple(sorted(removed.values(), key=lambda removal: removal.number))
    return CleanResult(source=lines, kept=tuple(view), removals=removals)


#: Texts longer than this are cleaned in windows cut at paragraph breaks, so
#: that memory stays near the size of the input (a line costs several times
#: its length while the filters run).
WINDOW_CHARS = 4_000_000
_NEWLINES = re.compile(r"\r\n?|\n")


def windows(text: str, size: int | None = None) -> Iterator[str]:
    """Consecutive pieces of ``text``, each about ``size`` characters and cut
    just before a blank line (the whole text if it is short)."""
    size = size or WINDOW_CHARS
    start = 0
    while start < len(text):
        stop = window_end(text, start, size)
        yield text[start:stop]
        start = stop


def window_end(text: str | bytes, start: int, size: int) -> int:
    """Where a window that begins at ``start`` ends: just after the last line
    ending that precedes a blank line within ``size`` (or, with no blank line
    there, after the last line ending), so that no line is ever split; the
    end of ``text`` when that is near."""
    end = start + size
    if end >= len(text):
        return len(text)
    newline = "\n" if isinstance(text, str) else b"\n"
    crlf_blank = newline + (b"\r\n" if isinstance(text, bytes) else "\r\n")
    blank = max(text.rfind(newline * 2, start, end), text.rfind(crlf_blank, start, end))
    cut = blank if blank != -1 else text.rfind(newline, start, end)
    return len(text) if cut == -1 else cut + 1


def clean_pieces(
    pieces: Iterable[str], config: Config | None = None, counts: Counter[str] | None = None
) -> Iterator[str]:
    """Clean consecutive pieces of one text, each as a document, and yield the
    clean text piece by piece with one blank line between pieces. Line numbers
    run on across pieces. ``counts``, if given, gets the lines each filter removed."""
    written, number = False, 1
    for index, piece in enumerate(pieces):
        if index:
            # A text long enough to need windows would fill the per-line caches
            # with its own lines; letting them go keeps memory near the window.
            clear_line_caches()
        result = run(split_lines(piece, start=number), config)
        number += len(_NEWLINES.findall(piece))
        if counts is not None:
            counts.update(result.counts_by_filter())
        cleaned = result.text
        if cleaned:
            yield "\n" + cleaned if written else cleaned
            written = True


def clean_in_windows(
    text: str, config: Config | None = None, counts: Counter[str] | None = None
) -> Iterator[str]:
    """The clean text, piece by piece: one window at a time for a long text,
    whole (and exactly as :func:`run` cleans it) for a text up to WINDOW_CHARS."""
    return clean_pieces(windows(text), config, counts)
