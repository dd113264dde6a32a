"""Features that need only the syntax tree, end to end through the protocol."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pygls.uris import to_fs_path

from support.lsp import decode_tokens, diagnostics, forget_pushed, open_document

WIT = """package example:shapes@1.0.0;

/// Shapes 🦀 and their areas.
interface shapes {
    record point {
        x: f64,
        y: f64,
    }

    area: func(corner: point) -> f64;
}

world drawing {
    export shapes;
}
"""

SMITHY = """$version: "2"

namespace example.shapes

/// A point.
structure Point {
    x: Double
    y: Double
}

operation Area {
    input := {
        corner: Point
    }
}
"""


def tdi(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


@pytest.mark.asyncio
async def test_server_advertises_its_features(client):
    caps = client.server_capabilities
    assert caps.document_symbol_provider
    assert caps.folding_range_provider
    assert caps.selection_range_provider
    assert caps.definition_provider and caps.references_provider
    assert caps.semantic_tokens_provider.full and caps.semantic_tokens_provider.range
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    expected = "utf-8" if client.client_name == "neovim" else "utf-16"
    assert caps.position_encoding == expected


@pytest.mark.asyncio
async def test_document_symbols_are_hierarchical(client):
    uri = open_document(client, client.root / "wit-package" / "wit" / "shapes.wit", WIT, "wit")
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=tdi(uri)))
    by_name = {s.name: s for s in symbols}
    assert by_name["shapes"].kind == types.SymbolKind.Interface
    assert [c.name for c in by_name["shapes"].children] == ["point", "area"]
    assert by_name["drawing"].kind == types.SymbolKind.Module
    assert by_name["shapes"].selection_range.start == types.Position(line=3, character=10)

    uri = open_document(client, client.root / "smithy-contract" / "shapes.smithy", SMITHY, "smithy")
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=tdi(uri)))
    point = next(s for s in symbols if s.name == "Point")
    assert [c.name for c in point.children] == ["x", "y"]
    assert any(s.name == "Area" and s.kind == types.SymbolKind.Method for s in symbols)


@pytest.mark.asyncio
async def test_folding_ranges_cover_bodies(client):
    uri = open_document(client, client.root / "wit-package" / "wit" / "shapes.wit", WIT, "wit")
    ranges = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=tdi(uri)))
    spans = {(r.start_line, r.end_line) for r in ranges}
    assert (3, 10) in spans  # the interface body
    assert (4, 7) in spans  # the record body
    assert (12, 14) in spans  # the world body


@pytest.mark.asyncio
async def test_semantic_tokens_classify_keywords_types_and_docs(client):
    uri = open_document(client, client.root / "wit-package" / "wit" / "shapes.wit", WIT, "wit")
    result = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=tdi(uri)))
    tokens = decode_tokens(client, result.data)
    lookup = {(line, char): (length, kind, mods) for line, char, length, kind, mods in tokens}
    assert lookup[(3, 0)][:2] == (len("interface"), "keyword")
    assert lookup[(5, 11)][1] == "type" and "defaultLibrary" in lookup[(5, 11)][2]  # f64
    doc_length, doc_kind, doc_mods = lookup[(2, 0)]
    assert doc_kind == "comment" and "documentation" in doc_mods
    # The crab is 4 bytes, 2 UTF-16 units, 1 UTF-32 unit: the length follows the encoding.
    doc = "/// Shapes 🦀 and their areas."
    expected = {"neovim": len(doc.encode()), "visual-studio-code": len(doc.encode("utf-16-le")) // 2}[client.client_name]
    assert doc_length == expected

    ranged = await client.text_document_semantic_tokens_range_async(types.SemanticTokensRangeParams(
        text_document=tdi(uri), range=types.Range(start=types.Position(line=12, character=0), end=types.Position(line=14, character=1))))
    assert {t[0] for t in decode_tokens(client, ranged.data)} <= {12, 13, 14}


@pytest.mark.asyncio
async def test_selection_ranges_grow_outward(client):
    uri = open_document(client, client.root / "smithy-contract" / "shapes.smithy", SMITHY, "smithy")
    result = await client.text_document_selection_range_async(types.SelectionRangeParams(
        text_document=tdi(uri), positions=[types.Position(line=6, character=8)]))
    ranges = []
    selection = result[0]
    while selection is not None:
        ranges.append(selection.range)
        selection = selection.parent
    assert ranges[0].start == types.Position(line=6, character=7)  # `Double`
    assert ranges[-1].start == types.Position(line=0, character=0)  # the whole file


def uri_to_path(uri: str) -> Path:
    assert uri.startswith("file:"), uri
    return Path(to_fs_path(uri))


@pytest.mark.asyncio
async def test_syntax_error_is_reported_and_cleared_by_an_incremental_edit(client):
    broken = "package example:broken;\n\ninterface i {\n    /// 🦀\n    f: func(;\n}\n"
    path = client.root / "broken" / "broken.wit"
    uri = open_document(client, path, broken, "wit")
    found = await diagnostics(client, uri)
    syntax = [d for d in found if d.code == "wit/syntax-error"]
    assert syntax, found
    assert syntax[0].range.start.line == 4
    # The link opens the rule page that this installation carries, wherever it runs.
    page = uri_to_path(syntax[0].code_description.href)
    assert page.name == "syntax-error.md" and page.parent.name == "wit" and page.is_file()

    forget_pushed(client, uri)
    # Insert the missing `)` after `func(`.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=4, character=12), end=types.Position(line=4, character=12)),
            text=")")],
    ))
    found = await diagnostics(client, uri)
    assert [d for d in found if d.code == "wit/syntax-error"] == []
