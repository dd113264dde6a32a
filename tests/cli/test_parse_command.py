"""`witsmith parse` and `witsmith --version`, run as a user runs them."""

from __future__ import annotations

import subprocess
import sys

from support.corpus import REPO
from witsmith import __version__

EXAMPLES = REPO / "examples"


def witsmith(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "witsmith", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_version():
    result = witsmith("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"witsmith {__version__}"


def test_parse_prints_tree_of_valid_files():
    smithy = EXAMPLES / "smithy-contract" / "greeter.smithy"
    wit = EXAMPLES / "wit-package" / "wit" / "greeter.wit"
    result = witsmith("parse", str(smithy), str(wit))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"{smithy}:\n(source_file [0, 0] - " in result.stdout
    assert f"{wit}:\n(source_file [0, 0] - " in result.stdout
    assert "ERROR" not in result.stdout and "MISSING" not in result.stdout


def test_parse_shows_errors_and_fails(tmp_path):
    broken = tmp_path / "broken.wit"
    broken.write_text("package a:b;\n\ninterface i {\n  f: func(;\n}\n\nworld w {}\n")
    result = witsmith("parse", str(broken))
    assert result.returncode == 1
    assert '(MISSING ")" [3, 10] - [3, 10])' in result.stdout
    assert f"{broken}:4:11: syntax error: expected `)` here" in result.stderr
    # The world after the broken function survives error recovery.
    after_error = result.stdout.split("MISSING", 1)[1]
    assert "(world_item [6, 0] - [6, 10]" in after_error


def test_parse_with_explicit_language(tmp_path):
    model = tmp_path / "model.txt"
    model.write_text("namespace example.weather\n\nstructure City {}\n")
    result = witsmith("parse", "--language", "smithy", str(model))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("(source_file")


def test_parse_unknown_extension_is_a_usage_error(tmp_path):
    other = tmp_path / "notes.md"
    other.write_text("# notes\n")
    result = witsmith("parse", str(other))
    assert result.returncode == 2
    assert "cannot tell the language" in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_missing_file_is_a_clear_error(tmp_path):
    result = witsmith("parse", str(tmp_path / "absent.smithy"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_command_prints_help():
    result = witsmith()
    assert result.returncode == 2
    assert "parse" in result.stderr
