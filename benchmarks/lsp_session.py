"""The real server over stdio, driven as an editor drives it.

Opens a 20,000-line Smithy model and a file of a 200-file WIT workspace, types 50
one-character edits 30 ms apart, and times each edit to its published diagnostics;
then times requests at random positions.  Peak RSS comes from the server's /proc.
"""

from __future__ import annotations

import itertools
import json
import queue
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.generators import smithy_model, wit_package

CAPABILITIES = {  # a client that takes pushed diagnostics and UTF-16 positions
    "textDocument": {"hover": {"contentFormat": ["markdown"]}, "completion": {"completionItem": {"snippetSupport": True}},
                     "publishDiagnostics": {"versionSupport": True}},
    "window": {"workDoneProgress": False},
}


class StdioClient:
    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "witsmith", "serve"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        # Every publishDiagnostics, by the reader thread: whatever request loop consumes it.
        self.published: list[dict] = []
        self.ids = itertools.count(1)
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": CAPABILITIES,
                                    "workspaceFolders": [{"uri": root.as_uri(), "name": "bench"}]})
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if message.get("method") == "textDocument/publishDiagnostics":
                self.published.append(message["params"])
            self.messages.put((time.perf_counter(), message))

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> float:
        sent = time.perf_counter()
        self._send({"jsonrpc": "2.0", "method": method, "params": params})
        return sent

    def request(self, method: str, params: dict) -> tuple[float, object]:
        request_id = next(self.ids)
        sent = time.perf_counter()
        self._send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        while True:
            when, message = self.messages.get(timeout=120)
            if message.get("id") == request_id and "method" not in message:
                return when - sent, message.get("result")

    def wait_diagnostics(self, uri: str, version: int | None = None) -> float:
        while True:
            when, message = self.messages.get(timeout=120)
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                if params["uri"] == uri and (version is None or params.get("version") == version):
                    return when

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=30)
        except Exception:
            self.process.kill()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _typing(client: StdioClient, uri: str, text: str, seed: int) -> list[float]:
    """50 one-character inserts 30 ms apart at one place; each timed to its diagnostics."""
    rng = random.Random(seed)
    lines = text.splitlines()
    line = rng.randrange(len(lines) // 2, len(lines))
    while not lines[line].strip():
        line += 1
    column = len(lines[line]) - len(lines[line].lstrip())
    latencies = []
    for version in range(2, 52):
        character = column + version - 2
        sent = client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": character},
                                          "end": {"line": line, "character": character}}, "text": " "}]})
        latencies.append(client.wait_diagnostics(uri, version) - sent)
        time.sleep(0.03)
    return latencies


def _requests(client: StdioClient, uri: str, text: str, method: str, seed: int, count: int = 60) -> list[float]:
    rng = random.Random(seed)
    lines = text.splitlines()
    timings = []
    for _ in range(count):
        line = rng.randrange(len(lines))
        params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": rng.randrange(len(lines[line]) + 1)}}
        if method == "textDocument/references":
            params["context"] = {"includeDeclaration": True}
        elapsed, _ = client.request(method, params)
        timings.append(elapsed)
    return timings


def _wait_for_index(client: StdioClient) -> float:
    """Seconds until workspace symbols come from a file nobody opened: the index is in."""
    began = time.perf_counter()
    while time.perf_counter() - began < 300:
        # Fuzzy: matches the Smithy `IndexProbe` and the WIT `index-probe`.
        _, found = client.request("workspace/symbol", {"query": "indexprobe"})
        if found:
            return time.perf_counter() - began
        time.sleep(0.05)
    return float("nan")


def _session(label: str, root: Path, opened: Path, language: str, methods: list[str]) -> list[dict]:
    rows = []
    client = StdioClient(root)
    try:
        text = opened.read_text()
        uri = opened.as_uri()
        sent = client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})
        first = client.wait_diagnostics(uri) - sent
        index_seconds = _wait_for_index(client)
        rows.append({"benchmark": f"lsp {label}: background index of the workspace (answering meanwhile)",
                     "value": round(index_seconds, 2), "unit": "s", "target": "-", "met": True, "detail": {}})
        rows.append({"benchmark": f"lsp {label}: didOpen to first diagnostics", "value": round(first * 1e3, 1),
                     "unit": "ms", "target": "-", "met": True, "detail": {}})
        typing = _typing(client, uri, text, seed=5)
        for share, name in ((0.5, "p50"), (0.95, "p95"), (0.99, "p99")):
            value = percentile(typing, share) * 1e3
            rows.append({"benchmark": f"lsp {label}: keystroke to diagnostics {name}", "value": round(value, 1),
                         "unit": "ms", "target": "<= 50" if name == "p95" else "-",
                         "met": value <= 50 if name == "p95" else True, "detail": {"edits": len(typing)}})
        for method in methods:
            timings = _requests(client, uri, text, method, seed=9)
            short = method.split("/")[-1]
            target = 200 if short == "references" else 30
            p95 = percentile(timings, 0.95) * 1e3
            rows.append({"benchmark": f"lsp {label}: {short} p50 / p95", "value": f"{percentile(timings, 0.5) * 1e3:.1f} / {p95:.1f}",
                         "unit": "ms", "target": f"p95 <= {target}", "met": p95 <= target, "detail": {"requests": len(timings)}})
        rss = client.peak_rss_mb()
        rows.append({"benchmark": f"lsp {label}: server peak RSS", "value": round(rss, 1), "unit": "MB",
                     "target": "<= 300", "met": rss <= 300, "detail": {}})
    finally:
        client.close()
    return rows


def run() -> list[dict]:
    methods = ["textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references"]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        smithy = root / "model" / "big.smithy"
        smithy.parent.mkdir()
        smithy.write_text(smithy_model(20_000))
        (root / "model" / "probe.smithy").write_text("namespace example.probe\n\nstructure IndexProbe {}\n")
        rows = _session("20,000-line Smithy model", root / "model", smithy, "smithy", methods)
        wit_root = root / "wit"
        for i in range(200):
            package = wit_root / f"pkg{i}"
            package.mkdir(parents=True)
            (package / "main.wit").write_text(wit_package(120, seed=i).replace("example:bench", f"example:bench{i}"))
        (wit_root / "probe").mkdir()
        (wit_root / "probe" / "probe.wit").write_text("package example:probe;\n\ninterface index-probe {}\n")
        rows += _session("200-file WIT workspace", wit_root, wit_root / "pkg7" / "main.wit", "wit", methods)
    return rows
