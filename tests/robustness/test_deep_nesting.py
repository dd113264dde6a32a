"""Brackets nested past `MAX_NESTING` levels are found by a linear pre-scan: the text is
parsed up to the bracket that goes too deep, which gets one diagnostic, and nothing past
it is handed to tree-sitter (whose time grows with the square of the depth).  Figures for
10,000 levels: `python -m benchmarks.deep_nesting`."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from witsmith.features.diagnostics import file_diagnostics, syntax_diagnostics
from witsmith.syntax import SourceEdit, parse
from witsmith.syntax.nesting import MAX_NESTING, keeps_nesting, too_deep_at
from witsmith.syntax.sexp import to_sexp
from witsmith.workspace.project import Workspace

OPENING = {"smithy": "{[(", "wit": "{[(<"}
CLOSING = {"smithy": "}])", "wit": "}])>"}


def plain_scan(lang: str, text: str, limit: int) -> int | None:
    """The rule stated byte by byte: strings (Smithy) and comments skipped, a closing
    bracket without an opening one ignored, `->` an arrow (WIT)."""
    data = text.encode()
    depth = index = 0
    while index < len(data):
        rest = data[index:]
        if rest.startswith(b"//"):
            end = data.find(b"\n", index)
            index = len(data) if end < 0 else end
            continue
        if lang == "wit" and rest.startswith(b"/*"):
            end = data.find(b"*/", index + 2)
            index = len(data) if end < 0 else end + 2
            continue
        if lang == "wit" and rest.startswith(b"->"):
            index += 2
            continue
        if lang == "smithy" and rest.startswith(b'"'):
            quote = b'"""' if rest.startswith(b'"""') else b'"'
            index += len(quote)
            while index < len(data) and not data[index:].startswith(quote):
                index += 2 if data[index] == 0x5C else 1
            index += len(quote)
            continue
        char = chr(data[index])
        if char in OPENING[lang]:
            depth += 1
            if depth > limit:
                return index
        elif char in CLOSING[lang] and depth:
            depth -= 1
        index += 1
    return None


def pieces(lang: str):
    extra = ['"a[b"', '"""\n{{\n"""', '"\\"["', '"open'] if lang == "smithy" else ["/* < */", "->", "-> x"]
    return st.lists(st.sampled_from([*OPENING[lang], *CLOSING[lang], " ", "\n", "x", "// [{(<\n", "/", *extra]),
                    max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(lang=st.sampled_from(["smithy", "wit"]), data=st.data(), limit=st.integers(min_value=0, max_value=6))
def test_the_pre_scan_finds_the_first_bracket_past_the_limit(lang, data, limit):
    text = data.draw(pieces(lang))
    assert too_deep_at(lang, text.encode(), limit) == plain_scan(lang, text, limit)


WORDS = ["", "x", " ", "ab", "\t", "é"]


@settings(max_examples=500, deadline=None)
@given(lang=st.sampled_from(["smithy", "wit"]), data=st.data())
def test_an_edit_said_to_keep_the_nesting_keeps_every_verdict_of_the_pre_scan(lang, data):
    """What lets a keystroke skip the pre-scan of a large file: when `keeps_nesting` says
    so, the text after the edit is too deep for exactly the limits the text before was."""
    text = data.draw(pieces(lang))
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=min(len(text), start + 3)))
    new_text = data.draw(st.one_of(st.sampled_from(WORDS), pieces(lang)))
    edited = text[:start] + new_text + text[end:]
    kept = keeps_nesting(lang, text.encode(), len(text[:start].encode()), len(text[:end].encode()), new_text.encode())
    if kept:
        for limit in range(7):
            assert (plain_scan(lang, text, limit) is None) == (plain_scan(lang, edited, limit) is None), limit


def test_edits_that_can_change_the_nesting_are_not_said_to_keep_it():
    assert keeps_nesting("smithy", b'a "{{" b', 4, 4, b"x")  # inside a string
    assert not keeps_nesting("smithy", b'a "{{" b', 2, 3, b"")  # the quote taken away
    assert not keeps_nesting("smithy", b"a // {{\n", 3, 3, b"x")  # between the slashes of a comment
    assert not keeps_nesting("smithy", b"a // {{\n}}", 7, 8, b"")  # the line break that ends it
    assert not keeps_nesting("wit", b"f: func() -> x", 11, 11, b" ")  # splitting an arrow
    assert not keeps_nesting("wit", b"/* < */ x", 1, 1, b"y")  # splitting a comment's start
    assert keeps_nesting("wit", b"type t = tuple<u8>;", 6, 6, b"x")


def _deep_smithy(depth: int) -> bytes:
    return ('$version: "2"\nnamespace a.deep\n\nstructure Before { a: Missing }\n\n@tags('
            + "[" * depth + '"x"' + "]" * depth + ")\nstructure After {}\n").encode()


def _deep_wit(depth: int) -> bytes:
    return ("package a:deep;\ninterface i {\n type t = " + "tuple<" * depth + "u8" + ">" * depth + ";\n}\n").encode()


def test_a_smithy_file_nested_too_deep_is_read_up_to_the_cut(tmp_path):
    source = _deep_smithy(10_000)
    path = tmp_path / "deep.smithy"
    path.write_bytes(source)
    workspace = Workspace()
    workspace.add_root(tmp_path)
    found = file_diagnostics(workspace, path)
    nesting = [d for d in found if d.code == "smithy/nesting-too-deep"]
    cut = source.index(b"@tags(") + len(b"@tags") + MAX_NESTING  # `(` is the first level
    assert [(d.start, d.end) for d in nesting] == [(cut, cut + 1)]
    assert f"{MAX_NESTING:,} levels" in nesting[0].message
    assert any(d.code == "smithy/unresolved-shape" for d in found)  # the text before the cut is still checked
    assert not any(d.code == "smithy/syntax-error" and d.start >= cut for d in found)
    assert len(found) < 10


def test_a_wit_file_nested_too_deep_keeps_its_syntax_error_and_gets_the_cut(tmp_path):
    source = _deep_wit(5_000)
    tree = parse("wit", source)
    cut = source.index(b"tuple<") + MAX_NESTING * len(b"tuple<") - 1
    assert tree.too_deep_at == cut
    found = syntax_diagnostics(tmp_path / "deep.wit", tree)
    assert [d.code for d in found if d.start >= cut] == ["wit/nesting-too-deep"]
    # wasm-tools rejects 100 levels: that verdict stays, before the cut.
    assert any(d.code == "wit/syntax-error" and d.start < cut for d in found)


def test_a_file_within_the_limit_is_parsed_whole():
    source = _deep_smithy(MAX_NESTING - 1)
    tree = parse("smithy", source)
    assert tree.too_deep_at is None and not tree.has_errors


@settings(max_examples=25, deadline=None)
@given(depth=st.integers(min_value=MAX_NESTING - 3, max_value=MAX_NESTING + 3),
       edits=st.lists(st.tuples(st.integers(min_value=0, max_value=4000), st.sampled_from(["[", "]", "", '"', "//", "x", " "])),
                      min_size=1, max_size=4))
def test_edits_across_the_limit_give_the_tree_of_a_fresh_parse(depth, edits):
    tree = parse("smithy", _deep_smithy(depth))
    for offset, text in edits:
        offset = min(offset, len(tree.source))
        tree = tree.edited(SourceEdit(offset, min(len(tree.source), offset + (1 if not text else 0)), text.encode()))
        fresh = parse("smithy", tree.source)
        assert tree.too_deep_at == fresh.too_deep_at
        assert to_sexp(tree.root) == to_sexp(fresh.root)


def test_check_reports_the_cut_for_ten_thousand_levels(tmp_path):
    (tmp_path / "deep.smithy").write_bytes(_deep_smithy(10_000))
    (tmp_path / "deep.wit").write_bytes(_deep_wit(10_000))
    result = subprocess.run([sys.executable, "-m", "witsmith", "check", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert "smithy/nesting-too-deep" in result.stdout and "wit/nesting-too-deep" in result.stdout, result.stdout
