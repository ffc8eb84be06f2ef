"""The registry of filters: name -> documented function, in pipeline order."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import Line

if TYPE_CHECKING:
    from ..config import Config

#: A filter reads the document's current lines (blank lines are paragraph
#: breaks) and yields each line it drops with a short human reason.
FilterFunc = Callable[[Sequence[Line], "Config"], Iterator[tuple[Line, str]]]


@dataclass(frozen=True)
class Filter:
    name: str
    func: FilterFunc

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def summary(self) -> str:
        """The first line of the docstring: what `cleaner filters` prints."""
        return self.doc.partition("\n")[0]


FILTERS: dict[str, Filter] = {}


def register(name: str) -> Callable[[FilterFunc], FilterFunc]:
    """Register a filter under ``name``; the pipeline runs them in this order."""

    def decorate(func: FilterFunc) -> FilterFunc:
        if name in FILTERS:
            raise ValueError(f"filter {name!r} registered twice")
        FILTERS[name] = Filter(name, func)
        return func

    return decorate
