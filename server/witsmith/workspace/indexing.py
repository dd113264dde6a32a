"""Parsing and summarizing many files in worker processes.

A thread shares the interpreter lock with the language server's event loop: parsing
and summarizing thousands of files in one stalls every keystroke.  Worker processes
do that part instead and return plain, picklable per-file summaries (trees stay in
the process that parsed them); the workspace then takes a summary in place of parsing
a file whose bytes still match (`digest`).  When a pool cannot start or breaks, the
files are simply parsed in-process, as before.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from witsmith.workspace.files import MAX_FILE_BYTES, normalize, walk_files

log = logging.getLogger(__name__)

PARSED_SUFFIXES = (".wit", ".smithy")
# How much lower the workers' scheduling priority is than the server's.
WORKER_NICENESS = 10
# Files handed to a worker at a time: large enough to amortize the round trip.
CHUNK = 16


def digest(source: bytes) -> bytes:
    """A fingerprint of a file's bytes that means the same in every process (``hash``
    of bytes is salted per process)."""
    return hashlib.blake2b(source, digest_size=16).digest()


def summarize_file(path_text: str) -> tuple[str, bytes | None, object | None]:
    """In a worker: one file's summary and the digest of the bytes it was made from
    (None when the file cannot be read or summarized: the workspace does it itself)."""
    path = Path(path_text)
    try:
        with open(path, "rb") as handle:
            if not os.path.isfile(path) or os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES:
                return path_text, None, None
            source = handle.read(MAX_FILE_BYTES + 1)
        from witsmith.syntax import parse

        if path.suffix == ".wit":
            from witsmith.model.wit import summarize

            summary = summarize(parse("wit", source))
        elif path.suffix == ".smithy":
            from witsmith.model.smithy import summarize_idl

            summary = summarize_idl(path, parse("smithy", source))
        else:
            return path_text, None, None
    except Exception:  # noqa: BLE001 - the workspace reads it again and reports what is wrong
        return path_text, None, None
    return path_text, digest(source), summary


def _lower_priority() -> None:
    """In a worker: yield the cores to the editor's own process when both want them."""
    try:
        os.nice(WORKER_NICENESS)
    except (AttributeError, OSError):  # no niceness here, or not allowed: run as is
        pass


def files_to_summarize(roots: Iterable[Path]) -> list[Path]:
    found: dict[Path, None] = {}
    for root in roots:
        for path in walk_files(normalize(root), PARSED_SUFFIXES):
            found.setdefault(path, None)
    return list(found)


class SummaryPool:
    """Worker processes summarizing files; closed (its processes ended) by `close`."""

    def __init__(self, workers: int | None = None) -> None:
        # A worker per core (at most four): they run at a lower priority, so the server's
        # own process still takes a core the moment a keystroke needs it (on two cores,
        # one worker made indexing 40% slower and keystrokes no faster).
        self._workers = workers or max(1, min(4, os.cpu_count() or 1))
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._closed = False

    def summaries(self, paths: list[Path]) -> dict[Path, tuple[bytes, object]]:
        """Summaries of ``paths`` by path, with their digests; blocks, so call it off the
        event loop.  Files a worker could not do are left out (and done in-process)."""
        if not paths:
            return {}
        with self._lock:
            if self._closed:
                return {}
            try:
                # Spawned, not forked: a fork would copy the server's threads and state.
                self._executor = ProcessPoolExecutor(self._workers, mp_context=multiprocessing.get_context("spawn"),
                                                     initializer=_lower_priority)
            except (OSError, ValueError, ImportError, NotImplementedError) as error:
                log.warning("no worker processes (%s); indexing in-process", error)
                return {}
            executor = self._executor
        found: dict[Path, tuple[bytes, object]] = {}
        try:
            for path_text, file_digest, summary in executor.map(summarize_file, [str(p) for p in paths], chunksize=CHUNK):
                if file_digest is not None:
                    found[Path(path_text)] = (file_digest, summary)
        except Exception as error:  # noqa: BLE001 - a broken pool falls back to parsing in-process
            if not self._closed:
                log.warning("worker processes failed (%r); indexing the rest in-process", error)
        finally:
            self._end(executor)
        return found

    def _end(self, executor: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is executor:
                self._executor = None
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        # Workers busy with a chunk would finish it first; nothing needs it any more.
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=2)

    def close(self) -> None:
        """End the worker processes now (at shutdown); later calls index in-process."""
        with self._lock:
            self._closed = True
            executor = self._executor
        if executor is not None:
            self._end(executor)
