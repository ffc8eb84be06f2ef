"""Navigation: breadcrumbs, menus, tag lists and pagination."""

from __future__ import annotations

from .predicates import navigation_kind
from .registry import line_filter
from .shapes import quote


def navigation_reason(text: str) -> str | None:
    kind = navigation_kind(text)
    return f"{kind} {quote(text.strip())!r}" if kind else None


@line_filter("navigation")
def navigation(text: str) -> str | None:
    """Breadcrumbs, menus, tag lists and pagination ("Home » Sport » Football", "Tags: a, b", "Next »").

    A menu is three or more short items separated by », >, |, • or /; a tag
    list is a label ("Tags:", "Filed under:", "Themen:") with a short list
    after it; pagination is "Page 1 of 2", "1 2 3 Next", "« Previous". A line
    of prose with a slash or a bar in it has longer parts and stays.

    >>> navigation("Home » Sport » Football")
    "menu or breadcrumb 'Home » Sport » Football'"
    >>> navigation("Either he goes / or I do, she said to the court.") is None
    True
    """
    return navigation_reason(text)
