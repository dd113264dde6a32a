"""A WIT workspace of one file held open in an editor, for in-process tests of what
a long file's edits and completions do."""

from __future__ import annotations

from pathlib import Path

from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.wit import WitWorkspace


def open_wit_file(tmp_path: Path, name: str, text: str) -> tuple[WitWorkspace, FileStore, ParseCache, Path]:
    """``text`` written as ``wit/name`` under ``tmp_path``, open as a buffer, its folder indexed."""
    folder = tmp_path / "wit"
    folder.mkdir()
    path = folder / name
    path.write_text(text)
    files, parses = FileStore(), ParseCache()
    workspace = WitWorkspace(files, parses, Settings())
    files.set_buffer(path, text.encode())
    workspace.add_root(folder)
    return workspace, files, parses, path
