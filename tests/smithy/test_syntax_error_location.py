"""A syntax error sits on the token where Smithy's own parser stops, and says what it expected there."""

from __future__ import annotations

import pytest

from smithy.helpers import diagnostics, workspace

HEADER = '$version: "2"\nnamespace a\n\n'


def _syntax_errors(tmp_path, body: str):
    ws = workspace(tmp_path, {"a.smithy": HEADER + body})
    path = tmp_path / "a.smithy"
    source = path.read_bytes()
    found = []
    for d in diagnostics(ws, path):
        if d.code == "smithy/syntax-error":
            line = source.count(b"\n", 0, d.start) + 1 - HEADER.count("\n")
            found.append((line, source[d.start:d.end].decode(), d.message))
    return found


@pytest.mark.parametrize("body, line, text, expected", [
    # The brace after a structure's name is missing: the member's trait is where the reader stops.
    ("structure Foo\n    @required\n    a: String\n}\n", 2, "@", "expected `{`"),
    # A body left open at the end of the file.
    ("map Names {\n", 2, "", "expected `}` to close the body, found the end of the file"),
    # `with` and no mixin list.
    ("structure Foo with\n", 2, "", "expected `[` after `with`"),
    # A trait value left open: the next shape's name is not a `:`.
    ("@foo(bar: \"baz\", \"bam\"\nstring MyString\n", 2, "string", "expected `:`"),
    # An apply with no trait.
    ("apply Foo // no trait\nstring Foo\n", 2, "string", "expected `@` or `{`"),
    # A trait with no shape in a structure's body.
    ("structure Foo {\n    @deprecated\n}\n", 3, "}", "expected a member name"),
])
def test_syntax_error_sits_where_the_parser_stops(tmp_path, body, line, text, expected):
    found = _syntax_errors(tmp_path, body)
    assert found, "no syntax error"
    first_line, first_text, message = found[0]
    assert (first_line, first_text) == (line, text), found
    assert expected in message


def test_missing_token_is_shown_on_the_token_found_instead(tmp_path):
    found = _syntax_errors(tmp_path, '@documentation("x"\n@required\nstring Foo\n')
    assert found
    line, text, message = found[0]
    assert (line, text) == (2, "@")
    assert "missing `)`" in message and "before `@`" in message


def test_a_statement_broken_at_its_first_token_keeps_its_place(tmp_path):
    found = _syntax_errors(tmp_path, "strukture Foo {}\n")
    assert found and found[0][0] == 1


def test_deeply_nested_broken_value_does_not_break_the_report(tmp_path):
    found = _syntax_errors(tmp_path, "@tags(" + "[" * 5000 + "\nstring Foo\n")
    assert found
