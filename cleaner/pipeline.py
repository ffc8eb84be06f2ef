"""Run the filters over a document's lines until nothing more is dropped."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import AnyStr

from . import textio
from .config import Config
from .document import CleanResult, Line, Removal
from .filters import FILTERS
from .filters.phrasebook import phrase_key
from .filters.registry import END, START, WHOLE, Window
from .filters.shapes import forget_document_lines
from .origins import from_page
from .textio import split_lines, windows


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


def _drops(name: str, view: list[Line], config: Config) -> Iterator[tuple[Line, str, object]]:
    """The filter's own drops, then lines matching phrases or patterns the user added to it."""
    for line, reason in FILTERS[name].func(view, config):
        yield line, name, reason
    user_rule = _user_rule(name, config)
    if user_rule is not None:
        for line in view:
            reason = user_rule(line.text) if line.text else None
            if reason:
                yield line, name, reason


def _line_drops(names: Sequence[str], view: list[Line], config: Config) -> Iterator[tuple[Line, str, object]]:
    """Every per-line filter's drops in one loop over the lines: a line goes
    to the first filter (in pipeline order) whose verdict, or a phrase or
    pattern the user added to it, says it is junk."""
    judges = [(name, FILTERS[name].verdict, FILTERS[name].pages, _user_rule(name, config)) for name in names]
    for line in view:
        text = line.text
        if not text:
            continue
        page = from_page(line.origin)
        for name, verdict, pages, user_rule in judges:
            if page and not pages:
                continue
            reason = verdict(text) or (user_rule(text) if user_rule is not None else None)  # type: ignore[misc]
            if reason:
                yield line, name, reason
                break


def _user_rule(name: str, config: Config) -> Callable[[str], str | None] | None:
    """The phrases and patterns the user added to a filter, as a verdict on a line's text (None without any)."""
    phrases, patterns = config.user_rules(name)
    if not phrases and not patterns:
        return None
    keys = {phrase_key(phrase): phrase for phrase in phrases}

    def rule(text: str) -> str | None:
        phrase = keys.get(phrase_key(text))
        if phrase is not None:
            return f"configured phrase {phrase!r}"
        stripped = text.strip()
        for pattern in patterns:
            if pattern.fullmatch(stripped):
                return f"configured pattern {pattern.pattern!r}"
        return None

    return rule


def run(lines: Iterable[Line], config: Config | None = None, has_start: bool = True,
        has_end: bool = True) -> CleanResult:
    """Clean normalised lines; line numbers must be unique.

    ``has_start`` and ``has_end`` say whether the lines hold the document's
    start and end (a window of a long text may hold neither): filters that
    need what is missing do not run (see :class:`cleaner.filters.registry.Filter`)."""
    lines = tuple(lines)
    if len({line.number for line in lines}) != len(lines):
        raise ValueError("line numbers must be unique")
    forget_document_lines()
    config = config or Config()
    keep = config.keep_patterns()
    names = [name for name in config.filters if _fits(FILTERS[name].reach, has_start, has_end)]
    # The per-line filters run together, in one loop, where the first of them stands.
    per_line = [name for name in names if FILTERS[name].verdict is not None]
    steps = [name for name in names if FILTERS[name].verdict is None or name == per_line[0]]
    removed: dict[int, Removal] = {}
    view = Window(current_lines(lines, removed), has_start, has_end)
    dropped, first_pass = True, True
    # A filter's verdicts depend on the lines it is shown alone: one that has
    # already seen the lines as they are now is not run again. (`version`
    # counts the changes to the lines; `seen` holds the one each filter saw.)
    version, seen = 0, dict[str, int]()
    while dropped:
        dropped = False
        for step in steps:
            if FILTERS[step].local and not first_pass:
                continue  # its verdicts on the remaining lines cannot have changed
            if seen.get(step) == version:
                continue  # nothing changed since it last looked
            seen[step] = version
            before = len(removed)
            drops = _line_drops(per_line, view, config) if FILTERS[step].verdict else _drops(step, view, config)
            for line, name, reason in drops:
                if not line.text:
                    raise ValueError(f"filter {name!r} tried to drop a blank line")
                if keep and any(pattern.search(line.text) for pattern in keep):
                    continue  # the user protected this line
                removed.setdefault(line.number, Removal(line, name, reason))
            if len(removed) != before:
                dropped = True
                version += 1
                view = Window(current_lines(lines, removed), has_start, has_end)
        first_pass = False
    removals = tuple(sorted(removed.values(), key=lambda removal: removal.number))
    return CleanResult(source=lines, kept=tuple(view), removals=removals)


def _fits(reach: str, has_start: bool, has_end: bool) -> bool:
    if reach == START:
        return has_start
    if reach == END:
        return has_end
    return reach != WHOLE or (has_start and has_end)


#: Each window of a long text is cleaned with this many lines of its
#: neighbours on either side, so that filters that look at neighbouring lines
#: judge a line near a window's edge as they would in the whole text.
MARGIN_LINES = 100
#: A long text is cleaned again until nothing changes (its windows fall
#: elsewhere once lines are gone), at most this many times.
MAX_PASSES = 8


def _line_endings(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def clean_windows(pieces: Iterable[str], config: Config | None = None) -> Iterator[CleanResult]:
    """Clean consecutive pieces of one text (see :func:`cleaner.textio.windows`),
    yielding one CleanResult per piece, whose ``source`` is that piece's lines
    (numbered on across pieces) and whose removals are theirs.

    A text of one piece is cleaned exactly as :func:`run` cleans it. Otherwise
    each piece is cleaned with MARGIN_LINES lines of its neighbours around it;
    filters that judge the document's start (or end) run only on the first (or
    last) piece, and those that judge the document as a whole (``story-end``,
    ``comments``, ``body-region``) do not run: a text this long is no single
    article."""
    pieces = iter(pieces)
    current, following = next(pieces, None), next(pieces, None)
    if current is not None and following is None:
        lines = split_lines(current)
        current = None  # the lines hold the text now: let the piece go
        yield run(lines, config)
        return
    number = 1
    before: list[Line] = []
    first = True
    while current is not None:
        lines = split_lines(current, start=number)
        number += _line_endings(current)
        # Only the head of the next window is split now: the margin after this one.
        after = split_lines(_head(following, MARGIN_LINES), start=number) if following is not None else []
        yield _clean_window(before, lines, after, config, first, following is None)
        before = lines[-MARGIN_LINES:]
        del lines, after
        current, following = following, next(pieces, None)
        first = False


def _clean_window(before: list[Line], lines: list[Line], after: list[Line], config: Config | None,
                  first: bool, last: bool) -> CleanResult:
    """One window's lines cleaned with their margins; the result holds the window's own."""
    result = run([*before, *lines, *after], config, has_start=first, has_end=last)
    own_first, own_last = lines[0].number, lines[-1].number
    removals = tuple(r for r in result.removals if own_first <= r.number <= own_last)
    return CleanResult(source=tuple(lines), kept=(), removals=removals)


def run_lines(lines: Iterable[Line], config: Config | None = None) -> CleanResult:
    """:func:`run` for lines another reader made (an HTML page's), cleaned as
    :func:`clean_line_windows` cleans them, as one result."""
    results = list(clean_line_windows(lines, config))
    if len(results) == 1:
        return results[0]
    source = tuple(line for result in results for line in result.source)
    removals = tuple(removal for result in results for removal in result.removals)
    return CleanResult(source=source, kept=tuple(render_lines(results)), removals=removals)


def clean_line_windows(lines: Iterable[Line], config: Config | None = None) -> Iterator[CleanResult]:
    """Clean lines another reader made (an HTML page's), as they come: a
    document short enough is cleaned whole, exactly as :func:`run` cleans it;
    a longer one in windows of lines with margins, as :func:`clean_windows`
    cleans a long text (in one pass: a page is cleaned once, its text is no
    page). Never more than a window and its margins are held."""
    stream = iter(lines)
    ahead: deque[Line] = deque()
    exhausted = False
    before: list[Line] = []
    first = True
    while True:
        # Read a window's worth of lines and the margin after it.
        size = sum(len(line.text) + 1 for line in ahead)
        while not exhausted and len(ahead) <= textio.WINDOW_LINES + MARGIN_LINES and size <= textio.WINDOW_CHARS:
            line = next(stream, None)
            if line is None:
                exhausted = True
            else:
                ahead.append(line)
                size += len(line.text) + 1
        if first and exhausted and len(ahead) <= textio.WINDOW_LINES and size <= textio.WINDOW_CHARS:
            yield run(ahead, config)  # all of it fits in one window
            return
        if not ahead:
            return
        window = _take_window(ahead, last=exhausted)
        after = list(islice(ahead, MARGIN_LINES))
        yield _clean_window(before, window, after, config, first, exhausted and not ahead)
        before = window[-MARGIN_LINES:]
        first = False


def clean_line_pieces(lines: Iterable[Line], config: Config | None = None,
                      counts: Counter[str] | None = None) -> Iterator[str]:
    """The clean text of lines another reader made (see :func:`clean_line_windows`),
    piece by piece. ``counts``, if given, gets the lines each filter removed."""
    return render(_counted(clean_line_windows(lines, config), counts))


def _take_window(ahead: deque[Line], last: bool) -> list[Line]:
    """The next window's lines, taken from ``ahead``: at most WINDOW_CHARS
    characters and WINDOW_LINES lines, ending just before a blank line where
    there is one (all of them at the end of the document)."""
    count, size, blank = 0, 0, None
    for line in ahead:
        if count >= textio.WINDOW_LINES or size >= textio.WINDOW_CHARS:
            break
        if not line.text and count:
            blank = count
        size += len(line.text) + 1
        count += 1
    if count < len(ahead) and blank is not None:
        count = blank
    if last and count >= len(ahead):
        count = len(ahead)
    return [ahead.popleft() for _ in range(max(count, 1))]


def _head(text: str, lines: int) -> str:
    """The first ``lines`` lines of ``text`` (LF endings counted)."""
    end = 0
    for _ in range(lines):
        end = text.find("\n", end) + 1
        if not end:
            return text
    return text[:end]


def render_lines(results: Iterable[CleanResult]) -> Iterator[Line]:
    """The kept lines of consecutive results: the lines no filter removed,
    with single blank lines between paragraphs and none at either end, as
    :func:`current_lines` keeps them."""
    written, pending_blank = False, None
    for result in results:
        removed = {removal.number for removal in result.removals}
        for line in result.source:
            if line.number in removed:
                continue
            if not line.text:
                if written and pending_blank is None:
                    pending_blank = line
                continue
            if pending_blank is not None:
                yield pending_blank
                pending_blank = None
            yield line
            written = True


_RENDERED_PIECE = 1 << 18  # characters: a megabyte even in four bytes a character


def render(results: Iterable[CleanResult]) -> Iterator[str]:
    """The clean text of consecutive results (see :func:`render_lines`), in
    pieces of about a megabyte."""
    out: list[str] = []
    size = 0
    for line in render_lines(results):
        out.append(line.text)
        size += len(line.text) + 1
        if size >= _RENDERED_PIECE:
            out.append("")  # the last line's newline, in the one join
            yield "\n".join(out)
            out, size = [], 0
    if out:
        out.append("")
        yield "\n".join(out)


def _counted(results: Iterable[CleanResult], counts: Counter[str] | None) -> Iterator[CleanResult]:
    for result in results:
        if counts is not None:
            counts.update(result.counts_by_filter())
        yield result


def clean_pieces(
    pieces: Iterable[str], config: Config | None = None, counts: Counter[str] | None = None
) -> Iterator[str]:
    """Clean consecutive pieces of one text (see :func:`clean_windows`) and
    yield the clean text piece by piece. ``counts``, if given, gets the lines
    each filter removed.

    A text of one piece is cleaned as :func:`run` cleans it. A longer one is
    cleaned again until nothing changes, so that cleaning its output changes
    nothing either (in a shorter text the windows' edges fall elsewhere)."""
    results = clean_windows(pieces, config)
    first, second = next(results, None), next(results, None)
    if second is None:
        yield from render(_counted([first] if first else [], counts))
        return
    # The clean text is kept as UTF-8 in pieces (a string holding one emoji
    # takes four bytes a character), never joined whole, and each pass over it
    # is compared with it as it comes: a long text is held about once.
    stream = _handed_over([first, second], results)
    del first, second, results  # each window is let go once it is rendered
    text = list(_utf8(render(_counted(stream, counts))))
    del stream  # the input is let go: only its clean text is held now
    for _ in range(MAX_PASSES):
        again: Counter[str] = Counter()
        passed = render(_counted(clean_windows(windows(_unicode(text)), config), again))
        cleaned = changed_pieces(_utf8(passed), text)
        if cleaned is None:
            break
        text = cleaned
        if counts is not None:
            counts.update(again)
    text.reverse()
    while text:  # each piece let go once it is written
        yield text.pop().decode("utf-8", "surrogatepass")


def _handed_over(given: list, rest: Iterable) -> Iterator:
    """The items given, then the rest, none kept once it is taken (as
    itertools.chain would keep the given ones)."""
    given.reverse()
    while given:
        yield given.pop()
    yield from rest


def _utf8(texts: Iterable[str]) -> Iterator[bytes]:
    # "surrogatepass": a lone surrogate given to the library comes back as it was.
    return (text.encode("utf-8", "surrogatepass") for text in texts)


def _unicode(pieces: Iterable[bytes]) -> Iterator[str]:
    return (piece.decode("utf-8", "surrogatepass") for piece in pieces)


def changed_pieces(pieces: Iterable[AnyStr], old: list[AnyStr]) -> list[AnyStr] | None:
    """None if ``pieces`` make exactly the text that ``old`` makes, else the
    new text, in pieces. Compared as they come, so that an unchanged text is
    never held twice."""
    index: int = 0  # how far into old the pieces have matched: old[index][offset]
    offset: int = 0
    pieces = iter(pieces)
    for piece in pieces:
        matched = 0
        while matched < len(piece) and index < len(old):
            take = min(len(piece) - matched, len(old[index]) - offset)
            if piece[matched : matched + take] != old[index][offset : offset + take]:
                break
            matched, offset = matched + take, offset + take
            if offset == len(old[index]):
                index, offset = index + 1, 0
        if matched < len(piece):
            head = old[index][:offset] if index < len(old) else piece[:0]
            changed: list[AnyStr] = old[:index]
            changed += (head, piece[matched:])
            changed.extend(pieces)
            return changed
    if index == len(old) or not (old[index][offset:] or any(old[index + 1 :])):
        return None
    unchanged_head: list[AnyStr] = old[:index]
    unchanged_head.append(old[index][:offset])
    return unchanged_head


def clean_in_windows(
    text: str, config: Config | None = None, counts: Counter[str] | None = None
) -> Iterator[str]:
    """The clean text, piece by piece: one window at a time for a long text,
    whole (and exactly as :func:`run` cleans it) for a text up to WINDOW_CHARS."""
    return clean_pieces(windows(text), config, counts)


def explain_pieces(pieces: Iterable[str], config: Config | None = None) -> CleanResult:
    """One CleanResult for the whole text, cleaned as :func:`clean_pieces`
    cleans it: what `diff`, `explain` and `--check` show of a long text."""
    results = list(clean_windows(pieces, config))
    if len(results) <= 1:
        return results[0] if results else CleanResult((), ())
    source = tuple(line for result in results for line in result.source)
    removed = {removal.number: removal for result in results for removal in result.removals}
    kept = list(render_lines(results))
    for _ in range(MAX_PASSES):
        # Clean the clean text again, as clean_pieces does; its line k is kept[k - 1].
        text = "".join(line.text + "\n" for line in kept)
        again = [removal.moved(kept[removal.number - 1])
                 for result in clean_windows(windows(text), config) for removal in result.removals]
        if not again:
            break
        removed.update((removal.number, removal) for removal in again)
        kept = list(render_lines([CleanResult(tuple(kept), (), tuple(again))]))
    removals = tuple(sorted(removed.values(), key=lambda removal: removal.number))
    return CleanResult(source=source, kept=tuple(kept), removals=removals)
