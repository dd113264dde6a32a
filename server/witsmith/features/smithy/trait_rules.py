"""Traits: where they may be applied (selectors) and whether their values fit their shapes."""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic
from witsmith.model.smithy import FileSummary
from witsmith.workspace.smithy import SmithyWorkspace


def traits(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    return []
