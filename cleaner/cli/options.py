"""The options every command shares, how they become settings, and the
conventions of the command line: exit codes, one-line errors, usage errors
for options that do nothing. Only cleaner.cli imports click."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from .. import stdio
from ..config import STRICTNESS, Config
from ..errors import CleanerError
from ..files import DEFAULT_MAX_BYTES, Reading
from ..stdio import escape_unprintable
from ..textio import SOURCE_FORMATS, Encoding, check_encoding

if TYPE_CHECKING:
    from pathlib import Path

MIB = 1024 * 1024

# Exit codes, as black has them, plus the shell's for signals: 0 fine, 1 some
# input would change (--check; so nothing else may ever exit 1), 2 bad input or
# usage, 123 some inputs failed (or cleaner itself did), 130 interrupted
# (Ctrl-C), 141 the reader of stdout went away, 143 terminated (SIGTERM).
EXIT_BAD_INPUT = 2
EXIT_FAILED = 123
EXIT_INTERRUPTED = 130
EXIT_READER_GONE = 141
EXIT_TERMINATED = 143


class BadInput(click.ClickException):
    """A one-line error on stderr and exit code 2, never a traceback."""

    exit_code = EXIT_BAD_INPUT

    def format_message(self) -> str:
        return escape_unprintable(super().format_message())


def say(message: str) -> None:
    """A line on stderr, a file name's control characters escaped (see :func:`cleaner.stdio.say`)."""
    stdio.say(message)


def config_file(config_path: str | None, no_config: bool = False, name: str = "-") -> str | None:
    """The settings file in effect for an input: the one named with
    --config; none with --no-config; else the nearest cleaner.toml, or
    pyproject.toml with [tool.cleaner], from the input's folder upward (the
    current folder's for stdin), as black and ruff find theirs."""
    if no_config:
        if config_path is not None:
            raise BadInput("--no-config has no effect with --config, which names the file")
        return None
    if config_path is not None:
        if not config_path:
            raise BadInput("--config needs a file name")
        if not os.path.exists(config_path):
            raise BadInput(f"{config_path}: no such file")
        if os.path.isdir(config_path):
            raise BadInput(f"{config_path}: is a directory, not a settings file")
        return config_path  # any file that reads as TOML: /dev/null is no settings at all
    from ..config import find_config_file

    start = os.getcwd() if name == "-" else name
    try:
        folder = start if os.path.isdir(start) else os.path.dirname(start) or "."
        return find_config_file(os.path.realpath(folder))
    except OSError:
        return None  # an input that cannot be reached is reported when it is read


def build_config(only: Sequence[str], disable: Sequence[str], enable: Sequence[str] = (),
            config_path: str | None = None, max_seconds: float | None = None, model: str | None = None,
            strictness: str | None = None, threshold: float | None = None, load_model: bool = True,
            no_config: bool = False, name: str = "-") -> Config:
    """The settings file in effect for input ``name`` (see :func:`config_file`),
    then the command line on top."""
    from ..config import check_max_seconds, check_strictness, check_threshold

    try:
        path = config_file(config_path, no_config, name)
        base = _loaded(path) if path else Config()
        config = base.override(only=only or None, disable=disable, enable=enable)
        if max_seconds is not None:
            config = config._replace(max_seconds=check_max_seconds(max_seconds))
        if model is not None:
            config = config._replace(model=model)
        if strictness is not None:
            config = config._replace(strictness=check_strictness(strictness))
        if threshold is not None:
            config = config._replace(threshold=check_threshold(threshold))
        given = [name for name, value in (("--model", model), ("--strictness", strictness),
                                          ("--threshold", threshold)) if value is not None]
        if given and "line-model" not in config.filters:
            raise BadInput(f"{given[0]} has no effect: the line-model filter is off")
        if strictness is not None and threshold is not None:
            raise BadInput("--strictness has no effect with --threshold, which sets the threshold itself")
        if load_model and config.model is not None and "line-model" in config.filters:
            from ..scoring.model import load_model as load

            load(config.model)  # a missing or broken model stops here, before any output
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    if not config.filters:
        raise BadInput("--only and --disable leave no filter to run")
    return config


def input_options(function):
    """--from, --encoding, --errors, --fix-unicode and --max-size, shared by every command that reads input."""
    function = click.option(
        "--from", "source_format", type=click.Choice(SOURCE_FORMATS), default="auto",
        show_default=True,
        help="Input is plain text or an HTML page; auto: a page for .html/.htm/.xhtml/.shtml "
             "files, text for .txt, else a page when it starts like one.",
    )(function)
    function = click.option(
        "--max-size", "max_size", type=click.IntRange(min=1, max=1 << 20), default=DEFAULT_MAX_BYTES // MIB,
        show_default=True, metavar="MIB", help="Refuse inputs larger than this many MiB.",
    )(function)
    function = click.option(
        "--errors", "errors", type=click.Choice(["strict", "replace"]), default="strict",
        show_default=True, help="Bytes invalid in the encoding: an error, or replaced by U+FFFD.",
    )(function)
    function = click.option(
        "--fix-unicode", "fix_unicode", is_flag=True,
        help="Repair mojibake (\"cafÃ©\" -> \"café\") with ftfy: pip install 'cleaner[fix]'.",
    )(function)
    return click.option(
        "--encoding", "encoding", metavar="NAME",
        help="Read input in this encoding (default: UTF-8, or UTF-16 with a BOM).",
    )(function)


def walk_options(function):
    """--include and --exclude, shared by the commands that walk folders (batch, diff, explain)."""
    function = click.option("--exclude", multiple=True, metavar="GLOB",
                            help="In folders, skip files and folders matching this pattern (repeatable).")(function)
    return click.option("--include", multiple=True, metavar="GLOB",
                        help="In folders, take files matching this pattern (repeatable; default: *.txt and, "
                             "unless --from text, *.html, *.htm, *.xhtml and *.shtml; *.txt only with "
                             "batch --in-place).")(function)


def boilerplate_options(function):
    """--learn-boilerplate and its thresholds, shared by batch, diff and explain."""
    function = click.option("--boilerplate-min-share", type=click.FloatRange(0, 1), default=0.5,
                            show_default=True, metavar="P",
                            help="...and in at least this share of them.")(function)
    function = click.option("--boilerplate-min-files", type=click.IntRange(min=2), default=3, show_default=True,
                            metavar="K", help="A learnt line must occur in at least K files of its site...")(function)
    return click.option("--learn-boilerplate", is_flag=True,
                        help="First learn each site folder's repeated lines (a site is a top-level folder "
                             "of a DIR), then drop them.")(function)


def refuse_encoding_for_datasets(jsonl: bool) -> None:
    """JSON lines are UTF-8 (RFC 8259): --encoding and --errors do nothing to a dataset."""
    if jsonl:
        for name in ("encoding", "errors"):
            if name in typed_options():
                raise BadInput(f"--{name} has no effect on JSON lines, which are UTF-8")


def refuse_tuning_without_learning(learn_boilerplate: bool) -> None:
    """--boilerplate-min-files and --boilerplate-min-share do nothing without --learn-boilerplate."""
    if learn_boilerplate:
        return
    for name in ("boilerplate_min_files", "boilerplate_min_share"):
        if name in typed_options():
            raise BadInput(f"--{name.replace('_', '-')} has no effect without --learn-boilerplate")


def dataset_options(function):
    """--jsonl and --field, shared by the commands that read datasets (clean, diff, explain)."""
    function = click.option("--field", "text_field", default="text", show_default=True, metavar="NAME",
                            help="In JSON lines datasets, the field that holds the text.")(function)
    return click.option("--jsonl", is_flag=True,
                        help="Inputs are JSON lines datasets, one record a document (.jsonl, .jsonl.gz, "
                             ".ndjson and .ndjson.gz files are, without the flag).")(function)


def _loaded(path: str) -> Config:
    """A settings file's Config, read once per run however many inputs it governs."""
    from ..config import load_config

    try:
        stat = os.stat(path)
        key = (os.path.realpath(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return load_config(path)  # the error names the file
    if key not in _LOADED:
        _LOADED[key] = load_config(path)
    return _LOADED[key]


_LOADED: dict[tuple, Config] = {}


def settings(common: dict, name: str = "-") -> tuple[Config, Reading]:
    """The Config (for input ``name``: see :func:`config_file`) and the
    Reading that the shared options describe."""
    return _config(common, name), reading_of(common)


def reading_of(common: dict) -> Reading:
    """How the shared options say inputs are read."""
    return reading_from(common["encoding"], common["errors"], common["max_size"], common["fix_unicode"],
                        common["source_format"])


def _config(common: dict, name: str, load_model: bool = True) -> Config:
    return build_config(common["only"], common["disable"], common["enable"], common["config_path"],
                        common["max_seconds"], common["model"], common["strictness"], common["threshold"],
                        load_model, common["no_config"], name)


def configs(common: dict, load_model: bool = True):
    """A function from an input's name to its Config (see :func:`settings`),
    each settings file read once."""
    made: dict[str | None, Config] = {}

    def config_for(name: str = "-") -> Config:
        path = config_file(common["config_path"], common["no_config"], name)
        if path not in made:
            made[path] = _config(common, name, load_model)
        return made[path]

    return config_for


def reading_from(encoding: str | None, errors: str, max_size: int, fix_unicode: bool = False,
             source_format: str = "auto") -> Reading:
    try:
        name = check_encoding(encoding) if encoding else None
        if fix_unicode:
            import ftfy  # noqa: F401  (checked now, to fail before any output)
    except CleanerError as exc:
        raise BadInput(str(exc)) from None
    except ImportError:
        raise BadInput("--fix-unicode needs ftfy: pip install 'cleaner[fix]'") from None
    return Reading(Encoding(name, errors, fix_unicode), max_size * MIB, source_format)


def filter_options(function):
    """--config, --only, --enable and --disable, shared by every command that cleans."""
    function = click.option(
        "--disable", "disable", multiple=True, metavar="NAME",
        help="Switch this filter off (repeatable; see `cleaner filters`).",
    )(function)
    function = click.option(
        "--enable", "enable", multiple=True, metavar="NAME",
        help="Switch on a filter that is off by default (repeatable).",
    )(function)
    function = click.option(
        "--only", "only", multiple=True, metavar="NAME", help="Run only this filter (repeatable).",
    )(function)
    function = click.option(
        "--max-seconds", "max_seconds", type=float, metavar="SECONDS",
        help="Time budget of one document (file, page or JSONL record): one that takes longer "
             "is kept as it was and reported (exit 123).",
    )(function)
    function = click.option(
        "--model", "model", metavar="FILE",
        help="The line model's file (default: the bundled one; see `cleaner train`).",
    )(function)
    function = click.option(
        "--strictness", "strictness", type=click.Choice(STRICTNESS),
        help="How eagerly the line model removes lines (default: medium).",
    )(function)
    function = click.option(
        "--threshold", "threshold", type=float, metavar="SCORE",
        help="The junk score (between 0 and 1, exclusive) above which the line model removes a line, "
             "instead of --strictness.",
    )(function)
    return config_options(function)


def config_options(function):
    """--config and --no-config."""
    function = click.option(
        "--no-config", "no_config", is_flag=True, help="Read no settings file: the defaults and the command line.",
    )(function)
    return click.option(
        "--config", "config_path", metavar="FILE",
        help="Settings file (default: cleaner.toml, or [tool.cleaner] in pyproject.toml, "
             "found from each input's folder upward; see `cleaner config`).",
    )(function)


def datasets(names: Sequence[str]) -> bool:
    """Whether the inputs are JSON lines datasets, by their names: all of them
    or none (a mix is an error: a dataset's bytes are not an article)."""
    from ..readers import Format, input_format

    datasets = [input_format(name, b"") is Format.DATASET for name in names]
    if any(datasets) and not all(datasets):
        raise BadInput("JSON lines datasets and texts cannot be cleaned together; clean them apart")
    return bool(names) and all(datasets)


def typed_options() -> set[str]:
    """The options typed on the command line (not left at their defaults). A
    command another invokes (explain runs diff) sees none: its caller checks."""
    context = click.get_current_context()
    typed = (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)
    return {name for name in context.params if context.get_parameter_source(name) in typed}


def refuse_without_effect(jsonl: bool, why: str = "without --jsonl", **given) -> None:
    """An option that does nothing (without --jsonl, unless ``why`` says
    otherwise) is a usage error that names it."""
    if jsonl:
        return
    context = click.get_current_context()
    for name in set(given) & typed_options():
        option = next(param.opts[0] for param in context.command.params if param.name == name)
        raise BadInput(f"{option} has no effect {why}")


def check_output(output: str | Path, names: Sequence[str], what: str = "file") -> None:
    """Refuse an output that cannot be written, or that is one of the inputs
    (named, or an existing file inside a named folder), before any work."""
    from pathlib import Path  # here: reading text to stdout never needs it

    output = Path(output)
    if output.is_dir():
        raise BadInput(f"{output}: is a directory, not a {what}")
    if not output.parent.is_dir():
        raise BadInput(f"{output.parent}: no such folder")
    if not output.exists():
        return
    for name in names:
        if name == "-":
            continue
        try:
            same = os.path.samefile(output, name) or (
                os.path.isdir(name) and output.resolve().is_relative_to(Path(name).resolve()))
        except OSError:
            same = False
        if same:
            raise BadInput(f"{output}: is also an input file; refusing to overwrite it")


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


