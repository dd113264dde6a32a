"""Bytes on the wire no client library would send: malformed JSON, bad params."""

from __future__ import annotations

import json
import subprocess
import sys


def frame(message: dict | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream) -> dict:
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise AssertionError("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stream.read(length))


def response_to(stream, request_id: int) -> dict:
    while True:
        message = read_message(stream)
        if message.get("id") == request_id and "method" not in message:
            return message


def test_malformed_messages_get_errors_and_the_server_keeps_serving(tmp_path):
    server = subprocess.Popen([sys.executable, "-m", "witsmith", "serve"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        send = lambda message: (server.stdin.write(frame(message)), server.stdin.flush())  # noqa: E731
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}})
        assert "capabilities" in response_to(server.stdout, 1)["result"]
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

        send(b"{this is not json")
        send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol", "params": {"textDocument": 42}})
        assert response_to(server.stdout, 2)["error"]["code"] in (-32602, -32603)
        send({"jsonrpc": "2.0", "id": 3, "method": "witsmith/noSuchMethod", "params": {}})
        assert response_to(server.stdout, 3)["error"]["code"] == -32601

        uri = (tmp_path / "a.wit").as_uri()
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "wit", "version": 1, "text": "package a:b;\ninterface i {}\n"}}})
        send({"jsonrpc": "2.0", "id": 4, "method": "textDocument/documentSymbol",
              "params": {"textDocument": {"uri": uri}}})
        symbols = response_to(server.stdout, 4)["result"]
        assert any(symbol["name"] == "i" for symbol in symbols)

        send({"jsonrpc": "2.0", "id": 5, "method": "shutdown"})
        response_to(server.stdout, 5)
        send({"jsonrpc": "2.0", "method": "exit"})
        assert server.wait(timeout=30) == 0
    finally:
        if server.poll() is None:
            server.kill()
