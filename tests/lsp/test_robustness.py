"""The server answers bad requests with errors and keeps serving."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from support.lsp import open_document


@pytest.mark.asyncio
async def test_unknown_method_gets_an_error_and_the_server_keeps_serving(client):
    with pytest.raises(JsonRpcException):
        await client.protocol.send_request_async("witsmith/noSuchMethod", {})

    uri = open_document(client, client.root / "later.wit", "package a:b;\ninterface i {}\n", "wit")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert [s.name for s in symbols if s.kind == types.SymbolKind.Interface] == ["i"]


@pytest.mark.asyncio
async def test_requests_for_documents_that_are_not_open_are_answered_empty(client):
    uri = (client.root / "never-opened.wit").as_uri()
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert symbols == []
