"""Shared test fixtures: the repository layout and the real-world corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# The helper modules (`support.*`) and the benchmark generators are imported by tests.
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS.parent))

from support.corpus import ABSENT, CORPUS, present  # noqa: E402


@pytest.fixture(scope="session")
def corpus_root() -> Path:
    if not present():
        pytest.skip(ABSENT)
    return CORPUS


def pytest_collection_modifyitems(config, items):
    """A test parametrized over corpus cases has no cases without the corpus; pytest's
    own reason ("got empty parameter set") says nothing a newcomer can act on."""
    if present():
        return
    for item in items:
        if any(str(mark.kwargs.get("reason", "")).startswith("got empty parameter set")
               for mark in item.iter_markers(name="skip")):
            item.add_marker(pytest.mark.skip(reason=ABSENT), append=False)
