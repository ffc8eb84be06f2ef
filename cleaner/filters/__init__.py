"""The filters, one module per family of junk, registered by name.

Every module of this package is imported, and its filters register
themselves (``@register``, or ``@line_filter`` for a plain function of a
line's text); the pipeline runs them in ``ORDER``, the one place that says
where each goes. `cleaner filters` lists them the same way.
"""

import os
from importlib import import_module

from .registry import FILTERS, Filter, FilterFunc, register

# The package's modules by their files (pkgutil would cost the start-up more), in a fixed order.
for _name in sorted(entry.name[:-3] for entry in os.scandir(__path__[0])
                    if entry.name.endswith(".py") and entry.name != "__init__.py"):
    import_module(f"{__name__}.{_name}")

# The per-line filters (``@line_filter``) run together in one loop, where the
# first of them stands; the order among them says which one a line is
# credited to when several would drop it.
ORDER = (
    "page-markup",
    "site-boilerplate",
    "duplicate-captions",
    "story-end",
    "markup",
    "credits",
    "placeholders",
    "ui-chrome",
    "promos",
    "navigation",
    "syndication",
    "affiliate",
    "teasers",
    "comments",
    "author-notes",
    "bylines",
    "leading-junk",
    "trailing-junk",
    "body-region",
    "line-model",
)

# Re-insert in pipeline order; every registered filter must have a place.
assert set(ORDER) == set(FILTERS), "filters/__init__.py: ORDER and the registry disagree"
for _name in ORDER:
    FILTERS[_name] = FILTERS.pop(_name)

__all__ = ["FILTERS", "ORDER", "Filter", "FilterFunc", "register"]
