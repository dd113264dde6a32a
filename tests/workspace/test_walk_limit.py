"""The folder walk is bounded in what it lists, not only in what it reads: past
`MAX_WALK_ENTRIES` folder entries it stops, and one message says where and how to
narrow the workspace (tested on generated wide and deep trees, with a small limit)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from witsmith.workspace import files as files_module
from witsmith.workspace import project as project_module
from witsmith.workspace.files import walk_files
from witsmith.workspace.project import Workspace


def make_tree(root: Path, depth: int, width: int) -> int:
    """`depth` nested folders, each with `width` model files and `width` empty folders."""
    count = 0
    folder = root
    for level in range(depth):
        for index in range(width):
            (folder / f"m{index}.smithy").write_text(f"namespace a.l{level}\n\nstructure S{index} {{}}\n")
            (folder / f"empty{index}").mkdir()
            count += 1
        folder = folder / "deeper"
        folder.mkdir()
    return count


def test_a_walk_lists_at_most_its_budget_and_says_where_it_stopped(tmp_path):
    total = make_tree(tmp_path, depth=20, width=15)
    assert len(list(walk_files(tmp_path, [".smithy"]))) == total  # within the default budget: everything
    stopped: list[Path] = []
    listed = list(walk_files(tmp_path, [".smithy"], max_entries=100, stopped=stopped))
    assert 0 < len(listed) < total
    assert len(stopped) == 1 and stopped[0].is_relative_to(tmp_path)


def test_a_single_folder_wider_than_the_budget_is_not_listed_whole(tmp_path):
    for index in range(300):
        (tmp_path / f"m{index}.wit").write_text("package a:b;\n")
    stopped: list[Path] = []
    assert list(walk_files(tmp_path, [".wit"], max_entries=50, stopped=stopped)) == []
    assert stopped == [tmp_path]


def test_the_workspace_reports_one_message_when_a_walk_stops(tmp_path, monkeypatch):
    make_tree(tmp_path, depth=20, width=15)
    monkeypatch.setattr(files_module, "MAX_WALK_ENTRIES", 100)
    monkeypatch.setattr(project_module, "MAX_WALK_ENTRIES", 100)
    workspace = Workspace()
    workspace.add_root(tmp_path)
    message = workspace.index_limit_message()
    assert message is not None
    assert "100 folder entries" in message and "Open the folder that holds your models" in message
    assert str(tmp_path) in message


def test_check_says_once_that_the_walk_stopped(tmp_path):
    make_tree(tmp_path, depth=20, width=15)
    script = ("import sys\nfrom witsmith.workspace import files, project\n"
              "files.MAX_WALK_ENTRIES = project.MAX_WALK_ENTRIES = 100\n"
              "from witsmith.cli import main\nsys.exit(main(['check', sys.argv[1]]))\n")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.stderr.count("stopped searching for models") == 1, result.stderr
