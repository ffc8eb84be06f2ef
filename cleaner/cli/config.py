"""`cleaner config`: which settings file is in effect for an input, and what it resolves to."""

from __future__ import annotations

import json

import click

from ..config import Config
from ..stdio import write_stdout
from .options import config_file, configs, filter_options


def _string(text: str) -> str:
    """A TOML string: literal ('...') when it can be, so that a regular expression reads as written."""
    if "'" not in text and not any(ord(char) < 32 or ord(char) == 127 for char in text):
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)  # JSON's escapes are TOML's


def _strings(items) -> str:
    return "[" + ", ".join(_string(item) for item in items) + "]"


def as_toml(config: Config) -> str:
    """The settings of ``config`` as a cleaner.toml that gives it back."""
    lines = [f"only = {_strings(config.filters)}", f"keep = {_strings(config.keep)}"]
    for key, value, unset in (("max-seconds", config.max_seconds, "no time budget"),
                              ("model", config.model, "the bundled model"),
                              ("strictness", config.strictness, "medium"),
                              ("threshold", config.threshold, "the strictness's")):
        if value is None:
            lines.append(f"# {key}: {unset}")
        else:
            lines.append(f"{key} = {_string(value) if isinstance(value, str) else repr(value)}")
    for table, rules in (("phrases", config.phrases), ("patterns", config.patterns)):
        if rules:
            # Filter names are bare keys.
            lines += ["", f"[{table}]", *(f"{name} = {_strings(items)}" for name, items in rules)]
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("path", required=False, default="-", metavar="[PATH]")
@filter_options
def config(path: str, config_path: str | None, no_config: bool, **common) -> None:
    """Show the settings file in effect for PATH (a file or folder; default:
    the current folder) and the settings it resolves to, with the command
    line's options on top, as a cleaner.toml that gives them back.

    A settings file is a cleaner.toml (settings at its top level, or in a
    [tool.cleaner] table), or a pyproject.toml with a [tool.cleaner] table,
    found from the input's folder upward as black and ruff find theirs (the
    search stops at a repository's root); --config names one, --no-config
    reads none.

    \b
    Examples:
      cleaner config
      cleaner config ~/crawl/site-a/ --disable credits
    """
    common.update(config_path=config_path, no_config=no_config)
    found = config_file(config_path, no_config, path)
    resolved = configs(common)(path)
    where = "--no-config" if no_config else str(found) if found is not None else "none found (the defaults)"
    write_stdout(f"# settings file: {where}\n{as_toml(resolved)}")
