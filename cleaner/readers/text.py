"""Text files and stdin: bytes decoded a megabyte at a time, cleaned in windows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from ..config import Config
from ..document import CleanResult, Line
from ..files import Reading
from ..pipeline import clean_pieces, explain_pieces
from ..textio import check_decodes, decode, decode_pieces, repair_mojibake, split_lines, windows
from . import Document, Format


class TextDocument(Document):
    """A text given as bytes in chunks, checked to decode when made (an
    InputError names the offset of a bad byte), so that every input of a
    command is checked before anything is written; unless ``check`` is
    False, and the error comes when it is cleaned."""

    format = Format.TEXT

    def __init__(self, label: str, chunks: list[bytes], reading: Reading = Reading(), found: bool = False,
                 check: bool = True) -> None:
        if check:
            check_decodes(chunks, reading.encoding)
        self.label, self.found, self.chunks, self.encoding = label, found, chunks, reading.encoding

    def original(self) -> str:
        # As it is, with a UTF-8 BOM kept: a diff must match the file byte for
        # byte. --fix-unicode repairs what is cleaned, not what it is compared with.
        return decode(b"".join(self.chunks), keep_bom=True, encoding=self.encoding._replace(fix_unicode=False))

    def explain(self, config: Config) -> CleanResult:
        raw = self.original()
        return explain_pieces(windows(repair_mojibake(raw) if self.encoding.fix_unicode else raw), config)

    def clean_pieces(self, config: Config, counts: Counter[str] | None = None, keep: bool = False) -> Iterator[str]:
        """The clean text; the chunks are handed over and let go as they are
        decoded unless ``keep`` (to clean it again, as it was, when over the time budget)."""
        chunks = list(self.chunks) if keep else self.chunks
        return clean_pieces(decode_pieces(chunks, self.encoding), config, counts)

    def lines(self) -> Iterable[Line]:
        return split_lines(decode(b"".join(self.chunks), encoding=self.encoding))
