"""wasmCloud 0.x contract conventions and weld code generator limits."""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic
from witsmith.model.smithy import FileSummary
from witsmith.workspace.smithy import SmithyWorkspace


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    return []
