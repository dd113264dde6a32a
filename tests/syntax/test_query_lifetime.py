"""Creating and freeing our queries repeatedly must not crash the process (some
py-tree-sitter releases free a query's predicates twice)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc
import tree_sitter
from witsmith.syntax.languages import QUERY_NAMES, language, query_source
for _ in range(5):
    for lang in ("smithy", "wit"):
        for name in QUERY_NAMES:
            tree_sitter.Query(language(lang), query_source(lang, name))
            gc.collect()
print("ok")
"""


def test_queries_can_be_created_and_freed_repeatedly():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", (result.returncode, result.stderr[-2000:])
