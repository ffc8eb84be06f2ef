"""Navigation: breadcrumbs, menus, tag lists and pagination."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from .predicates import navigation_kind
from .registry import register
from .shapes import quote


def navigation_reason(text: str) -> str | None:
    kind = navigation_kind(text)
    return f"{kind} {quote(text.strip())!r}" if kind else None


@register("navigation", local=True)
def navigation(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Breadcrumbs, menus, tag lists and pagination ("Home » Sport » Football", "Tags: a, b", "Next »").

    A menu is three or more short items separated by », >, |, • or /; a tag
    list is a label ("Tags:", "Filed under:", "Themen:") with a short list
    after it; pagination is "Page 1 of 2", "1 2 3 Next", "« Previous". A line
    of prose with a slash or a bar in it has longer parts and stays.
    """
    for line in lines:
        if line.text:
            reason = navigation_reason(line.text)
            if reason:
                yield line, reason
