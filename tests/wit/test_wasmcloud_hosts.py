"""wasmCloud guidance follows the host the project runs on: its interfaces, stubs and versions."""

from __future__ import annotations

from pathlib import Path

from witsmith.config import parse_config
from witsmith.features.wit.diagnostics import file_diagnostics
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.wit import WitWorkspace
from wit.helpers import project, write_files

PKG = "package my:app@1.0.0;\n"
DEPS = {
    "wit/deps/logging.wit": "package wasi:logging@0.1.0-draft;\ninterface logging {}\n",
    "wit/deps/kv.wit": "package wasi:keyvalue@0.2.0-draft;\ninterface store {}\n",
    "wit/deps/kv1.wit": "package wasi:keyvalue@0.1.0;\ninterface store {}\n",
    "wit/deps/sockets.wit": "package wasi:sockets@0.2.0;\ninterface tcp {}\n",
    "wit/deps/fs.wit": "package wasi:filesystem@0.2.0;\ninterface types {}\n",
    "wit/deps/bus.wit": "package wasmcloud:bus@2.0.0;\ninterface lattice {}\n",
    "wit/deps/http.wit": "package wasi:http@0.2.0-draft;\ninterface types {}\n",
}


def _world(*imports: str) -> str:
    return PKG + "world w {\n" + "".join(f"  import {i};\n" for i in imports) + "}\n"


def _by_code(p) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for d in p.diagnostics():
        found.setdefault(d.code, []).append(p.text_at(d))
    return found


def test_supported_drafts_are_not_reported(tmp_path):
    p = project(tmp_path, {"wasmcloud.toml": "name = 'x'\n", **DEPS,
                           "wit/a.wit": _world("wasi:logging/logging@0.1.0-draft", "wasi:keyvalue/store@0.2.0-draft")})
    assert p.codes() == []


def test_unsupported_versions_and_drafts_with_a_release(tmp_path):
    p = project(tmp_path, {"wasmcloud.toml": "name = 'x'\n", **DEPS,
                           "wit/a.wit": _world("wasi:keyvalue/store@0.1.0", "wasi:http/types@0.2.0-draft")})
    found = _by_code(p)
    assert found == {"wasmcloud/unsupported-version": ["wasi:keyvalue/store@0.1.0"],
                     "wasmcloud/draft-version": ["wasi:http/types@0.2.0-draft"]}
    message = next(d.message for d in p.diagnostics() if d.code == "wasmcloud/draft-version")
    assert "@0.2.0" in message


def test_current_host_has_real_sockets_and_bus_2(tmp_path):
    p = project(tmp_path, {"wasmcloud.toml": "name = 'x'\n", **DEPS,
                           "wit/a.wit": _world("wasi:sockets/tcp@0.2.0", "wasmcloud:bus/lattice@2.0.0",
                                               "wasi:filesystem/types@0.2.0")})
    assert _by_code(p) == {"wasmcloud/stubbed-wasi-import": ["wasi:filesystem/types@0.2.0"]}


def test_wasmcloud_1_0_from_the_project_file(tmp_path):
    p = project(tmp_path, {"wasmcloud.toml": "name = 'x'\n[dev]\nwasmcloud_version = \"v1.0.2\"\n", **DEPS,
                           "wit/a.wit": _world("wasi:sockets/tcp@0.2.0", "wasmcloud:bus/lattice@2.0.0")})
    found = _by_code(p)
    assert found == {"wasmcloud/stubbed-wasi-import": ["wasi:sockets/tcp@0.2.0"],
                     "wasmcloud/unsupported-version": ["wasmcloud:bus/lattice@2.0.0"]}
    assert all("wasmCloud 1.0" in d.message for d in p.diagnostics())


def test_wasmcloud_version_from_witsmith_toml(tmp_path):
    config = parse_config({"wasmcloud": {"version": "1.0"}}, tmp_path)
    assert config.settings.wasmcloud_version == "1.0"
    write_files(tmp_path, {"wasmcloud.toml": "name = 'x'\n", **DEPS, "wit/a.wit": _world("wasi:sockets/tcp@0.2.0")})
    workspace = WitWorkspace(FileStore(), ParseCache(), config.settings)
    workspace.add_root(tmp_path / "wit")
    assert [d.code for d in file_diagnostics(workspace, tmp_path / "wit" / "a.wit")] == ["wasmcloud/stubbed-wasi-import"]
    newest = WitWorkspace(FileStore(), ParseCache(), Settings())
    newest.add_root(tmp_path / "wit")
    assert file_diagnostics(newest, tmp_path / "wit" / "a.wit") == []


def test_vendored_packages_are_not_the_components_world(tmp_path):
    p = project(tmp_path, {"wasmcloud.toml": "name = 'x'\n", **DEPS,
                           "wit/deps/cli/command.wit": "package wasi:cli@0.3.0;\n"
                                                       "world command { import wasi:filesystem/types@0.2.0; }\n",
                           "wit/a.wit": _world("wasi:logging/logging@0.1.0-draft")})
    assert [d for d in p.diagnostics() if d.code.startswith("wasmcloud/")] == []


def test_wasmcloud_toml_naming_a_missing_wit_folder(tmp_path):
    p = project(tmp_path, {"wasmcloud.toml": 'name = "x"\nwit = "./interfaces"\n', "wit/a.wit": _world()},
                root=".")
    config = tmp_path / "wasmcloud.toml"
    found = [d for d in p.workspace.problems(config)]
    assert [(d.code, config.read_bytes()[d.start:d.end].decode()) for d in found] == [
        ("wasmcloud/missing-wit-folder", '"./interfaces"')]
    assert config in p.workspace.files()
    # Creating the folder clears it.
    (tmp_path / "interfaces").mkdir()
    p.workspace.update(config)
    assert p.workspace.problems(config) == []


def test_check_reports_the_missing_wit_folder(tmp_path):
    import subprocess
    import sys

    write_files(tmp_path, {"wasmcloud.toml": 'name = "x"\n[component]\nwit = "wit-missing"\n'})
    result = subprocess.run([sys.executable, "-m", "witsmith", "check", "."], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert "wasmcloud.toml:3:7: warning[wasmcloud/missing-wit-folder]" in result.stdout, result.stdout + result.stderr


def test_unversioned_import_gets_the_version_deps_has(tmp_path):
    source = _world("wasi:logging/logging")
    p = project(tmp_path, {**DEPS, "wit/a.wit": source})
    (d,) = [d for d in p.diagnostics() if d.code == "wit/missing-package"]
    (fix,) = d.fixes
    (edit,) = fix.edits
    data = source.encode()
    fixed = (data[:edit.start] + edit.new_text.encode() + data[edit.end:]).decode()
    assert "import wasi:logging/logging@0.1.0-draft;" in fixed
    (tmp_path / "wit" / "a.wit").write_text(fixed)
    again = project(tmp_path, {})
    assert "wit/missing-package" not in again.codes()


def test_a_good_wasmcloud_toml_has_no_diagnostics_and_is_not_read_as_wit(tmp_path):
    from witsmith.features.diagnostics import file_diagnostics as all_diagnostics
    from witsmith.workspace.project import Workspace

    write_files(tmp_path, {"wasmcloud.toml": 'name = "x"\nwit = "./wit"\n', "wit/a.wit": _world()})
    workspace = Workspace()
    workspace.add_root(tmp_path)
    assert all_diagnostics(workspace, tmp_path / "wasmcloud.toml") == []
    (tmp_path / "wasmcloud.toml").write_text('name = "x"\nwit = "./gone"\n')
    workspace.update(tmp_path / "wasmcloud.toml")
    assert [d.code for d in all_diagnostics(workspace, tmp_path / "wasmcloud.toml")] == ["wasmcloud/missing-wit-folder"]


def test_current_host_provides_wasi_0_3_and_1_0_does_not(tmp_path):
    files = {"wit/deps/http3.wit": "package wasi:http@0.3.0;\ninterface types {}\n",
             "wit/a.wit": _world("wasi:http/types@0.3.0")}
    assert project(tmp_path / "now", {"wasmcloud.toml": "name = 'x'\n", **files}).codes() == []
    old = project(tmp_path / "old", {"wasmcloud.toml": "wasmcloud_version = '1.0'\n", **files})
    assert old.codes() == ["wasmcloud/unsupported-version"]


def test_wasmcloud_version_from_wash_config(tmp_path):
    p = project(tmp_path, {".wash/config.json": '{"wasmcloud_version": "v1.0.0"}', **DEPS,
                           "wit/a.wit": _world("wasi:sockets/tcp@0.2.0")})
    assert p.codes() == ["wasmcloud/stubbed-wasi-import"]
