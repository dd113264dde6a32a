"""The protocol's integers for semantic tokens, computed column by column for speed,
equal the plain token-by-token encoding: over corpus files and texts with line breaks
inside tokens, CRLF and lone CR, and characters of 2, 3 and 4 bytes, in every position
encoding."""

from __future__ import annotations

import pytest

from support.corpus import ABSENT, source_files
from witsmith.features.semantic_tokens import TOKEN_MODIFIERS, TOKEN_TYPES, semantic_token_spans, semantic_tokens
from witsmith.lsp.convert import semantic_token_spans_data, semantic_tokens_data
from witsmith.lsp.positions import PositionCodec
from witsmith.syntax import SyntaxTree, parse
from witsmith.text import LineIndex

ENCODINGS = ["utf-8", "utf-16", "utf-32"]


def plain_encoding(encoding: str, source: bytes, tokens) -> list[int]:
    """Each token split at line breaks, each part placed by the line index: slow and obvious."""
    index = LineIndex(source)
    data: list[int] = []
    previous_line = previous_column = 0
    for token in tokens:
        bits = sum(1 << TOKEN_MODIFIERS.index(m) for m in token.modifiers)
        for line in range(index.line_of(token.start), index.line_of(token.end) + 1):
            start = max(token.start, index.line_start(line))
            end = min(token.end, index.line_end(line))
            if end <= start:
                continue
            column = index.position(start, encoding).character
            length = index.position(end, encoding).character - column
            delta = line - previous_line
            data += [delta, column - previous_column if delta == 0 else column, length,
                     TOKEN_TYPES.index(token.token_type), bits]
            previous_line, previous_column = line, column
    return data


def check(lang: str, source: bytes) -> None:
    tree = parse(lang, source)
    tokens = semantic_tokens(tree)
    for encoding in ENCODINGS:
        codec = PositionCodec(encoding)
        expected = plain_encoding(encoding, source, tokens)
        assert semantic_token_spans_data(codec, LineIndex(source), semantic_token_spans(tree)) == expected
        assert semantic_tokens_data(codec, LineIndex(source), tokens) == expected


@pytest.mark.parametrize("lang, text", [
    ("smithy", '$version: "2"\r\nnamespace a.b\r/// dö 日本\n@documentation("""\n  é🦀 x\n  y""")\n'
               "structure S { a: String /* not a comment in Smithy */ }\n"),
    ("wit", "package a:b;\r\n/** é\n 🦀 */\ninterface i { /// dé\n f: func(); /* x\r\n y */ }\r"),
    ("wit", "package a:b;\ninterface i { f: func(); }"),  # no line break at the end
    ("wit", ""),
])
def test_multi_line_and_non_ascii_tokens(lang, text):
    check(lang, text.encode())


def test_only_lines_that_are_not_ascii_are_decoded_and_they_are_counted_right():
    """Tokens on ASCII lines keep their byte columns; those on a line with 2-, 3- and
    4-byte characters, after many ASCII-only lines and before more of them, are counted
    in the client's units, also after an astral character earlier on their line."""
    ascii_lines = "".join(f"string S{n}\n" for n in range(40))
    text = ('$version: "2"\nnamespace a.b\n' + ascii_lines
            + '@documentation("é日🦀") @deprecated(message: "🦀🦀") structure T { a: String }\n'
            + "/// 🦀 x\n" + ascii_lines.replace("S", "U"))
    check("smithy", text.encode())
    wit = "package a:b;\ninterface i {\n" + "".join(f"  f{n}: func();\n" for n in range(40))
    wit += "  /// 🦀é\n  type 🦀 = u32; g: func(a: u32) -> string; /* 日本 */ h: func();\n  k: func();\n}\n"
    check("wit", wit.encode())


@pytest.mark.parametrize("lang", ["smithy", "wit"])
def test_corpus_files_encode_as_the_plain_rule_says(lang):
    files = source_files(lang, "valid", "syntax-error", "semantic-error")
    if not files:
        pytest.skip(ABSENT)
    for path in files[:: max(1, len(files) // 40)]:
        check(lang, path.read_bytes())


def test_an_unchanged_tree_is_answered_from_the_cache_and_a_new_one_is_not():
    tree = parse("wit", b"package a:b;\ninterface i { f: func(); }\n")
    first = semantic_token_spans(tree)
    assert semantic_token_spans(tree) is first
    again = SyntaxTree(tree.lang_id, tree.source, tree.tree)  # another version with the same text
    assert semantic_token_spans(again) is not first
    assert semantic_token_spans(again) == first
    assert semantic_token_spans(tree, 0, 10) != first  # a range is never taken from the cache
