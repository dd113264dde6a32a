"""Protocol-level fuzzing: random frames, methods and params sent to the real server.

    python -m benchmarks.protocol_fuzz [--seconds 300] [--seed N]

Sends well-framed messages with random content: requests for every method the
protocol knows (and some it does not) with random params, random notifications,
bodies that are not JSON, JSON that is not a message, string and numeric ids, and
now and then a frame announcing far more bytes than it has.  Every request must be
answered (a result or an error) and the server must stay up; internal errors
(-32603) are listed, since each is a handler that trusted its params.  The run is
bounded in time and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from lsprotocol import types

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from support.wire import Wire, read_message  # noqa: E402

# Messages that end or restart the session are not sent at random.
_NOT_AT_RANDOM = {types.INITIALIZE, types.SHUTDOWN, types.EXIT}
REQUESTS = sorted(m for m, (request, *_) in types.METHOD_TO_TYPES.items()
                  if m not in _NOT_AT_RANDOM and request is not None and hasattr(request, "id")
                  and not m.startswith(("window/", "client/", "workspace/applyEdit", "workspace/configuration",
                                        "workspace/workspaceFolders", "workspace/codeLens/refresh",
                                        "workspace/semanticTokens/refresh", "workspace/inlayHint/refresh",
                                        "workspace/inlineValue/refresh", "workspace/diagnostic/refresh",
                                        "workspace/foldingRange/refresh", "workspace/textDocumentContent/refresh")))
REQUESTS += ["witsmith/unknown", "$/unknownRequest"]
NOTIFICATIONS = ["textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "textDocument/didSave",
                 "workspace/didChangeWatchedFiles", "workspace/didChangeConfiguration", "$/setTrace",
                 "$/cancelRequest", "$/unknown", "witsmith/unknownNotification"]
TEXTS = ["package a:b;\n\ninterface i {\n    record r { x: u32 }\n}\n",
         "namespace a.b\n\nstructure S {\n    x: String\n}\n", "", "\ud800", "{{{{", "é日本🦀\r\n\r"]


class Fuzzer:
    def __init__(self, root: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.root = root
        self.uris = [(root / name).as_uri() for name in ("a.wit", "b.smithy", "c.json", "missing.wit")]
        self.uris += ["untitled:Untitled-1", "file:///", "not a uri", ""]

    # -- random values -------------------------------------------------------
    def number(self):
        return self.rng.choice([0, 1, 2, 5, -1, 2**31 - 1, 2**31, -(2**31), 10**15, 3.5])

    def position(self):
        return {"line": self.number(), "character": self.number()} if self.rng.random() < 0.8 else self.junk(1)

    def junk(self, depth: int = 0):
        pick = self.rng.random()
        if depth > 2 or pick < 0.3:
            return self.rng.choice([None, True, 0, -7, 1.5, "", "x", "\ud800", "../../etc", [], {}])
        if pick < 0.6:
            return [self.junk(depth + 1) for _ in range(self.rng.randrange(3))]
        return {self.rng.choice(["uri", "textDocument", "position", "range", "query", "x"]): self.junk(depth + 1)
                for _ in range(self.rng.randrange(3))}

    def params(self):
        """Params that look like the protocol's often enough to reach the handlers."""
        document = {"uri": self.rng.choice(self.uris)}
        span = {"start": self.position(), "end": self.position()}
        fields = {
            "textDocument": document, "position": self.position(), "range": span,
            "context": self.rng.choice([{"includeDeclaration": True}, {"diagnostics": []}, {"triggerKind": 1}, None]),
            "query": self.rng.choice(["", "a", "*", "\ud800", "x" * 300]), "positions": [self.position()],
            "newName": self.rng.choice(["b", "", "not a name", "x" * 100]), "options": {"tabSize": 4, "insertSpaces": True},
            "item": self.junk(), "ch": "\n", "settings": self.junk(), "changes": [], "data": self.junk(),
            "identifier": "witsmith", "previousResultIds": [], "previousResultId": None,
            "contentChanges": [{"text": self.rng.choice(TEXTS)}],
        }
        if self.rng.random() < 0.15:
            return self.junk()
        return {key: value for key, value in fields.items() if self.rng.random() < 0.7}

    def notification(self) -> dict:
        method = self.rng.choice(NOTIFICATIONS)
        if method == "textDocument/didOpen" and self.rng.random() < 0.7:
            params = {"textDocument": {"uri": self.rng.choice(self.uris), "languageId": self.rng.choice(["wit", "smithy", "x"]),
                                       "version": self.number(), "text": self.rng.choice(TEXTS)}}
        else:
            params = self.params()
        return {"jsonrpc": "2.0", "method": method, "params": params}


def fuzz_frames(seconds: float, seed: int, answer_seconds: float = 60) -> dict:
    stats = {"requests": 0, "notifications": 0, "malformed": 0, "internal_errors": [], "unanswered": [],
             "crashed": None, "answers": Counter()}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a.wit").write_text(TEXTS[0])
        (root / "b.smithy").write_text(TEXTS[1])
        wire = Wire(root.as_uri(), capabilities={"textDocument": {"diagnostic": {}}})
        fuzzer = Fuzzer(root, seed)
        rng = fuzzer.rng
        answers: dict = {}
        reader_done = threading.Event()

        def read_all() -> None:
            try:
                while True:
                    message = read_message(wire.process.stdout)
                    if "method" not in message and "id" in message:
                        answers[json.dumps(message["id"])] = message
            except Exception:  # noqa: BLE001 - the server closed its output
                reader_done.set()

        threading.Thread(target=read_all, daemon=True).start()
        try:
            deadline = time.monotonic() + seconds
            serial = 1000
            while time.monotonic() < deadline and not reader_done.is_set():
                serial += 1
                choice = rng.random()
                if choice < 0.55:
                    request_id = serial if rng.random() < 0.8 else f"id-{serial}"
                    method = rng.choice(REQUESTS)
                    wire.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": fuzzer.params()})
                    stats["requests"] += 1
                    waited = time.monotonic()
                    key = json.dumps(request_id)
                    while key not in answers and time.monotonic() - waited < answer_seconds and not reader_done.is_set():
                        time.sleep(0.002)
                    answer = answers.pop(key, None)
                    if answer is not None:
                        stats["answers"]["result" if "result" in answer else answer["error"].get("code")] += 1
                    if answer is None:
                        stats["unanswered"].append(method)
                    elif answer.get("error", {}).get("code") == -32603:
                        stats["internal_errors"].append((method, answer["error"].get("message", "")[:200]))
                elif choice < 0.85:
                    wire.send(fuzzer.notification())
                    stats["notifications"] += 1
                elif choice < 0.95:
                    body = rng.choice([b"{not json", b'{"jsonrpc": "2.0", "id": %d, "method": "x", ' % serial,
                                       b"42", b"[]", b'"text"', b"null", b"\xff\xfe\x00", b"{}",
                                       b'{"jsonrpc": "1.0", "id": 1, "method": "textDocument/hover"}'])
                    wire.send(body)
                    stats["malformed"] += 1
                else:
                    # A frame that announces far more than it holds: the server must refuse
                    # it and find the next message.
                    wire.process.stdin.write(b"Content-Length: %d\r\n\r\n{\"jsonrpc\"" % rng.choice([10**11, 2**63]))
                    wire.process.stdin.flush()
                    stats["malformed"] += 1
            if wire.process.poll() is not None or reader_done.is_set():
                stats["crashed"] = f"the server ended (status {wire.process.poll()})"
            else:
                wire.send({"jsonrpc": "2.0", "id": "last", "method": "shutdown"})
                waited = time.monotonic()
                while '"last"' not in answers and time.monotonic() - waited < answer_seconds:
                    time.sleep(0.01)
                if '"last"' not in answers:
                    stats["unanswered"].append("shutdown")
                wire.send({"jsonrpc": "2.0", "method": "exit"})
                if wire.process.wait(timeout=answer_seconds) != 0:
                    stats["crashed"] = f"exit after shutdown ended with {wire.process.returncode}"
        finally:
            wire.close()
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    stats = fuzz_frames(args.seconds, args.seed)
    print(f"seed {args.seed}: {stats['requests']} requests, {stats['notifications']} notifications, "
          f"{stats['malformed']} malformed frames; {len(stats['unanswered'])} unanswered, "
          f"{len(stats['internal_errors'])} internal errors, crashed: {stats['crashed'] or 'no'}")
    print("  answers: " + ", ".join(f"{kind}: {count}" for kind, count in stats["answers"].most_common()))
    for method, message in stats["internal_errors"][:20]:
        print(f"  internal error in {method}: {message}")
    for method in stats["unanswered"][:20]:
        print(f"  unanswered: {method}")
    return 1 if stats["unanswered"] or stats["crashed"] else 0


if __name__ == "__main__":
    sys.exit(main())
