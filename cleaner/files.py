"""Files: reading input safely, writing output atomically, walking a folder."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from .errors import InputError
from .stopping import committed
from .textio import Encoding, decode

if TYPE_CHECKING:
    from pathlib import Path


class NotFollowed(OSError):
    """A folder on the way to an output is a symbolic link (or no folder), and is not followed."""


def describe_os_error(exc: OSError) -> str:
    """A short, stable description of a filesystem error."""
    if isinstance(exc, NotFollowed):
        return exc.strerror or "a symbolic link, not followed"
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
    if exc.errno == errno.EFBIG:
        return "file too large"
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


def read_bytes(source: str | os.PathLike | BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES,
               found: bool = False) -> bytes:
    """The bytes of a file or stream, refusing more than ``max_bytes``.

    A file ``found`` by walking a folder must be a regular file: it is opened
    without waiting, so that a FIFO put there is refused rather than read
    forever. A file the user named may be a pipe (``<(command)``)."""
    if not isinstance(source, (str, os.PathLike)):
        return b"".join(_read_bounded(source, max_bytes))
    with _opened(source, max_bytes, found) as (handle, regular):
        return handle.read() if regular else b"".join(_read_bounded(handle, max_bytes))


def read_chunks(source: str | os.PathLike | BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES,
                found: bool = False) -> list[bytes]:
    """The bytes of a file or stream as :func:`read_bytes` reads them, in
    chunks of a megabyte: whoever is handed the list can let each chunk go
    once it is used (see :func:`cleaner.textio.decode_pieces`)."""
    if not isinstance(source, (str, os.PathLike)):
        return _read_bounded(source, max_bytes)
    with _opened(source, max_bytes, found) as (handle, _):
        return _read_bounded(handle, max_bytes)


@contextmanager
def _opened(source: str | os.PathLike, max_bytes: int, found: bool) -> Iterator[tuple[BinaryIO, bool]]:
    """The file open for reading, and whether it is a regular file (checked against ``max_bytes``)."""
    flags = os.O_RDONLY | os.O_CLOEXEC | (os.O_NONBLOCK if found else 0)
    fd = os.open(source, flags)
    with open(fd, "rb") as handle:
        status = os.fstat(fd)
        regular = stat.S_ISREG(status.st_mode)
        if regular and status.st_size > max_bytes:
            raise InputError(_too_large(status.st_size, max_bytes))
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(source))
        if found and not regular:
            raise InputError(f"not a regular file ({file_kind(status.st_mode)})")
        yield handle, regular


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not a regular file"


def _read_bounded(stream: BinaryIO, max_bytes: int) -> list[bytes]:
    # A pipe has no size: read in blocks and stop past the limit, never
    # reserving the limit itself. A terminal is read as it answers (read1):
    # read() would wait for a second Ctrl-D after a line's worth of typing.
    read = stream.read1 if _interactive(stream) else stream.read  # type: ignore[attr-defined]
    blocks, total = [], 0
    while block := read(1 << 20):
        blocks.append(block)
        total += len(block)
        if total > max_bytes:
            raise InputError(_too_large(total, max_bytes, at_least=True))
    return blocks


def _interactive(stream: BinaryIO) -> bool:
    try:
        return stream.isatty() and hasattr(stream, "read1")
    except (OSError, ValueError):
        return False


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


#: Temporary files are hidden (a walk that skips hidden files never picks one
#: up) and carry the writing process's id, so that whoever kills a worker can
#: remove what it left: TEMPORARY_PREFIX + pid + "-" + random + ".tmp".
TEMPORARY_PREFIX = ".cleaner-"


def _open_temporary(folder_fd: int) -> tuple[int, str]:
    """A new, empty temporary file in the folder open as ``folder_fd``: (fd, name)."""
    import secrets  # not needed when cleaning to stdout

    while True:
        name = f"{TEMPORARY_PREFIX}{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                         0o600, dir_fd=folder_fd)
        except FileExistsError:
            continue
        return fd, name


def remove_temporary_files(folder: Path, pid: int) -> None:
    """Remove the temporary files a killed process ``pid`` left in ``folder``."""
    prefix = f"{TEMPORARY_PREFIX}{pid}-"
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                    try:
                        os.unlink(entry.path)
                    except FileNotFoundError:
                        pass
    except OSError:
        pass


def _write_all(fd: int, pieces: Iterable[str | bytes]) -> None:
    # A short write (a file size limit, a full disk) is an error, never ignored.
    with os.fdopen(fd, "wb", closefd=False) as handle:
        for piece in pieces:
            if isinstance(piece, bytes):
                handle.write(piece)
                continue
            for start in range(0, len(piece), _ENCODED_SLICE):  # never a second copy of a long piece
                handle.write(piece[start : start + _ENCODED_SLICE].encode("utf-8"))


_ENCODED_SLICE = 1 << 20


def _replace_in_folder(folder_fd: int, name: str, pieces: Iterable[str | bytes], mode: int) -> None:
    """Write ``pieces`` to a temporary file in the folder, then rename it over
    ``name``: readers see the old file or the whole new one, never half of it.
    A symbolic link named ``name`` is replaced, not followed."""
    fd, temporary = _open_temporary(folder_fd)
    try:
        try:
            _write_all(fd, pieces)
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        os.replace(temporary, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
        committed()  # written: a batch worker reports it before it stops
    except BaseException:
        try:
            os.unlink(temporary, dir_fd=folder_fd)
        except OSError:
            pass
        raise


def _mode_for(status: os.stat_result | None) -> int:
    """A replaced file keeps its permissions; a new one gets 0666 less the umask."""
    if status is not None and stat.S_ISREG(status.st_mode):
        return status.st_mode & 0o7777
    return 0o666 & ~_umask()


def write_atomically(path: str | os.PathLike, text: str | bytes | Iterable[str | bytes]) -> None:
    """Write ``text`` as UTF-8 to ``path`` (a file the user named) through a
    temporary file in the same folder, then rename it into place: a crash, a
    full disk or Ctrl-C never leaves half a file behind. A symbolic link is
    followed (the file it points to is rewritten, the link stays); a device or
    pipe (``/dev/stdout``) is written to directly, as there is nothing to
    replace. A new file gets the usual permissions (0666 less the umask); a
    replaced file keeps its own. ``text`` may come in pieces, written as they come."""
    pieces = [text] if isinstance(text, (str, bytes)) else text
    target = os.path.realpath(path)
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
    folder, name = os.path.split(target)
    folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        _replace_in_folder(folder_fd, name, pieces, _mode_for(existing))
    finally:
        os.close(folder_fd)


def write_inside(root: Path, relative: str, text: str | bytes | Iterable[str | bytes]) -> None:
    """Write ``root/relative`` atomically (as :func:`write_atomically`) without
    ever following a symbolic link below ``root``: a link in the way of the
    file is replaced by the file, and a folder on the way that is a link is
    refused (OSError), so nothing is ever written outside ``root``. Missing
    folders are made. ``root`` itself, named by the user, may be a link."""
    pieces = [text] if isinstance(text, (str, bytes)) else text
    *folders, name = relative.split("/")
    folder_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        walked = []
        for part in folders:
            walked.append(part)
            try:
                os.mkdir(part, dir_fd=folder_fd)
            except FileExistsError:
                pass
            try:
                inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC,
                                dir_fd=folder_fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    kind = "a symbolic link" if os.path.islink(root / "/".join(walked)) else "not a folder"
                    raise NotFollowed(exc.errno, f"{'/'.join(walked)} is {kind}; not followed") from None
                raise
            os.close(folder_fd)
            folder_fd = inner
        try:
            existing = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
        except FileNotFoundError:
            existing = None
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", relative)
        _replace_in_folder(folder_fd, name, pieces, _mode_for(existing))
    finally:
        os.close(folder_fd)


def copy_backup(path: Path, suffix: str) -> Path:
    """Copy ``path`` to ``path + suffix`` (atomically) before it is rewritten in place."""
    backup = path.with_name(path.name + suffix)
    with path.open("rb") as source:
        write_atomically(backup, iter(lambda: source.read(1 << 20), b""))
    return backup


def _matches(relative: str, patterns: Sequence[str], used: set[str] | None = None) -> bool:
    """A pattern matches the file or folder name, or, if it holds a "/", the
    relative path; ``*`` and ``?`` stop at "/", ``**`` crosses folders
    (``**/x/*.txt`` is x/a.txt at any depth). A pattern that matches goes in ``used``."""
    name = relative.rpartition("/")[2]
    for pattern in patterns:
        if glob_pattern(pattern).fullmatch(relative if "/" in pattern else name):
            if used is not None:
                used.add(pattern)
            return True
    return False


@cache
def glob_pattern(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression over a relative POSIX path (see :func:`_matches`).

    >>> bool(glob_pattern("**/news/*.txt").fullmatch("2021/news/a.txt"))
    True
    >>> bool(glob_pattern("news/*.txt").fullmatch("news/old/a.txt"))
    False
    """
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and (close := pattern.find("]", i + 2)) != -1:
            inside = pattern[i + 1 : close]
            negate = inside.startswith("!")
            inside = inside[1:] if negate else inside
            out.append(f"[{'^' if negate else ''}{inside.replace(chr(92), chr(92) * 2)}]")
            i = close + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out), re.DOTALL)


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
    on_skip: Callable[[Path, str], None] | None = None,
    used: set[str] | None = None,
) -> Iterator[Path]:
    """Regular files under ``root`` (relative paths, in sorted order, each
    folder's files before its subfolders') that match ``include`` and not
    ``exclude``. Hidden files and folders (a name starting with a dot) are
    skipped; symbolic links are skipped unless ``follow_symlinks``. A folder
    that cannot be listed is passed to ``on_error``; a matching name that is
    no regular file (a FIFO, whose reading would wait forever, a socket, a
    device, a broken link) to ``on_skip`` with what it is. The include and
    exclude patterns that matched something go in ``used``."""
    from pathlib import Path, PurePosixPath  # here: reading one named file never needs them

    seen_folders: set[tuple[int, int]] = set()
    stack: list[tuple[Path, PurePosixPath]] = [(root, PurePosixPath())]
    while stack:
        folder, relative_folder = stack.pop()
        if follow_symlinks:
            # A link back up the tree would loop forever.
            try:
                status = folder.stat()
            except OSError as exc:
                if on_error is not None:
                    on_error(Path(relative_folder), exc)
                continue
            if (status.st_dev, status.st_ino) in seen_folders:
                continue
            seen_folders.add((status.st_dev, status.st_ino))
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            if on_error is not None:
                on_error(Path(relative_folder), exc)
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = relative_folder / entry.name
            posix = relative.as_posix()
            try:
                if entry.is_symlink() and not follow_symlinks:
                    continue
                if entry.is_dir(follow_symlinks=follow_symlinks):
                    if not _matches(posix, exclude, used):
                        subfolders.append((Path(entry.path), relative))
                    continue
                regular = entry.is_file(follow_symlinks=follow_symlinks)
            except OSError:
                regular = False
            if not _matches(posix, include, used) or _matches(posix, exclude, used):
                continue
            if regular:
                yield Path(relative)
            elif on_skip is not None:
                try:
                    kind = file_kind(entry.stat(follow_symlinks=follow_symlinks).st_mode)
                except OSError:
                    kind = "a broken symbolic link"
                on_skip(Path(relative), kind)
        stack.extend(reversed(subfolders))


#: Names of JSON lines datasets (any case): every command reads them record by record.
DATASET_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")


def is_dataset_name(name: str) -> bool:
    """Whether a file's name makes it a JSON lines dataset."""
    return name.lower().endswith(DATASET_SUFFIXES)


def default_include(source_format: str, in_place: bool = False) -> tuple[str, ...]:
    """The files `batch`, `diff` and `explain` take from a folder when --include
    is not given. In place, only text: a page is cleaned to text, which must
    not replace the page."""
    if source_format == "text" or in_place:
        return ("*.txt",)
    from .textio import HTML_SUFFIXES

    pages = tuple(f"*{case(suffix)}" for suffix in HTML_SUFFIXES for case in (str.lower, str.upper))
    return pages if source_format == "html" else ("*.txt", *pages)
