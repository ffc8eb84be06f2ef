"""A pager that shows each file's section as soon as it is written to it.

rich's ``Console.pager`` holds everything back until the last file is
rendered; a review of a large folder would show a blank screen for as long as
it takes. Here the pager runs from the start and is fed as the files come.
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
from typing import IO

from ..stdio import say


class Pager:
    """``$PAGER`` (default ``less``, with ``LESS=FRX`` as git sets it), fed
    through ``stream``; None from :func:`open_pager` when it cannot be started."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.stream: IO[str] = io.TextIOWrapper(process.stdin, encoding="utf-8", errors="replace",  # type: ignore[arg-type,type-var]
                                                line_buffering=True)

    def close(self) -> None:
        """Let the reader read to the end, then wait for them to quit it."""
        try:
            self.stream.close()
        except OSError:
            pass  # they quit before the end
        self.process.wait()


def open_pager() -> Pager | None:
    """The user's pager, started; None (with a warning) when it cannot be."""
    command = os.environ.get("PAGER", "less") or "less"
    os.environ.setdefault("LESS", "FRX")  # colours, and quit at once when the text fits
    try:
        return Pager(subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE))
    except (OSError, ValueError) as exc:
        say(f"warning: cannot start the pager {command!r} ({getattr(exc, 'strerror', None) or exc}); "
            "printing without it")
        return None
