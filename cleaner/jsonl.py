"""JSONL datasets: clean one text field of every record, keep everything else."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .config import Config
from .document import Line
from .errors import InputError
from .pipeline import run
from .textio import encodable, split_lines


@dataclass
class DatasetSummary:
    """What cleaning a dataset did: records seen, changed and skipped as malformed."""

    records: int = 0
    changed: int = 0
    skipped: int = 0
    removed: Counter[str] = field(default_factory=Counter)


def open_dataset(path: Path) -> BinaryIO:
    """A binary stream of the dataset's lines; ``.gz`` files are decompressed."""
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")  # type: ignore[return-value]


def clean_records(
    lines: Iterable[bytes],
    label: str | None,
    config: Config,
    text_field: str = "text",
    stats_field: str | None = None,
    skip_bad: bool = False,
    summary: DatasetSummary | None = None,
    repair: bool = False,
    source_format: str = "text",
) -> Iterator[str]:
    """Clean ``text_field`` of every JSON record in ``lines`` and yield each
    record as one line of JSON, in the same order, every other field kept
    (numbers are written back in Python's form: 1.10 becomes 1.1).

    A line that is not a JSON object, or whose field is missing or not a
    string, is an InputError naming ``label`` (if given) and the line number;
    with ``skip_bad`` it is left out and counted instead. ``stats_field`` adds
    a field with the lines removed per filter; it must not exist already.
    ``repair`` fixes mojibake in the field first (--fix-unicode).
    ``source_format`` "html" reads every field as an HTML page, "auto" each
    field that starts like one (see :func:`cleaner.htmlpage.is_page`).
    """
    summary = summary if summary is not None else DatasetSummary()
    where = f"{label}: " if label else ""
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = parse_record(raw, text_field)
            if stats_field is not None and stats_field in record:
                raise ValueError(f"already has a field {stats_field!r} (choose another --stats-field)")
        except ValueError as exc:
            if skip_bad:
                summary.skipped += 1
                continue
            raise InputError(f"{where}line {number}: {exc}") from None
        original = record[text_field]
        if repair:
            from .textio import repair_mojibake

            original = repair_mojibake(original)
        try:
            cleaned, counts = clean_field(original, config, origin=f"record {number}",
                                          source_format=source_format)
        except InputError as exc:  # a page that cannot be read
            if skip_bad:
                summary.skipped += 1
                continue
            raise InputError(f"{where}line {number}: {exc}") from None
        summary.records += 1
        summary.removed.update(counts)
        if cleaned != original:
            summary.changed += 1
        record[text_field] = cleaned
        if stats_field is not None:
            record[stats_field] = dict(sorted(counts.items()))
        line = json.dumps(record, ensure_ascii=False)
        if not encodable(line):
            # A "\ud800" escape in the input is a lone surrogate: keep it escaped.
            line = json.dumps(record)
        yield line + "\n"


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def clean_field(text: str, config: Config, origin: str | None = None,
                source_format: str = "text") -> tuple[str, Counter[str]]:
    """A dataset field's clean text and the lines removed per filter. A field
    without a final newline keeps that convention (datasets rarely end texts
    with one). With ``source_format`` "html" (or "auto" and a field that looks
    like a page) the field is an HTML page and its article's text comes out."""
    result = run(field_lines(text, origin, source_format)[0], config)
    cleaned = result.text if text.endswith("\n") else result.text.removesuffix("\n")
    return cleaned, result.counts_by_filter()


def field_lines(text: str, origin: str | None = None, source_format: str = "text") -> tuple[list[Line], bool]:
    """A field's lines, and whether the field was read as an HTML page (see :func:`clean_field`)."""
    if source_format != "text":
        from .htmlpage import is_page, page_lines

        if is_page(text, None, source_format):
            return page_lines(text), True
    return split_lines(text, origin=origin), False


def parse_record(raw: bytes, text_field: str) -> dict:
    """One JSON record with a string ``text_field``; ValueError says what is wrong."""
    try:
        record = json.loads(raw, parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 (byte offset {exc.start} in the line)") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    if text_field not in record:
        raise ValueError(f"no field {text_field!r}")
    if not isinstance(record[text_field], str):
        raise ValueError(f"field {text_field!r} is not a string")
    return record
