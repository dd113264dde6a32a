"""wasmCloud guidance about worlds: information, not errors."""
from __future__ import annotations

from pathlib import Path

from witsmith.model.wit import World
from witsmith.workspace.wit.problems import Problem

# Packages a wasmCloud host stubs out: components that import them run, but calls fail.
STUBBED = {"wasi:filesystem", "wasi:sockets"}
# Standard packages a wasmCloud host implements itself.  Imports from other `wasi:` or
# `wasmcloud:` packages have to be satisfied by another component or a provider;
# other namespaces are application interfaces and are linked, not host-provided.
HOST_PROVIDED = STUBBED | {
    "wasi:cli", "wasi:clocks", "wasi:io", "wasi:random", "wasi:http", "wasi:logging", "wasi:keyvalue",
    "wasi:blobstore", "wasi:config", "wasi:messaging", "wasmcloud:bus", "wasmcloud:messaging",
    "wasmcloud:secrets", "wasmcloud:postgres", "wasmcloud:host",
}


def world_guidance(path: Path, world: World) -> list[Problem]:
    problems = []
    for item in world.items:
        if item.direction != "import" or item.path is None or not item.path.is_foreign:
            continue
        package = f"{item.path.namespace.text}:{item.path.package.text}"
        if package in STUBBED:
            problems.append(Problem(
                "wasmcloud/stubbed-wasi-import", path, item.path.span[0], item.path.span[1],
                f"wasmCloud hosts provide `{package}` only as a stub; consider virtualizing it with WASI Virt "
                "or removing the import"))
        elif item.path.namespace.text in ("wasi", "wasmcloud") and package not in HOST_PROVIDED:
            problems.append(Problem(
                "wasmcloud/not-host-provided", path, item.path.span[0], item.path.span[1],
                f"a wasmCloud host does not provide `{package}`; another component or a provider must export "
                "it, or the component will fail to start"))
        version = item.path.version or ""
        if "draft" in version:
            problems.append(Problem(
                "wasmcloud/draft-version", path, item.path.span[0], item.path.span[1],
                f"`{item.path}` is a draft version, whose interface may change between wasmCloud releases"))
    return problems
