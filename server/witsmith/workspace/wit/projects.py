"""Project files that say where a project's WIT lives.

Only static reading: wit-deps' `wit/deps.toml`, wkg's `wkg.toml` `[overrides]`,
wasmCloud's `wasmcloud.toml` (`wit` folder) and `.wash/config.yaml` (`wit.wit_dir`).
Nothing is fetched; a package these files name but that is not on disk is reported
as missing by the package checks.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from witsmith.workspace.files import normalize


def _toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, ValueError):
        return {}


def _yaml_wit_dir(path: Path) -> str | None:
    """`wit: { wit_dir: ... }` from a small YAML file, read without a YAML library."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    in_wit = False
    for line in text.splitlines():
        if re.match(r"^wit\s*:", line):
            in_wit = True
            continue
        if in_wit and line and not line[0].isspace():
            in_wit = False
        match = re.match(r"^\s+wit_dir\s*:\s*['\"]?([^'\"#]+?)['\"]?\s*(#.*)?$", line)
        if in_wit and match:
            return match.group(1)
    return None


def project_wit_folders(folder: Path) -> list[Path]:
    """WIT folders that the project files in ``folder`` point at (those that exist)."""
    folder = normalize(folder)
    found: list[Path] = []
    wasmcloud = _toml(folder / "wasmcloud.toml")
    wit = wasmcloud.get("wit") if isinstance(wasmcloud.get("wit"), str) else None
    if wit is None and isinstance(wasmcloud.get("component"), dict):
        wit = wasmcloud["component"].get("wit")
    if isinstance(wit, str):
        found.append(normalize(folder / wit))
    wash_dir = _yaml_wit_dir(folder / ".wash" / "config.yaml")
    if wash_dir:
        found.append(normalize(folder / wash_dir))
    wkg = _toml(folder / "wkg.toml")
    overrides = wkg.get("overrides") if isinstance(wkg.get("overrides"), dict) else {}
    for entry in overrides.values():
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            found.append(normalize(folder / entry["path"]))
    return [path for path in found if path.is_dir()]


def is_wasmcloud_project(folder: Path) -> bool:
    """A wasmCloud project: `wasmcloud.toml` or `.wash/` in the folder or its parent."""
    for candidate in (folder, folder.parent):
        if (candidate / "wasmcloud.toml").is_file() or (candidate / ".wash").is_dir():
            return True
    return False
