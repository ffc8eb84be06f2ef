"""Bytes to text, and text to normalised lines.

Normalising is the only place where the characters of a line change: it
removes invisible characters and turns every kind of space into a plain one,
so that the filters and the output see the same, stable text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, AnyStr, NamedTuple, cast

from .document import Line
from .errors import InputError
from .patterns import lazy_compile

if TYPE_CHECKING:
    from .origins import Origin

# Spaces that look like a space; they become one, so that lines compare equal.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# Separators that are not newlines in editors; kept inside the line as a space so
# that line numbers match what an editor or `patch` counts.
_ODD_BREAKS = "\u0085\u2028\u2029\x0b\x0c"
# Invisible characters with no meaning in article text. The zero-width joiner
# and non-joiner (U+200D, U+200C) stay: emoji sequences and Persian or Indic
# words need them.
_INVISIBLE = "\u200b\u2060\ufeff\u180e\u00ad"
# Control characters (but tab) carry nothing in article text and could drive a
# terminal that shows a diff: they go too.
_CONTROLS = "".join(
    chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)]
)

_TRANSLATION = str.maketrans(
    {**{c: " " for c in _SPACES + _ODD_BREAKS}, **{c: None for c in _INVISIBLE + _CONTROLS}}
)
_NEWLINE = re.compile(r"\r\n?|\n")


#: How an input may be read: as plain text, as an HTML page, or as either by its name and start.
SOURCE_FORMATS = ("text", "html", "auto")


class Encoding(NamedTuple):
    """How to read input bytes: ``name`` None means UTF-8 (or UTF-16 with a
    BOM); ``errors`` is "strict" (bad bytes are an error) or "replace"."""

    name: str | None = None
    errors: str = "strict"
    fix_unicode: bool = False  # repair mojibake ("cafÃ©" -> "café") with ftfy


def repair_mojibake(text: str) -> str:
    """Text decoded with the wrong encoding, repaired by ftfy (an optional
    extra); quotes, ligatures and widths are left as they are."""
    try:
        import ftfy
    except ImportError:
        raise InputError("--fix-unicode needs ftfy: pip install 'cleaner[fix]'") from None
    config = ftfy.TextFixerConfig(
        uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, fix_line_breaks=False,
    )
    return ftfy.fix_text(text, config)


def decode(data: bytes, keep_bom: bool = False, encoding: Encoding = Encoding()) -> str:
    """Decode input bytes (see :func:`decode_bytes`), repairing mojibake when asked."""
    text = decode_bytes(data, keep_bom, encoding)
    return repair_mojibake(text) if encoding.fix_unicode else text


def decode_bytes(data: bytes, keep_bom: bool = False, encoding: Encoding = Encoding()) -> str:
    """Decode input bytes: UTF-8 (BOM optional), UTF-16 with a BOM, or the
    encoding named in ``encoding``.

    Raises InputError for binary data and for bytes that are not valid in the
    encoding, naming the byte offset so the user can find it. ``keep_bom``
    keeps a UTF-8 BOM as U+FEFF, for a diff that must match the file byte for
    byte.
    """
    if encoding.name is not None and codecs.lookup(encoding.name).name not in ("utf-8", "utf-8-sig"):
        return _decode_as(data, encoding)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_as(data, Encoding("utf-16", encoding.errors))
        if "\x00" in text:
            raise InputError("binary data, not text (a NUL character in UTF-16 text)")
        return text
    nul = data.find(b"\x00")
    if nul != -1:
        if looks_like_utf16(data):
            raise InputError(f"UTF-16 without a byte-order mark, or binary data (NUL byte at offset {nul})")
        raise InputError(f"binary data, not text (NUL byte at offset {nul})")
    bom = 0 if keep_bom or not data.startswith(codecs.BOM_UTF8) else len(codecs.BOM_UTF8)
    try:
        # Not the utf-8-sig codec, whose import costs the start-up; a view, not a copy, of a large input.
        return str(memoryview(data)[bom:], "utf-8", encoding.errors) if bom else data.decode("utf-8", encoding.errors)
    except UnicodeDecodeError as exc:
        offset = exc.start + bom  # an offset in the file, BOM included
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset}; "
            "try --encoding or --errors replace)"
        ) from None


#: Texts longer than this are cleaned in windows cut at paragraph breaks, so
#: that memory stays near the size of the input (a line costs several times
#: its length while the filters run, and a short one a few hundred bytes).
WINDOW_CHARS = 1_000_000
#: ... or this many lines, whichever comes first.
WINDOW_LINES = 20_000


def windows(text: str | Iterable[str], size: int | None = None) -> Iterator[str]:
    """Consecutive pieces of ``text``, each about ``size`` characters (and at
    most WINDOW_LINES lines) and cut just before a blank line (the whole text
    if it is short). ``text`` may come in pieces, which are never all joined:
    the windows are the same as those of the pieces' concatenation."""
    size = size or WINDOW_CHARS
    if isinstance(text, str):
        start = 0
        while start < len(text):
            stop = window_end(text, start, size)
            yield text[start:stop]
            start = stop
        return
    buffer = ""
    for piece in text:
        buffer = buffer + piece if buffer else piece
        while len(buffer) > size or buffer.count("\n") > WINDOW_LINES:
            cut = window_end(buffer, 0, size)
            if cut >= len(buffer):
                break  # a line longer than a window, not yet ended: read on
            yield buffer[:cut]
            buffer = buffer[cut:]
    yield from windows(buffer, size)


def window_end(text: AnyStr, start: int, size: int) -> int:
    """Where a window that begins at ``start`` ends: just after the last line
    ending that precedes a blank line within ``size`` characters and
    WINDOW_LINES lines (or, with no blank line there, after the last line
    ending), so that no line is ever split; the end of ``text`` when that is
    near. Line endings are LF, CRLF or CR."""
    end = start + size
    # The same code reads text and bytes: the line endings are of the text's kind.
    lf, cr = cast("tuple[AnyStr, AnyStr]", ("\n", "\r") if isinstance(text, str) else (b"\n", b"\r"))
    if end >= len(text) and text.count(lf, start) <= WINDOW_LINES:
        return len(text)
    if text.count(lf, start, end) > WINDOW_LINES:
        end = start
        for _ in range(WINDOW_LINES):
            end = text.find(lf, end) + 1
    blank = max(text.rfind(lf + lf, start, end), text.rfind(lf + cr + lf, start, end), text.rfind(cr + cr, start, end))
    if blank != -1:
        return blank + 1
    cut = max(text.rfind(lf, start, end), text.rfind(cr, start, end))
    if cut == -1:
        # One line longer than a window: it cannot be cut, but what follows it can.
        following = [found for found in (text.find(lf, end), text.find(cr, end)) if found != -1]
        if not following:
            return len(text)
        cut = min(following)
    if text[cut : cut + 2] == cr + lf:
        cut += 1  # never between the two characters of a CRLF
    return cut + 1


def decode_pieces(data: bytes | list[bytes], encoding: Encoding = Encoding(),
                  size: int | None = None) -> Iterator[str]:
    """The decoded text of ``data`` in windows (see :func:`windows`): the
    same windows as those of the whole decoded text, but a large UTF-8 input
    never exists as one string (a string of text with one CJK character takes
    four bytes a character). ``data`` may come in chunks (see
    :func:`cleaner.files.read_chunks`): the list is handed over, and each
    chunk let go once it is decoded. Errors as :func:`decode`."""
    size = size or WINDOW_CHARS
    chunks = data if isinstance(data, list) else [data]
    del data
    chunks[:] = _whole_head([chunk for chunk in chunks if chunk])
    utf8 = encoding.name is None or codecs.lookup(encoding.name).name in ("utf-8", "utf-8-sig")
    head = chunks[0] if chunks else b""
    if sum(map(len, chunks)) <= size or not utf8 or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        whole = b"".join(chunks)
        chunks.clear()
        text = decode(whole, encoding=encoding)
        del whole  # the text is all that is needed now
        yield from windows(text, size)
        return
    _check_no_nul(chunks)
    yield from windows(_decoded_lines(chunks, encoding), size)


def _whole_head(chunks: list[bytes]) -> list[bytes]:
    """``chunks`` with a first chunk of at least four bytes, if there are as
    many: a byte-order mark cut between two chunks is still seen."""
    while len(chunks) > 1 and len(chunks[0]) < 4:
        chunks[:2] = [chunks[0] + chunks[1]]
    return chunks


def _check_no_nul(chunks: list[bytes]) -> None:
    """Binary data, as :func:`decode_bytes` tells it, before any decoding."""
    offset = 0
    for chunk in chunks:
        nul = chunk.find(b"\x00")
        if nul != -1:
            head = b"".join(chunks)[:200] if offset < 200 else b""
            if looks_like_utf16(head):
                raise InputError("UTF-16 without a byte-order mark, or binary data "
                                 f"(NUL byte at offset {offset + nul})")
            raise InputError(f"binary data, not text (NUL byte at offset {offset + nul})")
        offset += len(chunk)


def check_decodes(data: bytes | list[bytes], encoding: Encoding = Encoding()) -> None:
    """Raise what :func:`decode_pieces` would raise for ``data``, holding no
    more than a slice of its text at a time (the chunks are left as they are)."""
    chunks = _whole_head([chunk for chunk in (data if isinstance(data, list) else [data]) if chunk])
    utf8 = encoding.name is None or codecs.lookup(encoding.name).name in ("utf-8", "utf-8-sig")
    head = chunks[0] if chunks else b""
    if len(chunks) <= 1 or not utf8 or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decode(b"".join(chunks), encoding=encoding._replace(fix_unicode=False))
        return
    _check_no_nul(chunks)
    decoder = codecs.getincrementaldecoder("utf-8")(encoding.errors)
    offset = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    for index, chunk in enumerate(chunks):
        piece = chunk[offset:] if index == 0 and offset else chunk
        waiting = len(decoder.getstate()[0])  # the bytes of a character begun in the last chunk
        try:
            decoder.decode(piece, final=index == len(chunks) - 1)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {offset - waiting + exc.start}; "
                "try --encoding or --errors replace)"
            ) from None
        offset += len(piece)


_DECODED_CHUNK = 1 << 20


def _slices(chunks: list[bytes]) -> Iterator[bytes]:
    """The chunks' bytes in slices of about a megabyte, each chunk taken from
    the list as it is sliced (a large one is not copied whole)."""
    chunks.reverse()
    while chunks:
        chunk = chunks.pop()
        if len(chunk) <= 2 * _DECODED_CHUNK:
            yield chunk
            continue
        start = 0
        while start < len(chunk):
            stop = chunk.find(b"\n", start + _DECODED_CHUNK) + 1 or len(chunk)
            yield chunk[start:stop]
            start = stop


def _decoded_lines(chunks: list[bytes], encoding: Encoding) -> Iterator[str]:
    """UTF-8 chunks decoded about a megabyte of whole lines at a time (a line
    ending never splits a character, and mojibake is repaired line by line);
    each chunk is taken from the list as it is decoded. A line longer than a
    slice is gathered in pieces and joined once."""
    offset = 0  # of the first byte of ``carried`` in the input
    carried: list[bytes] = []  # pieces of a line begun and not ended yet
    slices = _slices(chunks)
    piece = next(slices, None)
    if piece is not None and piece.startswith(codecs.BOM_UTF8):
        piece, offset = piece[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
    while piece is not None:
        following = next(slices, None)
        cut = piece.rfind(b"\n") + 1 if following is not None else len(piece)
        if not cut and following is not None:
            carried.append(piece)
            piece = following
            continue
        data = b"".join([*carried, piece[:cut]]) if carried else piece[:cut]
        carried = [piece[cut:]] if cut < len(piece) else []
        try:
            text = data.decode("utf-8", encoding.errors)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {offset + exc.start}; "
                "try --encoding or --errors replace)"
            ) from None
        offset += len(data)
        del data  # the text is all that is needed now
        yield repair_mojibake(text) if encoding.fix_unicode else text
        piece = following


def _decode_as(data: bytes, encoding: Encoding) -> str:
    try:
        return data.decode(encoding.name or "utf-8", encoding.errors)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid {encoding.name} (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    except (LookupError, UnicodeError) as exc:
        raise InputError(f"cannot decode as {encoding.name} ({exc})") from None


def check_encoding(name: str) -> str:
    """The encoding's canonical name; InputError for an unknown one, or for a
    codec that is not a text encoding (rot13, base64, zlib ...)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise InputError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True) or info.name in ("punycode", "undefined", "idna"):
        raise InputError(f"{name!r} is not a text encoding")
    return info.name


def encodable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8: no lone surrogates (a JSON
    escape such as "\\ud800", or a file name that is not UTF-8)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def looks_like_utf16(data: bytes) -> bool:
    # ASCII text in UTF-16 has a NUL in every other byte.
    sample = data[:200]
    return len(sample) >= 4 and (sample[1::2].count(0) > 0.8 * len(sample[1::2])
                                 or sample[0::2].count(0) > 0.8 * len(sample[0::2]))


def normalise_line(text: str, entities: bool = True) -> str:
    """One line as the filters and the output see it: spaces unified, invisible
    characters gone, trailing space stripped, HTML entities decoded ("&amp;"
    becomes "&") unless the line is escaped twice ("&amp;amp;" stays as it is,
    so that normalising again changes nothing). ``entities`` False leaves
    entities alone: the HTML parser has decoded a page's already."""
    if text.isascii() and text.isprintable():
        line = text.rstrip()  # nothing to translate: no copy of the line
    else:
        line = text.translate(_TRANSLATION).rstrip()
    if entities and "&" in line:
        from html import unescape as html_unescape  # only for lines that may hold an entity

        decoded = html_unescape(line).translate(_TRANSLATION).rstrip()
        # "&#10;" would put a line break inside the line: such a line stays as written.
        if (decoded != line and "\n" not in decoded and "\r" not in decoded
                and html_unescape(decoded).translate(_TRANSLATION).rstrip() == decoded):
            return decoded
    return line


def split_lines(text: str, origin: Origin | None = None, start: int = 1) -> list[Line]:
    """Normalise ``text`` and split it into numbered lines (blank lines included).
    A BOM goes with the other invisible characters."""
    parts = _NEWLINE.split(text)
    if parts and parts[-1] == "":
        parts.pop()  # the final newline ends the last line; it does not start one
    return [
        Line(number, normalise_line(part), origin)
        for number, part in enumerate(parts, start)
    ]


HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
# Comments before the first tag are read as one span, from the first "<!--" to
# a "-->" that the tag follows: "<!--.*?-->" repeated could split a run of
# comments in exponentially many ways before failing.
_HTML_START = lazy_compile(
    rb"\s*+(?:<\?xml[^>]*+>\s*+)?(?:<!--.*-->\s*)?<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)",
    re.IGNORECASE | re.DOTALL,
)


def named_as_page(name: str) -> bool | None:
    """True for a page's extension (.html, .htm, .xhtml, .shtml, any case),
    False for .txt, None when the name says nothing."""
    lowered = name.lower()
    if lowered.endswith(HTML_SUFFIXES):
        return True
    return False if lowered.endswith(".txt") else None


def looks_like_html(data: bytes | str, name: str | None = None) -> bool:
    """Whether input is an HTML page: by its name's extension, else by its first kilobytes."""
    by_name = named_as_page(name) if name is not None else None
    if by_name is not None:
        return by_name
    head = data[:4096]
    if "<" not in head if isinstance(head, str) else b"<" not in head:
        return False  # no tag at all (UTF-16 holds its "<" as b"<" beside a zero byte)
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    else:
        utf16 = utf16_codec(head)
        if utf16 is not None:
            head = head.decode(utf16, "replace").encode("utf-8", "replace")
    return bool(_HTML_START.match(head.removeprefix(codecs.BOM_UTF8)))


def utf16_codec(data: bytes) -> str | None:
    """The codec of UTF-16 bytes, with or without a BOM; None for other bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if looks_like_utf16(data):
        return "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
    return None


def is_page(data: bytes | str, name: str | None, source_format: str) -> bool:
    """Whether to read an input as an HTML page: ``source_format`` is "text",
    "html", or "auto" (by extension, then by sniffing the first kilobytes)."""
    if source_format not in SOURCE_FORMATS:
        raise ValueError(f"source format must be one of {', '.join(SOURCE_FORMATS)}, not {source_format!r}")
    if source_format == "auto":
        return looks_like_html(data, name)
    return source_format == "html"
