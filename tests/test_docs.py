"""The README and docstrings stay true: every filter, command and option is documented,
and the examples in docstrings run."""

import doctest
import re

import click
from conftest import ROOT

import cleaner
from cleaner.cli import main

README = (ROOT / "README.md").read_text("utf-8")


def test_library_docstring_examples_run():
    failed, attempted = doctest.testmod(cleaner)
    assert attempted > 0
    assert failed == 0


def test_every_filter_is_in_the_readme_table_with_its_summary():
    for name, entry in cleaner.FILTERS.items():
        summary = entry.summary.replace("<", "&lt;").replace(">", "&gt;")
        assert f"| `{name}` | {summary} |" in README, name


def test_every_command_and_option_is_in_the_readme():
    missing = []
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        if f"cleaner {name}" not in README:
            missing.append(name)
        for param in command.params:
            if isinstance(param, click.Option):
                if not any(opt in README for opt in param.opts + param.secondary_opts):
                    missing.append(f"{name} {'/'.join(param.opts)}")
    assert missing == []


def test_readme_quality_table_has_the_current_version():
    assert re.search(rf"\*\*cleaner {re.escape(cleaner.__version__)}\*\*", README)
