"""What to run: a frozen, picklable description of the pipeline's settings, and
the configuration files it can be read from.

Configuration lives in ``[tool.cleaner]`` of a ``pyproject.toml`` or at the top
level of a ``cleaner.toml``, found from the current folder upward (or named
with ``--config``)::

    [tool.cleaner]
    disable = ["leading-junk"]          # filters to switch off
    enable = ["syndication"]            # filters that are off by default
    keep = ['^\\(Reporting by .*\\)$']     # lines no filter may remove (regex, searched)

    [tool.cleaner.phrases]              # whole lines a filter also removes
    teasers = ["Lies auch", "Mehr aus dem Ressort"]

    [tool.cleaner.patterns]             # regular expressions a whole line must match
    promos = ['Jetzt .* abonnieren!?']

    max-seconds = 10                    # a document that takes longer is kept as it was
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import ConfigError
from .filters import FILTERS

if TYPE_CHECKING:
    from .boilerplate import SiteBoilerplate

_KEYS = {"only", "enable", "disable", "keep", "phrases", "patterns", "max-seconds", "model", "strictness",
         "threshold"}
#: How eagerly the learned line scorer removes lines (see cleaner.scoring).
STRICTNESS = ("low", "medium", "high")


#: The filters that run unless a configuration says otherwise, in pipeline order.
DEFAULT_FILTERS = tuple(name for name, entry in FILTERS.items() if entry.default)


class Config(NamedTuple):
    """Which filters run, in pipeline order, and what they were taught.

    Build it with :meth:`select` or :meth:`from_mapping`. ``keep`` holds
    regular expressions that protect a line from every filter; ``phrases`` and
    ``patterns`` hold, per filter, whole lines or regular expressions that the
    filter removes too. ``boilerplate`` holds the site boilerplate a batch run
    learnt for the files this config cleans (see cleaner.boilerplate).
    ``max_seconds`` is the time budget of one document (see cleaner.budget).
    ``model`` is the learned line scorer's file (None: the bundled model);
    ``strictness`` picks one of its thresholds, ``threshold`` sets one exactly.
    """

    filters: tuple[str, ...] = DEFAULT_FILTERS
    keep: tuple[str, ...] = ()
    phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    patterns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    boilerplate: SiteBoilerplate | None = None
    max_seconds: float | None = None
    model: str | None = None
    strictness: str | None = None
    threshold: float | None = None

    @classmethod
    def select(
        cls, only: Iterable[str] | None = None, disable: Iterable[str] = (), enable: Iterable[str] = ()
    ) -> Config:
        """The default filters plus ``enable``, or just ``only``, minus ``disable``;
        unknown names are an error."""
        only = list(only) if only is not None else None
        disable, enable = list(disable), list(enable)
        _check_names((only or []) + disable + enable)
        chosen = set(only) if only is not None else set(cls().filters) | set(enable)
        chosen.difference_update(disable)
        return cls(filters=tuple(name for name in FILTERS if name in chosen))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "configuration",
                     folder: str | os.PathLike | None = None) -> Config:
        """A Config from the ``[tool.cleaner]`` table; unknown keys, unknown
        filter names and bad regular expressions are errors that name them."""
        if not isinstance(data, Mapping):
            raise ConfigError(f"{source}: must be a table of settings")
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise ConfigError(f"{source}: unknown key {', '.join(map(repr, unknown))}"
                              f"{_suggestion(unknown[0], _KEYS)} (known keys: {', '.join(sorted(_KEYS))})")
        only = _strings(data, "only", source) if "only" in data else None
        disable, enable = _strings(data, "disable", source), _strings(data, "enable", source)
        try:
            base = cls.select(only, disable, enable)
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc}") from None
        keep = tuple(_strings(data, "keep", source))
        for pattern in keep:
            _compile(pattern, f"{source}: keep")
        phrases = _per_filter(data, "phrases", source)
        patterns = _per_filter(data, "patterns", source)
        for name, expressions in patterns:
            for pattern in expressions:
                _compile(pattern, f"{source}: patterns.{name}")
        max_seconds = data.get("max-seconds")
        if max_seconds is not None:
            max_seconds = check_max_seconds(max_seconds, f"{source}: max-seconds")
        model = data.get("model")
        if model is not None:
            if not isinstance(model, str) or not model:
                raise ConfigError(f"{source}: model must be the path of a model file")
            # A path in a file is read from the file's folder, not from where cleaner runs.
            model = os.path.expanduser(model)
            model = os.path.join(folder, model) if folder is not None else model
        strictness = data.get("strictness")
        if strictness is not None:
            strictness = check_strictness(strictness, f"{source}: strictness")
        threshold = data.get("threshold")
        if threshold is not None:
            threshold = check_threshold(threshold, f"{source}: threshold")
        return base._replace(keep=keep, phrases=phrases, patterns=patterns, max_seconds=max_seconds,
                             model=model, strictness=strictness, threshold=threshold)

    def override(
        self, only: Iterable[str] | None = None, disable: Iterable[str] = (), enable: Iterable[str] = ()
    ) -> Config:
        """Command-line choices on top of this config: they win over the file."""
        disable, enable = list(disable), list(enable)
        _check_names(list(only or []) + disable + enable)
        chosen = set(only) if only else set(self.filters)
        chosen = (chosen | set(enable)) - set(disable)
        return self._replace(filters=tuple(name for name in FILTERS if name in chosen))

    def with_boilerplate(self, boilerplate: SiteBoilerplate | None) -> Config:
        return self._replace(boilerplate=boilerplate)

    def keep_patterns(self) -> list[re.Pattern[str]]:
        return [_compile(pattern, "keep") for pattern in self.keep]

    def user_rules(self, name: str) -> tuple[tuple[str, ...], list[re.Pattern[str]]]:
        """The phrases and compiled patterns a user added to filter ``name``."""
        phrases = dict(self.phrases).get(name, ())
        patterns = [_compile(pattern, name) for pattern in dict(self.patterns).get(name, ())]
        return phrases, patterns


def check_max_seconds(value: object, where: str = "--max-seconds") -> float:
    """A time budget: a positive number of seconds."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e9:
        raise ConfigError(f"{where} must be a positive number of seconds, not {value!r}")
    return float(value)


def check_strictness(value: object, where: str = "--strictness") -> str:
    if value not in STRICTNESS:
        raise ConfigError(f"{where} must be one of {', '.join(STRICTNESS)}, not {value!r}")
    return value


def check_threshold(value: object, where: str = "--threshold") -> float:
    """A junk score above which the line scorer removes a line: between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1:
        raise ConfigError(f"{where} must be a number between 0 and 1 (exclusive), not {value!r}")
    return float(value)


def _check_names(names: Iterable[str]) -> None:
    unknown = [name for name in names if name not in FILTERS]
    if unknown:
        listed = ", ".join(repr(name) for name in dict.fromkeys(unknown))
        raise ConfigError(f"unknown filter {listed}{_suggestion(unknown[0], FILTERS)} "
                          f"(known filters: {', '.join(FILTERS)})")


def _suggestion(name: str, known: Iterable[str]) -> str:
    """"; did you mean 'credits'?" for a name close to a known one, else ""."""
    from difflib import get_close_matches  # only when a name is wrong

    close = get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


@cache
def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ConfigError(f"{where}: bad regular expression {_short(pattern)!r} ({exc})") from None
    except (OverflowError, RecursionError, MemoryError) as exc:
        # "a{4294967296}", or parentheses nested thousands deep.
        reason = "nested too deeply" if isinstance(exc, RecursionError) else "too large"
        raise ConfigError(f"{where}: bad regular expression {_short(pattern)!r} ({reason})") from None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _strings(data: Mapping[str, Any], key: str, source: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: {key} must be a list of strings")
    return value


def _per_filter(data: Mapping[str, Any], key: str, source: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = data.get(key, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [{key}] must be a table of filter = [...]")
    try:
        _check_names(table)
    except ConfigError as exc:
        raise ConfigError(f"{source}: [{key}] {exc}") from None
    return tuple((name, tuple(_strings(table, name, f"{source}: {key}"))) for name in table)


def find_config_file(start: str | os.PathLike) -> str | None:
    """The nearest cleaner.toml, or pyproject.toml with [tool.cleaner], from
    the folder ``start`` upward; the search stops at a repository's root.
    (Paths as strings: pathlib would cost every run's start-up more than the search.)"""
    folder = os.fspath(start)
    while True:
        own = os.path.join(folder, "cleaner.toml")
        if os.path.isfile(own):
            return own
        project = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(project) and _has_cleaner_table(project):
            return project
        if os.path.exists(os.path.join(folder, ".git")):
            return None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_cleaner_table(project: str) -> bool:
    try:
        tool = _read_toml(project).get("tool", {})
    except ConfigError:
        # Someone else's broken pyproject.toml is not ours to judge, unless it
        # meant to configure cleaner.
        try:
            with open(project, "rb") as handle:
                return b"[tool.cleaner" in handle.read()
        except OSError:
            return False
    return isinstance(tool, dict) and "cleaner" in tool


def _read_toml(path: str | os.PathLike) -> dict[str, Any]:
    import tomllib  # only when there is a file to read

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML (nested too deeply)") from None


def load_config(path: str | os.PathLike) -> Config:
    """The Config a file describes: [tool.cleaner] of a pyproject.toml, or a
    cleaner.toml (its settings at the top level, or in a [tool.cleaner]
    table, as pasted from a pyproject.toml)."""
    data: Any = _read_toml(path)
    tool = data.get("tool")
    path = os.fspath(path)
    pasted = set(data) == {"tool"} and isinstance(tool, dict) and "cleaner" in tool
    if os.path.basename(path) == "pyproject.toml" or pasted:
        data = tool.get("cleaner", {}) if isinstance(tool, dict) else None
        source = f"{path} [tool.cleaner]"
    else:
        source = str(path)
    return Config.from_mapping(data, source, os.path.dirname(path))
