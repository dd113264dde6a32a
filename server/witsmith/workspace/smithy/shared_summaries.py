"""Summaries of JSON AST models shared by the workspaces of one process.

Service models in JSON run to megabytes and take seconds to summarize. The language
server builds a fresh workspace for each background index while the one in use loads
the opened file's project on demand: without sharing, both summarize the same large
file at once, each at half speed. Summaries are immutable once made, so one made
for the same path and bytes serves every workspace; a second asker waits for the
first instead of doing the work again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from witsmith.model.smithy import FileSummary

# Only large models are worth keeping; a few of them at most.
MIN_BYTES = 256 * 1024
MAX_ENTRIES = 8

_entries: OrderedDict[Path, tuple[bytes, FileSummary]] = OrderedDict()
_locks: dict[Path, threading.Lock] = {}
_guard = threading.Lock()


def summary(path: Path, source: bytes, make: Callable[[], FileSummary]) -> FileSummary:
    if len(source) < MIN_BYTES:
        return make()
    with _guard:
        lock = _locks.setdefault(path, threading.Lock())
    with lock:
        with _guard:
            found = _entries.get(path)
            if found is not None and found[0] == source:
                _entries.move_to_end(path)
                return found[1]
        made = make()
        with _guard:
            _entries[path] = (source, made)
            _entries.move_to_end(path)
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
        return made
