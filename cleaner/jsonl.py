"""JSONL datasets, read and written back byte for byte: one text field of every record.

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
import os
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO, NamedTuple

from .errors import InputError
from .files import DEFAULT_MAX_BYTES
from .textio import encodable


def open_dataset(path: str | os.PathLike) -> BinaryIO:
    """A binary stream of the dataset's lines; ``.gz`` files are decompressed as read."""
    gzipped = os.fspath(path).lower().endswith(".gz")
    return gzip.open(path, "rb") if gzipped else open(path, "rb")  # type: ignore[return-value]


def ungzipped(stream: BinaryIO) -> BinaryIO:
    """A stream of a dataset's lines from one that may be gzipped (stdin has no name to tell by)."""
    if not hasattr(stream, "peek"):
        import io

        stream = io.BufferedReader(stream)  # type: ignore[arg-type,type-var]
    head = stream.peek(2)[:2]  # type: ignore[attr-defined]
    return gzip.GzipFile(fileobj=stream, mode="rb") if head == b"\x1f\x8b" else stream  # type: ignore[return-value]


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


def gzip_pieces(pieces: Iterable[str | bytes]) -> Iterator[bytes]:
    """The pieces as UTF-8, gzip-compressed as they come (never all in memory)."""
    import zlib

    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
    for piece in pieces:
        if chunk := compressor.compress(piece if isinstance(piece, bytes) else piece.encode("utf-8")):
            yield chunk
    yield compressor.flush()


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_SPACE = b" \t\n\r"
_QUOTE, _BACKSLASH = ord('"'), ord("\\")
# Where a JSON value's structure goes on: a string, or a bracket.
_STRUCTURE = re.compile(rb'["{}\[\]]')
_VALUE_END = re.compile(rb"[,}\]\s]")
# The text field's value is decoded this many bytes at a time.
_STRING_CHUNK = 1 << 20


class Record(NamedTuple):
    """One line of a dataset (bytes, never decoded whole: a record of text
    with one emoji would take four bytes a character), with where its text
    field's JSON string lies in it."""

    line: bytes
    start: int  # where the text field's string begins (its opening quote)
    end: int  # just after its closing quote
    close: int  # where the object's closing brace is

    def value(self) -> Iterator[str]:
        """The text field's value, decoded a megabyte at a time."""
        return _string_pieces(self.line, self.start, self.end)


class _BadJSON(ValueError):
    def __init__(self, message: str, at: int) -> None:
        super().__init__(f"not valid JSON ({message} at column {at + 1})")


def parse_record(raw: bytes, text_field: str, stats_field: str | None = None,
                 output_field: str | None = None) -> Record:
    """A line holding one JSON object with a string ``text_field`` (once), and
    without ``stats_field``; ValueError says what is wrong. The object's
    structure is read from the bytes (JSON's structural characters are ASCII,
    never part of a UTF-8 sequence); every other value is checked by the json
    module, the text field's string as it is decoded."""
    line = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw  # a BOM opening the file is no part of it
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte offset {exc.start} in the line)") from None
    try:
        return _scan_object(line, text_field, stats_field, output_field)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _skip(line: bytes, i: int) -> int:
    while i < len(line) and line[i] in _SPACE:
        i += 1
    return i


def _string_end(line: bytes, i: int) -> int:
    """Just after the JSON string whose opening quote is at ``i``."""
    j = i + 1
    while (quote := line.find(b'"', j)) != -1:
        before = quote - 1
        while before > i and line[before] == _BACKSLASH:
            before -= 1
        if (quote - 1 - before) % 2 == 0:  # not escaped
            return quote + 1
        j = quote + 1
    raise _BadJSON("Unterminated string", i)


def _value_end(line: bytes, i: int) -> int:
    """Just after the JSON value that begins at ``i`` (its structure only)."""
    if i >= len(line):
        raise _BadJSON("Expecting value", i)
    first = line[i]
    if first == _QUOTE:
        return _string_end(line, i)
    if first not in b"{[":
        found = _VALUE_END.search(line, i)
        return found.start() if found else len(line)
    depth, j = 0, i
    while (found := _STRUCTURE.search(line, j)) is not None:
        j = found.start()
        if line[j] == _QUOTE:
            j = _string_end(line, j)
            continue
        depth += 1 if line[j] in b"{[" else -1
        j += 1
        if depth == 0:
            return j
    raise _BadJSON("Expecting ',' delimiter", len(line))


def _checked(line: bytes, start: int, end: int):
    """The JSON value line[start:end], parsed (so that it is valid JSON)."""
    text = line[start:end].decode("utf-8")
    try:
        value, stop = _DECODER.raw_decode(text)
    except json.JSONDecodeError as exc:
        raise _BadJSON(exc.msg, start + len(text[: exc.pos].encode("utf-8"))) from None
    if stop != len(text):
        raise _BadJSON("Extra data", start + len(text[:stop].encode("utf-8")))
    return value


def _scan_object(line: bytes, text_field: str, stats_field: str | None, output_field: str | None = None) -> Record:
    i = _skip(line, 0)
    if line[i : i + 1] != b"{":
        _checked(line, i, _value_end(line, i))  # names what is wrong with JSON that is not an object
        raise ValueError("not a JSON object")
    i = _skip(line, i + 1)
    found: tuple[int, int] | None = None
    if line[i : i + 1] != b"}":
        while True:
            if line[i : i + 1] != b'"':
                raise _BadJSON("Expecting property name enclosed in double quotes", i)
            key_end = _string_end(line, i)
            key = _checked(line, i, key_end)
            i = _skip(line, key_end)
            if line[i : i + 1] != b":":
                raise _BadJSON("Expecting ':' delimiter", i)
            i = _skip(line, i + 1)
            end = _value_end(line, i)
            if key == text_field:
                if found is not None:
                    raise ValueError(f"field {text_field!r} appears twice")
                if line[i] != _QUOTE:
                    _checked(line, i, end)
                    raise ValueError(f"field {text_field!r} is not a string")
                found = (i, end)
            else:
                if key == stats_field:
                    raise ValueError(f"already has a field {stats_field!r} (choose another --stats-field)")
                if key == output_field:
                    raise ValueError(f"already has a field {output_field!r} (choose another --output-field)")
                _checked(line, i, end)
            i = _skip(line, end)
            if line[i : i + 1] == b",":
                i = _skip(line, i + 1)
                continue
            if line[i : i + 1] != b"}":
                raise _BadJSON("Expecting ',' delimiter", i)
            break
    close = i
    if _skip(line, close + 1) != len(line):
        raise _BadJSON("Extra data", _skip(line, close + 1))
    if found is None:
        raise ValueError(f"no field {text_field!r}")
    return Record(line, found[0], found[1], close)


def _string_pieces(line: bytes, start: int, end: int) -> Iterator[str]:
    """The JSON string line[start:end] (quotes included), decoded about a
    megabyte at a time, each piece cut after an escaped newline where there
    is one (so that pieces are whole lines), never inside an escape or a
    character."""
    i, stop = start + 1, end - 1
    while i < stop:
        cut = min(stop, i + _STRING_CHUNK)
        if cut < stop:
            newline = line.rfind(b"\\n", i, cut)
            while newline > i and _escaped(line, i, newline):
                newline = line.rfind(b"\\n", i, newline)
            if newline > i:
                cut = newline + 2
            else:
                back = cut
                while back > i and _splits(line, i, back):
                    back -= 1
                if back > i:
                    cut = back
                else:  # no place to cut before it: the first one after
                    while cut < stop and _splits(line, i, cut):
                        cut += 1
        try:
            yield _DECODER.decode(b'"'.join((b"", line[i:cut], b"")).decode("utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(f"not valid JSON (a bad string near column {i + 1}: {exc})") from None
        i = cut


def _splits(line: bytes, start: int, cut: int) -> bool:
    """Whether cutting at ``cut`` would split a character or an escape."""
    return line[cut] & 0xC0 == 0x80 or _in_escape(line, start, cut)


def _escaped(line: bytes, start: int, at: int) -> bool:
    """Whether the backslash at ``at`` is itself escaped (an odd run of backslashes before it)."""
    before = at - 1
    while before >= start and line[before] == _BACKSLASH:
        before -= 1
    return (at - 1 - before) % 2 == 1


def _in_escape(line: bytes, start: int, cut: int) -> bool:
    """Whether cutting at ``cut`` would split an escape ("\\u00e9", a
    surrogate pair "\\ud83d\\ude00", "\\n")."""
    back = line.rfind(b"\\", max(start, cut - 12), cut)
    while back != -1 and _escaped(line, start, back):
        back = line.rfind(b"\\", max(start, cut - 12), back)
    if back == -1:
        return False
    length = 6 if line[back + 1 : back + 2] == b"u" else 2
    pair = line[back + 2 : back + 4].lower() in (b"d8", b"d9", b"da", b"db") and line[back + 6 : back + 8] == b"\\u"
    return cut < back + (12 if pair else length)


def json_pieces(pieces: Iterable[str]) -> Iterator[bytes]:
    """The pieces' text as the inside of one JSON string, UTF-8; a lone
    surrogate (from an escape such as "\\ud800" in the input) stays escaped."""
    for piece in pieces:
        encoded = json.dumps(piece, ensure_ascii=False)[1:-1]
        yield encoded.encode("utf-8") if encodable(encoded) else json.dumps(piece)[1:-1].encode("ascii")


def same_text(first: Iterable[str], second: Iterable[str]) -> bool:
    """Whether two texts given in pieces (cut anywhere) are the same."""
    left, right = iter(first), iter(second)
    a: str | None = ""
    b: str | None = ""
    while True:
        while a == "":
            a = next(left, None)
        while b == "":
            b = next(right, None)
        if a is None or b is None:
            return a is None and b is None
        size = min(len(a), len(b))
        if a[:size] != b[:size]:
            return False
        a, b = a[size:], b[size:]
