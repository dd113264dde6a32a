"""Formatting: throughput over the corpus, and textDocument/formatting latency in the server.

Throughput is measured cold: the caches that keep each statement's (Smithy) and top-level
item's (WIT) layout between runs are emptied before every round. Latency is what an editor
sees on format-on-save: the server formats a large file after a one-line edit, so only the
edited statement or item is laid out again.
"""

from __future__ import annotations

import queue
import random
import tempfile
import time
from pathlib import Path

from benchmarks.generators import smithy_model, wit_package
from benchmarks.lsp_session import StdioClient, percentile
from witsmith.features.formatting import FormatError, format_text
from witsmith.features.formatting import smithy as smithy_formatter
from witsmith.features.formatting import wit as wit_formatter


def _formattable(lang: str, corpus: Path, suffix: str) -> list[str]:
    texts = []
    for path in sorted(corpus.rglob(f"*{suffix}")):
        try:
            text = path.read_text(encoding="utf-8")
            format_text(lang, text)
        except (OSError, UnicodeDecodeError, FormatError):
            continue
        texts.append(text)
    return texts


def _clear_caches() -> None:
    smithy_formatter._STATEMENT_CACHE.clear()
    wit_formatter._ITEM_CACHE.clear()


def throughput(lang: str, texts: list[str], min_seconds: float = 2.0) -> dict:
    total = sum(len(t.encode("utf-8")) for t in texts)
    rounds, elapsed = 0, 0.0
    while elapsed < min_seconds:
        _clear_caches()
        began = time.perf_counter()
        for text in texts:
            format_text(lang, text)
        elapsed += time.perf_counter() - began
        rounds += 1
    return {"files": len(texts), "bytes": total, "rounds": rounds, "mb_per_s": total * rounds / elapsed / 1e6}


def _settle(client: StdioClient, uri: str, version: int, quiet: float = 3.0) -> None:
    """Wait for the diagnostics of a version, then until the server has been quiet a while."""
    client.wait_diagnostics(uri, version)
    while True:
        try:
            client.messages.get(timeout=quiet)
        except queue.Empty:  # nothing for `quiet` seconds
            return


def _latency(label: str, root: Path, path: Path, language: str, edits: int = 20) -> list[dict]:
    client = StdioClient(root)
    rows = []
    try:
        text = path.read_text()
        uri = path.as_uri()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})
        _settle(client, uri, 1, quiet=3.0)
        options = {"tabSize": 4, "insertSpaces": True}
        first, result = client.request("textDocument/formatting", {"textDocument": {"uri": uri}, "options": options})
        lines = text.splitlines()
        rng = random.Random(3)
        timings = []
        for version in range(2, edits + 2):
            line = rng.randrange(len(lines))
            while not lines[line].strip():
                line = rng.randrange(len(lines))
            # Insert a space at the start of the line: the file stays valid and needs formatting.
            # Then wait, as a save comes after a pause in typing: the server's full check of
            # the file (run when typing pauses) is not what is measured here.
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": 2 * version},
                "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                              "end": {"line": line, "character": 0}}, "text": " "}]})
            _settle(client, uri, 2 * version)
            elapsed, edits_back = client.request("textDocument/formatting", {"textDocument": {"uri": uri}, "options": options})
            timings.append(elapsed)
            assert edits_back, "the edited file needs formatting"
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": 2 * version + 1},
                "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                              "end": {"line": line, "character": 1}}, "text": ""}]})
            _settle(client, uri, 2 * version + 1)
        p50, p95 = percentile(timings, 0.5) * 1e3, percentile(timings, 0.95) * 1e3
        rows.append({"benchmark": f"format {label}: first textDocument/formatting", "value": round(first * 1e3, 1),
                     "unit": "ms", "target": "-", "met": True, "detail": {"edits": len(result or [])}})
        rows.append({"benchmark": f"format {label}: textDocument/formatting after an edit p50 / p95",
                     "value": f"{p50:.1f} / {p95:.1f}", "unit": "ms", "target": "p95 <= 100", "met": p95 <= 100,
                     "detail": {"requests": len(timings)}})
    finally:
        client.close()
    return rows


def run(corpus: Path | None) -> list[dict]:
    rows = []
    if corpus is not None:
        for lang, suffix in (("smithy", ".smithy"), ("wit", ".wit")):
            found = throughput(lang, _formattable(lang, corpus, suffix))
            rows.append({"benchmark": f"format throughput, {lang} corpus (cold)", "value": round(found["mb_per_s"], 2),
                         "unit": "MB/s", "target": "-", "met": True, "detail": found})
    for lang, text in (("smithy", smithy_model(20_000)), ("wit", wit_package(10_000))):
        found = throughput(lang, [text], min_seconds=1.0)
        rows.append({"benchmark": f"format throughput, generated {lang} file (cold)", "value": round(found["mb_per_s"], 2),
                     "unit": "MB/s", "target": "-", "met": True, "detail": found})
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "model").mkdir()
        smithy = root / "model" / "big.smithy"
        smithy.write_text(format_text("smithy", smithy_model(20_000)))
        rows += _latency("20,000-line Smithy model", root / "model", smithy, "smithy")
        (root / "wit").mkdir()
        wit = root / "wit" / "big.wit"
        wit.write_text(format_text("wit", wit_package(10_000)))
        rows += _latency("10,000-line WIT file", root / "wit", wit, "wit")
    return rows


if __name__ == "__main__":
    import os
    import sys

    from benchmarks.run import REPO, print_table

    corpus = Path(os.environ.get("WITSMITH_CORPUS", REPO.parent / "shared" / "corpus"))
    print_table(run(corpus if corpus.is_dir() else None))
    sys.exit(0)
