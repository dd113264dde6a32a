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

from witsmith.workspace.files import normalize, read_small_file
from witsmith.workspace.wit.problems import Problem

OUTSIDE_CODE = "wit/path-outside-workspace"


def inside(path: Path, allowed: tuple[Path, ...] | None) -> bool:
    """Whether a project file may point at ``path``: only under the workspace roots and
    the configured search paths (compared as spelled, `..` resolved)."""
    return allowed is None or any(path == root or root in path.parents for root in allowed)


def _refused(config: Path, entry: str) -> Problem:
    """A diagnostic on the entry of ``config`` that names a folder outside the workspace."""
    source = read_small_file(config) or b""
    needle = entry.encode("utf-8")
    start = source.find(needle)
    start, end = (start, start + len(needle)) if start >= 0 else (0, 0)
    return Problem(OUTSIDE_CODE, normalize(config), start, end,
                   f"`{entry}` is outside the workspace, so witsmith does not read it; move the package into "
                   "the workspace, or add its folder to the search paths (the `wit.searchPaths` setting, or "
                   "`[wit] search-paths` in witsmith.toml)")


def _toml(path: Path) -> dict:
    source = read_small_file(path)
    if source is None:
        return {}
    try:
        return tomllib.loads(source.decode("utf-8", errors="replace"))
    except (tomllib.TOMLDecodeError, ValueError):
        return {}


def _wash_wit_section(path: Path) -> tuple[str | None, dict[str, str]]:
    """`wit.wit_dir` and `wit.sources` from `.wash/config.yaml`, read line by line:
    the file is small and flat, and witsmith takes no YAML dependency for it."""
    source = read_small_file(path)
    if source is None:
        return None, {}
    text = source.decode("utf-8", errors="replace")
    wit_dir, sources = None, {}
    section = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            section = "wit" if re.match(r"^wit\s*:", line) else None
            continue
        if section is None:
            continue
        indent = len(line) - len(line.lstrip())
        match = re.match(r"""\s*(?:"([^"]*)"|'([^']*)'|([^:]+?))\s*:\s*(.*)$""", line)
        if not match:
            continue
        key = next(group for group in match.groups()[:3] if group is not None)
        value = match.group(4).split(" #")[0].strip().strip("'\"")
        if indent <= 2:
            section = "sources" if key == "sources" else "wit"
            if key == "wit_dir" and value:
                wit_dir = value
        elif section == "sources" and value:
            sources[key] = value
    return wit_dir, sources


def project_wit_folders(folder: Path, allowed: tuple[Path, ...] | None = None,
                        refused: list[Problem] | None = None) -> list[Path]:
    """WIT folders that the project files in ``folder`` point at (those that exist and
    lie inside ``allowed``; the others are added to ``refused``)."""
    folder = normalize(folder)
    found: list[Path] = []
    wasmcloud = _toml(folder / "wasmcloud.toml")
    wit = wasmcloud.get("wit") if isinstance(wasmcloud.get("wit"), str) else None
    if wit is None and isinstance(wasmcloud.get("component"), dict):
        wit = wasmcloud["component"].get("wit")
    if isinstance(wit, str):
        found.append((folder / "wasmcloud.toml", wit, normalize(folder / wit)))
    wash_dir, _sources = _wash_wit_section(folder / ".wash" / "config.yaml")
    if wash_dir:
        found.append((folder / ".wash" / "config.yaml", wash_dir, normalize(folder / wash_dir)))
    return _checked(found, allowed, refused)


def _checked(found: list[tuple[Path, str, Path]], allowed: tuple[Path, ...] | None,
             refused: list[Problem] | None) -> list[Path]:
    result = []
    for config, entry, path in found:
        if not inside(path, allowed):
            if refused is not None:
                refused.append(_refused(config, entry))
            continue
        if path.is_dir() and path not in result:
            result.append(path)
    return result


def _project_folders(wit_root: Path) -> list[Path]:
    """Where a root's project files may be: the WIT folder itself and the folder above it."""
    return [wit_root, wit_root.parent]


def local_dep_folders(wit_root: Path, allowed: tuple[Path, ...] | None = None,
                      refused: list[Problem] | None = None) -> list[Path]:
    """Local package folders the project files map dependencies to: `path` entries of
    `wit/deps.toml`, `[overrides]` paths of `wkg.toml`, local `sources` of
    `.wash/config.yaml`.  Only folders that exist and lie inside ``allowed`` are
    returned; the others are added to ``refused``."""
    found: list[tuple[Path, str, Path]] = []
    deps_toml = _toml(wit_root / "deps.toml")
    for entry in deps_toml.values():
        if isinstance(entry, dict) and isinstance(entry.get("path"), str):
            found.append((wit_root / "deps.toml", entry["path"], normalize(wit_root / entry["path"])))
    for folder in _project_folders(wit_root):
        wkg = _toml(folder / "wkg.toml")
        overrides = wkg.get("overrides") if isinstance(wkg.get("overrides"), dict) else {}
        for entry in overrides.values():
            if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                found.append((folder / "wkg.toml", entry["path"], normalize(folder / entry["path"])))
        _wit_dir, sources = _wash_wit_section(folder / ".wash" / "config.yaml")
        for value in sources.values():
            if "://" not in value:
                found.append((folder / ".wash" / "config.yaml", value, normalize(folder / value)))
    return [path for path in _checked(found, allowed, refused) if path != wit_root]


def pinned_packages(wit_root: Path) -> dict[str, str]:
    """Packages the project's lock and manifest files name, as `ns:name` (or a deps.toml
    entry name) -> where it is declared, for hints about packages absent from deps/."""
    pinned: dict[str, str] = {}
    for folder in _project_folders(wit_root):
        lock = _toml(folder / "wkg.lock")
        for package in lock.get("packages", []) if isinstance(lock.get("packages"), list) else []:
            if isinstance(package, dict) and isinstance(package.get("name"), str):
                pinned.setdefault(package["name"], "wkg.lock")
        wkg = _toml(folder / "wkg.toml")
        if isinstance(wkg.get("overrides"), dict):
            for name in wkg["overrides"]:
                pinned.setdefault(str(name), "wkg.toml")
    for name in _toml(wit_root / "deps.toml"):
        pinned.setdefault(str(name), "wit/deps.toml")
    return pinned


def wasmcloud_world(folder: Path) -> str | None:
    """The world `wasmcloud.toml` builds the component for (`[component] wit_world`)."""
    for candidate in (folder, folder.parent):
        component = _toml(candidate / "wasmcloud.toml").get("component")
        if isinstance(component, dict) and isinstance(component.get("wit_world"), str):
            return component["wit_world"]
    return None


def is_wasmcloud_project(folder: Path) -> bool:
    """A wasmCloud project: `wasmcloud.toml` or `.wash/` in the folder or its parent."""
    for candidate in (folder, folder.parent):
        if (candidate / "wasmcloud.toml").is_file() or (candidate / ".wash").is_dir():
            return True
    return False
