"""Finding the reference at an offset (hover, definition, rename) by bisection agrees
with scanning every reference: the shortest that holds the offset, the first of equals."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support.corpus import source_files
from witsmith.model.smithy import Reference
from witsmith.workspace.project import Workspace
from witsmith.workspace.smithy.resolution import Resolved, ResolvedFile


def _by_scanning(resolved: ResolvedFile, offset: int) -> Resolved | None:
    best = None
    for candidate in resolved.references:
        ref = candidate.reference
        if ref.start <= offset <= ref.end and (best is None or ref.end - ref.start < best.reference.end - best.reference.start):
            best = candidate
    return best


ranges = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=25)


@given(ranges, st.integers(-2, 80))
def test_overlapping_and_equal_ranges(spans, offset):
    resolved = ResolvedFile([Resolved(Reference(f"r{i}", start, start + length, "target", None), None)
                             for i, (start, length) in enumerate(spans)])
    assert resolved.at(offset) is _by_scanning(resolved, offset)


@pytest.mark.parametrize("path", source_files("smithy", "valid", "semantic-error")[::5], ids=str)
def test_corpus_files(path, tmp_path):
    workspace = Workspace()
    workspace.add_root(path)
    resolved = workspace.smithy.resolved(path)
    size = path.stat().st_size
    rng = random.Random(str(path))
    offsets = {rng.randrange(size + 1) for _ in range(40)}
    for candidate in resolved.references[:200]:
        offsets |= {candidate.reference.start, candidate.reference.end, candidate.reference.end + 1}
    for offset in sorted(offsets):
        assert resolved.at(offset) is _by_scanning(resolved, offset), offset
