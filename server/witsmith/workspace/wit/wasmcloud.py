"""wasmCloud guidance about worlds: which imports a wasmCloud host provides, per host version.

Information, not errors: a world may be built for another host too.  The tables say what a
host implements itself; every entry names where the fact comes from (see the rule pages).
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from witsmith.model.wit import World
from witsmith.workspace.wit.problems import Problem

# A version pattern: an exact version, or `0.2.*` for every release of a minor version.
Versions = tuple[str, ...]
ANY_0_2 = ("0.2.*",)
ANY = ("*",)


@dataclass(frozen=True)
class HostProfile:
    """What one wasmCloud host version implements: package -> the versions it provides."""

    name: str
    source: str
    provided: dict[str, Versions]
    stubbed: frozenset[str] = field(default_factory=frozenset)
    stub_advice: str = ""

    def versions(self, package: str) -> Versions | None:
        return self.provided.get(package)


# wasmCloud 1.0: its documentation's list of host-provided interfaces; filesystem and
# sockets link but are stubs (the docs advise virtualizing them with WASI Virt).
WASMCLOUD_1_0 = HostProfile(
    name="1.0",
    source="wasmCloud 1.0 documentation (host-provided interfaces) and the 1.0 host runtime",
    provided={
        "wasi:cli": ANY_0_2, "wasi:clocks": ANY_0_2, "wasi:io": ANY_0_2, "wasi:random": ANY_0_2,
        "wasi:filesystem": ANY_0_2, "wasi:sockets": ANY_0_2, "wasi:http": ANY_0_2,
        "wasi:logging": ("0.1.0-draft",), "wasi:keyvalue": ("0.2.0-draft",), "wasi:blobstore": ("0.2.0-draft",),
        "wasi:config": ("0.2.0-draft",), "wasmcloud:bus": ("1.0.0",), "wasmcloud:messaging": ("0.2.0",),
        "wasmcloud:secrets": ("0.1.0-draft",), "wasmcloud:postgres": ("0.1.0-draft",),
    },
    stubbed=frozenset({"wasi:filesystem", "wasi:sockets"}),
    stub_advice="virtualize it with WASI Virt or remove the import",
)

# The current host: its runtime (crates/runtime, and crates/wash-runtime whose test components
# import WASI 0.3, in wasmCloud/wasmCloud) links real sockets (TCP, UDP, name lookup) and adds
# the lattice bus 2.0, messaging 0.3, wasmCloud's own blobstore and keyvalue, and the
# wasi:webgpu, wasi:otel and wasi:tls proposals.
WASMCLOUD_CURRENT = HostProfile(
    name="current",
    source="the current wasmCloud host runtime (crates/runtime in wasmCloud/wasmCloud)",
    provided={
        **WASMCLOUD_1_0.provided,
        # WASI 0.3 (preview 3) beside 0.2: the runtime's own test components import both.
        **{package: ("0.2.*", "0.3.*") for package in (
            "wasi:cli", "wasi:clocks", "wasi:random", "wasi:http", "wasi:filesystem", "wasi:sockets")},
        "wasmcloud:bus": ("1.0.0", "2.0.0"), "wasmcloud:messaging": ("0.2.0", "0.3.0"),
        "wasi:keyvalue": ("0.2.0-draft", "0.2.0-draft2"), "wasi:messaging": ("0.2.0-draft",),
        # Versions not pinned down here: any version is taken as provided.
        "wasmcloud:identity": ANY, "wasmcloud:blobstore": ANY, "wasmcloud:keyvalue": ANY,
        "wasi:webgpu": ANY, "wasi:otel": ANY, "wasi:tls": ANY,
    },
    stubbed=frozenset({"wasi:filesystem"}),
    stub_advice="the host gives components no directories; use a blobstore or keyvalue capability instead",
)

PROFILES = {"1.0": WASMCLOUD_1_0, "current": WASMCLOUD_CURRENT}


def host_profile(version: str | None) -> HostProfile:
    """The table for a wasmCloud version (`1.0`, `v1.0.4`, ...); the newest when unknown."""
    if version is not None and re.fullmatch(r"v?1\.0(\.\d+)?(-.*)?", version.strip()):
        return WASMCLOUD_1_0
    return WASMCLOUD_CURRENT


def project_wasmcloud_version(folder: Path) -> str | None:
    """The host version a wasmCloud project names: `wasmcloud_version` in wasmcloud.toml
    (at the top or in one of its tables) or in `.wash/config.json`, beside the WIT or above it."""
    for candidate in (folder, folder.parent):
        try:
            table = tomllib.loads((candidate / "wasmcloud.toml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            table = {}
        for scope in [table, *(v for v in table.values() if isinstance(v, dict))]:
            if isinstance(scope.get("wasmcloud_version"), str):
                return scope["wasmcloud_version"]
        try:
            wash = json.loads((candidate / ".wash" / "config.json").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            wash = {}
        if isinstance(wash, dict) and isinstance(wash.get("wasmcloud_version"), str):
            return wash["wasmcloud_version"]
    return None


def _matches(version: str, patterns: Versions) -> bool:
    for pattern in patterns:
        if pattern == "*":
            return True
        if pattern.endswith(".*"):
            if version.startswith(pattern[:-1]) and "-" not in version:
                return True
        elif version == pattern:
            return True
    return False


def _released(patterns: Versions) -> list[str]:
    return [p.replace(".*", ".0") for p in patterns if "-" not in p and p != "*"]


def world_guidance(path: Path, world: World, host: HostProfile = WASMCLOUD_CURRENT) -> list[Problem]:
    problems = []
    label = f"wasmCloud {host.name}" if host.name != "current" else "the current wasmCloud host"
    for item in world.items:
        if item.direction != "import" or item.path is None or not item.path.is_foreign:
            continue
        span = item.path.span
        package = f"{item.path.namespace.text}:{item.path.package.text}"
        versions = host.versions(package)
        version = item.path.version
        if versions is None:
            if item.path.namespace.text in ("wasi", "wasmcloud"):
                problems.append(Problem(
                    "wasmcloud/not-host-provided", path, span[0], span[1],
                    f"{label} does not provide `{package}`; another component or a provider must export "
                    "it, or the component will fail to start"))
            continue
        if package in host.stubbed:
            problems.append(Problem(
                "wasmcloud/stubbed-wasi-import", path, span[0], span[1],
                f"{label} provides `{package}` only as a stub: calls fail at run time; {host.stub_advice}"))
        if not version:
            continue
        if _matches(version, versions):
            continue  # drafts the host provides, with no release to move to, are fine
        released = _released(versions)
        if "draft" in version and released:
            problems.append(Problem(
                "wasmcloud/draft-version", path, span[0], span[1],
                f"`{item.path}` is a draft {label} does not provide; it provides the released "
                f"{', '.join('@' + v for v in released)}: import that version"))
        else:
            problems.append(Problem(
                "wasmcloud/unsupported-version", path, span[0], span[1],
                f"{label} provides `{package}` at {', '.join('@' + v.replace('.*', '.x') for v in versions)}, "
                f"not @{version}; import one of those versions"))
    return problems


def missing_wit_folder(folder: Path) -> Problem | None:
    """`wasmcloud.toml` in ``folder`` naming a WIT folder (`wit`, or `[component] wit`) that does not exist."""
    config = folder / "wasmcloud.toml"
    try:
        source = config.read_bytes()
        table = tomllib.loads(source.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    wit = table.get("wit")
    if not isinstance(wit, str) and isinstance(table.get("component"), dict):
        wit = table["component"].get("wit")
    if not isinstance(wit, str) or (folder / wit).is_dir():
        return None
    # Point at the value as written (a quoted string), else at the start of the file.
    match = re.search(rb"""^[ \t]*wit[ \t]*=[ \t]*(["'][^"'\n]*["'])""", source, re.MULTILINE)
    start, end = (match.start(1), match.end(1)) if match else (0, 0)
    return Problem("wasmcloud/missing-wit-folder", config, start, end,
                   f"wasmcloud.toml says the component's WIT is in `{wit}`, but there is no such folder; "
                   "fix the path or create the folder with the component's world")
