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


@pytest.mark.parametrize("lang", ["wit", "smithy"])
def test_captures_alone_settle_every_corpus_file_and_agree_with_the_matches(lang, monkeypatch):
    """The whole-match reading is only a fallback: real files never need it."""
    from witsmith.features import semantic_tokens as feature

    files = _sample(lang)
    if not files:
        pytest.skip("the shared corpus is not present")
    for path in files:
        tree = parse(lang, path.read_bytes())
        highlights = query(lang, "highlights")
        by_capture = feature._by_capture(lang, tree_sitter.QueryCursor(highlights).captures(tree.root))
        assert by_capture is not None, path
        assert by_capture == feature._by_match(tree_sitter.QueryCursor(highlights).matches(tree.root)), path


def test_a_large_file_reads_captures_once_and_no_matches(monkeypatch):
    from benchmarks.generators import smithy_model
    from witsmith.features import semantic_tokens as feature

    def refuse(matches):
        raise AssertionError("the per-match reading ran")

    monkeypatch.setattr(feature, "_by_match", refuse)
    tree = parse("smithy", smithy_model(2_000).encode())
    tokens = semantic_tokens(tree)
    assert len(tokens) > 3_000
    assert any(t.token_type == "type" and "defaultLibrary" in t.modifiers for t in tokens)  # a node with two names


def test_two_names_on_one_node_are_settled_by_pattern_order_or_not_at_all():
    from witsmith.features.semantic_tokens import _kind, _overrides

    spans = {"type.builtin": (4, 22), "type": (23, 43), "constant": (5, 30), "type.definition": (2, 3)}
    merged = {_kind("type"): ["type"], _kind("constant"): ["constant"]}
    assert _overrides("type.builtin", _kind("type.builtin"), {_kind("type")}, merged, spans)
    # Patterns interleave: only the matches can tell.
    assert not _overrides("type.builtin", _kind("type.builtin"), {_kind("type"), _kind("constant")}, merged, spans)
    assert not _overrides("type.definition", _kind("type.definition"), {_kind("constant")},
                          {_kind("constant"): ["constant"]}, {**spans, "type.definition": (6, 6)})
    # Names of one kind give one token whichever wins.
    assert _overrides("type", _kind("type"), {_kind("type")}, {_kind("type"): ["type"]}, {"type": (50, 60)})


def test_interleaved_names_fall_back_to_the_matches(monkeypatch):
    from witsmith.features import semantic_tokens as feature

    tree = parse("smithy", b'$version: "2"\nnamespace a.b\nstructure S { a: String, b: Other }\n')
    expected = semantic_tokens(tree)
    # Pretend every name is mentioned by every pattern: captures alone cannot decide.
    real = feature._pattern_spans
    monkeypatch.setattr(feature, "_pattern_spans", lambda lang_id: {name: (0, 99) for name in real(lang_id)})
    assert feature._by_capture("smithy", tree_sitter.QueryCursor(query("smithy", "highlights")).captures(tree.root)) is None
    assert semantic_tokens(tree) == expected == reference_tokens(tree)


def test_ranges_sharing_a_start_are_settled_by_start_and_end(monkeypatch):
    """`@smithy.api#documentation`: the trait's shape id and its namespace start at one byte."""
    from witsmith.features import semantic_tokens as feature

    calls = []
    real = feature._by_range
    monkeypatch.setattr(feature, "_by_range", lambda *args: calls.append(args) or real(*args))
    tree = parse("smithy", b'$version: "2"\nnamespace a.b\n@smithy.api#documentation("x")\nstring S\n')
    tokens = semantic_tokens(tree)
    assert calls
    assert tokens == reference_tokens(tree)
    assert any(t.token_type == "decorator" for t in tokens)


@pytest.mark.parametrize("lang", ["wit", "smithy"])
def test_start_and_end_keys_agree_with_the_matches_over_the_corpus(lang, monkeypatch):
    """The general reading, which real files seldom need, checked on all of them."""
    from witsmith.features import semantic_tokens as feature

    files = _sample(lang)
    if not files:
        pytest.skip("the shared corpus is not present")
    monkeypatch.setattr(feature, "_by_start", lambda ranges, spans: feature._SHARED_STARTS)
    for path in files:
        tree = parse(lang, path.read_bytes())
        highlights = query(lang, "highlights")
        by_range = feature._by_capture(lang, tree_sitter.QueryCursor(highlights).captures(tree.root))
        assert by_range is not None, path
        assert by_range == feature._by_match(tree_sitter.QueryCursor(highlights).matches(tree.root)), path


def test_a_text_test_and_its_negation_run_as_one_pattern():
    """Smithy's prelude types: `#any-of?` then `#not-any-of?` of the same names, merged."""
    from witsmith.features.semantic_tokens import _lean_query, _merged, _token_query

    lean, splits = _lean_query("smithy")
    assert lean.pattern_count == _token_query("smithy").pattern_count - 1
    (split,) = splits.values()
    assert (split.inside, split.outside) == ("type.builtin", "type")
    assert {b"String", b"Timestamp", b"PrimitiveBoolean"} <= split.values
    assert _lean_query("wit")[1] == {}

    first = b'(m t: (s n: (identifier) @type.builtin) (#any-of? @type.builtin "A" "B"))'
    second = b'(m\n  t: (s n: (identifier) @type)\n  (#not-any-of? @type "B" "A"))'
    body, split = _merged(first, second, "_split0")
    assert body.split() == [b"(m", b"t:", b"(s", b"n:", b"(identifier)", b"@_split0)", b")"]
    assert split.values == {b"A", b"B"} and (split.inside, split.outside) == ("type.builtin", "type")
    assert _merged(second, first, "_split0") is None  # the negation first
    assert _merged(first, second.replace(b'"B" ', b""), "_split0") is None  # other values
    assert _merged(first, second.replace(b"(s n:", b"(s m:"), "_split0") is None  # another node
    assert _merged(first, second.replace(b"@type)", b"@type @type.x)"), "_split0") is None
    assert _merged(first.replace(b"@type.builtin)", b"@punctuation)").replace(b"? @type.builtin", b"? @punctuation"),
                   second, "_split0") is None  # a name that gives no token


@pytest.mark.parametrize("text", [
    b'$version: "2"\nnamespace a.b\nstructure S { a: String, b: Strings, c: smithy.api#Integer, d: Other }\n',
    b'$version: "2"\nnamespace a.b\nstructure S { a: String\n',  # broken
])
def test_prelude_names_are_builtin_types_and_others_plain_types(text):
    tree = parse("smithy", text)
    tokens = semantic_tokens(tree)
    assert tokens == reference_tokens(tree)
    kinds = {text[t.start:t.end]: (t.token_type, "defaultLibrary" in t.modifiers) for t in tokens}
    assert kinds[b"String"] == ("type", True)
    if b"Strings" in text:
        assert kinds[b"Strings"] == ("type", False) and kinds[b"Other"] == ("type", False)
        assert kinds[b"Integer"] == ("type", True)
