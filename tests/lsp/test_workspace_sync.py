"""Settings, files changing on disk and background indexing, through the protocol."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from support.lsp import diagnostics, eventually, forget_pushed, open_document

BROKEN = "package example:cfg;\n\ninterface i {\n    f: func(;\n}\n"
USES_MISSING = "package example:split;\n\ninterface api {\n    use types.{thing};\n    get: func() -> thing;\n}\n"
TYPES = "package example:split;\n\ninterface types {\n    record thing { id: u32 }\n}\n"


@pytest.mark.asyncio
async def test_configuration_change_applies_rule_severities(client):
    uri = open_document(client, client.root / "cfg" / "broken.wit", BROKEN, "wit")
    assert any(d.code == "wit/syntax-error" for d in await diagnostics(client, uri))
    forget_pushed(client, uri)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"witsmith": {"rules": {"wit/syntax-error": "off"}}}))
    found = await eventually(lambda: diagnostics(client, uri),
                             accept=lambda items: not any(d.code == "wit/syntax-error" for d in items))
    assert not any(d.code == "wit/syntax-error" for d in found)


@pytest.mark.asyncio
async def test_a_file_created_on_disk_resolves_what_was_missing(client):
    folder = client.root / "split" / "wit"
    uri = open_document(client, folder / "api.wit", USES_MISSING, "wit")
    found = await diagnostics(client, uri)
    assert any(d.severity == types.DiagnosticSeverity.Error for d in found), found

    (folder / "types.wit").write_text(TYPES)
    forget_pushed(client, uri)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=(folder / "types.wit").as_uri(), type=types.FileChangeType.Created)]))
    found = await eventually(lambda: diagnostics(client, uri),
                             accept=lambda items: not any(d.severity == types.DiagnosticSeverity.Error for d in items))
    assert not any(d.severity == types.DiagnosticSeverity.Error for d in found), found


@pytest.mark.asyncio
async def test_indexing_reports_progress_and_watchers_follow_client_capabilities(client):
    window = client.capabilities.window
    if window and window.work_done_progress:
        for _ in range(100):
            reports = [p for reports in client.progress_reports.values() for p in reports]
            if any(getattr(v, "kind", None) == "end" for v in reports):
                break
            await asyncio.sleep(0.1)
        kinds = [getattr(v, "kind", None) for v in reports]
        assert kinds[0] == "begin" and kinds[-1] == "end"
    else:
        assert client.progress_reports == {}
    watched = client.capabilities.workspace.did_change_watched_files
    await asyncio.sleep(0.2)  # registration is sent right after `initialized`
    registered = any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations)
    assert registered == bool(watched and watched.dynamic_registration)


@pytest.mark.asyncio
async def test_an_open_file_deleted_on_disk_keeps_its_buffer_until_closed(client):
    path = client.root / "gone" / "gone.wit"
    uri = open_document(client, path, BROKEN, "wit")
    assert any(d.code == "wit/syntax-error" for d in await diagnostics(client, uri))
    path.unlink()
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=uri, type=types.FileChangeType.Deleted)]))
    # The editor still has the text: it is still checked.
    assert any(d.code == "wit/syntax-error" for d in await diagnostics(client, uri))
    forget_pushed(client, uri)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert symbols == []
    if not client.capabilities.text_document.diagnostic:
        assert await diagnostics(client, uri) == []  # the closed, deleted file's problems are cleared

