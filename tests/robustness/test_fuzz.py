"""A bounded protocol fuzz run; `python -m benchmarks.fuzz` runs the long one."""

from __future__ import annotations

import pytest

from benchmarks.fuzz import corpus_files, fuzz
from support.corpus import CORPUS


@pytest.mark.parametrize("seed", [7, 2026])
def test_random_edits_and_requests_never_break_the_server(corpus_root, seed):
    stats = fuzz(corpus_files(CORPUS), seconds=6, seed=seed)
    assert stats["requests"] > 50, stats
    assert stats["errors"] == [], f"seed {seed}: {stats['errors'][:5]}"
