"""Semantic tokens: one token per byte, the innermost capture winning, computed in one
sort and one pass (the figures for large files are in `benchmarks/semantic_tokens.py`)."""

from __future__ import annotations

import pytest
import tree_sitter

from support.corpus import source_files
from witsmith.features.semantic_tokens import SemanticToken, _classify, semantic_tokens
from witsmith.syntax import parse, query


def reference_tokens(tree) -> list[SemanticToken]:
    """The rule stated plainly: innermost captures first (then the earliest pattern),
    each kept unless it overlaps one already kept.  Quadratic, for checking only."""
    cursor = tree_sitter.QueryCursor(query(tree.lang_id, "highlights"))
    candidates = []
    for pattern, captures in cursor.matches(tree.root):
        for capture, nodes in captures.items():
            for node in nodes:
                if node.start_byte < node.end_byte and _classify(capture) is not None:
                    candidates.append((node.start_byte, node.end_byte, pattern, capture))
    candidates.sort(key=lambda c: (c[1] - c[0], c[2]))
    taken, tokens = [], []
    for start, end, _, capture in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        tokens.append(SemanticToken(start, end, *_classify(capture)))
    return sorted(tokens, key=lambda t: t.start)


def _sample(lang: str, count: int = 60) -> list:
    files = [p for p in source_files(lang, "valid", "syntax-error", "semantic-error") if p.stat().st_size < 40_000]
    return files[:: max(1, len(files) // count)][:count]


@pytest.mark.parametrize("lang", ["wit", "smithy"])
def test_tokens_equal_the_plain_rule_over_the_corpus(lang):
    files = _sample(lang)
    if not files:
        pytest.skip("the shared corpus is not present")
    for path in files:
        tree = parse(lang, path.read_bytes())
        assert semantic_tokens(tree) == reference_tokens(tree), path


@pytest.mark.parametrize("lang, text", [
    ("wit", "package a:b;\n\ninterface i {\n    /// docs\n    record r { x: list<option<u32>>, y: string }\n"
            "    f: func(a: borrow<r>) -> result<r, string>;\n}\n"),
    ("smithy", '$version: "2"\nnamespace a.b\n\n/// docs\n@http(method: "GET", uri: "/x")\n'
               "operation Get {\n    input := {\n        @required\n        id: String\n    }\n}\n"),
])
def test_nested_and_broken_text(lang, text):
    for cut in range(0, len(text), 7):  # every prefix: broken trees too
        tree = parse(lang, text[:cut].encode())
        tokens = semantic_tokens(tree)
        assert tokens == reference_tokens(tree)
        assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))


def test_a_large_file_is_tokenized_whole():
    from benchmarks.generators import wit_package

    source = wit_package(3_000).encode()
    tokens = semantic_tokens(parse("wit", source))
    assert len(tokens) > 5_000
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))
