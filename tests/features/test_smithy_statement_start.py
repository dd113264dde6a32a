"""Completion finds the statement it is in by stepping back from the cursor; it must
agree with reading every top-level statement from the start of the file."""

from __future__ import annotations

import random

import pytest

from support.corpus import source_files
from witsmith.features.smithy.cursor import STATEMENT_NODES, _statement_start
from witsmith.syntax import parse

MODELS = [
    b"",
    b"namespace a\n",
    b'$version: "2"\nnamespace a\n\nuse b#C\n\n/// Docs.\n@length(min: 1)\nstring S\n\nstructure T {\n    a: S\n}\n\n',
    b"namespace a\n\nstructure Broken {\n    a: \n\nstructure After {}\napply After @tags([\n",
    b"namespace a\nstructure A {} structure B {}\n// trailing comment",
    b"@@@ namespace\n\n{{{\nstructure X {}\n",
]


def _by_reading_all(root, offset: int) -> int:
    start = 0
    for child in root.children:
        if child.start_byte > offset:
            break
        if child.type in STATEMENT_NODES and not child.has_error:
            start = child.start_byte
    return start


@pytest.mark.parametrize("source", MODELS)
def test_every_offset_of_small_models(source: bytes):
    root = parse("smithy", source).root
    for offset in range(len(source) + 2):
        assert _statement_start(root, offset) == _by_reading_all(root, offset), offset


@pytest.mark.parametrize("path", source_files("smithy", "valid", "syntax-error", "semantic-error")[::7], ids=str)
def test_corpus_statement_edges_and_random_offsets(path):
    source = path.read_bytes()
    root = parse("smithy", source).root
    rng = random.Random(str(path))
    offsets = {0, len(source)} | {rng.randrange(len(source) + 1) for _ in range(30)}
    for child in root.children:
        offsets |= {child.start_byte - 1, child.start_byte, child.end_byte - 1, child.end_byte}
    for offset in sorted(o for o in offsets if o >= 0):
        assert _statement_start(root, offset) == _by_reading_all(root, offset), offset
