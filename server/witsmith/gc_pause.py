"""Pause Python's cyclic garbage collector while building large object graphs.

Summarizing a multi-megabyte model allocates hundreds of thousands of objects that
all stay alive; each allocation burst triggers collections that walk everything
allocated so far, which made loading such a model two to three times slower than
the work itself. Nothing built there is garbage, so collection waits until the
outermost pause ends (reference counting still frees everything else at once).
"""

from __future__ import annotations

import atexit
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


# The collector's first threshold (700 allocations by default) suits small programs; a
# process that keeps megabytes of model summaries alive pays for a young collection every
# few hundred nodes and for full collections soon after each pause above ends.  Larger
# thresholds keep the collector's share of a large model's first check small.
LARGE_GRAPH_THRESHOLDS = (100_000, 50, 100)


_holds_large_graphs = False


def tune_for_large_graphs() -> None:
    """Collect less often: for processes (the server, `witsmith check`) that hold large models."""
    global _holds_large_graphs
    _holds_large_graphs = True
    gc.set_threshold(*LARGE_GRAPH_THRESHOLDS)


def set_aside_live_objects() -> bool:
    """Exclude every object alive now from the collector's later walks; whether it was
    done (only in a process tuned for large graphs: a test or a library keeps Python's
    usual collector).

    For the moment a workspace index has been built: its objects are nearly all that
    is alive, and stay so until edits replace them.  Otherwise young collections walk
    them as they are built, and a full collection walks all of them (half a second
    for a thousand files) whenever the user happens to type.  Reference counting
    still frees them when an edit replaces them; that is why the index's models hold
    no reference cycles (a cycle among objects set aside is never freed).  Setting
    aside is a moment's work; counting what was set aside would walk it all.
    """
    if not _holds_large_graphs:
        return False
    gc.freeze()
    return True


def skip_collection_at_exit() -> None:
    """End a one-shot command without the interpreter's final collection: at exit it
    walks every object still alive (a large model's whole graph: a third of the time of
    checking it), only to find no garbage. Frozen objects are not walked."""
    atexit.register(gc.freeze)
