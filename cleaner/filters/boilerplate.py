"""Lines of a site's boilerplate, learnt across a folder by `cleaner batch --learn-boilerplate`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..document import Line
from .registry import register

if TYPE_CHECKING:
    from ..config import Config


@register("site-boilerplate", local=True)
def site_boilerplate(lines: Sequence[Line], config: Config) -> Iterator[tuple[Line, str]]:
    """Lines that many pages of the same site share (with --learn-boilerplate: batch, diff and explain).

    A batch run first counts, per site folder, in how many files each short
    line occurs; a line found in enough files of its site is the site's
    boilerplate, not the article. Without learnt boilerplate this does nothing.
    """
    boilerplate = config.boilerplate
    if boilerplate is None or not boilerplate.counts:
        return
    for line in lines:
        if line.text:
            seen = boilerplate.seen_in(line.text)
            if seen:
                yield line, f"site boilerplate, seen in {seen} of {boilerplate.files} files"
