"""`witsmith check` over the real-world corpus: files and megabytes per second, and
for WIT the ratio to running `wasm-tools component wit` once per package."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from witsmith.features.diagnostics import file_diagnostics
from witsmith.workspace.project import Workspace


def _check(root: Path) -> tuple[int, int, float]:
    """Files checked, bytes, seconds: one workspace over the whole folder, as `check` does."""
    begin = time.perf_counter()
    workspace = Workspace()
    workspace.add_root(root)
    files = workspace.known_files()
    for path in files:
        file_diagnostics(workspace, path)
    elapsed = time.perf_counter() - begin
    size = sum(len(workspace.files.read(path) or b"") for path in files)
    return len(files), size, elapsed


def _wit_packages(corpus: Path) -> list[Path]:
    """Package folders (folders holding .wit files, outside deps/), as wasm-tools takes them."""
    folders = {path.parent for path in (corpus / "wit").rglob("*.wit") if "deps" not in path.parts}
    return sorted(folders)


def _wasm_tools() -> str | None:
    beside = Path(sys.executable).with_name("wasm-tools")
    return str(beside) if beside.exists() else shutil.which("wasm-tools")


def run(corpus: Path | None) -> list[dict]:
    if corpus is None or not corpus.is_dir():
        return []
    rows = []
    for lang in ("smithy", "wit"):
        files, size, elapsed = _check(corpus / lang)
        rows.append({
            "benchmark": f"check: {lang} corpus ({files} files, one process)",
            "value": round(files / elapsed, 1), "unit": "files/s", "target": "-", "met": True,
            "detail": {"files": files, "bytes": size, "seconds": elapsed, "mb_per_s": size / elapsed / 1e6},
        })
        if lang == "wit":
            ours = elapsed
    tool = _wasm_tools()
    if tool is not None:
        packages = _wit_packages(corpus)
        begin = time.perf_counter()
        for package in packages:
            subprocess.run([tool, "component", "wit", str(package)], capture_output=True)
        theirs = time.perf_counter() - begin
        rows.append({
            "benchmark": f"check: wasm-tools once per package ({len(packages)} runs) / witsmith over the WIT corpus",
            "value": round(theirs / ours, 2), "unit": "x", "target": "> 1", "met": theirs > ours,
            "detail": {"wasm_tools_seconds": theirs, "witsmith_seconds": ours, "packages": len(packages)},
        })
    return rows
