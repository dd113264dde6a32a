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
