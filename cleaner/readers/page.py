"""HTML pages: the article read from the markup, each line with its origin."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..config import Config
from ..document import CleanResult, Line
from ..files import Reading
from ..htmlpage import Page, extracted_text, open_page
from ..pipeline import clean_line_pieces, run_lines
from . import Document, Format


class PageDocument(Document):
    """A page read and measured when made (see :func:`cleaner.htmlpage.open_page`);
    its lines are rendered when asked for. Its clean text is text, never a page."""

    format = Format.PAGE

    def __init__(self, label: str, page: Page, found: bool = False) -> None:
        self.label, self.page, self.found = label, page, found

    @property
    def shown_as(self) -> str:
        # A diff shows the text read from the page, named so that no one takes it for a patch to the page.
        return f"{self.label}.txt"

    def lines(self) -> list[Line]:
        return list(self.page.lines())

    def original(self) -> str:
        return extracted_text(self.lines())

    def explain(self, config: Config) -> CleanResult:
        return run_lines(self.lines(), config)

    def clean_pieces(self, config: Config, counts: Counter[str] | None = None, keep: bool = False) -> Iterable[str]:
        return clean_line_pieces(self.page.lines(), config, counts)


def read_page_document(label: str, data: bytes, reading: Reading, found: bool = False) -> PageDocument:
    """A page's document from its bytes; an InputError for binary data."""
    return PageDocument(label, open_page(data, reading.encoding), found)
