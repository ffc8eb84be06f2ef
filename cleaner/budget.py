"""A time budget per document, so that no input stalls a run.

Every built-in pattern is linear, but a user's own (``patterns`` and ``keep``
in the configuration) may not be, and a document may simply be huge. Within
the budget, cleaning runs as usual; past it, an alarm stops the work where it
is: Python's regular expression engine checks for signals as it matches, so
even a pattern that backtracks for ever is interrupted. The caller keeps such a
document as it was and reports it. Batch workers are also watched by their
parent, which kills a worker that does not come back at all.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import CleanerError


class OverBudget(CleanerError):
    """Cleaning one document took longer than the time budget allowed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took more than {seconds:g} s (--max-seconds); kept as it was")
        self.seconds = seconds


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget in the block once ``seconds`` have passed (None: no budget).

    Signals reach only the main thread: elsewhere (a thread of a library
    user), the block runs without a budget."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(signum, frame) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
