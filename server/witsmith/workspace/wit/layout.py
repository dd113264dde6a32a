"""Which .wit files form which package group, on disk.

A *root* is a folder of .wit files (or one file) with an optional flat `deps/`
beside them.  Each entry of `deps/` is a *group* of its own: a folder's .wit files
(read non-recursively, as wit-parser does) or a single .wit file.  A group holds one
main package plus any nested `package x:y { }` blocks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from witsmith.workspace.files import normalize, walk_files

WIT_SUFFIX = ".wit"
# A WIT package encoded as a component (as `wasm-tools component wit --wasm` and wkg write it).
BINARY_SUFFIX = ".wasm"


@dataclass(slots=True)
class Group:
    """Files read together as one package (plus nested blocks)."""

    location: Path  # a folder, or a single file
    files: list[Path] = field(default_factory=list)
    is_dep: bool = False
    root: Path | None = None  # the root whose context this group resolves in


def wit_files_in(folder: Path) -> list[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if not entry.name.endswith(WIT_SUFFIX):
            continue
        try:
            if entry.is_file():
                found.append(normalize(entry.path))
        except OSError:
            # A link loop, say (a link to nowhere is no file): kept, so that reading
            # it reports why it cannot be read.
            found.append(normalize(entry.path))
    return found


def dep_groups(deps_folder: Path, root: Path) -> list[Group]:
    groups = []
    try:
        entries = sorted(os.scandir(deps_folder), key=lambda entry: entry.name)
    except OSError:
        return []
    for entry in entries:
        path = normalize(entry.path)
        try:
            if entry.is_dir():
                files = wit_files_in(path)
                if files:
                    groups.append(Group(path, files, True, root))
            elif entry.name.endswith((WIT_SUFFIX, BINARY_SUFFIX)) and entry.is_file():
                groups.append(Group(path, [path], True, root))
        except OSError:
            continue
    return groups


def find_root_folders(folder: Path, stopped: list[Path] | None = None) -> list[Path]:
    """Folders under ``folder`` that directly hold .wit files and are not inside a
    `deps/` folder of another package (a walk that stops early is added to ``stopped``)."""
    folder = normalize(folder)
    holders: dict[Path, None] = {}
    for path in walk_files(folder, [WIT_SUFFIX], stopped=stopped):
        holders.setdefault(path.parent, None)
    roots = []
    for holder in holders:
        if not _inside_deps(holder, folder):
            roots.append(holder)
    return roots


def _inside_deps(holder: Path, top: Path) -> bool:
    current = holder
    while current != top and current != current.parent:
        if current.name == "deps":
            return True
        current = current.parent
    return False


def root_groups(location: Path) -> tuple[Group, list[Group]]:
    """The root group of a folder or single file, and the groups of its `deps/`."""
    location = normalize(location)
    if location.is_file() or location.suffix == WIT_SUFFIX and not location.is_dir():
        # A lone file is read on its own, as wit-parser does: no deps/.
        return Group(location, [location], False, location), []
    root = Group(location, wit_files_in(location), False, location)
    deps_folder = location / "deps"
    return root, dep_groups(deps_folder, location) if deps_folder.is_dir() else []


def opaque_deps(location: Path) -> list[Path]:
    """Compiled packages in `deps/` that witsmith does not read: `.wat` text (`.wasm`
    files are decoded; those that are not WIT packages join these later)."""
    deps = location / "deps"
    try:
        return sorted(normalize(entry.path) for entry in os.scandir(deps)
                      if entry.name.endswith(".wat"))
    except OSError:
        return []


def package_root_of(path: Path) -> Path:
    """The root folder a .wit file is read with: the folder holding `deps/` when the
    file is a `deps/` entry (`deps/x.wit` or `deps/x/y.wit`; deps/ is flat), otherwise
    the file's own folder."""
    path = normalize(path)
    parent = path.parent
    if parent.name == "deps":
        return parent.parent
    if parent.parent.name == "deps":
        return parent.parent.parent
    return parent
