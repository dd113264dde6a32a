"""Smithy workspace: a full index of a 2,000-file workspace next to the update of one file.

The workspace is generated into a temporary folder: 20 namespaces of 100 files,
each file using shapes of its namespace's shared file and of one other
namespace.  An update re-reads one file and re-resolves the files that depend
on it; the figures show both the time and how many files were re-resolved.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.smithy import SmithyWorkspace

NAMESPACES = 20
FILES_PER_NAMESPACE = 100


def _shared(ns: int) -> str:
    return (f'$version: "2"\nnamespace bench.ns{ns}\n\n/// Shared id.\nstring Id{ns}\n\n'
            f'@trait(selector: "structure")\nstructure marker{ns} {{ level: Integer }}\n')


def _leaf(ns: int, index: int) -> str:
    other = (ns + 1) % NAMESPACES
    lines = ['$version: "2"', f"namespace bench.ns{ns}", f"use bench.ns{other}#Id{other}", ""]
    for shape in range(5):
        name = f"Shape{index}x{shape}"
        lines += [f"@marker{ns}(level: {shape})", f"structure {name} {{", f"    id: Id{ns}", f"    other: Id{other}",
                  "    @required", "    name: String", "}", ""]
    lines += [f"operation Op{index} {{", f"    input: Shape{index}x0", f"    output: Shape{index}x1", "}", ""]
    return "\n".join(lines)


def generate(root: Path) -> list[Path]:
    paths = []
    for ns in range(NAMESPACES):
        folder = root / f"ns{ns}"
        folder.mkdir(parents=True, exist_ok=True)
        shared = folder / "shared.smithy"
        shared.write_text(_shared(ns))
        paths.append(shared)
        for index in range(FILES_PER_NAMESPACE - 1):
            path = folder / f"leaf{index}.smithy"
            path.write_text(_leaf(ns, index))
            paths.append(path)
    return paths


def _timed_updates(workspace: SmithyWorkspace, path: Path, texts: list[str], rounds: int) -> tuple[list[float], int]:
    timings, resolved = [], 0
    for round_ in range(rounds):
        path.write_text(texts[round_ % len(texts)])
        before = workspace.stats["resolved_files"]
        start = time.perf_counter()
        workspace.update(path)
        timings.append(time.perf_counter() - start)
        resolved = workspace.stats["resolved_files"] - before
    return timings, resolved


def run(corpus: Path | None = None) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="witsmith-smithy-bench-") as folder:
        root = Path(folder)
        paths = generate(root)
        start = time.perf_counter()
        workspace = SmithyWorkspace(FileStore(), ParseCache(), Settings())
        workspace.add_root(root)
        full_seconds = time.perf_counter() - start
        ns, index = min(3, NAMESPACES - 1), min(7, FILES_PER_NAMESPACE - 2)
        leaf = root / f"ns{ns}" / f"leaf{index}.smithy"
        leaf_texts = [_leaf(ns, index) + "\nstring Extra\n", _leaf(ns, index)]
        leaf_timings, leaf_resolved = _timed_updates(workspace, leaf, leaf_texts, 20)
        shared = root / f"ns{ns}" / "shared.smithy"
        shared_texts = [_shared(ns) + "\nstring Extra\n", _shared(ns)]
        shared_timings, shared_resolved = _timed_updates(workspace, shared, shared_texts, 6)
    leaf_ms = statistics.median(leaf_timings) * 1e3
    shared_ms = statistics.median(shared_timings) * 1e3
    detail = {"files": len(paths), "full_index_s": round(full_seconds, 3)}
    return [
        {
            "benchmark": f"smithy: full index of a {len(paths):,}-file workspace",
            "value": round(full_seconds, 2), "unit": "s", "target": "<= 30", "met": full_seconds <= 30,
            "detail": detail,
        },
        {
            "benchmark": f"smithy: update one leaf file of {len(paths):,} (median)",
            "value": round(leaf_ms, 2), "unit": "ms", "target": "<= 50", "met": leaf_ms <= 50,
            "detail": {**detail, "files_re_resolved": leaf_resolved},
        },
        {
            "benchmark": f"smithy: update a shared file used by {FILES_PER_NAMESPACE * 2 - 2} files (median)",
            "value": round(shared_ms, 2), "unit": "ms", "target": "<= 1000", "met": shared_ms <= 1000,
            "detail": {**detail, "files_re_resolved": shared_resolved},
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
