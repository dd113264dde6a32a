"""The editor's first seconds and busy moments, through the real server.

- Open a file of a 1,200-file Smithy workspace (`smithy-build.json`, 60 namespaces)
  right after `initialize` and type at once, while the index runs: keystroke to
  diagnostics and hover, p50 / p95 / max.
- A 10,000-line single-interface WIT file: keystroke to diagnostics and completion.
- `witsmith check` given every WIT file of the corpus explicitly (as a pre-commit hook
  passes them) against the folder holding them.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path

from benchmarks.generators import wit_interface
from benchmarks.lsp_session import StdioClient, percentile

NAMESPACES = 60
FILES_PER_NAMESPACE = 20


def smithy_project(root: Path, seed: int = 3) -> Path:
    """A smithy-build.json project of 1,200 files; each namespace uses the one before."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "smithy-build.json").write_text(json.dumps({"version": "1.0", "sources": ["model"]}))
    for ns in range(NAMESPACES):
        folder = root / "model" / f"ns{ns:02}"
        folder.mkdir(parents=True)
        for index in range(FILES_PER_NAMESPACE):
            lines = ['$version: "2"', "", f"namespace bench.ns{ns:02}", ""]
            if ns and index:  # file 0 defines its namespace's own `Common`
                lines += [f"use bench.ns{ns - 1:02}#Common", ""]
            if index == 0:
                lines += ["structure Common {", "    id: String", "}", ""]
            for shape in range(20):
                lines += [f"/// Shape {shape} of file {index}.", f"structure S{index}x{shape} {{",
                          f"    a: {'Common' if ns and rng.random() < 0.5 else 'String'}",
                          f"    b: {rng.choice(['Integer', 'Timestamp', 'Boolean'])}", "}", ""]
            (folder / f"f{index:02}.smithy").write_text("\n".join(lines))
    return root / "model" / "ns30" / "f05.smithy"


def _figures(label: str, unit_label: str, values: list[float], target: str, limit: float | None) -> dict:
    p50, p95, worst = (percentile(values, 0.5) * 1e3, percentile(values, 0.95) * 1e3, max(values) * 1e3)
    return {"benchmark": f"{label}: {unit_label} p50 / p95 / max", "value": f"{p50:.1f} / {p95:.1f} / {worst:.1f}",
            "unit": "ms", "target": target, "met": limit is None or p95 <= limit, "detail": {"samples": len(values)}}


# Longer than the server's wait for a pause in typing (0.2 s).
PAUSE_SECONDS = 0.25
# Long enough for the 1,200-file index to have landed and the files to be outlined.
SETTLED_SECONDS = 4.0


def _type_and_ask(client: StdioClient, uri: str, text: str, ask: str, seed: int,
                  first_version: int = 2, count: int = 50) -> tuple[list[float], list[float]]:
    """``count`` one-character inserts 30 ms apart, each timed to its diagnostics, with a
    request (hover or completion) at a random place after each."""
    rng = random.Random(seed)
    lines = text.splitlines()
    line = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].strip().startswith(("a:", "f0:")))
    column = len(lines[line]) - len(lines[line].lstrip())
    keystrokes, requests = [], []
    for version in range(first_version, first_version + count):
        character = column + version - 2
        sent = client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": character},
                                          "end": {"line": line, "character": character}}, "text": " "}]})
        keystrokes.append(client.wait_diagnostics(uri, version) - sent)
        where = rng.randrange(len(lines))
        elapsed, _ = client.request(ask, {"textDocument": {"uri": uri},
                                          "position": {"line": where, "character": len(lines[where]) // 2}})
        requests.append(elapsed)
        time.sleep(0.03)
    return keystrokes, requests


def _false_diagnostics(label: str, client: StdioClient) -> dict:
    """The inputs are valid and every edit keeps them so: any diagnostic published at
    any moment (during indexing included) is one the settled workspace would not give."""
    wrong = [(p["uri"].rsplit("/", 1)[-1], d.get("code")) for p in client.published for d in p["diagnostics"]]
    return {"benchmark": f"{label}: diagnostics published on correct files", "value": len(wrong), "unit": "",
            "target": "0", "met": not wrong, "detail": {"first": wrong[:5], "publications": len(client.published)}}


def _smithy_rows(root: Path) -> list[dict]:
    opened = smithy_project(root)
    client = StdioClient(root)
    try:
        text = opened.read_text()
        uri = opened.as_uri()
        sent = client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "smithy", "version": 1, "text": text}})
        first = client.wait_diagnostics(uri) - sent
        keystrokes, hovers = _type_and_ask(client, uri, text, "textDocument/hover", seed=4)
        # Typing resumes after a pause, once the index has landed and the pause's work
        # (publishing every file, collecting what indexing made) has begun.
        time.sleep(PAUSE_SECONDS)
        resumed, _ = _type_and_ask(client, uri, text, "textDocument/hover", seed=5, first_version=52, count=20)
        # Typing on once the index has landed and been set aside: each keystroke checks
        # the file against the whole project now.
        time.sleep(SETTLED_SECONDS)
        settled, settled_hovers = _type_and_ask(client, uri, text, "textDocument/hover", seed=6, first_version=72)
    finally:
        client.close()
    label = "timeline, 1,200-file Smithy project opened and typed in during indexing"
    return [{"benchmark": f"{label}: didOpen to first diagnostics", "value": round(first * 1e3, 1), "unit": "ms",
             "target": "-", "met": True, "detail": {}},
            _figures(label, "keystroke to diagnostics", keystrokes, "p95 <= 50, max <= 250", 50)
            | {"met": percentile(keystrokes, 0.95) <= 0.05 and max(keystrokes) <= 0.25},
            _figures(label, "hover", hovers, "p95 <= 30", 30),
            _figures(label, f"after a {PAUSE_SECONDS:.2f} s pause, keystroke to diagnostics", resumed, "max <= 250", None)
            | {"met": max(resumed) <= 0.25},
            _figures(label, f"{SETTLED_SECONDS:.0f} s later, the index landed, keystroke to diagnostics", settled,
                     "p95 <= 50, max <= 250", 50) | {"met": percentile(settled, 0.95) <= 0.05 and max(settled) <= 0.25},
            _figures(label, f"{SETTLED_SECONDS:.0f} s later, hover", settled_hovers, "p95 <= 30", 30),
            _false_diagnostics(label, client)]


def _wit_rows(root: Path) -> list[dict]:
    opened = root / "wit" / "big.wit"
    opened.parent.mkdir(parents=True)
    opened.write_text(wit_interface(10_000))
    client = StdioClient(opened.parent)
    try:
        text = opened.read_text()
        uri = opened.as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wit", "version": 1, "text": text}})
        client.wait_diagnostics(uri)
        keystrokes, completions = _type_and_ask(client, uri, text, "textDocument/completion", seed=6)
    finally:
        client.close()
    label = "timeline, 10,000-line WIT interface"
    return [_figures(label, "keystroke to diagnostics", keystrokes, "p95 <= 30", 30),
            _figures(label, "completion", completions, "p95 <= 30", 30),
            _false_diagnostics(label, client)]


def _check_rows(corpus: Path | None) -> list[dict]:
    if corpus is None or not (corpus / "wit").is_dir():
        return []
    from witsmith.features.diagnostics import file_diagnostics
    from witsmith.workspace.project import Workspace

    def check(paths: list[Path]) -> tuple[float, int]:
        began = time.perf_counter()
        workspace = Workspace()
        covered = workspace.add_paths(paths)
        for path in covered:
            file_diagnostics(workspace, path)
        return time.perf_counter() - began, len(covered)

    explicit = sorted(p for p in (corpus / "wit").rglob("*.wit") if "deps" not in p.relative_to(corpus).parts)
    folder_seconds, _ = check([corpus / "wit"])
    explicit_seconds, _ = check(explicit)
    ratio = explicit_seconds / folder_seconds
    return [{"benchmark": f"check: {len(explicit)} WIT files named one by one / their folder",
             "value": f"{explicit_seconds:.2f} / {folder_seconds:.2f} s ({ratio:.2f}x)", "unit": "s",
             "target": "<= 1.2x", "met": ratio <= 1.2, "detail": {}}]


def run(corpus: Path | None = None) -> list[dict]:
    rows = _check_rows(corpus)
    with tempfile.TemporaryDirectory() as folder:
        rows += _smithy_rows(Path(folder) / "smithy")
    with tempfile.TemporaryDirectory() as folder:
        rows += _wit_rows(Path(folder))
    return rows


if __name__ == "__main__":
    import sys

    from benchmarks.run import print_table

    parts = sys.argv[1:] or ["check", "smithy", "wit"]
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    for part in parts:
        if part == "check":
            print_table(_check_rows(corpus if corpus.is_dir() else None))
        else:
            with tempfile.TemporaryDirectory() as folder:
                print_table((_smithy_rows if part == "smithy" else _wit_rows)(Path(folder) / part))
