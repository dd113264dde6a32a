"""Incremental reparsing gives exactly the tree a parse from scratch gives."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.corpus import ABSENT, source_files
from witsmith.syntax import SourceEdit, parse
from witsmith.syntax.sexp import to_sexp

FILES = {
    "smithy": source_files("smithy", "valid", "semantic-error", "syntax-error"),
    "wit": source_files("wit", "valid", "semantic-error", "syntax-error"),
}

pytestmark = pytest.mark.skipif(
    not (FILES["smithy"] and FILES["wit"]), reason=ABSENT
)

# Text that stresses the grammars: their punctuation, keywords, comments, line
# endings of every kind, and characters that take 2, 3 and 4 bytes in UTF-8.
FRAGMENTS = [
    "{", "}", "(", ")", "[", "]", "<", ">", ":", ";", ",", ".", "@", "#", "$", "=", "\"", '"""',
    "\n", "\r\n", "\r", " ", "\t", "//", "///", "/*", "*/", "structure ", "member", "func()",
    "interface ", "world ", "list<u8>", "é", "日本", "🦀", "a", "Z9",
]

edit_text = st.lists(st.sampled_from(FRAGMENTS), max_size=4).map("".join)


@st.composite
def edited_file(draw, lang: str):
    path = draw(st.sampled_from(FILES[lang]))
    source = path.read_bytes()
    edits = []
    length = len(source)
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        # Byte offsets anywhere, including inside multi-byte characters and
        # between the halves of a CRLF pair.
        start = draw(st.integers(min_value=0, max_value=length))
        end = draw(st.integers(min_value=start, max_value=min(length, start + 40)))
        text = draw(edit_text).encode("utf-8")
        edits.append(SourceEdit(start, end, text))
        length += len(text) - (end - start)
    return source, edits


def check_incremental_matches_scratch(lang: str, source: bytes, edits: list[SourceEdit]) -> None:
    tree = parse(lang, source)
    for edit in edits:
        tree = tree.edited(edit)
    scratch = parse(lang, tree.source)
    assert to_sexp(tree.root) == to_sexp(scratch.root)


PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(case=edited_file("smithy"))
def test_smithy_incremental_reparse_matches_scratch(case):
    check_incremental_matches_scratch("smithy", *case)


@PROPERTY
@given(case=edited_file("wit"))
def test_wit_incremental_reparse_matches_scratch(case):
    check_incremental_matches_scratch("wit", *case)


def test_edit_outside_the_source_is_refused():
    tree = parse("wit", b"package a:b;\n")
    try:
        tree.edited(SourceEdit(5, 100, b""))
    except ValueError as error:
        assert "outside" in str(error)
    else:
        raise AssertionError("an edit past the end was accepted")


def test_snapshot_survives_an_edit():
    before = parse("wit", b"package a:b;\ninterface i {}\n")
    text_before = to_sexp(before.root)
    after = before.edited(SourceEdit(13, 13, b"world w {}\n"))
    assert to_sexp(before.root) == text_before
    assert "world" in to_sexp(after.root)
