"""Regular expressions compiled when first used, for every module that keeps patterns."""

from __future__ import annotations

import re


class LazyPattern:
    """A regular expression compiled when it is first used.

    Compiling every pattern of every filter costs more than cleaning a short
    article; most lines never reach most patterns, so start-up compiles none.
    """

    def __init__(self, source: str | bytes, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        # Called only for names not yet on the instance: compile once, then
        # keep the compiled pattern's method here so later calls go straight to it.
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        attribute = getattr(self._compiled, name)
        setattr(self, name, attribute)
        return attribute


lazy_compile = LazyPattern
