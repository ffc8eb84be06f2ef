"""The registry of filters: name -> documented function, in pipeline order."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..document import Line

if TYPE_CHECKING:
    from ..config import Config

#: A filter reads the document's current lines (blank lines are paragraph
#: breaks) and yields each line it drops with a short human reason.
FilterFunc = Callable[[Sequence[Line], "Config"], Iterator[tuple[Line, str]]]


class Filter(NamedTuple):
    name: str
    func: FilterFunc
    #: Off unless asked for: the gold standard of real pages keeps what these
    #: remove often enough that removing it by default would cost real text.
    default: bool = True
    #: Decides each line on its own text alone, so one pass over the lines is
    #: enough (the pipeline's later passes skip it).
    local: bool = False

    @property
    def doc(self) -> str:
        # inspect.cleandoc would do; importing inspect costs the start-up more.
        first, _, rest = (self.func.__doc__ or "").strip().partition("\n")
        lines = rest.splitlines()
        indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
        return "\n".join([first, *(line[indent:] for line in lines)]).strip()

    @property
    def summary(self) -> str:
        """The first line of the docstring: what `cleaner filters` prints."""
        return self.doc.partition("\n")[0]


FILTERS: dict[str, Filter] = {}


def register(name: str, default: bool = True, local: bool = False) -> Callable[[FilterFunc], FilterFunc]:
    """Register a filter under ``name``; ``default=False`` leaves it off unless
    enabled; ``local=True`` says it judges every line by its own text alone."""

    def decorate(func: FilterFunc) -> FilterFunc:
        if name in FILTERS:
            raise ValueError(f"filter {name!r} registered twice")
        FILTERS[name] = Filter(name, func, default, local)
        return func

    return decorate
