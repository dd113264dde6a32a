"""Ending the server when the editor that started it is gone.

An editor that crashes can leave the server's input open (a helper process holds the
pipe), so the server would run on for ever.  The editor names its process in
`initialize` (`processId`) or on the command line (`--clientProcessId`); a thread
checks now and then that the process still exists, and ends the server when it does
not.  The thread does not wait for the event loop, which may be busy.
"""

from __future__ import annotations

import logging
import os
import threading

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0
_watched: set[int] = set()


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except OSError:
        return True  # unknown: never end the server on a guess
    return True


def watch(pid: int | None) -> None:
    """End this process when process ``pid`` ends (POSIX only: elsewhere, signal 0
    is not a question)."""
    if pid is None or pid <= 0 or pid in _watched or os.name != "posix":
        return
    _watched.add(pid)

    def poll() -> None:
        stop = threading.Event()
        while not stop.wait(POLL_SECONDS):
            if not process_exists(pid):
                log.error("the client process %d is gone; the server exits", pid)
                # Nothing to save (the server writes no files), and the input reader
                # may be blocked in a read that never returns: end at once.
                os._exit(1)

    threading.Thread(target=poll, name=f"watch-client-{pid}", daemon=True).start()
