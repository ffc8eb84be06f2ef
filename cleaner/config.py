"""What to run: a frozen, picklable description of the pipeline's settings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .errors import ConfigError
from .filters import FILTERS

if TYPE_CHECKING:
    from .boilerplate import SiteBoilerplate


@dataclass(frozen=True)
class Config:
    """Which filters run, in pipeline order, and what they were taught.

    Build it with :meth:`select`. ``boilerplate`` holds the site boilerplate a
    batch run learnt for the files this config cleans (see cleaner.boilerplate).
    """

    filters: tuple[str, ...] = tuple(name for name, entry in FILTERS.items() if entry.default)
    boilerplate: SiteBoilerplate | None = None

    @classmethod
    def select(
        cls, only: Iterable[str] | None = None, disable: Iterable[str] = (), enable: Iterable[str] = ()
    ) -> Config:
        """The default filters plus ``enable``, or just ``only``, minus ``disable``;
        unknown names are an error."""
        only = list(only) if only is not None else None
        disable, enable = list(disable), list(enable)
        unknown = [name for name in (only or []) + disable + enable if name not in FILTERS]
        if unknown:
            names = ", ".join(repr(name) for name in dict.fromkeys(unknown))
            raise ConfigError(
                f"unknown filter {names} (known filters: {', '.join(FILTERS)})"
            )
        chosen = set(only) if only is not None else set(cls().filters) | set(enable)
        chosen.difference_update(disable)
        return cls(filters=tuple(name for name in FILTERS if name in chosen))

    def with_boilerplate(self, boilerplate: SiteBoilerplate | None) -> Config:
        return replace(self, boilerplate=boilerplate)
