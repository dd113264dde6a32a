"""Monorepo scale, through the real server: a Smithy workspace of 2,000 files and
50,000 shapes in 200 namespaces, and a WIT workspace of 500 packages in deps/.

Reports the background index time and peak RSS, how fast a request is answered
while the index runs, references and rename in the large workspace, and the
server's memory after 1,000 edits.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.lsp_session import StdioClient, percentile

NAMESPACES = 200
FILES_PER_NAMESPACE = 10
SHAPES_PER_FILE = 25


def smithy_workspace(root: Path, seed: int = 11) -> Path:
    """Files of 25 shapes; each namespace's file 0 holds a `Common` structure that the
    next namespace uses; every tenth namespace is a wasmCloud contract."""
    rng = random.Random(seed)
    for ns in range(NAMESPACES):
        folder = root / f"ns{ns:03}"
        folder.mkdir(parents=True)
        previous = (ns - 1) % NAMESPACES
        wasmcloud = ns % 10 == 0
        for index in range(FILES_PER_NAMESPACE):
            lines = ([] if wasmcloud else ['$version: "2"', ""]) + [f"namespace bench.ns{ns:03}", ""]
            lines.append(f"use bench.ns{previous:03}#Common")
            if wasmcloud:
                lines += ["use org.wasmcloud.model#wasmbus", "use org.wasmcloud.model#U32", "use org.wasmcloud.model#n"]
            lines.append("")
            if index == 0:
                lines += ["/// Shared by the next namespace.", "structure Common {", "    id: String", "}", ""]
            for shape in range(SHAPES_PER_FILE - (index == 0)):
                name = f"S{index}x{shape}"
                lines.append(f"/// Shape {name}.")
                lines.append(f"structure {name} {{")
                if wasmcloud:
                    lines += ["    @n(0)", "    common: Common", "    @n(1)", "    count: U32"]
                else:
                    lines += ["    common: Common", f"    local: {rng.choice(['String', 'Integer', 'Timestamp'])}"]
                lines += ["}", ""]
            if wasmcloud and index == 0:
                lines[lines.index("structure Common {")] = "structure Common {"
                lines += ['@wasmbus(contractId: "bench:ns", providerReceive: true)', "service Contract {",
                          '    version: "0.1"', "}", ""]
            (folder / f"f{index}.smithy").write_text("\n".join(lines))
    return root


def wit_workspace(root: Path, packages: int = 500) -> Path:
    """A root package whose world imports the last of 500 deps/ packages, each of which
    uses the one before it: a `use` chain 500 packages deep."""
    wit = root / "wit"
    for index in range(packages):
        folder = wit / "deps" / f"p{index}"
        folder.mkdir(parents=True)
        uses = f"    use bench:p{index - 1}/types@1.0.0.{{thing as base}};\n" if index else ""
        field = "    base: base," if index else "    id: u64,"
        (folder / "types.wit").write_text(
            f"package bench:p{index}@1.0.0;\n\ninterface types {{\n{uses}    record thing {{\n    {field}\n"
            f"        name: string,\n    }}\n    get: func(id: u64) -> option<thing>;\n}}\n")
    (wit / "app.wit").write_text(
        f"package bench:app@1.0.0;\n\nworld app {{\n    import bench:p{packages - 1}/types@1.0.0;\n}}\n")
    return wit


def _index_while_answering(client: StdioClient, opened_uri: str, probe: dict) -> tuple[float, list[float]]:
    """Seconds until the index is in (a definition in a file nobody opened resolves),
    and the latencies of requests made meanwhile."""
    began = time.perf_counter()
    answered = []
    while time.perf_counter() - began < 300:
        elapsed, _ = client.request("textDocument/documentSymbol", {"textDocument": {"uri": opened_uri}})
        answered.append(elapsed)
        _, found = client.request("textDocument/definition", {"textDocument": {"uri": opened_uri}, "position": probe})
        if found:
            return time.perf_counter() - began, answered
        time.sleep(0.05)
    return float("nan"), answered


def _position_of(text: str, needle: str) -> dict:
    for line, content in enumerate(text.splitlines()):
        if needle in content:
            return {"line": line, "character": content.index(needle) + 1}
    raise ValueError(needle)


def _smithy_rows(root: Path) -> list[dict]:
    smithy_workspace(root)
    opened = root / "ns005" / "f3.smithy"
    client = StdioClient(root)
    rows = []
    try:
        text = opened.read_text()
        uri = opened.as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "smithy", "version": 1, "text": text}})
        # `Common` comes from another namespace's file: it resolves once that file is indexed.
        index_seconds, meanwhile = _index_while_answering(client, uri, _position_of(text, "#Common"))
        rss = client.peak_rss_mb()
        rows.append({"benchmark": "scale smithy (2,000 files, 50,000 shapes): background index", "value": round(index_seconds, 2),
                     "unit": "s", "target": "<= 5", "met": index_seconds <= 5, "detail": {"peak_rss_mb": rss}})
        rows.append({"benchmark": "scale smithy: peak RSS after indexing", "value": round(rss, 1), "unit": "MB",
                     "target": "<= 500", "met": rss <= 500, "detail": {}})
        worst = max(meanwhile) * 1e3 if meanwhile else float("nan")
        rows.append({"benchmark": "scale smithy: slowest request answered during indexing", "value": round(worst, 1),
                     "unit": "ms", "target": "-", "met": True, "detail": {"requests": len(meanwhile)}})
        common = root / "ns004" / "f0.smithy"
        line = next(i for i, l in enumerate(common.read_text().splitlines()) if l.startswith("structure Common"))
        position = {"line": line, "character": len("structure ") + 1}
        for method, extra, target in (("textDocument/references", {"context": {"includeDeclaration": True}}, 200),
                                      ("textDocument/rename", {"newName": "Shared"}, 200)):
            timings = []
            for _ in range(20):
                elapsed, result = client.request(method, {"textDocument": {"uri": common.as_uri()}, "position": position, **extra})
                timings.append(elapsed)
            p95 = percentile(timings, 0.95) * 1e3
            count = len(result) if isinstance(result, list) else sum(len(v) for v in (result or {}).get("changes", {}).values())
            rows.append({"benchmark": f"scale smithy: {method.split('/')[-1]} of a shape used in {count - 1 if method.endswith('references') else count} places (p50 / p95)",
                         "value": f"{percentile(timings, 0.5) * 1e3:.1f} / {p95:.1f}", "unit": "ms",
                         "target": f"p95 <= {target}", "met": p95 <= target, "detail": {}})
        before = None
        lines = text.splitlines()
        edit_line = next(i for i, l in enumerate(lines) if l.startswith("structure"))
        for version in range(2, 1002):
            inserting = version % 2 == 0
            change = {"range": {"start": {"line": edit_line, "character": 0},
                                "end": {"line": edit_line, "character": 0 if inserting else 1}}, "text": " " if inserting else ""}
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            client.wait_diagnostics(uri, version)
            if version == 301:  # after the post-index work (publishing, outlines) has settled
                before = _current_rss(client)
        after = _current_rss(client)
        rows.append({"benchmark": "scale smithy: RSS after 1,000 edits vs after 300", "value": f"{after:.1f} vs {before:.1f}",
                     "unit": "MB", "target": "no growth beyond noise", "met": after - before <= 10, "detail": {}})
    finally:
        client.close()
    return rows


def _current_rss(client: StdioClient) -> float:
    for line in Path(f"/proc/{client.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _wit_rows(root: Path) -> list[dict]:
    wit = wit_workspace(root)
    client = StdioClient(root)
    rows = []
    try:
        app = wit / "app.wit"
        text = app.read_text()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": app.as_uri(), "languageId": "wit", "version": 1, "text": text}})
        index_seconds, meanwhile = _index_while_answering(client, app.as_uri(), _position_of(text, "/types@"))
        rows.append({"benchmark": "scale wit (500 packages in deps/, 500-deep use chain): background index",
                     "value": round(index_seconds, 2), "unit": "s", "target": "-", "met": True,
                     "detail": {"peak_rss_mb": client.peak_rss_mb(), "requests_meanwhile": len(meanwhile)}})
        timings = []
        for version in range(2, 52):
            sent = client.notify("textDocument/didChange", {"textDocument": {"uri": app.as_uri(), "version": version},
                                 "contentChanges": [{"range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}},
                                                     "text": " " if version % 2 == 0 else ""}]})
            timings.append(client.wait_diagnostics(app.as_uri(), version) - sent)
            time.sleep(0.03)
        p95 = percentile(timings, 0.95) * 1e3
        rows.append({"benchmark": "scale wit: keystroke to diagnostics in the root package (p50 / p95)",
                     "value": f"{percentile(timings, 0.5) * 1e3:.1f} / {p95:.1f}", "unit": "ms", "target": "p95 <= 50",
                     "met": p95 <= 50, "detail": {}})
    finally:
        client.close()
    return rows


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as smithy_root, tempfile.TemporaryDirectory() as wit_root:
        return _smithy_rows(Path(smithy_root)) + _wit_rows(Path(wit_root))
