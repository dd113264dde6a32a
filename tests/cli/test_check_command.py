"""`witsmith check` as CI runs it: the installed command, fixture projects, every format."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from support.corpus import REPO

BROKEN_WIT = "package example:broken;\n\ninterface i {\n    f: func(;\n}\n"
BROKEN_SMITHY = 'namespace example.broken\n\nstructure Broken {\n    name: String\n    age Integer\n}\n'


def witsmith(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "witsmith", *args],
        capture_output=True, text=True, cwd=cwd, input=stdin, timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "wit").mkdir()
    (tmp_path / "wit" / "broken.wit").write_text(BROKEN_WIT)
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "broken.smithy").write_text(BROKEN_SMITHY)
    return tmp_path


def test_text_output_lists_each_problem_and_fails(project):
    result = witsmith("check", cwd=project)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("wit/broken.wit:4:") and "error[wit/syntax-error]" in line for line in lines)
    assert any(line.startswith("model/broken.smithy:5:") and "error[smithy/syntax-error]" in line for line in lines)
    assert lines[-1].startswith("checked 2 files: ")
    assert " | " not in result.stdout  # no source excerpt when not on a terminal
    shown = witsmith("check", "--show-source", "wit", cwd=project)
    assert " 4 |     f: func(;" in shown.stdout


def test_clean_example_passes():
    result = witsmith("check", "examples/wit-package", cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout.splitlines()[-1]


def test_fail_on_threshold_and_severity_override(project):
    lowered = ["--severity", "wit/syntax-error=warning", "--severity", "smithy/syntax-error=warning"]
    assert witsmith("check", *lowered, cwd=project).returncode == 0
    assert witsmith("check", *lowered, "--fail-on", "warning", cwd=project).returncode == 1
    assert witsmith("check", *lowered, "--fail-on", "information", cwd=project).returncode == 1
    off = witsmith("check", "--severity", "wit/syntax-error=off", "wit", cwd=project)
    assert off.returncode == 0 and "wit/syntax-error" not in off.stdout


def test_configuration_file_and_command_line_precedence(project):
    (project / "witsmith.toml").write_text('[rules]\n"wit/syntax-error" = "information"\n')
    from_file = witsmith("check", "--format", "json", "wit", cwd=project)
    assert from_file.returncode == 0
    severities = {d["severity"] for d in json.loads(from_file.stdout)["diagnostics"] if d["code"] == "wit/syntax-error"}
    assert severities == {"information"}
    overridden = witsmith("check", "--severity", "wit/syntax-error=error", "wit", cwd=project)
    assert overridden.returncode == 1
    (project / "witsmith.toml").unlink()
    (project / "pyproject.toml").write_text('[tool.witsmith]\nexclude = ["wit/*"]\n')
    excluded = witsmith("check", cwd=project)
    assert "wit/broken.wit" not in excluded.stdout and "model/broken.smithy" in excluded.stdout


def test_bad_configuration_is_a_clear_usage_error(project):
    (project / "witsmith.toml").write_text("[rules\n")
    result = witsmith("check", cwd=project)
    assert result.returncode == 2
    assert "witsmith.toml: not valid TOML" in result.stderr and "Traceback" not in result.stderr
    (project / "witsmith.toml").write_text('[rules]\n"wit/syntax-error" = "loud"\n')
    result = witsmith("check", cwd=project)
    assert result.returncode == 2 and "unknown severity 'loud'" in result.stderr


def test_standard_input_is_named_by_stdin_filename(project):
    result = witsmith("check", "-", "--stdin-filename", "wit/broken.wit", "--format", "json", cwd=project,
                      stdin="package example:broken;\n\ninterface i {}\n")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["summary"]["files"] == 1
    # The text is checked in its package, beside wit/broken.wit: a second interface `i`
    # would clash with it, so this one is named `j`.
    result = witsmith("check", "-", "--stdin-filename", "wit/other.wit", cwd=project,
                      stdin=BROKEN_WIT.replace("interface i", "interface j"))
    assert result.returncode == 1
    assert result.stdout.startswith("wit/other.wit:4:")
    missing = witsmith("check", "-", cwd=project, stdin="")
    assert missing.returncode == 2 and "--stdin-filename" in missing.stderr


def test_missing_path_is_a_usage_error(project):
    result = witsmith("check", "nowhere", cwd=project)
    assert result.returncode == 2
    assert "nowhere: no such file or folder" in result.stderr


def test_github_format(project):
    result = witsmith("check", "--format", "github", "wit", cwd=project)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=wit/broken.wit,line=4,col=")
    assert ",title=wit/syntax-error::" in first


def test_json_format(project):
    result = witsmith("check", "--format", "json", cwd=project)
    document = json.loads(result.stdout)
    assert document["tool"]["name"] == "witsmith"
    assert document["summary"]["files"] == 2 and document["summary"]["errors"] >= 2
    wit = next(d for d in document["diagnostics"] if d["path"] == "wit/broken.wit")
    assert wit["range"]["start"]["line"] == 3
    assert wit["url"].endswith("/docs/rules/wit/syntax-error.md")


@pytest.fixture(scope="session")
def sarif_schema(tmp_path_factory) -> dict:
    """The SARIF 2.1.0 schema, as the npm registry distributes it with Microsoft's SARIF matchers."""
    folder = tmp_path_factory.mktemp("sarif")
    packed = subprocess.run(["npm", "pack", "@microsoft/jest-sarif@1.0.0-beta.0", "--pack-destination", str(folder)],
                            capture_output=True, text=True, timeout=300)
    assert packed.returncode == 0, packed.stderr
    with tarfile.open(next(folder.glob("*.tgz"))) as archive:
        member = archive.getmember("package/lib/schemas/sarif-2.1.0-rtm.5.json")
        return json.load(archive.extractfile(member))


def test_sarif_output_is_valid_against_the_schema(project, sarif_schema):
    import jsonschema

    result = witsmith("check", "--format", "sarif", cwd=project)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, sarif_schema)
    run = document["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"wit/syntax-error", "smithy/syntax-error"}
    assert all(r["helpUri"].startswith("file:") and r["helpUri"].endswith(".md") for r in run["tool"]["driver"]["rules"])


def test_rules_lists_and_explains(project):
    listing = witsmith("rules", cwd=project)
    assert listing.returncode == 0
    assert any(line.startswith("wit/syntax-error ") for line in listing.stdout.splitlines())
    page = witsmith("rules", "wit/syntax-error", cwd=project)
    assert page.returncode == 0 and page.stdout.startswith("# ")
    unknown = witsmith("rules", "wit/no-such-rule", cwd=project)
    assert unknown.returncode == 2 and "unknown rule" in unknown.stderr


def test_folder_without_models_is_a_usage_error_unless_allowed(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.md").write_text("# nothing to check\n")
    result = witsmith("check", "notes", cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert "no Smithy or WIT files found in notes" in result.stderr
    assert "--allow-empty" in result.stderr
    allowed = witsmith("check", "--allow-empty", "notes", cwd=tmp_path)
    assert allowed.returncode == 0, allowed.stderr
    assert "checked 0 files" in allowed.stdout
