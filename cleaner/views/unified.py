"""What cleaning changes in a file, as line operations and unified-diff hunks.

The clean text is a subsequence of the normalised input, so the diff needs no
search: every input line is kept (perhaps with its whitespace normalised) or
dropped, by a filter (with the ledger's reason) or because it was a surplus
blank line. The unified diff is made against the input exactly as read, line
endings included, so that `patch` and `git apply` turn the input into exactly
the clean output.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..document import CleanResult, Removal

_PHYSICAL_LINE = re.compile(r"([^\n]*)(\n|$)")
_NEWLINE = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, slots=True)
class RawLine:
    """A line of the input as read: its text and its line ending ("" for none)."""

    text: str
    ending: str


@dataclass(frozen=True, slots=True)
class DiffLine:
    """One line of a diff: ``kind`` is " " (kept as is), "-" (removed from the
    input) or "+" (the clean form of a line whose whitespace changed)."""

    kind: str
    text: str
    old_number: int | None  # 1-based line number in the input
    new_number: int | None  # 1-based line number in the clean output
    removal: Removal | None = None
    ending: str = "\n"  # the input's line ending ("" for a last line without one)


@dataclass(frozen=True)
class Hunk:
    old_start: int
    old_count: int
    new_start: int
    new_count: int
    lines: tuple[DiffLine, ...]

    @property
    def header(self) -> str:
        return f"@@ -{_range(self.old_start, self.old_count)} +{_range(self.new_start, self.new_count)} @@"


def _range(start: int, count: int) -> str:
    # The unified format names an empty range by the line before it.
    if count == 1:
        return str(start)
    return f"{start - 1 if count == 0 else start},{count}"


def raw_lines(text: str) -> list[RawLine]:
    """Split decoded input into lines with their endings, as `patch` sees them:
    a line ends at LF (CRLF counts as its ending); a lone CR is part of the line."""
    lines = []
    for match in _PHYSICAL_LINE.finditer(text):
        content, ending = match.group(1), match.group(2)
        if ending == "\n" and content.endswith("\r"):
            content, ending = content[:-1], "\r\n"
        lines.append(RawLine(content, ending))
    if lines and lines[-1] == RawLine("", ""):
        lines.pop()  # the empty match after the last line ending
    return lines


def _normalised_count(line: RawLine) -> int:
    """How many lines the normaliser makes of one line as `patch` sees it
    (more than one when lone CRs are in it: they end lines too)."""
    parts = _NEWLINE.split(line.text + line.ending)
    return len(parts) - 1 if parts[-1] == "" else len(parts)


def operations(raw_text: str, result: CleanResult, only_filter: str | None = None) -> list[DiffLine]:
    """Every line of the input and of the output, in diff order.

    Old line numbers count lines as `patch` does (at LF); a line holding lone
    CRs is several lines to cleaner, so it goes whole and the clean forms of
    the lines kept from it come back. With ``only_filter``, the diff removes
    just that filter's lines and leaves everything else as it is in the input:
    still a valid patch.
    """
    removals = {removal.number: removal for removal in result.removals}
    if only_filter is not None:
        removals = {number: removal for number, removal in removals.items() if removal.filter == only_filter}
        staying = {line.number for line in result.source} - set(removals)
    else:
        staying = {line.number for line in result.kept}
    source = iter(result.source)
    diff: list[DiffLine] = []
    new_number = 0
    for old_number, original in enumerate(raw_lines(raw_text), start=1):
        parts = [next(source) for _ in range(_normalised_count(original))]
        kept = [part for part in parts if part.number in staying]
        gone = next((removals[part.number] for part in parts if part.number in removals), None)
        untouched = gone is None if only_filter is not None else (
            len(parts) == 1 and kept and original.text == kept[0].text and original.ending == "\n")
        if untouched:
            new_number += 1
            diff.append(DiffLine(" ", original.text, old_number, new_number, ending=original.ending))
            continue
        diff.append(DiffLine("-", original.text, old_number, None, gone, original.ending))
        for part in kept:
            new_number += 1
            diff.append(DiffLine("+", part.text, None, new_number))
    return diff


#: Beyond these, a patch keeps cleaner's own choice among identical lines (still valid).
_GNU_MAX_LINES, _GNU_MAX_REMOVED = 50_000, 5_000


def as_gnu_diff_aligns(diff: list[DiffLine], context: int = 3) -> list[DiffLine]:
    """The same removals, with the free choices among identical lines made as
    GNU diff makes them (see :mod:`cleaner.views.gnu`): where a removed line
    has copies ("A", "", "A"), the copy that goes in the patch is the one
    `diff -U N` removes. Only for pure removals (no line rewritten), and as
    it is when GNU's choice cannot be told."""
    if any(line.kind == "+" for line in diff):
        return diff
    if len(diff) > _GNU_MAX_LINES or sum(line.kind == "-" for line in diff) > _GNU_MAX_REMOVED:
        return diff  # GNU's search costs removals x lines here: a long text keeps its own valid patch
    from .gnu import changed_lines

    old = [line.text + line.ending for line in diff]
    new = [line.text + line.ending for line in diff if line.kind == " "]
    found = changed_lines(old, new, context)
    if found is None:
        return diff
    removed, inserted = found
    if removed == [line.kind == "-" for line in diff] and not any(inserted):
        return diff
    # GNU's change: its removed lines of the input, then its written-again lines of the output.
    removals = iter([line.removal for line in diff if line.kind == "-"])
    aligned: list[DiffLine] = []
    kept = [line for line in diff if line.kind == " "]
    i = j = new_number = 0
    while i < len(diff) or j < len(kept):
        if i < len(diff) and removed[i]:
            line = diff[i]
            aligned.append(DiffLine("-", line.text, line.old_number, None, next(removals, None), line.ending))
            i += 1
        elif j < len(kept) and inserted[j]:
            new_number += 1
            aligned.append(DiffLine("+", kept[j].text, None, new_number, ending=kept[j].ending))
            j += 1
        else:
            new_number += 1
            line = diff[i]
            aligned.append(DiffLine(" ", line.text, line.old_number, new_number, ending=line.ending))
            i += 1
            j += 1
    return aligned


def hunks(diff: Sequence[DiffLine], context: int = 3) -> list[Hunk]:
    """Group changed lines into hunks with ``context`` kept lines around them."""
    changed = [i for i, line in enumerate(diff) if line.kind != " "]
    if not changed:
        return []
    groups: list[list[int]] = [[changed[0], changed[0]]]
    for i in changed[1:]:
        # As GNU diff merges: two changes with at most 2 * context unchanged lines between are one hunk.
        if i - groups[-1][1] - 1 <= 2 * context:
            groups[-1][1] = i
        else:
            groups.append([i, i])
    result = []
    for first, last in groups:
        start, stop = max(0, first - context), min(len(diff), last + context + 1)
        lines = tuple(diff[start:stop])
        old = [line.old_number for line in lines if line.old_number is not None]
        new = [line.new_number for line in lines if line.new_number is not None]
        old_start = old[0] if old else _before(diff, start, "old_number") + 1
        new_start = new[0] if new else _before(diff, start, "new_number") + 1
        result.append(Hunk(old_start, len(old), new_start, len(new), lines))
    return result


def _before(diff: Sequence[DiffLine], index: int, attribute: str) -> int:
    """The last line number on one side before ``index`` (0 if none)."""
    for line in reversed(diff[:index]):
        number = getattr(line, attribute)
        if number is not None:
            return number
    return 0


def unified_diff(
    path: str, raw_text: str, result: CleanResult, context: int = 3, only_filter: str | None = None
) -> str:
    """A standard unified diff from the input to the clean text ("" if
    equal): for removals alone, the one GNU `diff -U N` writes."""
    found = hunks(as_gnu_diff_aligns(operations(raw_text, result, only_filter), context), context)
    if not found:
        return ""
    return "".join(_unified_lines(path, found))


def _unified_lines(path: str, found: Sequence[Hunk]) -> Iterator[str]:
    from ..stdio import quote_path

    old, new = quote_path("a/" + path.lstrip("/")), quote_path("b/" + path.lstrip("/"))
    yield f"--- {old}\n"
    yield f"+++ {new}\n"
    for hunk in found:
        yield hunk.header + "\n"
        for line in hunk.lines:
            if line.ending:
                yield f"{line.kind}{line.text}{line.ending}"
            else:
                yield f"{line.kind}{line.text}\n\\ No newline at end of file\n"


def removal_summary(result: CleanResult, only_filter: str | None = None) -> str:
    """How many lines went, and by which filter: "6 lines removed (teasers 2, ...)"."""
    counts = result.counts_by_filter()
    if only_filter is not None:
        counts = Counter({only_filter: counts[only_filter]})
    total = sum(counts.values())
    detail = ", ".join(f"{name} {n}" for name, n in counts.most_common() if n)
    noun = "line" if total == 1 else "lines"
    return f"{total} {noun} removed" + (f" ({detail})" if detail else "")
