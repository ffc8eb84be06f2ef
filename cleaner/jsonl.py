"""JSONL datasets: clean one text field of every record, keep every other byte.

A record is never parsed and written again as a whole: only the cleaned
field's value is replaced in the line (and the stats field added before the
closing brace), so numbers (``1e400``, ``1.10``), key order, spacing,
escapes and repeated keys elsewhere in the record come out exactly as they
went in. Records are read one at a time, each bounded in size, so memory
follows the largest record, not the dataset.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from json.decoder import scanstring
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .budget import OverBudget, time_budget
from .config import Config
from .document import Line
from .errors import InputError
from .files import DEFAULT_MAX_BYTES
from .pipeline import changed_pieces, clean_pieces, run
from .textio import encodable, split_lines, windows


@dataclass
class DatasetSummary:
    """What cleaning a dataset did: records seen, changed and skipped as
    malformed, and the line numbers of records kept as they were because
    cleaning them took longer than the time budget."""

    records: int = 0
    changed: int = 0
    skipped: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    over_budget: list[int] = field(default_factory=list)


def open_dataset(path: Path) -> BinaryIO:
    """A binary stream of the dataset's lines; ``.gz`` files are decompressed as read."""
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")  # type: ignore[return-value]


def read_lines(stream: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES,
               label: str | None = None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for every line of a dataset, lines ending at b"\n".

    A line over ``max_bytes`` is never held whole: it is read past in pieces
    and given as None (a malformed record too large to read). A stream that
    cannot be read (not gzip, a truncated gzip, a read error) is an
    InputError naming ``label``."""
    number = 0
    try:
        while line := stream.readline(max_bytes + 1):
            number += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield number, None
                continue
            yield number, line
    except (OSError, EOFError) as exc:
        from .files import describe_os_error

        detail = describe_os_error(exc) if isinstance(exc, OSError) else "truncated"
        where = f"{label}: " if label else ""
        raise InputError(f"{where}cannot read the dataset ({detail})") from None


def gzip_pieces(pieces: Iterable[str]) -> Iterator[bytes]:
    """The pieces as UTF-8, gzip-compressed as they come (never all in memory)."""
    import zlib

    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
    for piece in pieces:
        if chunk := compressor.compress(piece.encode("utf-8")):
            yield chunk
    yield compressor.flush()


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_SPACE = " \t\n\r"


class Record(NamedTuple):
    """One line of a dataset, with where its text field's value lies in it."""

    line: str  # the line, decoded
    value: str  # the text field's value
    start: int  # where the value's JSON begins in the line
    end: int  # and where it ends
    close: int  # where the object's closing brace is


def parse_record(raw: bytes, text_field: str, stats_field: str | None = None) -> Record:
    """A line holding one JSON object with a string ``text_field`` (once), and
    without ``stats_field``; ValueError says what is wrong."""
    try:
        line = raw.decode("utf-8-sig")  # a BOM opening the file is no part of the record
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte offset {exc.start} in the line)") from None
    try:
        return _scan_object(line, text_field, stats_field)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _scan_object(line: str, text_field: str, stats_field: str | None) -> Record:
    def skip(i: int) -> int:
        while i < len(line) and line[i] in _SPACE:
            i += 1
        return i

    def expect(i: int, what: str) -> None:
        if line[i : i + 1] != what:
            raise json.JSONDecodeError(f"Expecting {what!r}", line, i)

    i = skip(0)
    if line[i : i + 1] != "{":
        _DECODER.raw_decode(line, i)  # names what is wrong with JSON that is not an object
        raise ValueError("not a JSON object")
    i = skip(i + 1)
    found: tuple[str, int, int] | None = None
    if line[i : i + 1] != "}":
        while True:
            expect(i, '"')
            key, i = scanstring(line, i + 1)
            i = skip(i)
            expect(i, ":")
            i = skip(i + 1)
            value, end = _DECODER.raw_decode(line, i)
            if key == text_field:
                if found is not None:
                    raise ValueError(f"field {text_field!r} appears twice")
                if not isinstance(value, str):
                    raise ValueError(f"field {text_field!r} is not a string")
                found = (value, i, end)
            elif key == stats_field:
                raise ValueError(f"already has a field {stats_field!r} (choose another --stats-field)")
            i = skip(end)
            if line[i : i + 1] == ",":
                i = skip(i + 1)
                continue
            expect(i, "}")
            break
    close = i
    if skip(close + 1) != len(line):
        raise json.JSONDecodeError("Extra data", line, skip(close + 1))
    if found is None:
        raise ValueError(f"no field {text_field!r}")
    return Record(line, found[0], found[1], found[2], close)


def json_string(pieces: list[str]) -> str:
    """One JSON string of the pieces' text; a lone surrogate (from an escape
    such as "\\ud800" in the input) stays escaped."""
    parts = []
    for piece in pieces:
        encoded = json.dumps(piece, ensure_ascii=False)
        parts.append(encoded[1:-1] if encodable(encoded) else json.dumps(piece)[1:-1])
    return '"' + "".join(parts) + '"'


def clean_records(
    stream: BinaryIO,
    label: str | None,
    config: Config,
    text_field: str = "text",
    stats_field: str | None = None,
    skip_bad: bool = False,
    summary: DatasetSummary | None = None,
    repair: bool = False,
    source_format: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[str]:
    """Clean ``text_field`` of every JSON record of a dataset stream and yield
    each record as one line, in the same order, every other byte kept (see
    the module's docstring); every line ends with a newline.

    A line that is not a JSON object, whose field is missing, repeated or not
    a string, or that is over ``max_bytes``, is an InputError naming ``label``
    (if given) and the line number; with ``skip_bad`` it is left out and
    counted instead. ``stats_field`` adds a field with the lines removed per
    filter; it must not exist already. ``repair`` fixes mojibake in the field
    first (--fix-unicode). ``source_format`` "html" reads every field as an
    HTML page, "auto" each field that starts like one (see
    :func:`cleaner.htmlpage.is_page`). A record whose cleaning takes longer
    than the configured time budget is kept as it was and counted in
    ``summary.over_budget``.
    """
    summary = summary if summary is not None else DatasetSummary()
    where = f"{label}: " if label else ""
    for number, raw in read_lines(stream, max_bytes, label):
        if raw is not None and not raw.strip():
            continue
        try:
            if raw is None:
                raise ValueError(f"a record of more than {max_bytes / (1 << 20):,.0f} MiB (raise --max-size)")
            record = parse_record(raw, text_field, stats_field)
            del raw  # the record's line is all that is needed now
        except ValueError as exc:
            if skip_bad:
                summary.skipped += 1
                continue
            raise InputError(f"{where}line {number}: {exc}") from None
        original = record.value
        if repair:
            from .textio import repair_mojibake

            original = repair_mojibake(original)
        try:
            with time_budget(config.max_seconds):
                pieces, counts = clean_field_pieces(original, config, origin=f"record {number}",
                                                    source_format=source_format)
        except OverBudget:
            pieces, counts = [original], Counter()
            summary.over_budget.append(number)
        except InputError as exc:  # a page that cannot be read
            if skip_bad:
                summary.skipped += 1
                continue
            raise InputError(f"{where}line {number}: {exc}") from None
        summary.records += 1
        summary.removed.update(counts)
        if changed_pieces(pieces, [record.value]) is not None:
            summary.changed += 1
        line = record.line
        stats = (f", {json.dumps(stats_field, ensure_ascii=False)}: "
                 f"{json.dumps(dict(sorted(counts.items())))}" if stats_field is not None else "")
        yield (line[: record.start] + json_string(pieces) + line[record.end : record.close] + stats
               + line[record.close :].rstrip("\r\n") + "\n")


def clean_field_pieces(text: str, config: Config, origin: str | None = None,
                       source_format: str = "text") -> tuple[list[str], Counter[str]]:
    """A dataset field's clean text, in pieces, and the lines removed per
    filter. A field without a final newline keeps that convention (datasets
    rarely end texts with one). With ``source_format`` "html" (or "auto" and
    a field that looks like a page) the field is an HTML page and its
    article's text comes out. A long field is cleaned in windows, as a long
    file is."""
    counts: Counter[str] = Counter()
    lines, is_page = field_lines(text, origin, source_format) if source_format != "text" else (None, False)
    if is_page:
        result = run(lines, config)  # type: ignore[arg-type]
        counts.update(result.counts_by_filter())
        pieces = [result.text]
    else:
        pieces = list(clean_pieces(windows(text), config, counts))
    if pieces and not text.endswith("\n"):
        pieces[-1] = pieces[-1].removesuffix("\n")
    return pieces, counts


def clean_field(text: str, config: Config, origin: str | None = None,
                source_format: str = "text") -> tuple[str, Counter[str]]:
    """A dataset field's clean text and the lines removed per filter (see :func:`clean_field_pieces`)."""
    pieces, counts = clean_field_pieces(text, config, origin, source_format)
    return "".join(pieces), counts


def field_lines(text: str, origin: str | None = None, source_format: str = "text") -> tuple[list[Line], bool]:
    """A field's lines, and whether the field was read as an HTML page (see :func:`clean_field`)."""
    if source_format != "text":
        from .htmlpage import is_page, page_lines

        if is_page(text, None, source_format):
            return page_lines(text), True
    return split_lines(text, origin=origin), False
