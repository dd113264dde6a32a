"""What a hostile repository can put in a workspace: project files that point
outside it, special files, huge files and unreadable ones.  None may make witsmith
read outside the workspace, hang, or stay silent."""

from __future__ import annotations

from witsmith.features.diagnostics import file_diagnostics
from witsmith.workspace.project import Workspace

MODEL = "namespace example.inside\n\nstructure Thing {\n    name: String\n}\n"
SECRET = "namespace example.secret\n\nstructure Secret {}\n"


def _codes(workspace: Workspace, path) -> set[str]:
    return {d.code for d in file_diagnostics(workspace, path)}


def test_codegen_files_entries_cannot_climb_out_of_the_workspace(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "s.smithy").write_text(SECRET)
    project = tmp_path / "project"
    project.mkdir()
    (project / "thing.smithy").write_text(MODEL)
    config = project / "codegen.toml"
    config.write_text('[[models]]\npath = "."\nfiles = ["thing.smithy", "../out/s.smithy"]\n')
    workspace = Workspace()
    workspace.add_root(project)
    assert tmp_path / "out" / "s.smithy" not in workspace.known_files()
    assert project / "thing.smithy" in workspace.known_files()
    found = [d for d in file_diagnostics(workspace, config) if d.code == "smithy/path-outside-workspace"]
    assert len(found) == 1, found
    source = config.read_bytes()
    assert source[found[0].start:found[0].end] == b"../out/s.smithy"


def test_cached_url_models_are_plain_names_inside_the_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    (cache / "smithy" / "example.com").mkdir(parents=True)
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "ld.so.conf").write_text(SECRET)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    project = tmp_path / "deep" / "er" / "project"
    project.mkdir(parents=True)
    config = project / "codegen.toml"
    config.write_text('[[models]]\nurl = "https://example.com/models"\nfiles = ["../../../../etc/*.conf"]\n')
    workspace = Workspace()
    workspace.add_root(project)
    assert not any(p.name == "ld.so.conf" for p in workspace.known_files())
    assert "smithy/path-outside-workspace" in _codes(workspace, config)


def test_smithy_build_sources_outside_are_reported_with_their_own_code(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "s.smithy").write_text(SECRET)
    project = tmp_path / "project"
    project.mkdir()
    config = project / "smithy-build.json"
    config.write_text('{"version": "1.0", "sources": ["../elsewhere"]}')
    workspace = Workspace()
    workspace.add_root(project)
    assert tmp_path / "elsewhere" / "s.smithy" not in workspace.known_files()
    assert "smithy/path-outside-workspace" in _codes(workspace, config)


def test_model_paths_are_inside(tmp_path):
    from witsmith.settings import Settings

    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "s.smithy").write_text(SECRET)
    project = tmp_path / "project"
    project.mkdir()
    config = project / "codegen.toml"
    config.write_text('[[models]]\npath = "../shared"\nfiles = ["s.smithy"]\n')
    workspace = Workspace(Settings(smithy_model_paths=(tmp_path / "shared",)))
    workspace.add_root(project)
    assert tmp_path / "shared" / "s.smithy" in workspace.known_files()
    assert "smithy/path-outside-workspace" not in _codes(workspace, config)


WIT_USER = "package a:app;\n\nworld w {\n    import a:dep/api;\n}\n"
WIT_DEP = "package a:dep;\n\ninterface api {\n    f: func();\n}\n"


def _wit_outside(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "dep.wit").write_text(WIT_DEP)
    project = tmp_path / "project"
    (project / "wit").mkdir(parents=True)
    (project / "wit" / "app.wit").write_text(WIT_USER)
    return project


def test_wit_deps_toml_paths_outside_are_refused(tmp_path):
    project = _wit_outside(tmp_path)
    deps = project / "wit" / "deps.toml"
    deps.write_text('dep = { path = "../../elsewhere" }\n')
    workspace = Workspace()
    workspace.add_root(project)
    assert tmp_path / "elsewhere" / "dep.wit" not in workspace.known_files()
    found = [d for d in file_diagnostics(workspace, deps) if d.code == "wit/path-outside-workspace"]
    assert len(found) == 1, found
    assert deps.read_bytes()[found[0].start:found[0].end] == b"../../elsewhere"
    assert deps in workspace.known_files()


def test_wit_deps_toml_paths_inside_the_search_paths_are_read(tmp_path):
    from witsmith.settings import Settings

    project = _wit_outside(tmp_path)
    deps = project / "wit" / "deps.toml"
    deps.write_text('dep = { path = "../../elsewhere" }\n')
    workspace = Workspace(Settings(wit_search_paths=(tmp_path / "elsewhere",)))
    workspace.add_root(project)
    assert tmp_path / "elsewhere" / "dep.wit" in workspace.known_files()
    assert file_diagnostics(workspace, deps) == []
    assert file_diagnostics(workspace, project / "wit" / "app.wit") == []


def test_wasmcloud_toml_and_wash_folders_outside_are_refused(tmp_path):
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "dep.wit").write_text(WIT_DEP)
    project = tmp_path / "project"
    (project / ".wash").mkdir(parents=True)
    (project / "wasmcloud.toml").write_text('name = "x"\n[component]\nwit = "../etc"\n')
    (project / ".wash" / "config.yaml").write_text("wit:\n  wit_dir: ../etc\n")
    workspace = Workspace()
    workspace.add_root(project)
    assert tmp_path / "etc" / "dep.wit" not in workspace.known_files()
    assert "wit/path-outside-workspace" in _codes(workspace, project / "wasmcloud.toml")
    assert "wit/path-outside-workspace" in _codes(workspace, project / ".wash" / "config.yaml")


def test_check_reports_paths_outside_the_checked_folder(tmp_path):
    """On the command line the workspace is the folders checked (the current folder by default)."""
    import subprocess
    import sys

    project = _wit_outside(tmp_path)
    (project / "wit" / "deps.toml").write_text('dep = { path = "../../elsewhere" }\n')
    (project / "codegen.toml").write_text('[[models]]\npath = "."\nfiles = ["../elsewhere/s.smithy"]\n')
    (tmp_path / "elsewhere" / "s.smithy").write_text(SECRET)
    result = subprocess.run([sys.executable, "-m", "witsmith", "check"], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "wit/deps.toml:1:" in result.stdout and "wit/path-outside-workspace" in result.stdout
    assert "codegen.toml:3:" in result.stdout and "smithy/path-outside-workspace" in result.stdout
    assert "elsewhere" not in "".join(l.split(":")[0] for l in result.stdout.splitlines())
