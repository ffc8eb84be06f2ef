"""The filters, one module per family of junk, registered by name.

The pipeline runs them in ``ORDER``; `cleaner filters` lists them the same way.
"""

from . import (  # noqa: F401  (registers)
    boilerplate, bylines, captions, chrome, comments, credits, edges, ending, learned, markup, navigation,
    notices, pagemarkup, promos, teasers,
)
from .registry import FILTERS, Filter, FilterFunc, register

ORDER = (
    "page-markup",
    "site-boilerplate",
    "markup",
    "duplicate-captions",
    "credits",
    "story-end",
    "placeholders",
    "ui-chrome",
    "teasers",
    "promos",
    "navigation",
    "syndication",
    "affiliate",
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
