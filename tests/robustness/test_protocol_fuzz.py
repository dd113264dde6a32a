"""A bounded run of random frames, methods and params; `python -m benchmarks.protocol_fuzz`
(and `python -m benchmarks.fuzz`) run the long one."""

from __future__ import annotations

import pytest

from benchmarks.protocol_fuzz import fuzz_frames


@pytest.mark.parametrize("seed", [3, 2027])
def test_random_frames_are_all_answered_and_never_end_the_server(seed):
    stats = fuzz_frames(seconds=6, seed=seed)
    assert stats["requests"] > 20, stats
    assert stats["crashed"] is None, f"seed {seed}: {stats['crashed']}"
    assert stats["unanswered"] == [], f"seed {seed}: {stats['unanswered'][:5]}"
    assert stats["internal_errors"] == [], f"seed {seed}: {stats['internal_errors'][:5]}"
