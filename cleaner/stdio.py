"""The process's standard streams: closed ones, failing ones, and names that must not drive a terminal.

A command line tool is run with its streams in every state: closed (``>&-``),
full (``> /dev/full``), gone (``| head``). Output must either be written whole
or fail with a clear message and a code that is not 1 (which means "would
change" under ``--check``); messages on stderr must never crash the command
that is reporting, nor print a file name's escape sequences raw.
"""

from __future__ import annotations

import io
import os
import re
import select
import sys
from collections.abc import Iterable

from .files import describe_os_error
from .patterns import lazy_compile

#: Standard streams that were closed when the process started ("stdin", "stdout").
CLOSED: set[str] = set()

# Characters that would move the cursor, change colours or ring a bell on a
# terminal, and lone surrogates (bytes of a file name that are not UTF-8).
_UNPRINTABLE = lazy_compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class StreamError(Exception):
    """A standard stream could not be used (closed, or a full disk behind it).

    Not an OSError: click would take some of those for a broken pipe."""


class ReaderGone(Exception):
    """The program reading stdout went away (``cleaner clean big.txt | head``)."""


def escape_unprintable(text: str) -> str:
    r"""``text`` with control characters and undecodable bytes shown as escapes.

    >>> escape_unprintable("a\x1b[31m.txt")
    'a\\x1b[31m.txt'
    >>> escape_unprintable("caf\udce9.txt")
    'caf\\xe9.txt'
    """
    if text.isprintable() or not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def plural(count: int, noun: str) -> str:
    """"1 file", "2 files"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def say(message: str) -> None:
    """A line for the person on stderr, its control characters escaped (a
    file name may hold any)."""
    stream = sys.stderr
    if stream is not None:
        stream.write(escape_unprintable(message) + "\n")
        stream.flush()


def quote_path(label: str) -> str:
    r"""A file name as git and patch write it: as it is when plain, else in
    double quotes with C escapes (octal for every byte that is not printable
    UTF-8), which ``patch -p1`` and ``git apply`` read back.

    >>> quote_path("site/a.txt")
    'site/a.txt'
    >>> quote_path("a\x1bb.txt")
    '"a\\033b.txt"'
    >>> quote_path("caf\udce9.txt")
    '"caf\\351.txt"'
    """
    if label.isprintable() and '"' not in label and "\\" not in label:
        return label
    out = []
    for char in label:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\t")
        elif char == "\n":
            out.append("\\n")
        elif char.isprintable() and not 0xD800 <= ord(char) <= 0xDFFF:
            out.append(char)
        else:
            out.extend(f"\\{byte:03o}" for byte in _bytes_of(char))
    return '"' + "".join(out) + '"'


def _bytes_of(char: str) -> bytes:
    try:
        return char.encode("utf-8", "surrogateescape")  # a byte os.fsdecode could not decode
    except UnicodeEncodeError:
        return char.encode("utf-8", "surrogatepass")


class _ForgivingStderr(io.TextIOBase):
    """stderr that never raises: a message that cannot be written (``2>&-``,
    ``2>/dev/full``) is lost, and the command still ends with its own exit
    code. Control characters in what is written are escaped, so a file name
    cannot drive the terminal (rich, which draws with escapes on purpose,
    writes to the real stream)."""

    encoding = "utf-8"
    errors = "backslashreplace"

    def __init__(self, stream) -> None:
        self._stream = stream

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        return 2

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("write() argument must be str")
        if self._stream is not None:
            try:
                self._stream.write(escape_unprintable(text))
                self._stream.flush()
            except (OSError, ValueError):
                self._stream = None  # it will not work later either
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._stream = None


def guard_standard_streams() -> None:
    """Make the standard streams safe before any command runs.

    A stream that was closed when the process started gets /dev/null on its
    file descriptor, so that no file this process opens takes its number (a
    closed stdout must never become the output file), and is remembered in
    CLOSED: reading stdin or writing stdout then fails with a clear message.
    stderr becomes a stream that never raises.
    """
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            CLOSED.add(name)
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:  # a lower descriptor was free: not ours to fill
                os.dup2(opened, fd)
                os.close(opened)
    if "stdin" in CLOSED:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 (the process's own)
    if "stdout" in CLOSED:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    real = None if "stderr" in CLOSED else sys.stderr
    if not isinstance(sys.stderr, _ForgivingStderr):
        sys.stderr = _ForgivingStderr(real)


def stdin_bytes():
    """The binary stdin; StreamError if it was closed (``<&-``)."""
    if "stdin" in CLOSED or sys.stdin is None:
        raise StreamError("stdin: closed")
    return sys.stdin.buffer


def write_stdout(text: str | bytes | Iterable[str | bytes]) -> None:
    """Write output to stdout as UTF-8, whole or not at all: any failure
    (closed, full disk, a file size limit) raises StreamError, and ReaderGone
    when the reader went away (``cleaner clean big.txt | head``)."""
    if "stdout" in CLOSED or sys.stdout is None:
        raise StreamError("stdout: closed")
    stdout = sys.stdout.buffer
    try:
        for piece in [text] if isinstance(text, (str, bytes)) else text:
            if isinstance(piece, bytes):
                _write_all(stdout, piece)
                continue
            for start in range(0, len(piece), _ENCODED_SLICE):  # never a second copy of a long piece
                _write_all(stdout, encode_output(piece[start : start + _ENCODED_SLICE]))
        stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise ReaderGone() from None
    except OSError as exc:
        silence_stdout()
        raise StreamError(f"stdout: cannot write ({describe_os_error(exc)})") from None


_ENCODED_SLICE = 1 << 20


def write_output(path, content: str | bytes) -> None:
    """Write ``content`` to ``path``, atomically, or to stdout for "-"
    (OSError for a file that cannot be written)."""
    if str(path) == "-":
        write_stdout(content)
    else:
        from .files import write_atomically

        write_atomically(path, content)


def _write_all(stream, data: bytes) -> None:
    """Write every byte: an unbuffered stdout (PYTHONUNBUFFERED, python -u)
    is a raw file whose write() may take only part of what it is given."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if written is None:  # a non-blocking stream that is full: wait for it
            select.select([], [stream], [])
            continue
        view = view[written:]


def encode_output(text: str) -> bytes:
    """UTF-8, with a file name's undecodable bytes written back as they were."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape")


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of what
    is still buffered neither fails nor changes the exit code."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def raw_stderr():
    """The real stderr, for rich, which draws with escape sequences on purpose (None if closed)."""
    return sys.stderr._stream if isinstance(sys.stderr, _ForgivingStderr) else sys.stderr


def finish_stdout() -> str | None:
    """Flush stdout at the end of a command; why it failed, or None."""
    if sys.stdout is None or "stdout" in CLOSED:
        return None
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        return None
    except OSError as exc:
        silence_stdout()
        return describe_os_error(exc)
    return None
