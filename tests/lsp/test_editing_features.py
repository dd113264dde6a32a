"""Hover, completion and rename through the protocol, for both languages."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from support.lsp import eventually, open_from_disk, position_of, tdi


@pytest.mark.asyncio
async def test_hover_shows_documentation_in_both_languages(client):
    model = client.root / "smithy-contract" / "greeter.smithy"
    open_from_disk(client, model, "smithy")
    found = await eventually(lambda: client.text_document_hover_async(types.HoverParams(
        text_document=tdi(model), position=position_of(model, "input: GreetRequest", shift=8))))
    assert "GreetRequest" in found.contents.value and "structure" in found.contents.value

    wit = client.root / "wit-package" / "wit" / "greeter.wit"
    open_from_disk(client, wit, "wit")
    found = await eventually(lambda: client.text_document_hover_async(types.HoverParams(
        text_document=tdi(wit), position=position_of(wit, "greeting, greet-error", shift=2))))
    assert "record greeting" in found.contents.value
    builtin = await client.text_document_hover_async(types.HoverParams(
        text_document=tdi(wit), position=position_of(wit, "list<string>", shift=1)))
    assert builtin is not None and "list" in builtin.contents.value


@pytest.mark.asyncio
async def test_completion_offers_names_in_scope(client):
    wit = client.root / "wit-package" / "wit" / "greeter.wit"
    text = wit.read_text().replace("languages: func() -> list<string>;", "languages: func() -> gre")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=wit.as_uri(), language_id="wit", version=1, text=text)))
    line = next(i for i, l in enumerate(text.splitlines()) if l.endswith("-> gre"))
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=tdi(wit), position=types.Position(line=line, character=len(text.splitlines()[line]))))
    labels = {item.label for item in result.items}
    assert {"greeting", "greet-error"} <= labels

    model = client.root / "smithy-contract" / "greeter.smithy"
    text = model.read_text().replace("    @n(0)\n    name: String,", "    @n(0)\n    @req\n    name: String,")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=model.as_uri(), language_id="smithy", version=1, text=text)))
    line = next(i for i, l in enumerate(text.splitlines()) if l.strip() == "@req")
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=tdi(model), position=types.Position(line=line, character=8)))
    assert "required" in {item.label for item in result.items}


@pytest.mark.asyncio
async def test_rename_across_references_and_refusals(client):
    wit = client.root / "wit-package" / "wit" / "greeter.wit"
    open_from_disk(client, wit, "wit")
    here = position_of(wit, "record greeting", shift=len("record "))
    prepared = await eventually(lambda: client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=tdi(wit), position=here)))
    assert prepared.placeholder == "greeting"
    edit = await client.text_document_rename_async(types.RenameParams(text_document=tdi(wit), position=here,
                                                                      new_name="salutation"))
    edits = edit.changes[wit.as_uri()]
    assert len(edits) == 2 and all(e.new_text == "salutation" for e in edits)
    with pytest.raises(JsonRpcException, match="kebab"):
        await client.text_document_rename_async(types.RenameParams(text_document=tdi(wit), position=here,
                                                                   new_name="NotKebab_case"))

    model = client.root / "smithy-contract" / "greeter.smithy"
    open_from_disk(client, model, "smithy")
    here = position_of(model, "structure GreetResponse", shift=len("structure "))
    edit = await eventually(lambda: client.text_document_rename_async(types.RenameParams(
        text_document=tdi(model), position=here, new_name="Greeting")))
    assert len(edit.changes[model.as_uri()]) == 2
    with pytest.raises(JsonRpcException):
        await client.text_document_prepare_rename_async(types.PrepareRenameParams(
            text_document=tdi(model), position=position_of(model, "name: String", shift=len("name: "))))


@pytest.mark.asyncio
async def test_long_completion_lists_send_the_best_matches_and_ask_again(client):
    shapes = "".join(f"structure Shape{n} {{}}\n\n" for n in range(400))
    text = f"namespace example.many\n\n{shapes}structure Holder {{\n    field: Stri\n}}\n"
    path = client.root / "many" / "many.smithy"
    path.parent.mkdir()
    path.write_text(text)
    open_from_disk(client, path, "smithy")
    line = text.splitlines().index("    field: Stri")
    result = await eventually(lambda: client.text_document_completion_async(types.CompletionParams(
        text_document=tdi(path), position=types.Position(line=line, character=len("    field: Stri")))))
    assert result.is_incomplete and len(result.items) <= 200
    assert result.items[0].label == "String"
