"""Files: reading input safely, writing output atomically, walking a folder."""

from __future__ import annotations

import errno
import fnmatch
import itertools
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .textio import decode

_counter = itertools.count()


def describe_os_error(exc: OSError) -> str:
    """A short, stable description of a filesystem error."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    return exc.strerror or str(exc)


def read_text(path: Path) -> str:
    """Read and decode one input file; any failure is an InputError naming the path."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: {describe_os_error(exc)}") from None
    try:
        return decode(data)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


def _temporary_path(path: Path) -> Path:
    # Hidden, unique per process and call: never collides with a user's file,
    # and a walk that skips hidden files never picks it up.
    return path.with_name(f".{path.name}.{os.getpid()}.{next(_counter)}.tmp")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file in the same
    folder, then rename it into place: a crash, a full disk or Ctrl-C never
    leaves half a file behind. A new file gets the usual permissions (0666 less
    the umask); a replaced file keeps its own."""
    temporary = _temporary_path(path)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        try:
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        except FileNotFoundError:
            pass
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def copy_backup(path: Path, suffix: str) -> Path:
    """Copy ``path`` to ``path + suffix`` (atomically) before it is rewritten in place."""
    backup = path.with_name(path.name + suffix)
    temporary = _temporary_path(backup)
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
) -> Iterator[Path]:
    """Files under ``root`` (relative paths, sorted) that match ``include`` and
    not ``exclude``. Hidden files and folders (a name starting with a dot) are
    skipped; symbolic links are skipped unless ``follow_symlinks``."""
    seen_dirs: set[tuple[int, int]] = set()
    for folder, dirnames, filenames in os.walk(root, followlinks=follow_symlinks):
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


@dataclass(frozen=True)
class InputDocument:
    """One input of a command that takes FILE|DIR|- arguments.

    ``text`` is the decoded input with a UTF-8 BOM kept (a diff must match the
    file byte for byte); ``error`` says why it could not be read instead.
    ``found`` is True for files found by walking a folder, whose errors are
    reported while the command goes on.
    """

    label: str
    text: str | None = None
    error: str | None = None
    found: bool = False


def read_inputs(
    names: Sequence[str],
    stdin: BinaryIO,
    include: Sequence[str] = ("*.txt",),
    exclude: Sequence[str] = (),
    follow_symlinks: bool = False,
) -> Iterator[InputDocument]:
    """Read each FILE, each file under each DIR (walked as batch does), or stdin for "-"."""
    for name in names:
        if name == "-":
            yield _decoded("stdin", lambda: stdin.read(), found=False)
            continue
        path = Path(name)
        if path.is_dir():
            for relative in walk(path, include, exclude, follow_symlinks):
                yield _decoded(str(path / relative), (path / relative).read_bytes, found=True)
        else:
            yield _decoded(name, path.read_bytes, found=False)


def _decoded(label: str, read: Callable[[], bytes], found: bool) -> InputDocument:
    try:
        data = read()
    except OSError as exc:
        return InputDocument(label, error=describe_os_error(exc), found=found)
    try:
        return InputDocument(label, text=decode(data, keep_bom=True), found=found)
    except InputError as exc:
        return InputDocument(label, error=str(exc), found=found)
