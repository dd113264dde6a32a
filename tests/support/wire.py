"""A bare JSON-RPC connection to `witsmith serve`, for bytes no client library would send."""

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


class Wire:
    def __init__(self, root_uri: str, capabilities: dict | None = None) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "witsmith", "serve"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.send({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                   "params": {"processId": None, "rootUri": root_uri, "capabilities": capabilities or {}}})
        assert "capabilities" in self.response_to(0)["result"]
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def send(self, message: dict | bytes) -> None:
        self.process.stdin.write(frame(message))
        self.process.stdin.flush()

    def request(self, request_id: int, method: str, params: dict) -> dict:
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        return self.response_to(request_id)

    def response_to(self, request_id: int) -> dict:
        while True:
            message = read_message(self.process.stdout)
            if message.get("id") == request_id and "method" not in message:
                return message

    def response_within(self, request_id: int, seconds: float) -> dict:
        """The response to a request, or a test failure after ``seconds`` (a hung server
        must fail the test, not hang it)."""
        import threading

        answer: list[dict] = []
        reader = threading.Thread(target=lambda: answer.append(self.response_to(request_id)), daemon=True)
        reader.start()
        reader.join(seconds)
        if not answer:
            self.process.kill()
            raise AssertionError(f"no response to request {request_id} within {seconds} s")
        return answer[0]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
