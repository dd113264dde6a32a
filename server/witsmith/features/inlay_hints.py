"""Inlay hints: the namespace a relative Smithy shape id resolves to, shown before it,
so that `name: String` reads `name: smithy.api#String` where it matters."""

from __future__ import annotations

from pathlib import Path

from witsmith.workspace.smithy import SmithyWorkspace

# References where the shape id names a data shape a reader would want to place.
_ROLES = ("target", "mixin", "input", "output", "error", "operation", "resource", "for", "apply")


def namespace_hints(workspace: SmithyWorkspace, path: Path, start: int, end: int) -> list[tuple[int, str]]:
    """``(offset, label)`` for each relative reference in ``[start, end)`` that resolves."""
    resolved = workspace.resolved(path)
    summary = workspace.summary(path)
    if resolved is None or summary is None:
        return []
    hints = []
    for item in resolved.references:
        reference = item.reference
        if reference.role not in _ROLES or "#" in reference.text or item.target is None:
            continue
        if not (start <= reference.start < end):
            continue
        namespace = item.target.split("#", 1)[0]
        if summary.namespace is not None and namespace == summary.namespace.text:
            continue  # the file's own namespace goes without saying
        hints.append((reference.start, f"{namespace}#"))
    return sorted(hints)
