"""Worker processes that the parent can always stop.

``concurrent.futures`` hands back a chunk's results only when the whole chunk
is done, cannot stop one task, and leaves its workers running when the parent
is killed. Here each item's result comes back as soon as it is done (so a
summary counts exactly what was written, even after Ctrl-C), an item that
passes its deadline has its worker killed and replaced while the rest go on,
and a worker stops when its parent dies, whatever killed it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from multiprocessing.connection import wait
from typing import Any, NamedTuple

from .errors import Terminated
from .stopping import on_sigterm, reported

#: How long stopped workers get to finish their current item's cleanup
#: (their temporary file) before they are killed.
STOP_SECONDS = 2.0


class Stopped(NamedTuple):
    """The result of an item whose worker died or was killed: ``reason`` says which."""

    reason: str


def _die_with_parent(parent: int) -> None:
    """Ask Linux to send SIGTERM to this worker when its parent dies (SIGKILL
    included); elsewhere the worker stops when its pipe to the parent closes."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request
        os._exit(0)


def _serve(connection, function: Callable, parent: int, others: list) -> None:
    """A worker: run ``function`` on every item sent, one result message per item."""
    for other in others:
        other.close()  # the parent's ends of other workers' pipes: theirs alone
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, on_sigterm)  # unwind (temporary files go), once a written file is reported
    try:
        while (message := connection.recv()) is not None:
            chunk, items, arguments = message
            for index, item in items:
                connection.send((chunk, index, function(item, *arguments)))
                reported()
            connection.send((chunk, None, None))
    except (EOFError, OSError, Terminated, KeyboardInterrupt):
        pass  # the parent went away or asked us to stop


class _Worker:
    def __init__(self, context, function: Callable, others: list) -> None:
        self.connection, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child, function, os.getpid(), others), daemon=True)
        self.process.start()
        child.close()
        self.chunk: int | None = None
        self.items: deque[tuple[int, Any]] = deque()  # what it has not finished, the current item first
        self.started = 0.0  # when it began its current item

    @property
    def busy(self) -> bool:
        return self.chunk is not None

    def give(self, chunk: int, items: list[tuple[int, Any]], arguments: tuple) -> None:
        self.chunk, self.items, self.started = chunk, deque(items), time.monotonic()
        self.connection.send((chunk, items, arguments))

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process.pid is not None and self.process.exitcode is None:
            try:
                os.kill(self.process.pid, sig)
            except ProcessLookupError:
                pass


class WorkerPool:
    """Run ``function(item, *arguments(chunk))`` for every item of every chunk
    in ``jobs`` worker processes (forked where the system can).

    ``deadline(item)`` gives an item's limit in seconds (None: none); a worker
    past it is killed and ``on_stop(item, pid)`` may clean up after it.
    Use :meth:`results`, then :meth:`stop` (always: after Ctrl-C it drains
    the results of the items that finished meanwhile)."""

    def __init__(self, function: Callable, chunks: Sequence[Sequence], arguments: Callable[[int], tuple],
                 jobs: int, deadline: Callable[[Any], float | None] | None = None,
                 on_stop: Callable[[Any, int], None] | None = None) -> None:
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._function, self._arguments, self._jobs = function, arguments, jobs
        self._deadline, self._on_stop = deadline, on_stop
        self._queue: deque[tuple[int, list[tuple[int, Any]]]] = deque(
            (chunk, list(enumerate(items))) for chunk, items in enumerate(chunks) if items
        )
        self._workers: list[_Worker] = []

    def results(self) -> Iterator[tuple[int, int, Any]]:
        """(chunk, index in the chunk, result) for every item as it finishes;
        a Stopped result for an item whose worker died or passed the deadline."""
        while self._queue or any(worker.busy for worker in self._workers):
            self._hand_out()
            busy = [worker for worker in self._workers if worker.busy]
            for connection in wait([worker.connection for worker in busy], self._wait_seconds(busy)):
                worker = next(worker for worker in busy if worker.connection is connection)
                yield from self._receive(worker)
            yield from self._enforce_deadlines()

    def stop(self) -> Generator[tuple[int, int, Any], None, None]:
        """Stop every worker, yielding the results that arrive meanwhile (items
        that finished before the stop reached their worker)."""
        try:
            busy = [worker for worker in self._workers if worker.busy]
            for worker in busy:
                worker.kill(signal.SIGTERM)
            until = time.monotonic() + STOP_SECONDS
            while busy and time.monotonic() < until:
                ready = wait([worker.connection for worker in busy], until - time.monotonic())
                for connection in ready:
                    worker = next(worker for worker in busy if worker.connection is connection)
                    try:
                        chunk, index, result = worker.connection.recv()
                    except (EOFError, OSError):
                        busy.remove(worker)
                        continue
                    if index is None:
                        busy.remove(worker)
                    else:
                        worker.items.popleft()
                        yield chunk, index, result
            for worker in busy:  # deaf to SIGTERM: stuck in code that never checks for signals
                worker.kill()
                worker.process.join()
                if worker.items and self._on_stop is not None:
                    self._on_stop(worker.items[0][1], worker.process.pid)
        finally:
            for worker in self._workers:
                try:
                    worker.connection.send(None)  # an idle worker leaves at once
                except OSError:
                    pass
            for worker in self._workers:
                worker.process.join(STOP_SECONDS)
                worker.kill()
                worker.process.join()
                worker.connection.close()
            self._workers.clear()

    def _hand_out(self) -> None:
        while self._queue:
            idle = next((worker for worker in self._workers if not worker.busy), None)
            if idle is None and len(self._workers) >= self._jobs:
                return
            if idle is None:
                idle = _Worker(self._context, self._function, [worker.connection for worker in self._workers])
                self._workers.append(idle)
            chunk, items = self._queue.popleft()
            idle.give(chunk, items, self._arguments(chunk))

    def _wait_seconds(self, busy: list[_Worker]) -> float | None:
        if self._deadline is None:
            return None
        limits = [worker.started + limit - time.monotonic() for worker in busy
                  if worker.items and (limit := self._deadline(worker.items[0][1])) is not None]
        return max(0.0, min(limits)) if limits else None

    def _receive(self, worker: _Worker) -> Iterator[tuple[int, int, Any]]:
        try:
            chunk, index, result = worker.connection.recv()
        except (EOFError, OSError):
            yield from self._replace(worker, f"the worker process died (exit code {worker.process.exitcode})")
            return
        if index is None:
            worker.chunk = None
            return
        worker.items.popleft()
        worker.started = time.monotonic()
        yield chunk, index, result

    def _enforce_deadlines(self) -> Iterator[tuple[int, int, Any]]:
        if self._deadline is None:
            return
        now = time.monotonic()
        for worker in list(self._workers):
            if not worker.busy or not worker.items:
                continue
            limit = self._deadline(worker.items[0][1])
            if limit is not None and now - worker.started > limit:
                worker.kill()
                worker.process.join()
                if self._on_stop is not None:
                    self._on_stop(worker.items[0][1], worker.process.pid)
                yield from self._replace(worker, f"took more than {limit:g} s and did not stop; killed")

    def _replace(self, worker: _Worker, reason: str) -> Iterator[tuple[int, int, Any]]:
        """The worker is gone: its current item fails, the rest of its chunk goes back in the queue."""
        worker.process.join()
        worker.connection.close()
        self._workers.remove(worker)
        chunk = worker.chunk
        if worker.items and chunk is not None:
            index, _ = worker.items.popleft()
            if worker.items:
                self._queue.appendleft((chunk, list(worker.items)))
            yield chunk, index, Stopped(reason)
