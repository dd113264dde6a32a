"""What is read of a message refused for its size: its envelope, never its contents."""

from __future__ import annotations

import io
import json

from witsmith.lsp.framing import FrameReader, read_refused


def _start(message: dict, cut: int) -> bytes:
    return json.dumps(message).encode()[:cut]


def test_the_envelope_and_document_of_a_refused_didopen_are_read():
    text = 'namespace a\n@id("x") "uri": "file:///elsewhere" {"id": 9, "method": "shutdown"}\n' * 50
    start = _start({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file:///w/a%20b.smithy", "languageId": "smithy", "version": 12, "text": text}}}, 3000)
    refused = read_refused(start, 10**9)
    assert (refused.method, refused.request_id, refused.uri, refused.version) == (
        "textDocument/didOpen", None, "file:///w/a%20b.smithy", 12)


def test_a_document_text_is_never_taken_for_an_envelope():
    # Keys in another order: the text comes before the uri and is cut off before it.
    text = '{"id": 9, "method": "shutdown", "uri": "file:///elsewhere"}' * 100
    start = _start({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "text": text, "uri": "file:///w/a.smithy"}}}, 2000)
    refused = read_refused(start, 10**9)
    assert (refused.method, refused.request_id, refused.uri) == ("textDocument/didOpen", None, None)


def test_a_refused_request_keeps_its_id():
    start = _start({"jsonrpc": "2.0", "id": "r-7", "method": "workspace/symbol", "params": {"query": "q" * 500}}, 200)
    refused = read_refused(start, 10**9)
    assert (refused.request_id, refused.method, refused.uri) == ("r-7", "workspace/symbol", None)


def test_the_prefix_of_a_short_body_stops_at_the_next_header():
    stream = io.BytesIO(b'{"jsonrpc": "2.0", "id": 3, "method": "x"Content-Length: 2\r\n\r\n{}')
    reader = FrameReader(stream)
    prefix, next_met = reader.oversized_prefix(1 << 16)
    assert (prefix, next_met) == (b'{"jsonrpc": "2.0", "id": 3, "method": "x"', True)
    assert reader.readline() == b"Content-Length: 2\r\n"


def test_the_prefix_of_a_long_body_is_bounded():
    reader = FrameReader(io.BytesIO(b"a" * 100 + b"\n" + b"b" * 100))
    assert reader.oversized_prefix(150) == (b"a" * 100 + b"\n" + b"b" * 49, False)
    reader = FrameReader(io.BytesIO(b"abc"))
    assert reader.oversized_prefix(150) == (b"abc", None)
