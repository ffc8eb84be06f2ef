"""Where a line came from, when the input was not plain text: the origins an
HTML page's reader gives its lines, which filters read as evidence.

"html" alone, "html-item" for a list item and "html-heading" for a heading of
the story, or "html FAMILY WHERE" for a line the page's markup marks as junk
(a share bar, a caption ...). Shared by the reader (cleaner.htmlpage) and the
filters, so that neither imports the other.
"""

from __future__ import annotations

HTML_ORIGIN = "html"
HTML_ITEM = "html-item"
HTML_HEADING = "html-heading"
#: Lines the page's markup says belong to the story's structure.
STRUCTURAL_ORIGINS = frozenset({HTML_ITEM, HTML_HEADING})


def evidence_origin(family: str, where: str) -> str:
    """The origin of a line inside an element the markup marks as ``family``."""
    return f"{HTML_ORIGIN} {family} {where}"


def evidence(origin: str | None) -> tuple[str, str] | None:
    """(family, element) from a line's origin, or None for a line without evidence."""
    if not origin or not origin.startswith(HTML_ORIGIN + " "):
        return None
    _, family, where = origin.split(" ", 2)
    return family, where
