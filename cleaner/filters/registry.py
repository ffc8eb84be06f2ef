"""The registry of filters: name -> documented function, in pipeline order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..document import Line
from ..origins import from_page

if TYPE_CHECKING:
    from ..config import Config

#: A filter reads the document's current lines (blank lines are paragraph
#: breaks) and yields each line it drops with a short human reason.
#: A reason is a str, or an object worded by str() only when shown (the line model's).
FilterFunc = Callable[[Sequence[Line], "Config"], Iterator[tuple[Line, object]]]
#: A per-line filter: why a line of text (never blank) is junk, or None. It
#: sees the line's text alone; the pipeline runs every one in one loop.
LineVerdict = Callable[[str], "object | None"]


#: How much of the document a filter must see to judge a line (see Filter.reach).
LINE, NEAR, START, END, WHOLE = "line", "near", "start", "end", "whole"


class Filter(NamedTuple):
    name: str
    func: FilterFunc
    #: Off unless asked for: the gold standard of real pages keeps what these
    #: remove often enough that removing it by default would cost real text.
    default: bool = True
    #: LINE: each line on its own text alone, so one pass over the lines is
    #: enough (the pipeline's later passes skip it). NEAR: a line and its
    #: neighbours (up to a few dozen lines away). START and END: lines near the
    #: document's start or end. WHOLE: the document as a whole. A text too long
    #: to clean in one piece is cleaned in windows with margins; START, END and
    #: WHOLE filters run only where the window holds what they need.
    reach: str = NEAR
    #: For a per-line filter (see :func:`line_filter`): its verdict on a line's text.
    verdict: LineVerdict | None = None
    #: False for a per-line filter that never judges a line read from a page
    #: (what a page shows is text, whatever it looks like).
    pages: bool = True

    @property
    def local(self) -> bool:
        return self.reach == LINE

    @property
    def doc(self) -> str:
        # inspect.cleandoc would do; importing inspect costs the start-up more.
        first, _, rest = (self.func.__doc__ or "").strip().partition("\n")
        lines = rest.splitlines()
        examples = next((i for i, line in enumerate(lines) if line.lstrip().startswith(">>>")), len(lines))
        lines = lines[:examples]  # the doctests are for the tests, not the help
        indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
        return "\n".join([first, *(line[indent:] for line in lines)]).strip()

    @property
    def summary(self) -> str:
        """The first line of the docstring: what `cleaner filters` prints."""
        return self.doc.partition("\n")[0]


FILTERS: dict[str, Filter] = {}


def register(name: str, default: bool = True, local: bool = False,
             reach: str | None = None) -> Callable[[FilterFunc], FilterFunc]:
    """Register a filter under ``name``; ``default=False`` leaves it off unless
    enabled; ``local=True`` says it judges every line by its own text alone
    (reach LINE); ``reach`` says how much of the document it needs otherwise."""
    if reach is None:
        reach = LINE if local else NEAR
    if reach not in (LINE, NEAR, START, END, WHOLE):
        raise ValueError(f"unknown reach {reach!r}")

    def decorate(func: FilterFunc) -> FilterFunc:
        if name in FILTERS:
            raise ValueError(f"filter {name!r} registered twice")
        FILTERS[name] = Filter(name, func, default, reach)
        return func

    return decorate


def line_filter(name: str, default: bool = True, pages: bool = True) -> Callable[[LineVerdict], LineVerdict]:
    """Register a per-line filter: a plain ``str -> reason | None`` function,
    with doctests, whose docstring is its help. The pipeline runs every
    per-line filter in one loop over the lines, once: a verdict on a line's
    own text cannot change. ``pages=False`` leaves the lines of an HTML page alone."""

    def decorate(verdict: LineVerdict) -> LineVerdict:
        def each_line(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, object]]:
            for line in lines:
                if line.text and (pages or not from_page(line.origin)):
                    reason = verdict(line.text)
                    if reason:
                        yield line, reason

        each_line.__doc__ = verdict.__doc__
        if name in FILTERS:
            raise ValueError(f"filter {name!r} registered twice")
        FILTERS[name] = Filter(name, each_line, default, LINE, verdict, pages)
        return verdict

    return decorate


class Window(list):
    """The lines a filter is given, and whether they hold the document's start
    and end (a long text is cleaned in windows). A plain list of lines holds both."""

    __slots__ = ("has_start", "has_end")

    def __init__(self, lines: Iterable[Line] = (), has_start: bool = True, has_end: bool = True) -> None:
        super().__init__(lines)
        self.has_start, self.has_end = has_start, has_end


def holds_end(lines: Sequence[Line]) -> bool:
    """Whether ``lines`` reach the document's end (True for a plain list)."""
    return getattr(lines, "has_end", True)
