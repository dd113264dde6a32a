"""Long work run a slice at a time, so that an event loop can answer between slices.

A full check of a long file (summarizing it again, resolving its thousands of
items) takes hundreds of milliseconds of Python; run at once on the language
server's event loop, every keystroke and request that arrives meanwhile waits for
all of it.  `Paced` runs such work in a thread of its own, but never at the same
time as its caller: the caller hands it control (`step`), the work runs until it
has worked for `SLICE_SECONDS` and reaches a place that calls `pace()`, then hands
control back.  The work and the caller thus take turns as a generator and its
consumer would, with no lock and no code of the work rewritten as generators; in
any other thread `pace()` does nothing.

While the work is paused, the caller may read what the work has changed so far;
anything that changes the same state must first let the work end (`finish`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

SLICE_SECONDS = 0.004

_local = threading.local()


class Abandoned(BaseException):
    """Raised in the work at its next `pace()` when the caller no longer wants it."""


def pace() -> None:
    """In work run by `Paced`: hand control back if this slice has run long enough."""
    paced = getattr(_local, "paced", None)
    if paced is not None and time.perf_counter() - paced._since >= paced._slice_seconds:
        paced._yield()


T = TypeVar("T")


def in_slices(items: Iterable[T], every: int = 32) -> Iterator[T]:
    """``items``, calling `pace()` before every ``every``-th: a rule's walk over the
    thousands of shapes or references of a large model, cut where the caller asks."""
    for index, item in enumerate(items):
        if index % every == 0:
            pace()
        yield item


class Paced:
    """``work()`` run a slice at a time, in turns with the thread that steps it."""

    def __init__(self, work: Callable[[], object], slice_seconds: float = SLICE_SECONDS) -> None:
        self._work = work
        self._slice_seconds = slice_seconds
        self._turn = threading.Condition()
        self._working = False  # whose turn it is: the work's or the caller's
        self._abandon = False
        self._since = 0.0
        self.done = False
        self.busy = 0.0  # seconds the caller waited for slices: what the work cost it
        self.result: object = None
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        _local.paced = self
        try:
            self._wait_for_turn()
            self.result = self._work()
        except Abandoned:
            pass
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            self.error = error
        finally:
            _local.paced = None
            with self._turn:
                self.done = True
                self._working = False
                self._turn.notify_all()

    def _wait_for_turn(self) -> None:
        with self._turn:
            while not self._working:
                self._turn.wait()
        if self._abandon:
            raise Abandoned
        self._since = time.perf_counter()

    def _yield(self) -> None:
        with self._turn:
            self._working = False
            self._turn.notify_all()
        self._wait_for_turn()

    def step(self) -> bool:
        """Run one slice of the work (the caller waits for it); whether the work has ended."""
        if self.done:
            return True
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="witsmith-paced", daemon=True)
            self._thread.start()
        began = time.perf_counter()
        with self._turn:
            self._working = True
            self._turn.notify_all()
            while self._working:
                self._turn.wait()
        self.busy += time.perf_counter() - began
        if self.done and self.error is not None:
            error, self.error = self.error, None
            raise error
        return self.done

    def finish(self) -> object:
        """Run the rest of the work at once; its result."""
        while not self.step():
            pass
        return self.result

    def abandon(self) -> None:
        """Stop the work at its next `pace()` (what it changed so far stays changed)."""
        if self.done or self._thread is None:
            self.done = True
            return
        self._abandon = True
        self.step()
