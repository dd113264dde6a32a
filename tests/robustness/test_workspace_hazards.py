"""What repositories do to a workspace: project files pointing outside it, broken
project files, dependency cycles, files vanishing."""

from __future__ import annotations

from witsmith.features.diagnostics import file_diagnostics
from witsmith.workspace.project import Workspace

MODEL = "namespace example.inside\n\nstructure Thing {\n    name: String\n}\n"


def test_codegen_paths_outside_the_workspace_are_not_read(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.smithy").write_text("namespace example.secret\n\nstructure Secret {}\n")
    project = tmp_path / "project"
    (project / "models").mkdir(parents=True)
    (project / "models" / "thing.smithy").write_text(MODEL)
    (project / "codegen.toml").write_text(
        '[[models]]\npath = "models"\n\n[[models]]\npath = "../elsewhere"\nfiles = ["secret.smithy"]\n')
    workspace = Workspace()
    workspace.add_root(project)
    known = workspace.known_files()
    assert project / "models" / "thing.smithy" in known
    assert outside / "secret.smithy" not in known
    found = file_diagnostics(workspace, project / "codegen.toml")
    assert any("outside the workspace" in d.message for d in found), found


def test_broken_project_files_are_reported_and_the_models_still_work(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "codegen.toml").write_text("[[models]\npath = ")
    (tmp_path / "a" / "thing.smithy").write_text(MODEL)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "smithy-build.json").write_text('{"sources": [')
    workspace = Workspace()
    workspace.add_root(tmp_path)
    assert any(d.code == "smithy/invalid-project-file" for d in file_diagnostics(workspace, tmp_path / "a" / "codegen.toml"))
    assert any(d.code == "smithy/invalid-project-file"
               for d in file_diagnostics(workspace, tmp_path / "b" / "smithy-build.json"))
    assert file_diagnostics(workspace, tmp_path / "a" / "thing.smithy") == []


def test_a_deps_cycle_is_a_diagnostic(tmp_path):
    wit = tmp_path / "wit"
    (wit / "deps" / "a").mkdir(parents=True)
    (wit / "deps" / "b").mkdir(parents=True)
    (wit / "deps" / "a" / "a.wit").write_text("package x:a;\n\ninterface i {\n    use x:b/j.{t};\n    type u = t;\n}\n")
    (wit / "deps" / "b" / "b.wit").write_text("package x:b;\n\ninterface j {\n    use x:a/i.{u};\n    type t = u32;\n}\n")
    (wit / "root.wit").write_text("package x:root;\n\nworld w {\n    import x:a/i;\n}\n")
    workspace = Workspace()
    workspace.add_root(tmp_path)
    codes = {d.code for path in workspace.known_files() for d in file_diagnostics(workspace, path)}
    assert "wit/package-cycle" in codes, codes


def test_files_deleted_or_renamed_on_disk(tmp_path):
    wit = tmp_path / "wit"
    wit.mkdir()
    (wit / "types.wit").write_text("package x:y;\n\ninterface types {\n    record thing { id: u32 }\n}\n")
    (wit / "api.wit").write_text("interface api {\n    use types.{thing};\n    get: func() -> thing;\n}\n")
    workspace = Workspace()
    workspace.add_root(tmp_path)
    assert file_diagnostics(workspace, wit / "api.wit") == []
    (wit / "types.wit").rename(wit / "renamed.wit")
    affected = workspace.update(wit / "types.wit") | workspace.update(wit / "renamed.wit")
    assert wit / "api.wit" in affected
    assert file_diagnostics(workspace, wit / "api.wit") == []
    (wit / "renamed.wit").unlink()
    workspace.update(wit / "renamed.wit")
    assert any(d.code.startswith("wit/") for d in file_diagnostics(workspace, wit / "api.wit"))
    assert wit / "renamed.wit" not in workspace.known_files()


def test_a_file_that_becomes_unreadable_is_dropped_without_a_crash(tmp_path):
    wit = tmp_path / "wit"
    wit.mkdir()
    (wit / "types.wit").write_text("package x:y;\n\ninterface types {\n    record thing { id: u32 }\n}\n")
    (wit / "api.wit").write_text("interface api {\n    use types.{thing};\n    get: func() -> thing;\n}\n")
    workspace = Workspace()
    workspace.add_root(tmp_path)
    # Unreadable whoever we are: the file becomes a link to nowhere.
    (wit / "types.wit").unlink()
    (wit / "types.wit").symlink_to(tmp_path / "nowhere.wit")
    workspace.update(wit / "types.wit")
    found = file_diagnostics(workspace, wit / "api.wit")
    assert any(d.code.startswith("wit/") for d in found)
    assert file_diagnostics(workspace, wit / "types.wit") == []
