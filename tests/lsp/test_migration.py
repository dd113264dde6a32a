"""The migration in the editor: "Migrate this service to WIT" creates the package file; hover on a
shape of a wasmCloud project shows its WIT translation."""

from __future__ import annotations

import pytest
from lsprotocol import types

from support.lsp import diagnostics, eventually, open_document, position_of, tdi

KEYVALUE = """namespace org.wasmcloud.interface.keyvalue

use org.wasmcloud.model#wasmbus

@wasmbus(contractId: "wasmcloud:keyvalue", providerReceive: true)
service KeyValue {
    version: "0.1"
    operations: [Get]
}

/// Gets a value.
operation Get {
    input: String
    output: GetResponse
}

/// The answer to a get.
structure GetResponse {
    @required
    value: String
    @required
    exists: Boolean
}
"""


def creates_files(client) -> bool:
    edit = client.capabilities.workspace.workspace_edit if client.capabilities.workspace else None
    return bool(edit and edit.document_changes
                and types.ResourceOperationKind.Create in (edit.resource_operations or []))


async def code_actions(client, path, position):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=tdi(path), range=types.Range(start=position, end=position),
        context=types.CodeActionContext(diagnostics=[])))


@pytest.mark.asyncio
async def test_migrate_service_code_action_creates_the_wit_file(client):
    path = client.root / "kv" / "keyvalue.smithy"
    uri = open_document(client, path, KEYVALUE, "smithy")
    await diagnostics(client, uri)
    actions = await code_actions(client, path, position_of(path, "KeyValue", shift=2))
    migrate = [a for a in actions if a.title == "Migrate this service to WIT"]
    if not creates_files(client):
        assert migrate == []  # the client cannot create files: the action is not offered
        return
    assert len(migrate) == 1
    action = migrate[0]
    assert action.kind == types.CodeActionKind.RefactorRewrite
    create, insert = action.edit.document_changes
    target = (client.root / "kv" / "wit" / "keyvalue.wit").as_uri()
    assert isinstance(create, types.CreateFile) and create.uri == target
    assert create.options is not None and not create.options.overwrite
    assert isinstance(insert, types.TextDocumentEdit) and insert.text_document.uri == target
    text = insert.edits[0].new_text
    assert insert.edits[0].range.start == types.Position(0, 0)
    assert text.startswith("package wasmcloud:keyvalue@0.1.0;\n")
    assert "  /// Gets a value.\n  get: func(input: string) -> get-response;\n" in text
    assert "world keyvalue {\n  import key-value;\n}\n" in text


@pytest.mark.asyncio
async def test_no_migrate_action_outside_a_service(client):
    path = client.root / "kv" / "keyvalue.smithy"
    uri = open_document(client, path, KEYVALUE, "smithy")
    await diagnostics(client, uri)
    actions = await code_actions(client, path, position_of(path, "exists: Boolean"))
    assert not [a for a in actions if a.title == "Migrate this service to WIT"]


@pytest.mark.asyncio
async def test_hover_on_a_wasmcloud_shape_shows_its_wit_translation(client):
    path = client.root / "kv" / "keyvalue.smithy"
    uri = open_document(client, path, KEYVALUE, "smithy")
    await diagnostics(client, uri)

    async def hover_at(needle: str, shift: int = 1):
        return await eventually(lambda: client.text_document_hover_async(types.HoverParams(
            text_document=tdi(path), position=position_of(path, needle, shift=shift))))

    record = await hover_at("structure GetResponse", shift=12)
    assert "WIT translation (package `wasmcloud:keyvalue@0.1.0`)" in record.contents.value
    assert "record get-response {\n  value: string,\n  exists: bool,\n}" in record.contents.value
    member = await hover_at("exists: Boolean")
    assert "```wit\nexists: bool\n```" in member.contents.value
    operation = await hover_at("operation Get", shift=11)
    assert "get: func(input: string) -> get-response;" in operation.contents.value
    service = await hover_at("service KeyValue", shift=10)
    assert "interface key-value {" in service.contents.value
    assert "Phase 2: `wasmcloud:keyvalue` is replaced by wasi:keyvalue" in service.contents.value


@pytest.mark.asyncio
async def test_hover_outside_wasmcloud_has_no_translation(client):
    path = client.root / "plain" / "weather.smithy"
    uri = open_document(client, path, "namespace example.weather\n\nstructure Forecast {\n    city: String\n}\n",
                        "smithy")
    await diagnostics(client, uri)
    found = await eventually(lambda: client.text_document_hover_async(types.HoverParams(
        text_document=tdi(path), position=position_of(path, "Forecast", shift=1))))
    assert "WIT translation" not in found.contents.value
