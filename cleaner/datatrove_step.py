"""A datatrove pipeline step that cleans each Document's text in place.

    from cleaner.datatrove_step import CleanerStep

Needs the optional extra: ``pip install 'cleaner[datatrove]'``. Each document's
text is cleaned exactly as ``cleaner clean --jsonl`` cleans a record's field;
the lines removed per filter go into the document's metadata (``cleaner_removed``)
and into datatrove's stats (``removed_<filter>``).
"""

from __future__ import annotations

from datatrove.pipeline.base import PipelineStep

from .budget import OverBudget, time_budget
from .config import Config
from .errors import InputError
from .readers.records import clean_field
from .textio import SOURCE_FORMATS


class CleanerStep(PipelineStep):
    """Clean every Document's text in place; record what went in metadata and stats."""

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, config: Config | None = None, metadata_key: str = "cleaner_removed",
                 source_format: str = "text") -> None:
        """``source_format`` "html" reads each document's text as an HTML page
        (as ``--from html``); "auto" does so for texts that start like one. A
        page that cannot be read (binary data) is dropped
        and counted in the stats as ``unreadable``. A document whose cleaning
        takes longer than ``config.max_seconds`` is kept as it was and counted
        as ``over_budget``."""
        if source_format not in SOURCE_FORMATS:
            raise ValueError(f"source_format must be one of {', '.join(SOURCE_FORMATS)}, not {source_format!r}")
        super().__init__()
        self.config = config or Config()
        self.metadata_key = metadata_key
        self.source_format = source_format

    def run(self, data, rank: int = 0, world_size: int = 1):
        for document in data:
            with self.track_time():
                try:
                    with time_budget(self.config.max_seconds):
                        text, counts = clean_field(document.text, self.config,
                                                   source_format=self.source_format)
                except OverBudget:  # kept as it was
                    self.stat_update("over_budget")
                    yield document
                    continue
                except InputError:
                    self.stat_update("unreadable")
                    continue
                document.text = text
                document.metadata[self.metadata_key] = dict(sorted(counts.items()))
                self.stat_update("documents")
                for name, count in counts.items():
                    self.stat_update(f"removed_{name}", value=count)
            yield document
