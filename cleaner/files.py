"""Files: reading input safely, writing output atomically, walking a folder."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

from .errors import InputError
from .textio import Encoding, decode


def describe_os_error(exc: OSError) -> str:
    """A short, stable description of a filesystem error."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, NotADirectoryError):
        return "not a directory"
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    return exc.strerror or str(exc)


#: Inputs above this size are refused rather than read: cleaning holds a
#: document in memory (about four times its size at the peak).
DEFAULT_MAX_BYTES = 256 * 1024 * 1024


class Reading(NamedTuple):
    """How inputs are read: their encoding and the largest size accepted."""

    encoding: Encoding = Encoding()
    max_bytes: int = DEFAULT_MAX_BYTES
    #: "text", "html" or "auto" (HTML by extension or by sniffing the first kilobytes).
    source_format: str = "text"


def read_bytes(source: Path | BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file or stream, refusing more than ``max_bytes``."""
    if isinstance(source, Path):
        with source.open("rb") as handle:
            status = os.fstat(handle.fileno())
            if stat.S_ISREG(status.st_mode):
                if status.st_size > max_bytes:
                    raise InputError(_too_large(status.st_size, max_bytes))
                return handle.read()
            return _read_bounded(handle, max_bytes)
    return _read_bounded(source, max_bytes)


def _read_bounded(stream: BinaryIO, max_bytes: int) -> bytes:
    # A pipe has no size: read in blocks and stop past the limit, never
    # reserving the limit itself.
    blocks, total = [], 0
    while block := stream.read(1 << 20):
        blocks.append(block)
        total += len(block)
        if total > max_bytes:
            raise InputError(_too_large(total, max_bytes, at_least=True))
    return b"".join(blocks)


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    mib = 1024 * 1024
    more = "more than " if at_least else ""
    return f"input is {more}{size / mib:,.0f} MiB, over the {limit / mib:,.0f} MiB limit (raise it with --max-size)"


def read_text(path: Path, reading: Reading = Reading()) -> str:
    """Read and decode one input file; any failure is an InputError naming the path."""
    try:
        data = read_bytes(path, reading.max_bytes)
    except OSError as exc:
        raise InputError(f"{path}: {describe_os_error(exc)}") from None
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    try:
        return decode(data, encoding=reading.encoding)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


@cache
def _umask() -> int:
    # Reading the umask means setting it; do it once per process.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temporary_file(folder: Path) -> tuple[int, Path]:
    # Hidden and short (a long file name plus a suffix could pass the name
    # limit); a walk that skips hidden files never picks it up.
    import tempfile  # not needed when cleaning to stdout

    fd, name = tempfile.mkstemp(dir=folder, prefix=".cleaner-", suffix=".tmp")
    return fd, Path(name)


def write_atomically(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file in the same
    folder, then rename it into place: a crash, a full disk or Ctrl-C never
    leaves half a file behind. A symbolic link is followed (the file it points
    to is rewritten, the link stays); a device or pipe (``/dev/stdout``) is
    written to directly, as there is nothing to replace. A new file gets the
    usual permissions (0666 less the umask); a replaced file keeps its own.
    ``text`` may come in pieces, written as they come."""
    pieces = [text] if isinstance(text, (str, bytes)) else text
    target = Path(os.path.realpath(path))
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with open(target, "wb") as handle:
            for piece in pieces:
                handle.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        return
    fd, temporary = _temporary_file(target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
        mode = existing.st_mode & 0o7777 if existing is not None else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def copy_backup(path: Path, suffix: str) -> Path:
    """Copy ``path`` to ``path + suffix`` (atomically) before it is rewritten in place."""
    import shutil

    backup = path.with_name(path.name + suffix)
    fd, temporary = _temporary_file(path.parent)
    os.close(fd)
    try:
        shutil.copy2(path, temporary)
        os.replace(temporary, backup)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return backup


def _matches(relative: str, patterns: Sequence[str]) -> bool:
    """A pattern matches the relative path or the file or folder name."""
    name = relative.rpartition("/")[2]
    return any(fnmatch.fnmatchcase(relative, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def is_excluded(relative: str, exclude: Sequence[str]) -> bool:
    """True if ``relative`` or any folder on its way matches an exclude pattern."""
    parts = relative.split("/")
    return any(_matches("/".join(parts[: i + 1]), exclude) for i in range(len(parts)))


def walk(
    root: Path,
    include: Sequence[str] = ("*.txt",),
    exclude: Sequence[str] = (),
    follow_symlinks: bool = False,
    on_error: Callable[[Path, OSError], None] | None = None,
) -> Iterator[Path]:
    """Files under ``root`` (relative paths, sorted) that match ``include`` and
    not ``exclude``. Hidden files and folders (a name starting with a dot) are
    skipped; symbolic links are skipped unless ``follow_symlinks``. A folder
    that cannot be listed is passed to ``on_error`` with its path relative to
    ``root``."""

    def report(exc: OSError) -> None:
        if on_error is not None:
            where = Path(exc.filename) if exc.filename else root
            on_error(where.relative_to(root) if where.is_relative_to(root) else where, exc)

    seen_dirs: set[tuple[int, int]] = set()
    for folder, dirnames, filenames in os.walk(root, followlinks=follow_symlinks, onerror=report):
        here = Path(folder)
        if follow_symlinks:
            # A link back up the tree would loop forever.
            stat = here.stat()
            if (stat.st_dev, stat.st_ino) in seen_dirs:
                dirnames.clear()
                continue
            seen_dirs.add((stat.st_dev, stat.st_ino))
        relative_folder = here.relative_to(root)
        kept_dirs = []
        for name in sorted(dirnames):
            relative = (relative_folder / name).as_posix()
            if name.startswith(".") or _matches(relative, exclude):
                continue
            if not follow_symlinks and (here / name).is_symlink():
                continue
            kept_dirs.append(name)
        dirnames[:] = kept_dirs
        for name in sorted(filenames):
            relative = relative_folder / name
            if name.startswith("."):
                continue
            if not follow_symlinks and (here / name).is_symlink():
                continue
            posix = relative.as_posix()
            if _matches(posix, include) and not _matches(posix, exclude):
                yield relative


def default_include(source_format: str, in_place: bool = False) -> tuple[str, ...]:
    """The files `batch`, `diff` and `explain` take from a folder when --include
    is not given. In place, only text: a page is cleaned to text, which must
    not replace the page."""
    if source_format == "text" or in_place:
        return ("*.txt",)
    from .htmlpage import HTML_SUFFIXES

    pages = tuple(f"*{case(suffix)}" for suffix in HTML_SUFFIXES for case in (str.lower, str.upper))
    return pages if source_format == "html" else ("*.txt", *pages)


class InputDocument(NamedTuple):
    """One input of a command that takes FILE|DIR|- arguments.

    ``text`` is the decoded input as it is, with a UTF-8 BOM kept (a diff must
    match the file byte for byte; --fix-unicode is the caller's to apply);
    for an HTML page, ``lines`` holds the lines read from it instead (mojibake
    repaired when asked). ``error`` says why it could not be read. ``found`` is
    True for files found by walking a folder, whose errors are reported while
    the command goes on.
    """

    label: str
    text: str | None = None
    error: str | None = None
    found: bool = False
    lines: list | None = None


def missing_inputs(names: Sequence[str], folders: bool = True) -> Iterator[InputDocument]:
    """The named inputs that cannot be used at all, checked before any output."""
    for name in names:
        if name == "-":
            continue
        path = Path(name)
        if not path.exists():
            yield InputDocument(name, error="no such file")
        elif path.is_dir() and not folders:
            yield InputDocument(name, error="is a directory, not a file")


def read_inputs(
    names: Sequence[str],
    stdin: BinaryIO,
    include: Sequence[str] = ("*.txt",),
    exclude: Sequence[str] = (),
    follow_symlinks: bool = False,
    reading: Reading = Reading(),
) -> Iterator[InputDocument]:
    """Read each FILE, each file under each DIR (walked as batch does), or stdin for "-"."""
    for name in names:
        if name == "-":
            yield _decoded("stdin", stdin, reading, found=False)
            continue
        path = Path(name)
        if path.is_dir():
            errors: list[InputDocument] = []

            def unreadable(relative: Path, exc: OSError, base: Path = path, found=errors) -> None:
                found.append(InputDocument(str(base / relative), error=describe_os_error(exc), found=True))

            for relative in walk(path, include, exclude, follow_symlinks, on_error=unreadable):
                yield _decoded(str(path / relative), path / relative, reading, found=True)
            yield from errors
        else:
            yield _decoded(name, path, reading, found=False)


def _decoded(label: str, source: Path | BinaryIO, reading: Reading, found: bool) -> InputDocument:
    try:
        data = read_bytes(source, reading.max_bytes)
    except OSError as exc:
        return InputDocument(label, error=describe_os_error(exc), found=found)
    except InputError as exc:
        return InputDocument(label, error=str(exc), found=found)
    try:
        if reading.source_format != "text":
            from .htmlpage import is_page, read_page

            if is_page(data, None if label == "stdin" else label, reading.source_format):
                return InputDocument(label, found=found, lines=read_page(data, reading.encoding))
        as_is = reading.encoding._replace(fix_unicode=False)
        return InputDocument(label, text=decode(data, keep_bom=True, encoding=as_is), found=found)
    except InputError as exc:
        return InputDocument(label, error=str(exc), found=found)
