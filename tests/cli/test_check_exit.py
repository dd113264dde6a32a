"""`witsmith check` ends without the interpreter's final walk over every live object:
after a large model that walk cost a third of the check (everything is still alive at
exit and none of it is garbage)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# An exit handler registered before witsmith's runs after it (they run last in, first
# out): it sees whether the objects alive at exit were frozen out of the final collection.
PROGRAM = """
import atexit, gc, sys
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count(), file=sys.stderr))
from witsmith.cli import main
sys.exit(main(["check", sys.argv[1]]))
"""


def test_check_freezes_what_is_alive_before_the_final_collection():
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(EXAMPLES)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    frozen = [line for line in done.stderr.splitlines() if line.startswith("frozen at exit:")]
    assert len(frozen) == 1 and int(frozen[0].split(":")[1]) > 10_000, done.stderr


def test_the_report_is_complete_before_exit(tmp_path):
    # Nothing is cut short: the summary line is the last thing written, and the exit code stands.
    broken = tmp_path / "broken.wit"
    broken.write_text("package a:b;\ninterface i {\n")
    done = subprocess.run([sys.executable, "-m", "witsmith", "check", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert done.stdout.rstrip().splitlines()[-1].startswith("checked 1 file: 1 error")
