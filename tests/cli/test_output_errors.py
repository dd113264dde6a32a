"""`witsmith check` when its report cannot be written: one line saying why, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from support.corpus import REPO


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="this system has no /dev/full to fill standard output")
def test_a_full_standard_output_is_one_line_and_exit_2():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "witsmith", "check", "examples"], cwd=REPO,
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("witsmith check: cannot write the report to standard output")
