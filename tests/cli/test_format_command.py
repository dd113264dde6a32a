"""`witsmith format`, run as a user, a CI job and an editor run it."""

from __future__ import annotations

import subprocess
import sys

MESSY_WIT = "package a:b;\ninterface i{\n  f:func( a:u32 )->u32;\n}\n"
TIDY_WIT = "package a:b;\ninterface i {\n  f: func(a: u32) -> u32;\n}\n"
MESSY_SMITHY = '$version:"2"\nnamespace a\nstructure   A { x: String }\n'
TIDY_SMITHY = '$version: "2"\n\nnamespace a\n\nstructure A {\n    x: String\n}\n'


def witsmith(*args: str, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "witsmith", *args],
        capture_output=True, text=True, input=stdin, cwd=cwd, timeout=60,
    )


def test_format_rewrites_files_and_folders_in_place(tmp_path):
    (tmp_path / "wit").mkdir()
    (tmp_path / "wit" / "a.wit").write_text(MESSY_WIT)
    (tmp_path / "model.smithy").write_text(MESSY_SMITHY)
    (tmp_path / "notes.txt").write_text("not a model")
    result = witsmith("format", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "wit" / "a.wit").read_text() == TIDY_WIT
    assert (tmp_path / "model.smithy").read_text() == TIDY_SMITHY
    assert (tmp_path / "notes.txt").read_text() == "not a model"
    assert "reformatted" in result.stderr
    again = witsmith("format", "--check", str(tmp_path))
    assert again.returncode == 0 and again.stdout == ""


def test_check_lists_files_that_would_change_and_writes_nothing(tmp_path):
    messy, tidy = tmp_path / "messy.wit", tmp_path / "tidy.wit"
    messy.write_text(MESSY_WIT)
    tidy.write_text(TIDY_WIT)
    result = witsmith("format", "--check", str(messy), str(tidy))
    assert result.returncode == 1
    assert result.stdout == f"would reformat {messy}\n"
    assert messy.read_text() == MESSY_WIT


def test_diff_prints_a_unified_diff(tmp_path):
    messy = tmp_path / "messy.smithy"
    messy.write_text(MESSY_SMITHY)
    result = witsmith("format", "--diff", "messy.smithy", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("--- a/messy.smithy\n+++ b/messy.smithy\n")
    assert "-structure   A { x: String }\n" in result.stdout and "+    x: String\n" in result.stdout
    assert messy.read_text() == MESSY_SMITHY


def test_standard_input_to_standard_output():
    result = witsmith("format", "-", "--stdin-filename", "x.wit", stdin=MESSY_WIT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == TIDY_WIT
    unnamed = witsmith("format", "-", stdin=MESSY_WIT)
    assert unnamed.returncode == 2 and "--stdin-filename" in unnamed.stderr


def test_a_file_with_syntax_errors_is_reported_and_left_alone(tmp_path):
    broken = tmp_path / "broken.smithy"
    broken.write_text('$version: "2"\nnamespace a\nstructure A {\n')
    result = witsmith("format", str(broken))
    assert result.returncode == 1
    assert f"{broken}: not formatted: the file has syntax errors" in result.stderr
    assert broken.read_text() == '$version: "2"\nnamespace a\nstructure A {\n'
    from_stdin = witsmith("format", "-", "--stdin-filename", "b.wit", stdin="interface i {\n")
    assert from_stdin.returncode == 1 and from_stdin.stdout == "interface i {\n"


def test_missing_paths_are_usage_errors(tmp_path):
    result = witsmith("format", str(tmp_path / "nowhere.wit"))
    assert result.returncode == 2 and "no such file or folder" in result.stderr
