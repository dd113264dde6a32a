"""Reading JSON-RPC messages off standard input, for bytes no polite client sends.

pygls's own loop reads whatever `Content-Length` announces (10**11 bytes end the
process) and answers a body that is not JSON with silence.  This loop refuses an
oversized message and finds the next header, and answers a body that is not JSON
with a parse error (-32700) when the request's id can still be read from it.  What
an oversized message was is read from its first bytes: a request gets an error
answer, and a document it opened or changed is reported as not checked.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from typing import Any, Callable

from pygls.exceptions import JsonRpcInvalidRequest, JsonRpcParseError

log = logging.getLogger(__name__)

# Far above any real message (a 4 MiB file in a didOpen is a few MiB of JSON).
MAX_MESSAGE_BYTES = 64 * 1024 * 1024

_CONTENT_LENGTH = re.compile(rb"content-length\s*:\s*(\d+)\s*$", re.IGNORECASE)
_HEADER_START = re.compile(rb"content-length\s*:", re.IGNORECASE)
_ID = re.compile(rb'"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')
_METHOD = re.compile(rb'"method"\s*:\s*("(?:[^"\\]|\\.)*")')
_URI = re.compile(rb'"uri"\s*:\s*("(?:[^"\\]|\\.)*")')
_PARAMS = re.compile(rb'"params"\s*:')
_VERSION = re.compile(rb'"version"\s*:\s*(\d{1,18})\b')
# How much of an oversized message is read to learn what it was: its envelope and the
# document it names come first in what every client sends.
OVERSIZED_PREFIX_BYTES = 64 * 1024


def recover_id(body: bytes) -> int | str | None:
    """The id of a request whose body is not valid JSON, when it can still be read."""
    match = _ID.search(body)
    if match is None:
        return None
    try:
        return json.loads(match.group(1))
    except ValueError:
        return None


@dataclass(frozen=True)
class RefusedMessage:
    """What could be read of a message refused for its size."""

    length: int
    method: str | None
    request_id: int | str | None
    uri: str | None  # the document of a textDocument/... message
    version: int | None = None  # and its version, when it names one


def read_refused(prefix: bytes, length: int) -> RefusedMessage:
    """The envelope of an oversized message, from its first bytes.  An id or method is
    taken only before `params`, where a document's own text cannot be mistaken for it."""
    params = _PARAMS.search(prefix)
    envelope = prefix[:params.start()] if params else prefix
    method = _json_string(_METHOD.search(envelope))
    uri = version = None
    if params and method and method.startswith("textDocument/"):
        uri = _json_string(_URI.search(prefix, params.end()))
        found = _VERSION.search(prefix, params.end())
        version = int(found.group(1)) if found else None
    return RefusedMessage(length, method, recover_id(envelope), uri, version)


def _json_string(match) -> str | None:
    if match is None:
        return None
    try:
        value = json.loads(match.group(1))
    except ValueError:
        return None
    return value if isinstance(value, str) else None


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

    def oversized_prefix(self, limit: int) -> tuple[bytes, bool | None]:
        """The first bytes (up to ``limit``) of a body that is being skipped, and
        whether the next message's header was met in them (then kept for the next
        read), or None when the input ended.  Read by lines: a client that announced
        more than it sent is followed by its next message, which must not be lost."""
        chunks, total = [], 0
        while total < limit:
            line = self._stream.readline(limit - total)
            if not line:
                return b"".join(chunks), None
            found = _HEADER_START.search(line)
            if found and _CONTENT_LENGTH.match(line[found.start():].strip()):
                self._pushed = line[found.start():]
                chunks.append(line[:found.start()])
                return b"".join(chunks), True
            chunks.append(line)
            total += len(line)
        return b"".join(chunks), False

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


async def serve_messages(stop_event: threading.Event, reader: FrameReader, protocol, executor,
                         on_refused: Callable[[RefusedMessage], None] | None = None) -> None:
    """Read framed messages and hand each to ``protocol`` until the input ends;
    ``on_refused`` learns of each message refused for its size."""
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
            prefix, next_met = await loop.run_in_executor(executor, reader.oversized_prefix, OVERSIZED_PREFIX_BYTES)
            refused = read_refused(prefix, length)
            log.error("refused a message of %d bytes (the limit is %d; method %s); looking for the next one",
                      length, MAX_MESSAGE_BYTES, refused.method or "unknown")
            _refuse(protocol, refused, on_refused)
            if next_met is None or (not next_met and not await loop.run_in_executor(executor, reader.skip_to_next_header)):
                return
            continue
        body = await loop.run_in_executor(executor, reader.read, length)
        if len(body) < length:
            return  # the input ended inside a message
        _handle(protocol, body)


def _refuse(protocol, refused: RefusedMessage, on_refused) -> None:
    if refused.request_id is not None:
        # A request left unanswered would leave its client waiting for ever.
        protocol._send_response(refused.request_id, error=JsonRpcInvalidRequest(
            f"the message is {refused.length:,} bytes, over the {MAX_MESSAGE_BYTES:,} bytes "
            "witsmith reads in one message; it was not read").to_response_error())
    if on_refused is not None:
        try:
            on_refused(refused)
        except Exception:  # noqa: BLE001 - one bad message must not end the session
            log.exception("could not report a refused message")


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
