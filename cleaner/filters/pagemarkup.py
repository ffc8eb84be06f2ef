"""Lines that an HTML page's own markup marks as junk.

The HTML reader (:mod:`cleaner.htmlpage`) gives each line the evidence of the
elements around it as its origin: a ``<figcaption>``, or an element whose
class, id, role or aria-label names a share bar, a related-stories list, a
cookie notice, and so on. This filter drops those lines and names the element
in its reason. Lines of plain text carry no such origin, so it never touches
them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from .registry import register

#: What each family of evidence is, in a removal's reason.
FAMILIES = {
    "advertising": "advertising",
    "aside": "aside",
    "author-bio": "author bio",
    "byline": "byline or date",
    "caption": "caption",
    "comments": "comments",
    "cookie": "cookie or consent notice",
    "footer": "footer",
    "form": "form",
    "hidden": "hidden element",
    "links": "list of links",
    "navigation": "navigation",
    "newsletter": "newsletter or subscription call",
    "related": "related or popular stories",
    "share": "share buttons",
    "tools": "page tools",
}


@register("page-markup", local=True)
def page_markup(lines: Sequence[Line], config) -> Iterator[tuple[Line, str]]:
    """HTML input: share bars, link lists, captions, cookie notices ... as the markup marks them.

    An element counts when its class, id, role or aria-label holds a whole
    word such as "share", "related", "newsletter", "cookie" or "breadcrumb",
    when it is a <nav>, <aside>, <figcaption> ..., or a block of links. The
    element at the story's core and the elements around it never count, so
    that a wrapper named "share-enabled" never takes the story with it.
    """
    for line in lines:
        found = line.origin.evidence if line.text and line.origin is not None else None
        if found is not None:
            family, where = found
            yield line, f"{FAMILIES.get(family, family)} in the page's markup ({where})"
