"""The command line: parse, call the library, report. The only module that imports click."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import click

from . import __version__
from .config import Config
from .errors import CleanerError
from .filters import FILTERS
from .pipeline import run
from .textio import decode, split_lines

# Bad input is a usage problem: exit 2, as click does for bad options.
EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """A one-line error on stderr and exit code 2, never a traceback."""

    exit_code = EXIT_BAD_INPUT


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{name}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise BadInput(f"{name}: permission denied") from None
    except OSError as exc:
        raise BadInput(f"{name}: cannot read ({exc.strerror or exc})") from None


def _config(only: Sequence[str], disable: Sequence[str]) -> Config:
    try:
        return Config.select(only=only or None, disable=disable)
    except CleanerError as exc:
        raise BadInput(str(exc)) from None


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then
    rename it into place, so that no reader ever sees half a file."""
    folder = path.parent
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _refuse_overwriting_input(output: Path, names: Sequence[str]) -> None:
    for name in names:
        if name != "-" and output.exists() and Path(name).exists() and output.samefile(name):
            raise BadInput(f"{output}: is also an input file; refusing to overwrite it")


def _write_stdout(text: str) -> None:
    # Bytes, not the locale's encoding: clean text is UTF-8 whatever LANG says.
    stdout = sys.stdout.buffer
    try:
        stdout.write(text.encode("utf-8"))
        stdout.flush()
    except BrokenPipeError:
        # The reader went away (`cleaner clean big.txt | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


_FILTER_OPTION_HELP = "Run only this filter (repeatable)."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Turn raw scraped article text into clean text.

    \b
    Examples:
      cleaner clean article.txt            print the clean text
      cat a.txt | cleaner clean > b.txt    use it in a pipe
      cleaner clean a.txt -o a.clean.txt   write to a file (atomically)
      cleaner clean --disable trailing-junk a.txt
      cleaner filters                      list the filters
    """


@main.command()
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the clean text to this file instead of stdout.",
)
@click.option("--only", "only", multiple=True, metavar="NAME", help=_FILTER_OPTION_HELP)
@click.option(
    "--disable", "disable", multiple=True, metavar="NAME",
    help="Switch this filter off (repeatable).",
)
def clean(files: tuple[str, ...], output: Path | None, only: tuple[str, ...], disable: tuple[str, ...]) -> None:
    """Clean FILEs (or stdin) and print the clean text.

    With no FILE, or when FILE is -, read standard input. Several FILEs are
    cleaned one by one and printed in order, like cat. Every input is read and
    checked before anything is written, so bad input leaves no output behind.

    \b
    Examples:
      cleaner clean article.txt
      cat article.txt | cleaner clean > article.clean.txt
      cleaner clean --only duplicate-captions --only credits article.txt
    """
    config = _config(only, disable)
    names = files or ("-",)
    if output is not None:
        _refuse_overwriting_input(output, names)
    texts = []
    for name in names:
        try:
            text = decode(_read_input(name))
        except CleanerError as exc:
            label = "stdin" if name == "-" else name
            raise BadInput(f"{label}: {exc}") from None
        texts.append(run(split_lines(text), config).text)
    cleaned = "".join(texts)
    if output is None:
        _write_stdout(cleaned)
        return
    try:
        write_atomically(output, cleaned)
    except OSError as exc:
        raise BadInput(f"{output}: cannot write ({exc.strerror or exc})") from None


@main.command("filters")
def list_filters() -> None:
    """List the filters in the order they run, with what each removes."""
    width = max(len(name) for name in FILTERS)
    for name, entry in FILTERS.items():
        click.echo(f"{name:<{width}}  {entry.summary}")

