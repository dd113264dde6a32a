"""What JSON-RPC 2.0 and the Language Server Protocol say to answer at the edges of a
session, sent as raw bytes: messages that are not JSON or far too long, requests
before `initialize` and after `shutdown`, `exit` without `shutdown`."""

from __future__ import annotations

import json
import subprocess
import sys

from support.wire import Wire, frame, read_message

from witsmith.lsp.framing import MAX_MESSAGE_BYTES

TEXT = "package a:b;\n\ninterface i {\n    record r { x: u32 }\n}\n"


def _bare_server() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "witsmith", "serve"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def _send(process: subprocess.Popen, message) -> None:
    process.stdin.write(frame(message))
    process.stdin.flush()


def test_a_body_that_is_not_json_is_answered_with_a_parse_error_when_its_id_can_be_read(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        wire.send(b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {oops')
        response = wire.response_within(7, 120)
        assert response["error"]["code"] == -32700
        wire.send(b"\xff\xfe not even text")  # no id to answer: logged, and the session goes on
        wire.send({"jsonrpc": "2.0", "id": 8, "method": "shutdown"})
        assert wire.response_within(8, 120)["result"] is None
    finally:
        wire.close()


def test_an_oversized_message_is_refused_and_the_server_keeps_serving(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        wire.process.stdin.write(b"Content-Length: 100000000000\r\n\r\n{\"jsonrpc\": \"2.0\", \"method\": \"x\"")
        wire.process.stdin.flush()
        uri = (tmp_path / "a.wit").as_uri()
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "wit", "version": 1, "text": TEXT}}})
        wire.send({"jsonrpc": "2.0", "id": 9, "method": "textDocument/documentSymbol",
                   "params": {"textDocument": {"uri": uri}}})
        symbols = wire.response_within(9, 120)["result"]
        assert "i" in [symbol["name"] for symbol in symbols]
        assert wire.process.poll() is None
    finally:
        wire.close()


def test_requests_before_initialize_get_server_not_initialized():
    process = _bare_server()
    try:
        _send(process, {"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": "file:///a.wit"}, "position": {"line": 0, "character": 0}}})
        _send(process, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": "file:///a.wit", "languageId": "wit", "version": 1, "text": TEXT}}})
        _send(process, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        first, second = read_message(process.stdout), read_message(process.stdout)
        assert (first["id"], first["error"]["code"]) == (1, -32002)
        assert (second["id"], second["error"]["code"]) == (2, -32002)
        _send(process, {"jsonrpc": "2.0", "id": 3, "method": "initialize", "params": {
            "processId": None, "rootUri": None, "capabilities": {}}})
        assert "capabilities" in read_message(process.stdout)["result"]
    finally:
        process.kill()
        process.wait(timeout=30)


def test_requests_after_shutdown_are_invalid_and_exit_ends_with_0(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        wire.send({"jsonrpc": "2.0", "id": 1, "method": "shutdown"})
        assert wire.response_within(1, 120)["result"] is None
        wire.send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol",
                   "params": {"textDocument": {"uri": (tmp_path / "a.wit").as_uri()}}})
        assert wire.response_within(2, 120)["error"]["code"] == -32600
        wire.send({"jsonrpc": "2.0", "method": "exit"})
        assert wire.process.wait(timeout=120) == 0
    finally:
        wire.close()


def test_exit_without_shutdown_ends_with_1(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        wire.send({"jsonrpc": "2.0", "method": "exit"})
        assert wire.process.wait(timeout=120) == 1
    finally:
        wire.close()


def test_a_reversed_semantic_tokens_range_is_empty(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        uri = (tmp_path / "a.wit").as_uri()
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "wit", "version": 1, "text": TEXT}}})
        for request_id, (start, end) in enumerate([((2, 10), (2, 2)), ((3, 5), (1, 0))], start=5):
            wire.send({"jsonrpc": "2.0", "id": request_id, "method": "textDocument/semanticTokens/range", "params": {
                "textDocument": {"uri": uri}, "range": {"start": {"line": start[0], "character": start[1]},
                                                       "end": {"line": end[0], "character": end[1]}}}})
            assert wire.response_within(request_id, 120)["result"] == {"data": []}
    finally:
        wire.close()


def _editor() -> subprocess.Popen:
    """A stand-in for the editor's process, which the test ends."""
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])


def test_the_server_exits_when_the_client_process_named_in_initialize_is_gone(tmp_path):
    editor = _editor()
    process = _bare_server()
    try:
        _send(process, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": editor.pid, "rootUri": tmp_path.as_uri(), "capabilities": {}}})
        assert "capabilities" in read_message(process.stdout)["result"]
        assert process.poll() is None
        editor.kill()
        editor.wait(timeout=30)  # reaped: the process id no longer exists
        # The input stays open, as when a helper of the crashed editor holds the pipe.
        assert process.wait(timeout=120) == 1
    finally:
        editor.kill()
        process.kill()
        process.wait(timeout=30)


def test_the_server_exits_when_the_client_process_named_on_the_command_line_is_gone():
    editor = _editor()
    process = subprocess.Popen([sys.executable, "-m", "witsmith", "serve", "--clientProcessId", str(editor.pid)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        editor.kill()
        editor.wait(timeout=30)
        assert process.wait(timeout=120) == 1
    finally:
        editor.kill()
        process.kill()
        process.wait(timeout=30)


def test_a_lone_surrogate_in_didopen_counts_as_one_utf16_unit(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        uri = (tmp_path / "a.wit").as_uri()
        text = "package a:b;\n/* \ud800 */ interface i {}\n"
        # JSON carries the lone surrogate as the escape `\ud800`, as an editor sends it.
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": text}}})
        wire.send({"jsonrpc": "2.0", "id": 4, "method": "textDocument/documentSymbol",
                   "params": {"textDocument": {"uri": uri}}})
        symbols = wire.response_within(4, 120)["result"]
        interface = next(symbol for symbol in symbols if symbol["name"] == "i")
        assert interface["selectionRange"]["start"] == {"line": 1, "character": 18}
    finally:
        wire.close()


def _pull(wire: Wire, request_id: int, uri: str) -> list[dict]:
    wire.send({"jsonrpc": "2.0", "id": request_id, "method": "textDocument/diagnostic",
               "params": {"textDocument": {"uri": uri}}})
    return wire.response_within(request_id, 120)["result"]["items"]


def _oversized_open(uri: str, text: str, announced: int) -> bytes:
    """The start of a didOpen whose `Content-Length` says ``announced``."""
    start = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "wit", "version": 3, "text": text}}}).encode()
    return b"Content-Length: %d\r\n\r\n" % announced + start


def test_a_file_opened_in_an_oversized_message_is_reported_as_not_checked(tmp_path):
    wire = Wire(tmp_path.as_uri(), {"textDocument": {"diagnostic": {}}})
    uri = (tmp_path / "a.wit").as_uri()
    try:
        # A real one: the whole message is sent, one byte over the limit.
        text = "package a:b;\n" + "/" * (MAX_MESSAGE_BYTES + 1)
        body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "wit", "version": 3, "text": text}}}).encode()
        wire.process.stdin.write(frame(body))
        del text, body
        [problem] = _pull(wire, 1, uri)
        assert problem["code"] == "wit/file-too-large"
        assert f"{MAX_MESSAGE_BYTES:,} bytes witsmith reads in one message" in problem["message"]
        assert problem["range"]["start"] == {"line": 0, "character": 0}
        # Its text is not known: a change to part of it is not applied ...
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 4}, "contentChanges": [{
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}})
        assert [d["code"] for d in _pull(wire, 2, uri)] == ["wit/file-too-large"]
        # ... and one that sends it whole makes it an ordinary document again.
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": TEXT}]}})
        assert _pull(wire, 3, uri) == []
        symbols = wire.request(4, "textDocument/documentSymbol", {"textDocument": {"uri": uri}})["result"]
        assert "i" in [symbol["name"] for symbol in symbols]
    finally:
        wire.close()


def test_a_client_that_announces_more_than_it_sends_loses_only_that_message(tmp_path):
    wire = Wire(tmp_path.as_uri(), {"textDocument": {"diagnostic": {}}})
    uri = (tmp_path / "a.wit").as_uri()
    try:
        wire.process.stdin.write(_oversized_open(uri, TEXT, 10**11))
        wire.send({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}})
        wire.response_within(5, 120)  # the message after the refused one is read
        [problem] = _pull(wire, 6, uri)
        assert problem["code"] == "wit/file-too-large"
        assert "message of 100,000,000,000 bytes" in problem["message"]
    finally:
        wire.close()


def test_an_oversized_request_is_answered_with_an_error(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        start = b'{"jsonrpc": "2.0", "id": 41, "method": "workspace/symbol", "params": {"query": "'
        wire.process.stdin.write(b"Content-Length: %d\r\n\r\n" % 10**11 + start)
        wire.send({"jsonrpc": "2.0", "id": 42, "method": "shutdown"})
        refused = wire.response_within(41, 120)
        assert refused["error"]["code"] == -32600
        assert "100,000,000,000 bytes" in refused["error"]["message"]
        assert wire.response_within(42, 120)["result"] is None
    finally:
        wire.close()
