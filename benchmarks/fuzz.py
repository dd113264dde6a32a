"""Protocol fuzzing: random edits and random requests at random positions over real
files, through the real server over stdio.

    python -m benchmarks.fuzz [--seconds 300] [--seed N] [--corpus DIR]

Then, for as long again, random frames, methods and params (`benchmarks.protocol_fuzz`).

Every response must be valid for its method (checked by structuring it with the
protocol's own types); the server must never answer with an internal error or die.
Reports the slowest request, which should stay under a second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.protocol import default_converter

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from support.wire import Wire  # noqa: E402

METHODS = [
    "textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references",
    "textDocument/documentHighlight", "textDocument/prepareRename", "textDocument/documentSymbol",
    "textDocument/foldingRange", "textDocument/semanticTokens/full", "textDocument/codeAction",
    "textDocument/selectionRange", "textDocument/diagnostic",
    "textDocument/formatting", "textDocument/rangeFormatting",
]
FRAGMENTS = ["{", "}", "(", ")", "<", ">", ":", ";", ",", ".", "@", "#", "$", "=", '"', "\n", "\r\n", " ",
             "structure ", "interface ", "use ", "func(", "list<", "é", "日本", "🦀", "a", "Z9", "///", "/*"]


def _params(method: str, uri: str, line: int, character: int) -> dict:
    document = {"textDocument": {"uri": uri}}
    position = {"line": line, "character": character}
    if method in ("textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full",
                  "textDocument/diagnostic"):
        return document
    if method == "textDocument/references":
        return {**document, "position": position, "context": {"includeDeclaration": True}}
    if method == "textDocument/codeAction":
        span = {"start": position, "end": position}
        return {**document, "range": span, "context": {"diagnostics": []}}
    if method == "textDocument/formatting":
        return {**document, "options": {"tabSize": 4, "insertSpaces": True}}
    if method == "textDocument/rangeFormatting":
        span = {"start": {"line": max(0, line - 3), "character": 0}, "end": position}
        return {**document, "range": span, "options": {"tabSize": 4, "insertSpaces": True}}
    if method == "textDocument/selectionRange":
        return {**document, "positions": [position]}
    return {**document, "position": position}


def fuzz(files: list[Path], seconds: float, seed: int) -> dict:
    rng = random.Random(seed)
    converter = default_converter()
    stats = {"requests": 0, "edits": 0, "errors": [], "slowest_ms": 0.0, "slowest": None}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        wire = Wire(root.as_uri(), capabilities={"textDocument": {"diagnostic": {}}})
        try:
            opened = []
            for index, source in enumerate(rng.sample(files, min(4, len(files)))):
                target = root / f"f{index}{source.suffix}"
                text = source.read_text(encoding="utf-8", errors="replace")
                target.write_text(text, encoding="utf-8")
                uri = target.as_uri()
                wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                    "uri": uri, "languageId": source.suffix[1:], "version": 1, "text": text}}})
                opened.append([uri, text.split("\n"), 1])
            request_id = 100
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                entry = rng.choice(opened)
                uri, lines, version = entry
                line = rng.randrange(len(lines) + 2)  # sometimes past the end
                character = rng.randrange(len(lines[line]) + 3) if line < len(lines) else rng.randrange(5)
                if rng.random() < 0.5:
                    end_line = min(line + rng.randrange(2), len(lines) + 1)
                    text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randrange(4)))
                    entry[2] = version = version + 1
                    wire.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"range": {"start": {"line": line, "character": character},
                                                      "end": {"line": end_line, "character": rng.randrange(6)}},
                                            "text": text}]}})
                    stats["edits"] += 1
                    # Keep a rough copy of the lines for choosing positions; exactness is not needed.
                    if line < len(lines):
                        lines[line] = lines[line][:character] + text.replace("\r", "").replace("\n", " ")
                    continue
                method = rng.choice(METHODS)
                request_id += 1
                sent = time.perf_counter()
                response = wire.request(request_id, method, _params(method, uri, line, character))
                elapsed = (time.perf_counter() - sent) * 1e3
                stats["requests"] += 1
                if elapsed > stats["slowest_ms"]:
                    stats["slowest_ms"], stats["slowest"] = elapsed, method
                if "error" in response:
                    if response["error"].get("code") != -32803:  # RequestFailed: a refused rename, fine
                        stats["errors"].append((method, response["error"]))
                    continue
                try:
                    converter.structure(response, types.METHOD_TO_TYPES[method][1])
                except Exception as error:  # an answer the protocol does not allow
                    stats["errors"].append((method, f"invalid response: {error!r}: {json.dumps(response)[:300]}"))
            if wire.process.poll() is not None:
                stats["errors"].append(("server", f"exited with {wire.process.returncode}"))
        finally:
            wire.close()
    return stats


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in (".smithy", ".wit") and p.stat().st_size < 200_000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("WITSMITH_CORPUS", REPO.parent / "shared" / "corpus")))
    args = parser.parse_args(argv)
    stats = fuzz(corpus_files(args.corpus), args.seconds, args.seed)
    print(f"seed {args.seed}: {stats['requests']} requests, {stats['edits']} edits, "
          f"slowest {stats['slowest_ms']:.1f} ms ({stats['slowest']}), {len(stats['errors'])} errors")
    for method, error in stats["errors"][:20]:
        print(f"  {method}: {error}")
    # Then the same time of random frames, methods and params (`benchmarks.protocol_fuzz`).
    from benchmarks.protocol_fuzz import main as protocol_fuzz

    frames_failed = protocol_fuzz(["--seconds", str(args.seconds), "--seed", str(args.seed)])
    return 1 if stats["errors"] or frames_failed else 0


if __name__ == "__main__":
    sys.exit(main())
