"""editors/emacs/witsmith.el with eglot in a real `emacs --batch`.

Skipped where Emacs or eglot is missing (Debian: `apt-get install emacs-nox
elpa-eglot`; eglot is built in from Emacs 29).  Waits are bounded inside
Emacs (10 s per file) and by a process timeout here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = HERE / "fixtures"


@pytest.fixture(scope="module")
def emacs_exe() -> str:
    exe = shutil.which("emacs")
    if not exe:
        pytest.skip("Emacs is not installed (Debian: apt-get install emacs-nox elpa-eglot)")
    return exe


@pytest.fixture(scope="module")
def emacs(emacs_exe) -> str:
    exe = emacs_exe
    probe = subprocess.run([exe, "--batch", "--eval",
                            "(progn (require 'package) (package-initialize) (require 'eglot))"],
                           capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"eglot is not available in this Emacs (Debian: apt-get install elpa-eglot): "
                    f"{probe.stderr.strip()[-300:]}")
    return exe


@pytest.fixture(scope="module")
def results(emacs, tmp_path_factory) -> dict:
    project = tmp_path_factory.mktemp("emacs-project")
    (project / "wit").mkdir()
    (project / "model").mkdir()
    (project / "wkg.toml").write_text("")
    shutil.copy(FIXTURES / "wit" / "broken.wit", project / "wit" / "broken.wit")
    shutil.copy(FIXTURES / "model" / "broken.smithy", project / "model" / "broken.smithy")
    home = tmp_path_factory.mktemp("emacs-home")
    env = {**os.environ, "HOME": str(home), "WITSMITH_EMACS_DIR": str(REPO / "editors" / "emacs"),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    files = [str(project / "wit" / "broken.wit"), str(project / "model" / "broken.smithy")]
    result = subprocess.run([emacs, "--batch", "-l", str(HERE / "emacs" / "check.el"), "--", *files],
                            cwd=project, env=env, capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    found = {}
    for line in result.stdout.splitlines() + result.stderr.splitlines():
        if line.startswith("WITSMITH-RESULT "):
            data = json.loads(line.removeprefix("WITSMITH-RESULT "))
            found[Path(data["file"]).name] = data
    assert len(found) == 2, f"exit {result.returncode}\n{result.stdout}\n{result.stderr[-3000:]}"
    return found


@pytest.mark.parametrize("name,mode,code", [("broken.wit", "wit-mode", "wit/syntax-error"),
                                            ("broken.smithy", "smithy-mode", "smithy/syntax-error")])
def test_eglot_starts_witsmith_and_shows_its_diagnostics(results, name, mode, code):
    data = results[name]
    assert data["major_mode"] == mode
    assert data["connected"] is True and data["server"] == "witsmith"
    assert code in [d["code"] for d in data["diagnostics"]], data["diagnostics"]


def test_witsmith_el_byte_compiles_without_warnings(emacs_exe, tmp_path):
    shutil.copy(REPO / "editors" / "emacs" / "witsmith.el", tmp_path / "witsmith.el")
    result = subprocess.run([emacs_exe, "--batch", "--eval", "(setq byte-compile-error-on-warn t)",
                             "-f", "batch-byte-compile", "witsmith.el"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and (tmp_path / "witsmith.elc").is_file(), result.stderr


def test_lsp_mode_starts_witsmith_and_receives_its_diagnostics(emacs_exe, tmp_path):
    probe = subprocess.run([emacs_exe, "--batch", "--eval",
                            "(progn (require 'package) (package-initialize) (require 'lsp-mode))"],
                           capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip("lsp-mode is not available in this Emacs (Debian: apt-get install elpa-lsp-mode)")
    (tmp_path / "wit").mkdir()
    shutil.copy(FIXTURES / "wit" / "broken.wit", tmp_path / "wit" / "broken.wit")
    (tmp_path / "home").mkdir()
    env = {**os.environ, "HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path),
           "WITSMITH_EMACS_DIR": str(REPO / "editors" / "emacs"),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    result = subprocess.run([emacs_exe, "--batch", "-l", str(HERE / "emacs" / "lsp-check.el"), "--",
                             str(tmp_path / "wit" / "broken.wit")],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    lines = [l for l in (result.stdout + result.stderr).splitlines() if l.startswith("WITSMITH-RESULT ")]
    assert lines, f"exit {result.returncode}\n{result.stdout}\n{result.stderr[-3000:]}"
    data = json.loads(lines[0].removeprefix("WITSMITH-RESULT "))
    assert data["servers"] == ["witsmith"]
    assert "wit/syntax-error" in data["codes"], data
