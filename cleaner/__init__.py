"""cleaner: turn raw scraped article text into clean text.

>>> import cleaner
>>> cleaner.clean("Storm hits the coast.\\nLoading...\\n")
'Storm hits the coast.\\n'
>>> result = cleaner.clean_and_explain("Storm hits the coast.\\nLoading...\\n")
>>> [(r.number, r.filter, r.reason) for r in result.removals]
[(2, 'placeholders', "loading placeholder 'Loading...'")]
"""

from __future__ import annotations

from collections.abc import Iterable

from .config import Config
from .document import CleanResult, Line, Removal
from .errors import CleanerError, ConfigError, InputError
from .filters import FILTERS
from .pipeline import clean_in_windows, explain_pieces, run_lines
from .textio import decode, windows

__version__ = "0.1.0"

__all__ = [
    "FILTERS",
    "CleanResult",
    "CleanerError",
    "Config",
    "ConfigError",
    "InputError",
    "Line",
    "Removal",
    "clean",
    "clean_and_explain",
    "clean_in_windows",
    "clean_lines",
    "decode",
]


def clean_and_explain(text: str, config: Config | None = None) -> CleanResult:
    """Clean ``text`` and return the result: kept lines and the ledger of removals.

    A text over four million characters is cleaned in windows, as :func:`clean` cleans it."""
    return explain_pieces(windows(text), config)


def clean(text: str, config: Config | None = None) -> str:
    """Return the clean text of a scraped article.

    A text over four million characters is cleaned in windows cut at paragraph
    breaks, so that memory stays bounded; each window is cleaned as a document.
    """
    return "".join(clean_in_windows(text, config))


def clean_lines(lines: Iterable[Line], config: Config | None = None) -> CleanResult:
    """Clean lines that another reader made (HTML, JSONL), keeping their origins.

    The lines must already be normalised (see :func:`cleaner.textio.split_lines`)
    and numbered uniquely.
    """
    return run_lines(tuple(lines), config)
