"""Requests that can take long, run in slices on the event loop so that a
`$/cancelRequest`, a keystroke or another request gets through between slices.

pygls answers a request through a future it keeps by request id, and cancels that
future on `$/cancelRequest` (answering RequestCancelled at once).  A handler written as a
generator runs its first part when the request arrives, so it can note what the request
refers to (offsets, document versions) before any later message changes it; it then
yields a coroutine (`Slices`) to pygls, which checks the future between slices and stops
working the moment it is cancelled.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import Future

from pygls.exceptions import JsonRpcException

# Units of work (files, locations, edits) between two looks at the clock.
SLICE = 16
# Work at most this long before letting other messages through, for this long: pygls
# reads stdin in a worker thread, a line at a time, so a message needs a few turns of the
# event loop (and the thread the GIL) to arrive; a bare `sleep(0)` is not enough.
SLICE_SECONDS = 0.005
PAUSE_SECONDS = 0.002


class ContentModified(JsonRpcException):
    """The document changed after the request was made: the answer would point at the wrong text."""

    CODE = -32801


class ServerCancelled(JsonRpcException):
    """The server dropped a request that newer work superseded (LSP 3.17)."""

    CODE = -32802


class Slices:
    """A long request's link to its pygls future, taken when the request arrives."""

    def __init__(self, protocol) -> None:
        """``protocol`` None: background work with no request to answer, paced the same way."""
        self._protocol = protocol
        futures = getattr(protocol, "_request_futures", {})  # pygls has no public handle on it
        msg_id = protocol.msg_id if protocol is not None else None
        self._request: Future | None = futures.get(msg_id) if msg_id is not None else None
        self._since = time.perf_counter()

    @property
    def wanted(self) -> bool:
        return self._request is None or not self._request.done()

    async def pause(self) -> bool:
        """Let other messages through if this request has worked for a while; whether
        it still wants an answer."""
        if time.perf_counter() - self._since >= SLICE_SECONDS:
            await asyncio.sleep(PAUSE_SECONDS)
            self._since = time.perf_counter()
        return self.wanted

    async def settle(self) -> bool:
        """Let messages already sent (a newer change, a cancellation) arrive before
        starting; whether the request still wants an answer."""
        await asyncio.sleep(PAUSE_SECONDS)
        self._since = time.perf_counter()
        return self.wanted

    def done(self) -> None:
        """pygls keeps the coroutine a generator handler yields (and its result) by a
        fresh id it never removes; remove it, or every request would stay in memory."""
        futures = getattr(self._protocol, "_request_futures", None)
        task = asyncio.current_task()
        if futures is None or task is None:
            return
        for key, future in list(futures.items()):
            if future is task:
                del futures[key]
                break
