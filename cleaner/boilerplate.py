"""Site boilerplate learnt from a folder: lines that many pages of one site share.

Scraped folders hold many pages of the same site, and a site's junk repeats on
every page ("Why you can trust us", footer lines, widget labels). Counting each
normalised line once per file across a site's files finds them; a line seen in
at least ``min_files`` files and at least ``min_share`` of them is boilerplate.
Only 8-byte hashes are kept, never the lines themselves.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .document import Line
from .filters.shapes import key, word_count

# Boilerplate lines are labels and stock sentences, not paragraphs.
MAX_BOILERPLATE_WORDS = 40
# Above this many distinct hashes in one group, hashes seen in one file so far
# are forgotten: memory stays bounded, at the cost of missing a line whose
# first sighting was forgotten (it needs one file more to be found).
MAX_TRACKED_LINES = 2_000_000


def line_hash(text: str) -> int | None:
    """A stable hash of the line's words (case, spacing, punctuation ignored), or
    None for lines that are not boilerplate candidates (no words, or too long)."""
    words = key(text)
    if not words or word_count(text) > MAX_BOILERPLATE_WORDS:
        return None
    return int.from_bytes(hashlib.blake2b(words.encode(), digest_size=8).digest(), "little")


def file_hashes(lines: Iterable[Line]) -> set[int]:
    """The candidate hashes of one file, each once."""
    hashes = {line_hash(line.text) for line in lines if line.text}
    hashes.discard(None)
    return hashes  # type: ignore[return-value]


@dataclass
class LineCounter:
    """Counts in how many files each line hash occurs, in bounded memory."""

    files: int = 0
    counts: Counter[int] = field(default_factory=Counter)

    def add_file(self, hashes: Iterable[int]) -> None:
        self.files += 1
        self.counts.update(hashes)
        if len(self.counts) > MAX_TRACKED_LINES:
            self.counts = Counter({h: n for h, n in self.counts.items() if n > 1})

    def merge(self, other: LineCounter) -> None:
        self.files += other.files
        self.counts.update(other.counts)

    def boilerplate(self, min_files: int, min_share: float) -> SiteBoilerplate:
        threshold = max(min_files, min_share * self.files)
        return SiteBoilerplate(
            files=self.files,
            counts={h: n for h, n in self.counts.items() if n >= threshold},
        )


@dataclass(frozen=True, eq=False)
class SiteBoilerplate:
    """The boilerplate lines of one site: hash -> in how many of ``files`` files it was seen."""

    files: int
    counts: Mapping[int, int]

    def seen_in(self, text: str) -> int:
        """In how many files this line was seen (0 if it is not boilerplate)."""
        line = line_hash(text)
        return self.counts.get(line, 0) if line is not None else 0
