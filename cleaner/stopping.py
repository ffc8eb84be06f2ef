"""Stopping a worker without losing count of what it wrote.

A batch worker stops on SIGTERM by raising Terminated, which unwinds and
removes its temporary file. Once a file has been renamed into place, though,
the work is done and must be reported: from that moment until the worker has
sent its result, a SIGTERM is only noted, and acted on after the result is
sent. ``cleaner.files`` marks the moment; ``cleaner.workers`` handles the signal.
"""

from __future__ import annotations

from .errors import Terminated

_state = {"committed": False, "pending": False}


def committed() -> None:
    """A file was renamed into place: a stop now waits until its result is reported."""
    _state["committed"] = True


def on_sigterm(signum, frame) -> None:
    """The worker's SIGTERM handler: stop now, unless a written file's result is still to be reported."""
    if _state["committed"]:
        _state["pending"] = True
        return
    raise Terminated()


def reported() -> None:
    """The result of the last item was sent: a stop asked for meanwhile happens now."""
    _state["committed"] = False
    if _state["pending"]:
        _state["pending"] = False
        raise Terminated()
