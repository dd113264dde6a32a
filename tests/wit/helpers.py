"""Write WIT fixtures given as text into a folder, resolve them, collect diagnostics.

A `‸` in a fixture marks a cursor: it is removed from the file and its byte offset
returned, for navigation tests.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

from witsmith.features.wit.diagnostics import file_diagnostics
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.wit import WitWorkspace

CURSOR = "‸"


@dataclass
class Project:
    root: Path
    workspace: WitWorkspace
    cursors: dict[str, int]

    def diagnostics(self, relative: str | None = None):
        paths = [self.root / relative] if relative else self.workspace.files()
        return [d for path in paths for d in file_diagnostics(self.workspace, path)]

    def codes(self, relative: str | None = None) -> list[str]:
        return [d.code for d in self.diagnostics(relative)]

    def text_at(self, diagnostic) -> str:
        return diagnostic.path.read_bytes()[diagnostic.start:diagnostic.end].decode()


def write_files(root: Path, files: dict[str, str]) -> dict[str, int]:
    cursors = {}
    for relative, text in files.items():
        text = textwrap.dedent(text).lstrip("\n")
        if CURSOR in text:
            cursors[relative] = len(text[:text.index(CURSOR)].encode())
            text = text.replace(CURSOR, "")
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return cursors


def project(tmp_path: Path, files: dict[str, str], *, features=(), root: str = "wit", search_paths=()) -> Project:
    cursors = write_files(tmp_path, files)
    workspace = WitWorkspace(FileStore(), ParseCache(), Settings(wit_features=frozenset(features),
                                                                 wit_search_paths=tuple(search_paths)))
    workspace.add_root(tmp_path / root)
    return Project(tmp_path / root, workspace, cursors)
