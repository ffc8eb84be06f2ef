"""Where a line came from, when the input was not plain text: the origins an
HTML page's reader gives its lines, which filters read as evidence.

Shared by the reader (cleaner.htmlpage) and the filters, so that neither
imports the other. A line of plain text has no origin (None).
"""

from __future__ import annotations

from .document import _Record

#: The roles a page's line may have.
TEXT, ITEM, HEADING, EVIDENCE = "text", "item", "heading", "evidence"

#: What the page's markup says of a line, in the order of :attr:`Origin.markup`
#: (numbers, for the line model: see cleaner.htmlpage for how each is measured).
MARKUP_FIELDS = (
    "in_core", "before_core", "after_core", "core_distance", "depth",
    "line_link_share", "line_links", "block_link_share", "block_paragraph_share", "block_text_share",
    "in_paragraph", "in_list", "in_table", "in_quote", "heading_level", "in_bold", "in_form",
    "similar_siblings", "twin_siblings", "story_class", "furniture_class", "page_repeats", "in_code",
)
#: Like siblings are counted up to this many.
MAX_LIKE_SIBLINGS = 20


class Origin(_Record):
    """Where a line came from: its ``source`` ("html"), its ``role`` in the
    story's structure (TEXT, ITEM for a list item, HEADING for a heading of
    the story, EVIDENCE for an element the markup marks as junk), and for
    evidence its ``family`` ("share", "caption" ...) and ``element`` (what
    says so: ``<figcaption>``, ``class="share-bar"``); ``markup``, what the
    markup says of the line as numbers named by MARKUP_FIELDS (None if unknown).

    >>> Origin("html", ITEM).structural
    True
    >>> evidence_origin("share", 'class="share"').evidence
    ('share', 'class="share"')
    """

    __slots__ = ("source", "role", "family", "element", "markup")

    def __init__(self, source: str, role: str = TEXT, family: str | None = None, element: str | None = None,
                 markup: tuple[float, ...] | None = None):
        self.source, self.role, self.family, self.element = source, role, family, element
        self.markup = markup

    def measured(self, markup: tuple[float, ...]) -> Origin:
        """The same origin, with what the markup says of its line."""
        return Origin(self.source, self.role, self.family, self.element, markup)

    @property
    def from_page(self) -> bool:
        return self.source == "html"

    @property
    def structural(self) -> bool:
        """Whether the markup says the line belongs to the story's structure (a list item, a heading)."""
        return self.role in (ITEM, HEADING)

    @property
    def evidence(self) -> tuple[str, str] | None:
        """(family, element) for a line the markup marks as junk, else None."""
        return (self.family, self.element) if self.role == EVIDENCE else None  # type: ignore[return-value]

    def __str__(self) -> str:
        if self.role == EVIDENCE:
            return f"{self.source} {self.family} ({self.element})"
        return self.source if self.role == TEXT else f"{self.source} {self.role}"


PAGE_TEXT = Origin("html")
PAGE_ITEM = Origin("html", ITEM)
PAGE_HEADING = Origin("html", HEADING)


def evidence_origin(family: str, element: str) -> Origin:
    """The origin of a line inside an element the markup marks as ``family``."""
    return Origin("html", EVIDENCE, family, element)


def markup_of(origin: Origin | None) -> tuple[float, ...] | None:
    """What the page's markup says of a line (see MARKUP_FIELDS); None for text."""
    return origin.markup if origin is not None else None


def is_structural(origin: Origin | None) -> bool:
    """Whether a line's origin puts it in the story's structure (see :attr:`Origin.structural`)."""
    return origin is not None and origin.structural


def from_page(origin: Origin | None) -> bool:
    """Whether a line was read from a page: what it shows, not leftover markup."""
    return origin is not None and origin.from_page
