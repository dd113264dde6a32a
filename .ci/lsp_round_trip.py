"""One Language Server Protocol round trip with an installed `witsmith serve`.

Usage: python lsp_round_trip.py WITSMITH_EXECUTABLE FILE

Starts the server on standard input/output, initializes it with FILE's folder as
the workspace, opens FILE with a syntax error appended, waits for the pushed
diagnostics that report it, then shuts the server down and requires exit code 0.
Only the standard library is used, so it runs against any install of witsmith.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Empty, Queue

TIMEOUT = 60.0


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_messages(stream, queue: Queue) -> None:
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                queue.put(None)
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        queue.put(json.loads(stream.read(length)))


def main() -> int:
    executable, file = sys.argv[1], Path(sys.argv[2]).resolve()
    language = "smithy" if file.suffix == ".smithy" else "wit"
    text = file.read_text(encoding="utf-8") + "\n}}} not valid here\n"
    server = subprocess.Popen([executable, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    messages: Queue = Queue()
    threading.Thread(target=read_messages, args=(server.stdout, messages), daemon=True).start()

    def send(message: dict) -> None:
        server.stdin.write(frame(message))
        server.stdin.flush()

    def wait_for(predicate) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                message = messages.get(timeout=max(0.0, deadline - time.monotonic()))
            except Empty:
                raise SystemExit("the server did not answer in time") from None
            if message is None:
                raise SystemExit("the server closed its output")
            if "id" in message and "method" in message:  # a request from the server
                send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            if predicate(message):
                return message

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": file.parent.as_uri(), "capabilities": {},
        "workspaceFolders": [{"uri": file.parent.as_uri(), "name": file.parent.name}]}})
    init = wait_for(lambda m: m.get("id") == 1 and "method" not in m)
    if "result" not in init or "capabilities" not in init["result"]:
        raise SystemExit(f"initialize failed: {init}")
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": file.as_uri(), "languageId": language, "version": 1, "text": text}}})
    published = wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == file.as_uri() and m["params"]["diagnostics"])
    codes = sorted({d.get("code") for d in published["params"]["diagnostics"]})
    if f"{language}/syntax-error" not in codes:
        raise SystemExit(f"expected a syntax error, got {codes}")
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    wait_for(lambda m: m.get("id") == 2 and "method" not in m)
    send({"jsonrpc": "2.0", "method": "exit"})
    code = server.wait(timeout=TIMEOUT)
    if code != 0:
        raise SystemExit(f"the server exited with {code} after shutdown and exit")
    print(f"witsmith serve: initialize, diagnostics ({', '.join(codes)}), shutdown: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
