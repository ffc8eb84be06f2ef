"""JSON lines datasets: each record's text field is a document.

Reading a record is :mod:`cleaner.jsonl`'s (bytes, never parsed and written
again whole); here its field is cleaned as a text or a page, as
:func:`cleaner.readers.input_format` tells from its start, and written back
into the record's line.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ..budget import OverBudget, time_budget
from ..config import Config
from ..document import CleanResult, Line
from ..errors import InputError
from ..files import DEFAULT_MAX_BYTES, Reading, describe_os_error
from ..jsonl import Record, json_pieces, open_dataset, parse_record, read_lines, same_text, ungzipped
from ..pipeline import clean_pieces, explain_pieces, run_lines
from ..textio import repair_mojibake, split_lines, windows
from . import Document, Format, input_format


class RecordDocument(Document):
    """One record's text field, labelled ``NAME:LINE``. Compared as
    `clean --jsonl` writes it: a field without a final newline keeps that,
    so its absence is no change."""

    def __init__(self, label: str, number: int, text: str, reading: Reading = Reading()) -> None:
        self.label, self.number = f"{label}:{number}", number
        text = text if text.endswith("\n") or not text else text + "\n"
        self.text = repair_mojibake(text) if reading.encoding.fix_unicode else text
        self.raw = text
        self.format = input_format(None, self.text, reading.source_format)
        self._page_lines: list[Line] | None = None
        if self.format is Format.PAGE:
            from ..htmlpage import extracted_text, page_lines

            self._page_lines = page_lines(self.text)
            self.raw = extracted_text(self._page_lines)  # the diff shows the text read from the page

    def original(self) -> str:
        return self.raw

    def lines(self) -> list[Line]:
        if self._page_lines is not None:
            return self._page_lines
        return split_lines(self.text)

    def explain(self, config: Config) -> CleanResult:
        if self._page_lines is not None:
            return run_lines(self._page_lines, config)
        return explain_pieces(windows(self.text), config)

    def clean_pieces(self, config: Config, counts: Counter[str] | None = None, keep: bool = False) -> Iterable[str]:
        if self._page_lines is not None:
            result = run_lines(self._page_lines, config)
            if counts is not None:
                counts.update(result.counts_by_filter())
            return [result.text]
        return clean_pieces(windows(self.text), config, counts)


def dataset_documents(name: str, stdin: BinaryIO | None, reading: Reading,
                      text_field: str = "text") -> Iterator[RecordDocument]:
    """Every record of a dataset file (or stdin for "-") as a document; a
    malformed record, or a dataset that cannot be read, is an InputError
    naming the file and the line."""
    label = "stdin" if name == "-" else name
    try:
        if name == "-":
            if stdin is None:
                raise InputError("stdin: not available")
            stream = ungzipped(stdin)
        else:
            stream = open_dataset(Path(name))
    except OSError as exc:
        raise InputError(f"{label}: {describe_os_error(exc)}") from None
    try:
        for number, raw in (line for chunk in _chunks_of_lines(stream, label, reading.max_bytes) for line in chunk):
            try:
                text = "".join(_parsed(raw, reading.max_bytes, text_field).value())
                document = RecordDocument(label, number, text, reading)
            except (ValueError, InputError) as exc:
                raise InputError(f"{label}: line {number}: {exc}") from None
            yield document
    finally:
        if name != "-":
            stream.close()


def _parsed(raw: bytes | None, max_bytes: int, text_field: str, stats_field: str | None = None,
            output_field: str | None = None) -> Record:
    """One line of a dataset as a record (None: a line over ``max_bytes``); ValueError says what is wrong."""
    if raw is None:
        raise ValueError(f"a record of more than {max_bytes >> 20:,} MiB (raise --max-size)")
    return parse_record(raw, text_field, stats_field, output_field)


@dataclass
class DatasetSummary:
    """What cleaning a dataset did: records seen, changed and skipped as
    malformed, and the line numbers of records kept as they were because
    cleaning them took longer than the time budget."""

    records: int = 0
    changed: int = 0
    skipped: int = 0
    removed: Counter[str] = field(default_factory=Counter)
    over_budget: list[int] = field(default_factory=list)


class DatasetJob(NamedTuple):
    """How every record of a dataset is cleaned (picklable, for worker processes)."""

    config: Config
    text_field: str = "text"
    stats_field: str | None = None
    output_field: str | None = None
    repair: bool = False
    source_format: str = "text"
    max_bytes: int = DEFAULT_MAX_BYTES


class RecordOutcome(NamedTuple):
    """One record cleaned: its line as written (None if malformed), the lines
    removed per filter, whether its text changed, whether it was over the
    time budget (kept as it was), and what is wrong with a malformed one."""

    number: int
    line: bytes | None
    counts: dict[str, int]
    changed: bool = False
    over_budget: bool = False
    error: str | None = None


def clean_record(number: int, raw: bytes | None, job: DatasetJob) -> RecordOutcome:
    """One line of a dataset cleaned and written back (see :func:`clean_records`)."""
    try:
        record = _parsed(raw, job.max_bytes, job.text_field, job.stats_field, job.output_field)
        del raw
        budget: list[int] = []
        pieces, counts = _cleaned_value(record, job.config, number, job.source_format, job.repair, budget)
    except (ValueError, InputError) as exc:  # malformed, or a page that cannot be read
        return RecordOutcome(number, None, {}, error=str(exc))
    line = record.line
    if job.output_field is None:
        out = [line[: record.start + 1], *json_pieces(_texts(pieces)), line[record.end - 1 : record.close]]
    else:  # the clean text beside the original
        out = [line[: record.close], f", {json.dumps(job.output_field, ensure_ascii=False)}: \"".encode(),
               *json_pieces(_texts(pieces)), b'"']
    if job.stats_field is not None:
        out.append((f", {json.dumps(job.stats_field, ensure_ascii=False)}: "
                    f"{json.dumps(dict(sorted(counts.items())))}").encode())
    out.append(line[record.close :].rstrip(b"\r\n") + b"\n")
    changed = not same_text(_texts(pieces), record.value())
    return RecordOutcome(number, b"".join(out), dict(counts), changed, bool(budget))


def _clean_chunk(lines: list[tuple[int, bytes | None]], job: DatasetJob) -> list[RecordOutcome]:
    return [clean_record(number, raw, job) for number, raw in lines]


#: Records sent to a worker at a time, and the bytes they may hold together.
_CHUNK_RECORDS, _CHUNK_BYTES = 256, 8 << 20


def _chunks_of_lines(stream: BinaryIO, label: str | None, max_bytes: int) -> Iterator[list[tuple[int, bytes | None]]]:
    chunk: list[tuple[int, bytes | None]] = []
    size = 0
    for number, raw in read_lines(stream, max_bytes, label):
        if raw is not None and not raw.strip():
            continue
        chunk.append((number, raw))
        size += len(raw or b"")
        if len(chunk) >= _CHUNK_RECORDS or size >= _CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _outcomes(stream: BinaryIO, label: str | None, job: DatasetJob, jobs: int) -> Iterator[RecordOutcome]:
    """Every record's outcome, in the dataset's order: here for one job; else
    cleaned in ``jobs`` worker processes, a few chunks ahead of the writer at
    most (memory stays bounded whatever the dataset's size)."""
    if jobs <= 1:
        for number, raw in ((n, r) for chunk in _chunks_of_lines(stream, label, job.max_bytes) for n, r in chunk):
            yield clean_record(number, raw, job)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    chunks = _chunks_of_lines(stream, label, job.max_bytes)
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        ahead: deque = deque()
        try:
            for chunk in chunks:
                ahead.append(pool.submit(_clean_chunk, chunk, job))
                if len(ahead) >= 2 * jobs:
                    yield from ahead.popleft().result()
            while ahead:
                yield from ahead.popleft().result()
        finally:
            for future in ahead:
                future.cancel()


def clean_records(
    stream: BinaryIO,
    label: str | None,
    config: Config,
    text_field: str = "text",
    stats_field: str | None = None,
    skip_bad: bool = False,
    summary: DatasetSummary | None = None,
    repair: bool = False,
    source_format: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
    output_field: str | None = None,
    jobs: int = 1,
    on_record: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """Clean ``text_field`` of every JSON record of a dataset stream and yield
    the dataset cleaned, as UTF-8 in pieces: the same records in the same
    order, every other byte kept (see the module's docstring), every line
    ending with a newline.

    A line that is not a JSON object, whose field is missing, repeated or not
    a string, or that is over ``max_bytes``, is an InputError naming ``label``
    (if given) and the line number; with ``skip_bad`` it is left out and
    counted instead. ``stats_field`` adds a field with the lines removed per
    filter, ``output_field`` a field with the clean text, the original left as
    it was; neither may exist already. ``repair`` fixes mojibake in the field
    first (--fix-unicode). ``source_format`` "html" reads every field as an
    HTML page, "auto" each field that starts like one (see
    :func:`cleaner.readers.input_format`). A record whose cleaning takes longer
    than the configured time budget is kept as it was and counted in
    ``summary.over_budget``. ``jobs`` above 1 cleans records in that many
    worker processes, the output the same, in the same order.
    ``on_record(bytes)`` is told the size of each record done (a progress bar).
    """
    summary = summary if summary is not None else DatasetSummary()
    where = f"{label}: " if label else ""
    job = DatasetJob(config, text_field, stats_field, output_field, repair, source_format, max_bytes)
    for outcome in _outcomes(stream, label, job, jobs):
        if outcome.line is None:
            if skip_bad:
                summary.skipped += 1
                continue
            raise InputError(f"{where}line {outcome.number}: {outcome.error}")
        summary.records += 1
        summary.removed.update(outcome.counts)
        summary.changed += outcome.changed
        if outcome.over_budget:
            summary.over_budget.append(outcome.number)
        if on_record is not None:
            on_record(len(outcome.line))
        yield outcome.line


def _cleaned_value(record: Record, config: Config, number: int, source_format: str, repair: bool,
                   over_budget: list[int]) -> tuple[list[bytes], Counter[str]]:
    """The record's cleaned text field in pieces, and the lines removed per
    filter; the field as it was when cleaning takes longer than the budget."""
    original = record.value()
    if repair:
        original = map(repair_mojibake, original)
    try:
        with time_budget(config.max_seconds):
            return clean_field_pieces(original, config, source_format=source_format)
    except OverBudget:
        over_budget.append(number)
        return [piece.encode("utf-8", "surrogatepass") for piece in record.value()], Counter()


def clean_field_pieces(text: str | Iterable[str], config: Config,
                       source_format: str = "text") -> tuple[list[bytes], Counter[str]]:
    """A dataset field's clean text, as UTF-8 in pieces ("surrogatepass": a
    lone surrogate from a JSON escape comes back), and the lines removed per
    filter. A field without a final newline keeps that convention (datasets
    rarely end texts with one). With ``source_format`` "html" (or "auto" and
    a field that looks like a page) the field is an HTML page and its
    article's text comes out. A long field is cleaned in windows, as a long
    file is; it may come in pieces, never all held as text at once."""
    counts: Counter[str] = Counter()
    last = [""]  # the field's last piece, for its final newline

    def remembered(pieces: Iterable[str]) -> Iterator[str]:
        for piece in pieces:
            if piece:
                last[0] = piece
                yield piece

    given = remembered([text] if isinstance(text, str) else text)
    lines = None
    if source_format != "text":
        from ..htmlpage import page_lines

        head = next(given, "")  # enough to tell a page by its start
        given = chain([head], given)
        if input_format(None, head, source_format) is Format.PAGE:
            lines = page_lines("".join(given))  # a page is read whole
    if lines is not None:
        result = run_lines(lines, config)
        counts.update(result.counts_by_filter())
        cleaned: Iterable[str] = [result.text]
    else:
        cleaned = clean_pieces(windows(given), config, counts)
    pieces = [piece.encode("utf-8", "surrogatepass") for piece in cleaned]
    if pieces and not last[0].endswith("\n"):
        pieces[-1] = pieces[-1].removesuffix(b"\n")
    return pieces, counts


def _texts(pieces: Iterable[bytes]) -> Iterator[str]:
    return (piece.decode("utf-8", "surrogatepass") for piece in pieces)


def clean_field(text: str, config: Config, source_format: str = "text") -> tuple[str, Counter[str]]:
    """A dataset field's clean text and the lines removed per filter (see :func:`clean_field_pieces`)."""
    pieces, counts = clean_field_pieces(text, config, source_format)
    return "".join(_texts(pieces)), counts


