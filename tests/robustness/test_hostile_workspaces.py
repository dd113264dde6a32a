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


def _check(cwd, *args, timeout=120):
    """`witsmith check` in a child process with bounded memory: a file that could make it
    read without end fails the test instead of the machine."""
    import resource
    import subprocess
    import sys

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run([sys.executable, "-m", "witsmith", "check", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=limit_memory)


def test_fifos_and_links_to_devices_are_not_read(tmp_path):
    import os

    (tmp_path / "wit").mkdir()
    (tmp_path / "model").mkdir()
    (tmp_path / "wit" / "ok.wit").write_text("package a:b;\n\ninterface i {\n    f: func(;\n}\n")
    (tmp_path / "model" / "ok.smithy").write_text("namespace a.b\n\nstructure S {\n    x String\n}\n")
    os.mkfifo(tmp_path / "wit" / "fifo.wit")
    os.mkfifo(tmp_path / "model" / "fifo.smithy")
    os.mkfifo(tmp_path / "model" / "fifo.json")
    os.symlink("/dev/zero", tmp_path / "model" / "zero.smithy")
    os.symlink("/dev/zero", tmp_path / "model" / "zero.json")
    os.symlink("/dev/urandom", tmp_path / "wit" / "random.wit")
    result = _check(tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "wit/ok.wit:4:" in result.stdout and "model/ok.smithy:4:" in result.stdout
    assert "checked 2 files" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_file_over_the_size_limit_gets_a_diagnostic_and_the_limit_can_be_raised(tmp_path):
    big = "namespace a.b\n\n" + "".join(f"structure S{i} {{}}\n" for i in range(200))
    (tmp_path / "big.smithy").write_text(big)
    (tmp_path / "big.wit").write_text("package a:b;\n\n" + "".join(f"interface i{i} {{}}\n" for i in range(200)))
    (tmp_path / "witsmith.toml").write_text("max-file-size = 1000\n")
    result = _check(tmp_path, "--fail-on", "warning")
    assert result.returncode == 1, result.stderr
    assert "big.smithy:1:1: warning[smithy/file-too-large]" in result.stdout, result.stdout
    assert "big.wit:1:1: warning[wit/file-too-large]" in result.stdout, result.stdout
    assert "max-file-size" in result.stdout
    (tmp_path / "witsmith.toml").write_text("max-file-size = 100000\n")
    result = _check(tmp_path, "--fail-on", "warning")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unreadable_file_is_reported_on_the_file(tmp_path):
    # Permissions do not bite the root user the tests may run as; a link loop cannot be read by anyone.
    wit = tmp_path / "wit"
    wit.mkdir()
    (wit / "api.wit").write_text("package x:y;\n\ninterface api {\n    f: func();\n}\n")
    (wit / "loop.wit").symlink_to("loop.wit")
    (tmp_path / "loop.smithy").symlink_to("loop.smithy")
    workspace = Workspace()
    workspace.add_root(tmp_path)
    assert {d.code for d in file_diagnostics(workspace, wit / "loop.wit")} == {"wit/unreadable-file"}
    assert {d.code for d in file_diagnostics(workspace, tmp_path / "loop.smithy")} == {"smithy/unreadable-file"}
    assert wit / "loop.wit" in workspace.known_files()
    assert file_diagnostics(workspace, wit / "api.wit") == []


def test_an_unreadable_file_is_reported_when_the_system_refuses_it(tmp_path, monkeypatch):
    import os

    wit = tmp_path / "wit"
    wit.mkdir()
    (wit / "types.wit").write_text("package x:y;\n\ninterface types {\n    record thing { id: u32 }\n}\n")
    (wit / "api.wit").write_text("interface api {\n    use types.{thing};\n    get: func() -> thing;\n}\n")
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith("types.wit"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    workspace = Workspace()
    workspace.add_root(tmp_path)
    found = file_diagnostics(workspace, wit / "types.wit")
    assert [d.code for d in found] == ["wit/unreadable-file"] and "Permission denied" in found[0].message


def test_the_file_count_limit_stops_reading_with_a_clear_message(tmp_path):
    for i in range(12):
        (tmp_path / f"m{i:02}.smithy").write_text(f"namespace a.m{i}\n\nstructure S {{}}\n")
    (tmp_path / "witsmith.toml").write_text("max-files = 5\n")
    result = _check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "witsmith read 5 files and skipped 7 more" in result.stderr, result.stderr
    assert "max-files" in result.stderr


def test_the_server_indexes_past_special_files_and_still_shuts_down(tmp_path):
    import os
    import time

    from support.wire import Wire

    (tmp_path / "witsmith.toml").write_text("max-file-size = 1000\n")
    os.mkfifo(tmp_path / "fifo.smithy")
    os.mkfifo(tmp_path / "fifo.wit")
    big = tmp_path / "big.smithy"
    big.write_text("namespace a.b\n\n" + "".join(f"structure S{i} {{}}\n" for i in range(200)))
    wire = Wire(tmp_path.as_uri(), {"textDocument": {"diagnostic": {}}})
    try:
        codes: list[str] = []
        for attempt in range(100):  # the index runs in the background
            wire.send({"jsonrpc": "2.0", "id": 100 + attempt, "method": "textDocument/diagnostic",
                       "params": {"textDocument": {"uri": big.as_uri()}}})
            codes = [item["code"] for item in wire.response_within(100 + attempt, 30)["result"]["items"]]
            if codes:
                break
            time.sleep(0.1)
        assert codes == ["smithy/file-too-large"], codes
        wire.send({"jsonrpc": "2.0", "id": 1, "method": "shutdown"})
        assert wire.response_within(1, 120).get("result", "missing") is None
        wire.send({"jsonrpc": "2.0", "method": "exit"})
        assert wire.process.wait(timeout=30) == 0
    finally:
        wire.close()


def test_deeply_nested_smithy_values_get_a_diagnostic_and_the_file_keeps_its_others(tmp_path):
    depth = 1_000
    list_value = "[" * depth + "]" * depth
    object_value = "{a: " * depth + "1" + "}" * depth
    (tmp_path / "deep.smithy").write_text(
        f"namespace a.b\n\n@tags({list_value})\nstructure S {{ x: Missing }}\n\n"
        f"@documentation({object_value})\nstructure T {{}}\n\nstructure U {{ y: AlsoMissing }}\n")
    workspace = Workspace()
    workspace.add_root(tmp_path)
    found = file_diagnostics(workspace, tmp_path / "deep.smithy")
    codes = [d.code for d in found]
    assert "smithy/internal-error" not in codes, found
    assert codes.count("smithy/too-deeply-nested") == 1, found
    assert sum(1 for d in found if d.code == "smithy/unresolved-shape") == 2, found


def test_the_server_warns_once_when_the_workspace_is_over_the_file_limit(tmp_path):
    import threading

    from support.wire import Wire, read_message

    for i in range(8):
        (tmp_path / f"m{i}.smithy").write_text(f"namespace a.m{i}\n\nstructure S {{}}\n")
    (tmp_path / "witsmith.toml").write_text("max-files = 3\n")
    wire = Wire(tmp_path.as_uri())
    shown: list[dict] = []

    def read() -> None:
        while not shown:
            message = read_message(wire.process.stdout)
            if message.get("method") == "window/showMessage":
                shown.append(message["params"])

    try:
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(120)
        assert shown, "no window/showMessage within 120 s"
        assert shown[0]["type"] == 2  # a warning
        assert "skipped 5 more" in shown[0]["message"] and "max-files" in shown[0]["message"]
    finally:
        wire.close()
