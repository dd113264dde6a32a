"""Format Document and Format Selection through the protocol, as VS Code and Neovim ask."""

from __future__ import annotations

import pytest
from lsprotocol import types

from support.lsp import open_document
from witsmith.features.formatting import format_text

MESSY_WIT = """package example:shapes@1.0.0;

interface shapes{
    record point { x:f64, y:f64 }
    /// Keep me 🦀.
    area : func(corner:point)->f64;
    perimeter: func(corner: point) -> f64;
}
"""

MESSY_SMITHY = """$version: "2"

namespace example.shapes

structure   Point { x: Double, y: Double }

/// Keep me 🦀.
structure Untouched {
    a: String
}
"""


def options() -> types.FormattingOptions:
    return types.FormattingOptions(tab_size=4, insert_spaces=True)


def apply(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    """Apply LSP edits (last first) to a text, counting characters in the negotiated encoding."""
    lines = text.splitlines(keepends=True) + [""]

    def offset(position: types.Position) -> int:
        before = "".join(lines[: position.line])
        line = lines[position.line]
        if encoding == "utf-8":
            column = len(line.encode("utf-8")[: position.character].decode("utf-8"))
        else:
            units, column = 0, 0
            while units < position.character:
                units += 2 if ord(line[column]) > 0xFFFF else 1
                column += 1
        return len(before) + column

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
        lines = text.splitlines(keepends=True) + [""]
    return text


def encoding_of(client) -> str:
    return client.server_capabilities.position_encoding or "utf-16"


@pytest.mark.asyncio
@pytest.mark.parametrize("language, name, text", [("wit", "shapes.wit", MESSY_WIT), ("smithy", "shapes.smithy", MESSY_SMITHY)])
async def test_format_document_answers_with_minimal_edits(client, language, name, text):
    assert client.server_capabilities.document_formatting_provider
    uri = open_document(client, client.root / name, text, language)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri), options=options()))
    assert edits, "the file is not formatted yet"
    assert apply(text, edits, encoding_of(client)) == format_text(language, text)
    untouched = [number for number, line in enumerate(text.splitlines()) if "Keep me" in line][0]
    assert all(not (e.range.start.line <= untouched < e.range.end.line) for e in edits), "unchanged lines are not edited"
    assert len(edits) > 1 or edits[0].range.end.line - edits[0].range.start.line < len(text.splitlines())


@pytest.mark.asyncio
async def test_format_selection_formats_only_the_selected_lines(client):
    assert client.server_capabilities.document_range_formatting_provider
    uri = open_document(client, client.root / "range.wit", MESSY_WIT, "wit")
    line = MESSY_WIT.splitlines().index("    area : func(corner:point)->f64;")
    edits = await client.text_document_range_formatting_async(types.DocumentRangeFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri), options=options(),
        range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=8))))
    result = apply(MESSY_WIT, edits, encoding_of(client))
    assert "    area: func(corner: point) -> f64;" in result
    assert "interface shapes{" in result and "record point { x:f64, y:f64 }" in result


@pytest.mark.asyncio
async def test_a_file_with_syntax_errors_gets_no_edits(client):
    uri = open_document(client, client.root / "broken.smithy", '$version: "2"\nnamespace a\nstructure A {\n', "smithy")
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri), options=options()))
    assert not edits
