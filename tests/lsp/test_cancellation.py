"""Long requests honour `$/cancelRequest`, and a pull for a replaced version is dropped."""

from __future__ import annotations

import asyncio
import logging

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from support.lsp import open_from_disk, position_of, tdi, until_indexed

USERS = 400


def _write_users(root):
    folder = root / "many"
    folder.mkdir()
    (folder / "common.smithy").write_text('$version: "2"\n\nnamespace example.common\n\nstring Identifier\n')
    for number in range(USERS):
        (folder / f"user{number}.smithy").write_text(
            f'$version: "2"\n\nnamespace example.user{number}\n\nuse example.common#Identifier\n\n'
            f"structure Thing{number} {{\n    id: Identifier\n    other: Identifier\n}}\n")
    client_file = folder / "common.smithy"
    return client_file


def _requests(path):
    where = position_of(path, "Identifier")
    return [
        (types.TEXT_DOCUMENT_REFERENCES, types.ReferenceParams(
            text_document=tdi(path), position=where, context=types.ReferenceContext(include_declaration=True))),
        (types.TEXT_DOCUMENT_RENAME, types.RenameParams(text_document=tdi(path), position=where, new_name="Key")),
        (types.WORKSPACE_SYMBOL, types.WorkspaceSymbolParams(query="Thing")),
    ]


@pytest.mark.asyncio
async def test_cancelled_long_requests_answer_request_cancelled_once(client, caplog):
    caplog.set_level(logging.WARNING)
    path = _write_users(client.root)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=p.as_uri(), type=types.FileChangeType.Created) for p in sorted(path.parent.iterdir())]))
    await until_indexed(client)
    open_from_disk(client, path, "smithy")

    # Answered in full when not cancelled: the requests do real work here.
    references, rename, symbols = [await client.protocol.send_request_async(method, params)
                                   for method, params in _requests(path)]
    assert len(references) == 1 + 3 * USERS  # the declaration, each use and two members
    assert sum(len(edits) for edits in rename.changes.values()) == 1 + 3 * USERS
    assert len(symbols) >= USERS

    for method, params in _requests(path):
        # The cancellation follows the request closely; a request that finishes first
        # is answered, so a few tries show whether cancelling works at all.
        outcomes = []
        for attempt in range(5):
            request_id = f"cancel-me-{method}-{attempt}"
            pending = asyncio.wrap_future(client.protocol.send_request(method, params, msg_id=request_id))
            client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=request_id))
            try:
                await pending
                outcomes.append("answered")
            except JsonRpcException as error:
                outcomes.append(error.code)
                if error.code == -32800:  # RequestCancelled
                    break
        assert outcomes[-1] == -32800, (method, outcomes)
    # The server is free at once and never answers a cancelled request a second time.
    assert await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=tdi(path)))
    await asyncio.sleep(0.5)
    assert not [r for r in caplog.records if "unknown message id" in r.getMessage() and "cancel-me" in r.getMessage()]


@pytest.mark.asyncio
async def test_a_pull_for_a_replaced_version_is_dropped(client):
    if not client.capabilities.text_document.diagnostic:
        pytest.skip(f"{client.client_name} does not pull diagnostics")
    path = client.root / "pull" / "api.wit"
    path.parent.mkdir()
    path.write_text("package example:pull;\n\ninterface api {\n    f: func() -> u32;\n}\n")
    open_from_disk(client, path, "wit")
    # The change follows the pull closely, as when typing goes on; a pull answered
    # before the change arrives is fine, so a few tries show whether dropping works.
    outcomes = []
    for version in range(2, 7):
        stale = asyncio.wrap_future(client.protocol.send_request(
            types.TEXT_DOCUMENT_DIAGNOSTIC, types.DocumentDiagnosticParams(text_document=tdi(path))))
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(
                text="package example:pull;\n\ninterface api {\n    f: func() -> u33;\n}\n" + " " * version)]))
        try:
            await stale
            outcomes.append("answered")
        except JsonRpcException as error:
            outcomes.append((error.code, error.data))
            break
    assert outcomes[-1] == (-32802, {"retriggerRequest": True}), outcomes  # ServerCancelled
    fresh = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=tdi(path)))
    assert [d.code for d in fresh.items] == ["wit/unknown-type"]
