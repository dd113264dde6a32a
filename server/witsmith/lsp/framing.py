"""Reading JSON-RPC messages off standard input, for bytes no polite client sends.

pygls's own loop reads whatever `Content-Length` announces (10**11 bytes end the
process) and answers a body that is not JSON with silence.  This loop refuses an
oversized message and finds the next header, and answers a body that is not JSON
with a parse error (-32700) when the request's id can still be read from it.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from typing import Any

from pygls.exceptions import JsonRpcParseError

log = logging.getLogger(__name__)

# Far above any real message (a 4 MiB file in a didOpen is a few MiB of JSON).
MAX_MESSAGE_BYTES = 64 * 1024 * 1024

_CONTENT_LENGTH = re.compile(rb"content-length\s*:\s*(\d+)\s*$", re.IGNORECASE)
_HEADER_START = re.compile(rb"content-length\s*:", re.IGNORECASE)
_ID = re.compile(rb'"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')


def recover_id(body: bytes) -> int | str | None:
    """The id of a request whose body is not valid JSON, when it can still be read."""
    match = _ID.search(body)
    if match is None:
        return None
    try:
        return json.loads(match.group(1))
    except ValueError:
        return None


class FrameReader:
    """Header lines and bodies from a stream, with a line pushed back when a skipped
    oversized body runs into the next message's header."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self._pushed: bytes | None = None

    def readline(self) -> bytes:
        if self._pushed is not None:
            line, self._pushed = self._pushed, None
            return line
        return self._stream.readline()

    def read(self, count: int) -> bytes:
        chunks, total = [], 0
        while total < count:
            chunk = self._stream.read(min(count - total, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)

    def skip_to_next_header(self) -> bool:
        """Drop bytes up to the next `Content-Length` line (kept for the next read)."""
        while True:
            line = self._stream.readline(1 << 20)
            if not line:
                return False
            found = _HEADER_START.search(line)
            if found and _CONTENT_LENGTH.match(line[found.start():].strip()):
                self._pushed = line[found.start():]  # the rest of a body may precede it on the line
                return True


async def serve_messages(stop_event: threading.Event, reader: FrameReader, protocol, executor) -> None:
    """Read framed messages and hand each to ``protocol`` until the input ends."""
    import asyncio

    loop = asyncio.get_running_loop()
    while not stop_event.is_set():
        length = None
        while True:  # headers, up to an empty line
            line = await loop.run_in_executor(executor, reader.readline)
            if not line:
                return
            if not line.strip():
                if length is not None:
                    break
                continue  # stray blank line between messages
            match = _CONTENT_LENGTH.match(line.strip())
            if match:
                length = int(match.group(1))
        if length > MAX_MESSAGE_BYTES:
            log.error("refused a message of %d bytes (the limit is %d); looking for the next one",
                      length, MAX_MESSAGE_BYTES)
            if not await loop.run_in_executor(executor, reader.skip_to_next_header):
                return
            continue
        body = await loop.run_in_executor(executor, reader.read, length)
        if len(body) < length:
            return  # the input ended inside a message
        _handle(protocol, body)


def _handle(protocol, body: bytes) -> None:
    try:
        message: Any = json.loads(body, object_hook=protocol.structure_message)
    except ValueError as error:  # not JSON (UnicodeDecodeError is one too)
        request_id = recover_id(body)
        log.error("a message that is not JSON (%s)%s", error,
                  "" if request_id is not None else "; no request id to answer")
        if request_id is not None:
            protocol._send_response(request_id, error=JsonRpcParseError(
                f"the message is not valid JSON: {error}").to_response_error())
        return
    except Exception:  # noqa: BLE001 - one bad message must not end the session
        log.exception("could not read a message")
        return
    try:
        protocol.handle_message(message)
    except Exception:  # noqa: BLE001 - as pygls: log, and keep serving
        log.exception("could not handle a message")
