"""Smithy -> WIT migration: the whole Smithy corpus migrated, and the hover that translates
a wasmCloud contract's service on each request.

Loading the models is not counted in the migration figure (`witsmith check` measures it);
the hover figure is the translation added to a hover: the first one after a change
translates the contract, the next ones reuse it.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from witsmith.features.editing import HoverInfo
from witsmith.features.migration import migrate
from witsmith.features.migration.editor import with_wit_translation
from witsmith.workspace.project import Workspace

HOVERED = "smithy/wasmcloud-interfaces/lattice-control/lattice-control-interface.smithy"


def _units(corpus: Path) -> list[Path]:
    found: dict[Path, None] = {}
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line) if line.strip() else None
        if entry and entry["lang"] in ("smithy", "smithy-json"):
            configs = entry.get("config") or []
            found.setdefault(corpus / (configs[0] if configs else entry["path"]), None)
    return list(found)


def run(corpus: Path | None) -> list[dict]:
    if corpus is None or not (corpus / "manifest.jsonl").is_file():
        return []
    seconds, packages = 0.0, 0
    units = _units(corpus)
    for unit in units:
        workspace = Workspace()
        workspace.add_root(unit)
        root = unit.parent if unit.name in ("codegen.toml", "smithy-build.json") else unit
        files = [f for f in workspace.smithy.files() if f == root or root in f.parents]
        start = time.perf_counter()
        packages += len(migrate(workspace.smithy, files).packages)
        seconds += time.perf_counter() - start
    rows = [{
        "benchmark": f"migrate: {len(units)} Smithy models of the corpus to {packages} WIT packages",
        "value": round(seconds, 2), "unit": "s", "target": "<= 10", "met": seconds <= 10,
    }]
    hovered = corpus / HOVERED
    if hovered.is_file():
        offset = hovered.read_bytes().index(b"service ") + len("service ")
        cold, warm = [], []
        for _ in range(5):
            workspace = Workspace()  # new summaries: the first hover translates, the next ones reuse it
            workspace.add_root(hovered.parent)
            for timings in (cold, warm, warm):
                start = time.perf_counter()
                with_wit_translation(workspace.smithy, hovered, offset, HoverInfo("", offset, offset))
                timings.append(time.perf_counter() - start)
        cold_ms, warm_ms = statistics.median(cold) * 1e3, statistics.median(warm) * 1e3
        rows.append({
            "benchmark": "migrate: WIT translation in a hover on lattice-control's service, first / again (median)",
            "value": f"{cold_ms:.1f} / {warm_ms:.2f}", "unit": "ms", "target": "first <= 100", "met": cold_ms <= 100,
        })
    return rows


if __name__ == "__main__":
    from benchmarks.run import REPO

    for row in run(REPO.parent / "shared" / "corpus"):
        print(f"{row['benchmark']}: {row['value']} {row['unit']} (target {row['target']})")
