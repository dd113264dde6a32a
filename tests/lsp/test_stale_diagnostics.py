"""A new file opened in the editor before the index knows it: the files that use what it
defines are checked again, and the diagnostics end as `witsmith check` would give them."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from support.lsp import diagnostics, eventually, forget_pushed, open_document, tdi

CASES = {
    "wit": ("wit", "x.wit", "package a:b;\ninterface j { use i.{t}; type u = t; }\n",
            "y.wit", "package a:b;\ninterface i { type t = u32; }\n"),
    "smithy": ("model", "x.smithy", "namespace a.b\n\nstructure X {\n    y: Y\n}\n",
               "y.smithy", "namespace a.b\n\nstructure Y {}\n"),
}


def _errors(items) -> list:
    return [d for d in items if d.severity == types.DiagnosticSeverity.Error]


@pytest.mark.asyncio
@pytest.mark.parametrize("language", sorted(CASES))
async def test_a_new_file_opened_saved_created_and_closed_clears_its_users(client, language):
    folder_name, user_name, user_text, new_name, new_text = CASES[language]
    folder = client.root / "stale" / folder_name
    folder.mkdir(parents=True)
    user = folder / user_name
    user.write_text(user_text)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=user.as_uri(), type=types.FileChangeType.Created)]))
    found = await eventually(lambda: diagnostics(client, user.as_uri()), accept=lambda items: bool(_errors(items)))
    assert _errors(found), found

    forget_pushed(client, user.as_uri())
    new = folder / new_name
    uri = open_document(client, new, new_text, language)  # also written to disk, as a save would
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=tdi(new)))
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=uri, type=types.FileChangeType.Created)]))
    found = await eventually(lambda: diagnostics(client, user.as_uri()), accept=lambda items: not _errors(items))
    assert not _errors(found), found

    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=tdi(new)))
    await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=tdi(user)))
    await asyncio.sleep(1.0)  # past the pause after which diagnostics are published again
    # Pulled afresh, or the last ones pushed (closing the new file changes nothing for its users).
    assert not _errors(await diagnostics(client, user.as_uri()))
