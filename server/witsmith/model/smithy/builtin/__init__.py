"""Models witsmith knows without reading them from disk: the prelude and wasmCloud's namespaces."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from witsmith.model.smithy.builtin import prelude, wasmcloud

# Built-in models get paths under this folder, which does not exist on disk:
# front ends show their text with `builtin_source`.
BUILTIN_ROOT = Path("/witsmith-builtin")

BUILTIN_SOURCES: dict[str, tuple[Path, str]] = {
    "smithy.api": (BUILTIN_ROOT / "smithy.api.smithy", prelude.SOURCE),
    "org.wasmcloud.model": (BUILTIN_ROOT / "org.wasmcloud.model.smithy", wasmcloud.MODEL_SOURCE),
    "org.wasmcloud.core": (BUILTIN_ROOT / "org.wasmcloud.core.smithy", wasmcloud.CORE_SOURCE),
}
PRELUDE_NAMESPACE = "smithy.api"


def builtin_source(path: Path) -> bytes | None:
    for builtin_path, text in BUILTIN_SOURCES.values():
        if builtin_path == path:
            return text.encode("utf-8")
    return None


def is_builtin(path: Path) -> bool:
    return builtin_source(path) is not None


@cache
def builtin_summaries() -> dict[str, object]:
    """Namespace -> FileSummary of each built-in model (parsed once per process)."""
    from witsmith.model.smithy.idl import summarize_idl
    from witsmith.syntax import parse

    result = {}
    for namespace, (path, text) in BUILTIN_SOURCES.items():
        summary = summarize_idl(path, parse("smithy", text.encode("utf-8")))
        summary.builtin = True
        result[namespace] = summary
    return result
