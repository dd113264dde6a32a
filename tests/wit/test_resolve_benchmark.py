"""The resolve benchmark's generated workspace is valid WIT, and an update in it
re-resolves the edited file and its one user (counted, not timed)."""

from __future__ import annotations

from benchmarks.wit_resolve import generate
from witsmith.features.wit.diagnostics import file_diagnostics
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.wit import WitWorkspace


def test_generated_workspace_is_valid_and_updates_are_local(tmp_path):
    wit = generate(tmp_path)
    workspace = WitWorkspace(FileStore(), ParseCache(), Settings())
    workspace.add_root(wit)
    assert len(workspace.files()) == 200
    assert [d for path in workspace.files() for d in file_diagnostics(workspace, path)] == []
    target = wit / "r75.wit"
    target.write_text(target.read_text().replace("tags: list<string>", "tags: list<string>, extra: u8"))
    before = workspace.counts.files_resolved
    workspace.update(target)
    assert workspace.counts.files_resolved - before == 2
