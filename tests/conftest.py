"""Shared test fixtures: the repository layout and the real-world corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# The helper modules (`support.*`) and the benchmark generators are imported by tests.
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS.parent))

from support.corpus import CORPUS  # noqa: E402


@pytest.fixture(scope="session")
def corpus_root() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the real-world corpus is not present (set WITSMITH_CORPUS): {CORPUS}")
    return CORPUS
