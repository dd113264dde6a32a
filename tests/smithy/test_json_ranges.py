"""JSON AST models: ranges found on first read (`read_json`, `lazy_ranges`) are the ranges
the scanner that finds them all at once gives (`scan_json`), for every value, key and
summary object, in whatever order they are read; texts the standard reader refuses
get the scanner's verdict."""

from __future__ import annotations

import gc
import json
import random
import threading
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.aws_models import model as generated_model
from support import corpus
from witsmith.model.smithy import Reference, Span, summarize_ast
from witsmith.model.smithy.ast_json import _AstReader
from witsmith.model.smithy.json_text import JsonError, JsonNode, read_json, scan_json
from witsmith.model.smithy.lazy_ranges import LazyReference, LazySpan, UNKNOWN, lazy, span, value_range


def _nodes(node, path="$"):
    """Every value and entry of a tree, in document order, with where it is."""
    yield path, node
    for entry in node.entries:
        yield f"{path}.{entry.key}", entry
        yield from _nodes(entry.value, f"{path}.{entry.key}")
    for index, item in enumerate(node.items):
        yield from _nodes(item, f"{path}[{index}]")


def _ranges(pairs):
    result = []
    for where, item in pairs:
        if hasattr(item, "key_start"):
            result.append((where, "key", item.key, item.key_start, item.key_end))
        else:
            result.append((where, item.kind, item.value, item.start, item.end))
    return result


def assert_same_ranges(source: bytes, order_seed: int | None = None) -> None:
    lazy_root, eager_root = read_json(source), scan_json(source)
    lazy_pairs, eager_pairs = list(_nodes(lazy_root)), list(_nodes(eager_root))
    if order_seed is not None:  # read the ranges in another order than the text's
        order = list(range(len(lazy_pairs)))
        random.Random(order_seed).shuffle(order)
        for index in order:
            item = lazy_pairs[index][1]
            _ = item.key_start if hasattr(item, "key_start") else item.start
    assert _ranges(lazy_pairs) == _ranges(eager_pairs)


def _json_models() -> list[Path]:
    if not corpus.present():
        return []
    return corpus.source_files("smithy-json", "valid", "semantic-error", "syntax-error")


def test_the_corpus_has_json_models():
    if not corpus.present():
        pytest.skip(corpus.ABSENT)
    assert len(_json_models()) > 20


@pytest.mark.parametrize("path", _json_models(), ids=lambda p: p.name)
def test_corpus_json_models_same_ranges_and_summaries(path: Path):
    source = path.read_bytes()
    try:
        scan_json(source)
    except JsonError as error:
        with pytest.raises(JsonError) as raised:
            read_json(source)
        assert (str(raised.value), raised.value.offset) == (str(error), error.offset)
        return
    assert_same_ranges(source)
    assert_same_ranges(source, order_seed=len(source))
    # Every range of the summary (shapes, members, traits, references, statements, problems).
    assert summarize_ast(path, source) == _AstReader(path).run(scan_json(source))


def test_a_generated_service_model_same_ranges_and_summary():
    source = generated_model(200_000).encode()
    assert isinstance(read_json(source), JsonNode)  # the fast path, not the scanner
    assert_same_ranges(source, order_seed=7)
    path = Path("service.json")
    assert summarize_ast(path, source) == _AstReader(path).run(scan_json(source))


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=40,
)


@settings(max_examples=150, deadline=None)
@given(value=_json_values, indent=st.sampled_from([None, 0, 1, 2, "\t"]), ascii_only=st.booleans(),
       bom=st.booleans(), seed=st.integers(0, 1000))
def test_any_json_same_ranges_in_any_reading_order(value, indent, ascii_only, bom, seed):
    text = json.dumps({"smithy": "2.0", "v": value}, indent=indent, ensure_ascii=ascii_only)
    source = (b"\xef\xbb\xbf" if bom else b"") + f" {text} \n".encode()
    assert_same_ranges(source)
    assert_same_ranges(source, order_seed=seed)


@pytest.mark.parametrize("source", [
    b'{"a": 1}\xef\xbb\xbf',  # a byte-order mark after the value: blank to the scanner
    b'{"a":\xef\xbb\xbf 1}',
    b'{"a": "caf\xe9"}',  # not UTF-8: the scanner replaces the byte
    b'{"a": NaN}',
    b'{"a": Infinity}',
    b'{"a": [1, 2,]}',
    b'{"a": 1} {"b": 2}',
    b"",
    b"[" * 300 + b"]" * 300,  # deeper than MAX_DEPTH
    b"[" * 5000 + b"]" * 5000,  # deeper than the standard reader goes
    b'{"a": "\\x"}',
    b'{"a": "tab\there"}',
    b'{"a": 01}',
    b'{"a": 1e999, "b": -0.0, "c": "\\ud800"}',
])
def test_texts_the_standard_reader_refuses_get_the_scanners_verdict(source):
    try:
        expected = scan_json(source)
    except JsonError as error:
        with pytest.raises(JsonError) as raised:
            read_json(source)
        assert (str(raised.value), raised.value.offset) == (str(error), error.offset)
    else:
        assert _ranges(_nodes(read_json(source))) == _ranges(_nodes(expected))


def test_two_threads_reading_ranges_of_one_tree_find_the_same():
    source = generated_model(150_000).encode()
    expected = _ranges(_nodes(scan_json(source)))
    root = read_json(source)
    pairs = list(_nodes(root))
    results: list[list] = []

    def read(seed: int) -> None:
        order = list(range(len(pairs)))
        random.Random(seed).shuffle(order)
        for index in order:
            item = pairs[index][1]
            _ = item.key_start if hasattr(item, "key_start") else item.start
        results.append(_ranges(pairs))

    threads = [threading.Thread(target=read, args=(seed,)) for seed in (1, 2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 3


def test_a_range_is_not_found_until_read():
    source = b'{"smithy": "2.0", "shapes": {"a.b#C": {"type": "string"}, "a.b#D": {"type": "string"}}}'
    root = read_json(source)
    shapes = root.get("shapes")
    found = root._document._found
    assert found == {}  # nothing located yet
    shape = shapes.entries[0]
    assert (shape.key_start, shape.key_end) == (source.index(b"a.b#C"), source.index(b"a.b#C") + 5)
    # The root's children as far as `shapes`, and the first shape: nothing deeper, nothing after.
    assert {path: len(ranges) for path, (_, ranges, _) in found.items()} == {(): 2, (1,): 1}


def test_a_summary_dropped_is_freed_without_the_collector():
    """No cycles in the trees: a model read again on each edit must not pile up until the
    collector's next full pass."""
    source = generated_model(100_000).encode()
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        summary = summarize_ast(Path("service.json"), source)
        assert all(reference.start >= 0 for reference in summary.references)  # ranges read too
        del summary
        assert gc.collect() < 100
    finally:
        if was_enabled:
            gc.enable()


def test_lazy_summary_objects_compare_equal_to_plain_ones():
    node = scan_json(b'"a.b#C"')
    found = span("a.b#C", (value_range, node))
    assert found == Span("a.b#C", 0, 7) and Span("a.b#C", 0, 7) == found
    assert found != Span("a.b#C", 1, 6)
    made = lazy(LazyReference, ((value_range, node),), "a.b#C", UNKNOWN, UNKNOWN, "target", None)
    assert made == Reference("a.b#C", 0, 7, "target", None)
    assert isinstance(found, Span) and type(found) is LazySpan
    assert [f.name for f in fields(found)] == [f.name for f in fields(Span)]


def test_summary_ranges_cover_what_they_name():
    """Each range of a summary read lazily covers the text it stands for (the ranges the
    summary had when every one was found at once)."""
    source = generated_model(100_000).encode()
    text = source.decode()
    summary = summarize_ast(Path("service.json"), source)
    for reference in summary.references:
        assert text[reference.start:reference.end] == reference.text
    for shape in summary.shapes:
        assert text[shape.name.start:shape.name.end] == shape.name.text
        assert text[shape.start - 1] == '"' and text[shape.end - 1] == "}"
        assert text[shape.kind_start:shape.kind_end] == json.dumps(shape.kind)
        for trait in shape.traits:
            assert text[trait.id.start:trait.id.end] == trait.id.text
            assert (trait.start, trait.end) == (trait.id.start, trait.value.end)
            assert json.loads(text[trait.value.start:trait.value.end]) == trait.value.to_python()
        for member in shape.members:
            assert text[member.name.start:member.name.end] == member.name.text
            assert member.start == member.name.start and text[member.end - 1] == "}"
            if member.target is not None:
                assert text[member.target.start:member.target.end] == member.target.text
        for entry in shape.properties:
            assert text[entry.key_start:entry.key_end] == entry.key
            value = entry.value
            if value.kind == "shape_id":  # `{"target": id}` read as the id, ranged on it
                assert text[value.start:value.end] == value.value
            elif value.kind == "array":
                assert text[value.start] == "[" and all(text[i.start:i.end] == i.value for i in value.items)
            else:  # `version`, `rename`: the value as written
                assert json.loads(text[value.start:value.end]) == value.to_python()
    assert len(summary.controls) == 1 and text[summary.controls[0].start:summary.controls[0].end] == 'smithy": "2.0"'


def test_members_differing_only_in_case_are_each_reported_against_every_earlier_one():
    source = json.dumps({"smithy": "2.0", "shapes": {
        "a.b#S": {"type": "structure", "members": {
            "Id": {"target": "smithy.api#String"}, "ID": {"target": "smithy.api#String"},
            "name": {"target": "smithy.api#String"}, "id": {"target": "smithy.api#String"}}},
        "a.b#T": {"type": "structure", "members": {"id": {"target": "smithy.api#String"}}}}}).encode()
    problems = [(p.code, source[p.start:p.end].decode(), p.message) for p in summarize_ast(Path("m.json"), source).problems]
    assert problems == [
        ("smithy/duplicate-member", "ID", "`a.b#S` already has a member `Id` (names are compared ignoring case)"),
        ("smithy/duplicate-member", "id", "`a.b#S` already has a member `Id` (names are compared ignoring case)"),
        ("smithy/duplicate-member", "id", "`a.b#S` already has a member `ID` (names are compared ignoring case)"),
    ]
