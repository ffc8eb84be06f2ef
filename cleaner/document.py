"""The data every command shares: input lines, removals, and the result of cleaning."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the normalised input.

    ``number`` is the 1-based line number in the normalised input (what a diff
    shows). ``origin`` says where the line came from when the input was not
    plain text, for example ``"figcaption"`` for HTML or ``"record 12"`` for a
    JSONL dataset; filters may use it as evidence. Blank lines (``text == ""``)
    are paragraph separators: filters never remove them, the renderer collapses
    them.
    """

    number: int
    text: str
    origin: str | None = None

    @property
    def is_blank(self) -> bool:
        return not self.text


@dataclass(frozen=True, slots=True)
class Removal:
    """One entry of the ledger: a line a filter dropped, and why."""

    line: Line
    filter: str
    reason: str

    @property
    def number(self) -> int:
        return self.line.number

    @property
    def text(self) -> str:
        return self.line.text


@dataclass(frozen=True)
class CleanResult:
    """What cleaning a document produced; every command renders this one object.

    ``source`` holds every normalised input line, ``kept`` the lines that
    survive in output order (single blank lines between paragraphs, none at the
    ends), ``removals`` the ledger sorted by line number.
    """

    source: tuple[Line, ...]
    kept: tuple[Line, ...]
    removals: tuple[Removal, ...] = field(default=())

    @property
    def text(self) -> str:
        """The clean text: kept lines joined, one final newline ("" if empty)."""
        return join_lines(self.kept)

    def counts_by_filter(self) -> Counter[str]:
        """How many lines each filter removed."""
        return Counter(removal.filter for removal in self.removals)


def join_lines(lines: Iterable[Line]) -> str:
    """Render lines as text with one final newline ("" for no lines)."""
    text = "\n".join(line.text for line in lines)
    return text + "\n" if text else ""
