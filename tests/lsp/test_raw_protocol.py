"""Bytes on the wire no client library would send: malformed JSON, bad params."""

from __future__ import annotations

from support.wire import Wire


def test_malformed_messages_get_errors_and_the_server_keeps_serving(tmp_path):
    wire = Wire(tmp_path.as_uri())
    try:
        wire.send(b"{this is not json")
        response = wire.request(2, "textDocument/documentSymbol", {"textDocument": 42})
        assert response["error"]["code"] in (-32602, -32603)
        assert wire.request(3, "witsmith/noSuchMethod", {})["error"]["code"] == -32601

        uri = (tmp_path / "a.wit").as_uri()
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "wit", "version": 1, "text": "package a:b;\ninterface i {}\n"}}})
        symbols = wire.request(4, "textDocument/documentSymbol", {"textDocument": {"uri": uri}})["result"]
        assert any(symbol["name"] == "i" for symbol in symbols)

        wire.request(5, "shutdown", None)
        wire.send({"jsonrpc": "2.0", "method": "exit"})
        assert wire.process.wait(timeout=30) == 0
    finally:
        wire.close()
