"""Build a Smithy workspace from fixture texts and collect its diagnostics."""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Severity
from witsmith.features.smithy.diagnostics import file_diagnostics
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.smithy import SmithyWorkspace


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def workspace(root: Path, files: dict[str, str]) -> SmithyWorkspace:
    write(root, files)
    result = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    result.add_root(root)
    return result


def diagnostics(ws: SmithyWorkspace, path: Path) -> list[Diagnostic]:
    return file_diagnostics(ws, path)


def codes(ws: SmithyWorkspace, path: Path, *, severity: Severity | None = None) -> list[str]:
    return [d.code for d in diagnostics(ws, path) if severity is None or d.severity == severity]


def errors(ws: SmithyWorkspace, path: Path) -> list[Diagnostic]:
    return [d for d in diagnostics(ws, path) if d.severity == Severity.ERROR]


def text_at(path: Path, diagnostic: Diagnostic) -> str:
    return path.read_bytes()[diagnostic.start:diagnostic.end].decode("utf-8")


def one(ws: SmithyWorkspace, path: Path, code: str) -> Diagnostic:
    found = [d for d in diagnostics(ws, path) if d.code == code]
    assert len(found) == 1, f"expected one {code}, got {[(d.code, d.message) for d in diagnostics(ws, path)]}"
    return found[0]
