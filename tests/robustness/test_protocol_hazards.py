"""What clients and editors do to a server that a polite test client would not."""

from __future__ import annotations

from support.wire import Wire

TEXT = "package a:b;\n\ninterface i {\n    record r { x: u32 }\n}\n"


def open_document(wire: Wire, uri: str, text: str = TEXT) -> None:
    wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "wit", "version": 1, "text": text}}})


def test_the_server_exits_when_the_client_vanishes(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        wire.process.stdin.close()  # the editor crashed: no shutdown, no exit
        # Waits a bounded time for the exit (a server that spins would time out here).
        assert wire.process.wait(timeout=60) is not None
    finally:
        wire.close()


def test_unknown_uris_and_out_of_range_positions_get_empty_answers(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        uri = (tmp_path / "a.wit").as_uri()
        open_document(wire, uri)
        far = {"line": 9999, "character": 9999}
        for request_id, (method, target) in enumerate([
            ("textDocument/hover", uri), ("textDocument/definition", uri), ("textDocument/completion", uri),
            ("textDocument/hover", "untitled:Untitled-1"), ("textDocument/definition", (tmp_path / "gone.wit").as_uri()),
        ], start=10):
            response = wire.request(request_id, method, {"textDocument": {"uri": target}, "position": far})
            assert "error" not in response, response
        negative = wire.request(20, "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        assert "error" not in negative
    finally:
        wire.close()


def test_stale_and_out_of_order_changes_do_not_lose_the_document(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        uri = (tmp_path / "a.wit").as_uri()
        open_document(wire, uri)
        change = {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "// hi\n"}
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                   "params": {"textDocument": {"uri": uri, "version": 1}, "contentChanges": [change]}})
        # A range past the end of the document is clamped, not refused.
        past_end = {"range": {"start": {"line": 50, "character": 0}, "end": {"line": 60, "character": 3}}, "text": "\n"}
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                   "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [past_end]}})
        # A change for a document that was never opened is ignored.
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                   "params": {"textDocument": {"uri": (tmp_path / "never.wit").as_uri(), "version": 3}, "contentChanges": [change]}})
        symbols = wire.request(30, "textDocument/documentSymbol", {"textDocument": {"uri": uri}})["result"]
        interface = next(s for s in symbols if s["name"] == "i")
        assert interface["range"]["start"]["line"] == 3  # moved down by the inserted comment line
    finally:
        wire.close()


def test_cancelled_requests_and_shutdown_then_exit(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        uri = (tmp_path / "a.wit").as_uri()
        open_document(wire, uri)
        wire.send({"jsonrpc": "2.0", "id": 40, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": uri}}})
        wire.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 40}})
        answer = wire.response_to(40)  # answered or cancelled: either way the client hears back
        assert "result" in answer or answer["error"]["code"] == -32800
        assert wire.request(41, "shutdown", None)["result"] is None
        wire.send({"jsonrpc": "2.0", "method": "exit"})
        assert wire.process.wait(timeout=30) == 0
    finally:
        wire.close()
