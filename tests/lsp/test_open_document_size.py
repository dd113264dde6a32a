"""An open document over the size limit (`max-file-size`, as for files on disk) is held
but never parsed: it gets one `*/file-too-large` diagnostic, its requests get empty
answers, and the server goes on serving; shrunk back under the limit, it is checked again."""

from __future__ import annotations

import pytest
from lsprotocol import types

from support.lsp import diagnostics, eventually, forget_pushed, open_document
from witsmith.lsp.documents import OpenDocument
from witsmith.workspace.files import MAX_FILE_BYTES

SMALL = '$version: "2"\nnamespace example.size\n\nstructure Small {\n    name: String\n}\n'
# Over the default limit by a little: valid Smithy, so only the size can be the problem.
LARGE = SMALL + "// padding\n" * (MAX_FILE_BYTES // 11 + 100)


def _change(uri: str, version: int, text: str, range_: types.Range | None = None) -> types.DidChangeTextDocumentParams:
    change = (types.TextDocumentContentChangeWholeDocument(text=text) if range_ is None
              else types.TextDocumentContentChangePartial(range=range_, text=text))
    return types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change])


async def _semantic_tokens(client, uri: str) -> list[int]:
    result = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    return list(result.data) if result else []


@pytest.mark.asyncio
async def test_an_open_document_over_the_limit_is_reported_not_parsed(client):
    path = client.root / "size" / "large.smithy"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SMALL, encoding="utf-8")  # the editor's buffer wins over the disk
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="smithy", version=1, text=LARGE)))
    found = await diagnostics(client, uri)
    assert [d.code for d in found] == ["smithy/file-too-large"]
    assert "max-file-size" in found[0].message and f"{len(LARGE.encode()):,} bytes" in found[0].message
    assert await _semantic_tokens(client, uri) == []  # no tree: nothing was parsed

    # Requests on it are answered (empty), and other documents are served as usual.
    where = {"text_document": types.TextDocumentIdentifier(uri=uri), "position": types.Position(line=3, character=12)}
    assert not await client.text_document_hover_async(types.HoverParams(**where))
    assert not await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await client.text_document_completion_async(types.CompletionParams(**where))
    other = open_document(client, client.root / "size" / "other.smithy",
                          SMALL.replace("Small", "Other").replace("name: String", "name: Missing"), "smithy")
    # (an unresolved shape is held back until the workspace's index has landed: another file could define it)
    codes = lambda items: [d.code for d in items]  # noqa: E731
    found = await eventually(lambda: diagnostics(client, other), accept=lambda items: codes(items) == ["smithy/unresolved-shape"])
    assert codes(found) == ["smithy/unresolved-shape"]

    # Cut back under the limit: parsed and checked again.
    forget_pushed(client, uri)
    client.text_document_did_change(_change(uri, 2, SMALL))
    final = await eventually(lambda: diagnostics(client, uri), accept=lambda items: items == [])
    assert final == []
    assert await _semantic_tokens(client, uri) != []


@pytest.mark.asyncio
async def test_a_document_that_grows_past_the_limit_is_reported_then_checked_again_when_it_shrinks(client):
    uri = open_document(client, client.root / "size" / "grows.smithy", SMALL, "smithy")
    assert await diagnostics(client, uri) == []
    end = types.Position(line=SMALL.count("\n"), character=0)
    forget_pushed(client, uri)
    padding = "// padding\n" * (MAX_FILE_BYTES // 11 + 100)
    client.text_document_did_change(_change(uri, 2, padding, types.Range(start=end, end=end)))
    found = await eventually(lambda: diagnostics(client, uri),
                             accept=lambda items: [d.code for d in items] == ["smithy/file-too-large"])
    assert [d.code for d in found] == ["smithy/file-too-large"]
    assert await _semantic_tokens(client, uri) == []

    forget_pushed(client, uri)
    after = types.Position(line=end.line + padding.count("\n"), character=0)
    client.text_document_did_change(_change(uri, 3, "structure Tail {}\n", types.Range(start=end, end=after)))
    final = await eventually(lambda: diagnostics(client, uri), accept=lambda items: items == [])
    assert final == []
    assert len(await _semantic_tokens(client, uri)) > 0


def test_an_open_document_over_its_limit_has_no_tree_until_it_fits(tmp_path):
    uri = (tmp_path / "a.wit").as_uri()
    document = OpenDocument.open(uri, 1, "package a:b;\n" + "// x\n" * 100, max_parse_bytes=100)
    assert document.too_large and document.tree is None
    from witsmith.lsp.positions import PositionCodec

    document.apply(types.TextDocumentContentChangeWholeDocument(text="package a:b;\n"), PositionCodec())
    assert not document.too_large and document.tree is not None and not document.tree.has_errors
    document.apply(types.TextDocumentContentChangePartial(
        range=types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=0)),
        text="// y\n" * 30), PositionCodec())
    assert document.too_large and document.tree is None
