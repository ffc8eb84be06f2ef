"""The command line: `cleaner clean`, `batch`, `diff`, `explain`, `train`
and `filters`. The only package that imports click; `batch`, `diff`,
`explain` and `train` load only when used (start-up is a feature)."""

from __future__ import annotations

import os
import signal
import sys

import click

from .. import __version__
from ..errors import Terminated
from ..filters import FILTERS
from ..stdio import ReaderGone, StreamError, write_stdout
from .options import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_READER_GONE,
    EXIT_TERMINATED,
    build_config,
    config_file,
    config_options,
    say,
)


class LazyGroup(click.Group):
    """Subcommands whose modules load only when used: `cleaner clean` never
    pays for the options of `batch` and `diff` (start-up is a feature)."""

    lazy = {"batch": "cleaner.cli.batch", "diff": "cleaner.cli.review", "explain": "cleaner.cli.review",
            "train": "cleaner.cli.train", "config": "cleaner.cli.config"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            import importlib

            self.add_command(getattr(importlib.import_module(self.lazy[name]), name))
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Turn raw scraped article text into clean text.

    \b
    Examples:
      cleaner clean article.txt            print the clean text
      cat a.txt | cleaner clean > b.txt    use it in a pipe
      cleaner clean a.txt -o a.clean.txt   write to a file (atomically)
      cleaner clean --disable trailing-junk a.txt
      cleaner clean story.html             the article of an HTML page
      cleaner batch scraped/ -o clean/     clean a whole folder in parallel
      cleaner filters                      list the filters
    """


from . import clean as _clean  # noqa: E402  (the main job: always loaded)

main.add_command(_clean.clean)


@main.command("filters")
@config_options
def list_filters(config_path: str | None, no_config: bool) -> None:
    """List the filters in the order they run, with what each removes.

    A filter that is off is marked, and so is one the settings file in
    effect here (see `cleaner config`) switches on or off. On a terminal, or
    with COLUMNS set, descriptions wrap at its width.
    """
    config = build_config((), (), (), config_path, load_model=False, no_config=no_config)
    found = config_file(config_path, no_config)
    where = os.path.basename(found) if found is not None else ""
    width = max(len(name) for name in FILTERS)
    columns = _columns()
    lines = []
    for name, entry in FILTERS.items():
        on = name in config.filters
        if on == entry.default:
            mark = "" if on else f" [off; --enable {name}]"
        else:
            mark = f" [on in {where}]" if on else f" [off in {where}]"
        text = f"{name:<{width}}  {entry.summary}{mark}"
        if columns is not None and len(text) > columns:
            import textwrap

            text = "\n".join(textwrap.wrap(text, columns, subsequent_indent=" " * (width + 2),
                                           break_long_words=False, break_on_hyphens=False))
        lines.append(text + "\n")
    write_stdout("".join(lines))


def _columns() -> int | None:
    """The width to wrap at: the terminal's, or COLUMNS; None when piped (one line a filter, for grep)."""
    if os.environ.get("COLUMNS", "").isdigit():
        return max(int(os.environ["COLUMNS"]), 40)
    if sys.stdout.isatty():
        import shutil

        return max(shutil.get_terminal_size().columns, 40)
    return None



def run() -> None:
    """The `cleaner` command: :func:`main` with the standard streams made safe
    and the exit code kept meaningful whatever happens (see EXIT_*)."""
    from ..stdio import finish_stdout, guard_standard_streams

    guard_standard_streams()
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = main.main(prog_name="cleaner", standalone_mode=False)
    except SystemExit as exc:
        code = exc.code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        say("cleaner: interrupted")
        code = EXIT_INTERRUPTED
    except Terminated:
        say("cleaner: terminated")
        code = EXIT_TERMINATED
    except ReaderGone:
        code = EXIT_READER_GONE
    except StreamError as exc:
        say(f"Error: {exc}")
        code = EXIT_BAD_INPUT
    except Exception as exc:  # a bug: say so in one line, never exit 1
        if os.environ.get("CLEANER_DEBUG", "0") not in ("", "0"):
            import traceback

            traceback.print_exc()
        say(f"cleaner: internal error: {type(exc).__name__}: {exc} "
                   "(set CLEANER_DEBUG=1 for the traceback)")
        code = EXIT_FAILED
    problem = finish_stdout()
    if problem is not None and not code:
        say(f"Error: stdout: cannot write ({problem})")
        code = EXIT_BAD_INPUT
    sys.exit(code if isinstance(code, int) else 0 if code is None else EXIT_BAD_INPUT)


def _terminate(signum, frame) -> None:
    # SIGTERM unwinds like Ctrl-C: temporary files are removed and batch prints its summary.
    raise Terminated()

