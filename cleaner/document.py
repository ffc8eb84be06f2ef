"""The data every command shares: input lines, removals, and the result of cleaning."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .origins import Origin


class _Record:
    """Plain slotted records: compared, hashed and shown by their fields.

    Not dataclasses or NamedTuples, whose class creation costs more at start-up
    than cleaning a short article."""

    __slots__ = ()

    def _fields(self) -> tuple[str, ...]:
        return self.__slots__

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields())

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields())
        return f"{type(self).__name__}({fields})"


class Line(_Record):
    """One line of the normalised input.

    ``number`` is the 1-based line number in the normalised input (what a diff
    shows). ``origin`` says where the line came from when the input was not
    plain text (a :class:`cleaner.origins.Origin`: a page's list item, or an
    element its markup marks as a caption); filters may use it as evidence. Blank lines (``text == ""``)
    are paragraph separators: filters never remove them, the renderer collapses
    them.
    """

    __slots__ = ("number", "text", "origin")

    def __init__(self, number: int, text: str, origin: Origin | None = None) -> None:
        self.number, self.text, self.origin = number, text, origin

    @property
    def is_blank(self) -> bool:
        return not self.text


class Removal(_Record):
    """One entry of the ledger: a line a filter dropped, and why."""

    __slots__ = ("line", "filter", "_reason", "score")

    def __init__(self, line: Line, filter: str, reason: object) -> None:  # noqa: A002
        self.line, self.filter, self._reason = line, filter, reason
        #: The learned scorer's junk score of the line; None for the rules.
        self.score: float | None = getattr(reason, "score", None)

    def _fields(self) -> tuple[str, ...]:
        return ("line", "filter", "reason", "score")

    def moved(self, line: Line) -> Removal:
        """The same removal of ``line`` (the same text elsewhere), its reason
        and score kept as they are."""
        return Removal(line, self.filter, self._reason)

    @property
    def reason(self) -> str:
        """Why the line went. A reason that takes work to word (the line
        model's) is worded only when asked for: cleaning alone never asks."""
        reason = self._reason
        if type(reason) is not str:
            reason = self._reason = str(reason)
        return reason

    @property
    def number(self) -> int:
        return self.line.number

    @property
    def text(self) -> str:
        return self.line.text


class CleanResult(_Record):
    """What cleaning a document produced; every command renders this one object.

    ``source`` holds every normalised input line, ``kept`` the lines that
    survive in output order (single blank lines between paragraphs, none at the
    ends), ``removals`` the ledger sorted by line number.
    """

    __slots__ = ("source", "kept", "removals")

    def __init__(self, source: tuple[Line, ...], kept: tuple[Line, ...], removals: tuple[Removal, ...] = ()) -> None:
        self.source, self.kept, self.removals = source, kept, removals

    @property
    def text(self) -> str:
        """The clean text: kept lines joined, one final newline ("" if empty)."""
        return join_lines(self.kept)

    def counts_by_filter(self) -> Counter[str]:
        """How many lines each filter removed."""
        return Counter(removal.filter for removal in self.removals)

    def ledger(self, path: str | None = None) -> list[dict]:
        """The ledger as `cleaner explain --json` prints it: one dict per
        removed line, in line order, with ``path`` (as given), ``line``,
        ``filter``, ``reason``, ``text`` and ``score`` (the line model's junk
        score; None for the rules, which do not score)."""
        return [{"path": path, "line": removal.number, "filter": removal.filter, "reason": removal.reason,
                 "text": removal.text, "score": removal.score} for removal in self.removals]


def join_lines(lines: Iterable[Line]) -> str:
    """Render lines as text with one final newline ("" for no lines)."""
    text = "\n".join(line.text for line in lines)
    return text + "\n" if text else ""


def whitespace_change(original: str, clean: str) -> str | None:
    """What changes when cleaning removes no line but the text still changes:
    "no final newline" (the normal state of scraped files), "CRLF line
    endings", or "whitespace only" (spaces, blank lines, a byte-order mark);
    None if the text does not change.

    >>> whitespace_change("A story.", "A story.\\n")
    'no final newline'
    >>> whitespace_change("A  story.\\n\\n\\n", "A story.\\n")
    'whitespace only'
    """
    if clean == original:
        return None
    if clean == original + "\n":
        return "no final newline"
    if "\r\n" in original and original.replace("\r\n", "\n") in (clean, clean.removesuffix("\n")):
        return "CRLF line endings"
    return "whitespace only"
