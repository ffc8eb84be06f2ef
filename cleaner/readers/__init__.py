"""Inputs, read one way for every command: read -> clean -> view.

:func:`input_format` is the one place that decides what an input is (a text,
an HTML page, a JSON lines dataset), by its name and its first bytes, the same
way for `clean`, `diff`, `explain`, `batch`, the datatrove step and a
dataset's fields. :func:`read` turns the inputs a command names (files,
folders, stdin) into :class:`Document` objects, one per text, page or record,
which every command cleans and every view shows alike.

A new input format is one module here: a reader that yields Documents, and a
case in :func:`input_format`.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO

from ..errors import InputError
from ..files import Reading, describe_os_error, is_dataset_name, read_chunks, walk

if TYPE_CHECKING:
    from collections import Counter

    from ..config import Config
    from ..document import CleanResult, Line


class Format(enum.Enum):
    """What an input is read as."""

    TEXT = "text"
    PAGE = "HTML page"
    DATASET = "JSON lines dataset"


def input_format(name: str | None, head: bytes | str, source_format: str = "text",
                 dataset: bool = False) -> Format:
    """What to read an input as: a dataset when asked (``--jsonl``) or named
    as one (.jsonl, .ndjson, gzipped or not); a page with ``source_format``
    "html", or "auto" and a page's extension or, for a name that says
    nothing, a page's first kilobytes; else text. ``name`` is None for stdin
    and a dataset's fields, which are told by their start alone."""
    if dataset or (name is not None and is_dataset_name(name)):
        return Format.DATASET
    if source_format != "text":
        from ..textio import is_page

        if is_page(head, name, source_format):
            return Format.PAGE
    return Format.TEXT


def hint(name: str | None, head: bytes, source_format: str) -> str | None:
    """A word for a user whose input was read as text but looks like
    something else (said for inputs they named, never decided on)."""
    if source_format != "text" and name is not None and input_format(None, head, source_format) is Format.PAGE:
        return "looks like an HTML page; to read its article, add --from html"
    if _looks_like_json_lines(head):
        # Cleaned as text, a dataset could lose a record that repeats another.
        return "looks like JSON lines; to clean one field of each record, add --jsonl"
    return None


def _looks_like_json_lines(head: bytes) -> bool:
    """Whether the first line of an input is a JSON object holding a string:
    a record of a dataset, not a line of an article."""
    first = head.split(b"\n", 1)[0].strip()
    if not (first.startswith(b"{") and first.endswith(b"}")):
        return False
    import json

    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and any(isinstance(value, str) for value in record.values())


class Document:
    """One text to clean: a text file, the article of an HTML page, or one
    record's field of a dataset.

    ``label`` names it in messages and views; ``found`` is True for a file
    found by walking a folder (its problems are reported while the command
    goes on); ``note`` is a word for the user about how it was read.
    Subclasses say how its lines are read and how its clean text is written."""

    format = Format.TEXT
    label: str
    found: bool = False
    note: str | None = None

    @property
    def shown_as(self) -> str:
        """The name a diff gives it."""
        return self.label

    def original(self) -> str:
        """The text a diff compares the clean text with."""
        raise NotImplementedError

    def explain(self, config: Config) -> CleanResult:
        """The whole result of cleaning it: kept lines and the ledger."""
        raise NotImplementedError

    def clean_pieces(self, config: Config, counts: Counter[str] | None = None, keep: bool = False) -> Iterable[str]:
        """Its clean text in pieces, as `clean` and `batch` write it, with
        the lines removed per filter added to ``counts``. What it was read
        from may be let go as it is cleaned, unless ``keep``."""
        raise NotImplementedError

    def lines(self) -> Iterable[Line]:
        """Its lines before cleaning, numbered from 1, each with its origin."""
        raise NotImplementedError


class Problem:
    """An input that could not be read (``error``) or that was passed over
    (``note``: a FIFO found in a folder)."""

    __slots__ = ("label", "error", "note", "found")

    def __init__(self, label: str, error: str | None = None, note: str | None = None, found: bool = False):
        self.label, self.error, self.note, self.found = label, error, note, found


def missing(names: Sequence[str], folders: bool = True) -> Iterator[Problem]:
    """The named inputs that cannot be used at all, checked before any output."""
    for name in names:
        if name == "-":
            continue
        if not os.path.exists(name):
            yield Problem(name, "no such file")
        elif os.path.isdir(name) and not folders:
            yield Problem(name, "is a directory, not a file")


def open_document(label: str, data: list[bytes], reading: Reading, name: str | None = None,
                  found: bool = False, check: bool = True) -> Document:
    """The document of one input file's bytes (in chunks of a megabyte, each
    let go once used): a page or a text, as :func:`input_format` decides; an
    InputError if it cannot be read (binary data, an encoding it is not in),
    for a text only when cleaned if not ``check``."""
    head = data[0] if data else b""
    if input_format(name, head, reading.source_format) is Format.PAGE:
        from .page import read_page_document

        page = b"".join(data)
        data.clear()
        return read_page_document(label, page, reading, found)
    from .text import TextDocument

    document = TextDocument(label, data, reading, found, check)
    if not found:
        document.note = hint(name, head, reading.source_format)
    return document


def read_file(name: str, stdin: BinaryIO | None, reading: Reading, found: bool = False) -> Document:
    """One named file (or stdin for "-") read whole: OSError or InputError if it cannot be."""
    label = "stdin" if name == "-" else name
    if name == "-":
        if stdin is None:
            raise InputError("stdin: not available")
        data = read_chunks(stdin, reading.max_bytes)
    else:
        data = read_chunks(name, reading.max_bytes, found)
    return open_document(label, data, reading, None if name == "-" else name, found)


def read(names: Sequence[str], stdin: BinaryIO | None, reading: Reading, include: Sequence[str] = ("*.txt",),
         exclude: Sequence[str] = (), dataset: bool = False, text_field: str = "text",
         follow_symlinks: bool = False, used: set[str] | None = None) -> Iterator[Document | Problem]:
    """Every document of the inputs, in order: each FILE, each file under
    each DIR (walked as `batch` walks it), stdin for "-", and, for datasets,
    each record. What cannot be read comes as a :class:`Problem` in its place
    (files found in folders) or after the folder's files. The include and
    exclude patterns that matched something go in ``used``."""
    for name in names:
        if dataset or (name != "-" and input_format(name, b"") is Format.DATASET):
            from .records import dataset_documents

            yield from dataset_documents(name, stdin, reading, text_field)
            continue
        if name != "-" and os.path.isdir(name):
            from pathlib import Path  # here: reading named files never needs it

            path = Path(name)
            problems: list[Problem] = []

            def unreadable(relative: Path, exc: OSError, base: Path = path, found=problems) -> None:
                found.append(Problem(str(base / relative), describe_os_error(exc), found=True))

            def skipped(relative: Path, kind: str, base: Path = path, found=problems) -> None:
                found.append(Problem(str(base / relative), note=f"{kind}, not a regular file", found=True))

            for relative in walk(path, include, exclude, follow_symlinks, on_error=unreadable, on_skip=skipped,
                                 used=used):
                found = str(path / relative)
                if input_format(found, b"") is Format.DATASET:  # as batch reads it: record by record
                    yield from _found_dataset(found, reading, text_field)
                else:
                    yield _attempt(found, None, reading, found=True)
            yield from problems
        else:
            yield _attempt(name, stdin, reading, found=False)


def _found_dataset(name: str, reading: Reading, text_field: str) -> Iterator[Document | Problem]:
    """The records of a dataset found in a folder; one that cannot be read is reported, and the walk goes on."""
    from .records import dataset_documents

    try:
        yield from dataset_documents(name, None, reading, text_field)
    except InputError as exc:
        yield Problem(name, str(exc).removeprefix(f"{name}: "), found=True)


def _attempt(name: str, stdin: BinaryIO | None, reading: Reading, found: bool) -> Document | Problem:
    label = "stdin" if name == "-" else name
    try:
        return read_file(name, stdin, reading, found)
    except OSError as exc:
        return Problem(label, describe_os_error(exc), found=found)
    except InputError as exc:
        return Problem(label, str(exc), found=found)
