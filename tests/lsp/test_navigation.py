"""Definition, references, highlights and workspace symbols across files and packages."""

from __future__ import annotations

import pytest
from lsprotocol import types

from support.lsp import eventually, open_from_disk, position_of, tdi


@pytest.mark.asyncio
async def test_wit_definition_across_files_and_into_deps(client):
    greeter = client.root / "wit-package" / "wit" / "greeter.wit"
    open_from_disk(client, greeter, "wit")
    here = position_of(greeter, "greeting, greet-error", shift=2)
    found = await client.text_document_definition_async(types.DefinitionParams(text_document=tdi(greeter), position=here))
    assert found.uri == greeter.as_uri()
    assert found.range.start == position_of(greeter, "greeting {")

    logging = client.root / "wit-package" / "wit" / "deps" / "logging" / "logging.wit"
    here = position_of(greeter, "wasi:logging/logging", shift=len("wasi:logging/") + 1)
    found = await eventually(lambda: client.text_document_definition_async(
        types.DefinitionParams(text_document=tdi(greeter), position=here)))
    assert found is not None and found.uri == logging.as_uri()


@pytest.mark.asyncio
async def test_wit_references_and_highlights(client):
    greeter = client.root / "wit-package" / "wit" / "greeter.wit"
    open_from_disk(client, greeter, "wit")
    here = position_of(greeter, "greet-error {")
    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=tdi(greeter), position=here, context=types.ReferenceContext(include_declaration=True)))
    assert {r.range.start.line for r in refs} == {here.line, position_of(greeter, "greet-error>;").line}
    highlights = await client.text_document_document_highlight_async(
        types.DocumentHighlightParams(text_document=tdi(greeter), position=here))
    assert len(highlights) == 2


@pytest.mark.asyncio
async def test_smithy_definition_references_and_builtin_targets(client):
    model = client.root / "smithy-contract" / "greeter.smithy"
    open_from_disk(client, model, "smithy")
    here = position_of(model, "input: GreetRequest", shift=len("input: "))
    found = await client.text_document_definition_async(types.DefinitionParams(text_document=tdi(model), position=here))
    assert found.uri == model.as_uri() and found.range.start == position_of(model, "GreetRequest {")

    refs = await client.text_document_references_async(types.ReferenceParams(
        text_document=tdi(model), position=position_of(model, "GreetRequest {"),
        context=types.ReferenceContext(include_declaration=False)))
    assert [r.range.start for r in refs] == [here]

    # U32 comes from wasmCloud's org.wasmcloud.model, which witsmith knows built in: it
    # has no file to go to (the server writes none), and hover explains it instead.
    here = position_of(model, "repeat: U32", shift=len("repeat: "))
    found = await client.text_document_definition_async(types.DefinitionParams(text_document=tdi(model), position=here))
    assert found is None
    hover = await eventually(lambda: client.text_document_hover_async(types.HoverParams(text_document=tdi(model), position=here)))
    assert "org.wasmcloud.model#U32" in hover.contents.value


@pytest.mark.asyncio
async def test_workspace_symbols_are_fuzzy(client):
    symbols = await eventually(lambda: client.workspace_symbol_async(types.WorkspaceSymbolParams(query="grtreq")))
    names = [s.name for s in symbols]
    assert names[0] == "GreetRequest"
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="greet-err"))
    assert [s.name for s in symbols] == ["greet-error"]


@pytest.mark.asyncio
async def test_use_paths_link_to_the_files_that_define_them(client):
    greeter = client.root / "wit-package" / "wit" / "greeter.wit"
    text = greeter.read_text().replace("interface greet {", "interface greet {\n    use wasi:logging/logging@0.1.0-draft.{level};")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=greeter.as_uri(), language_id="wit", version=1, text=text)))
    logging = client.root / "wit-package" / "wit" / "deps" / "logging" / "logging.wit"
    links = await eventually(lambda: client.text_document_document_link_async(
        types.DocumentLinkParams(text_document=tdi(greeter))), accept=lambda found: found and len(found) == 2)
    # The `use` in the interface and the world's import both name the dependency.
    assert [link.target.split("#")[0] for link in links] == [logging.as_uri()] * 2
    assert sorted(link.range.start.line for link in links)[0] == 4


@pytest.mark.asyncio
async def test_type_definition_goes_from_members_and_fields_to_their_types(client):
    model = client.root / "smithy-contract" / "greeter.smithy"
    open_from_disk(client, model, "smithy")
    member = position_of(model, "    language: String", shift=5)
    here = position_of(model, "operations: [Greet", shift=len("operations: ["))
    found = await eventually(lambda: client.text_document_type_definition_async(
        types.TypeDefinitionParams(text_document=tdi(model), position=here)))
    assert found.range.start == position_of(model, "Greet {")
    # String is built in: nothing on disk to open.
    assert await client.text_document_type_definition_async(
        types.TypeDefinitionParams(text_document=tdi(model), position=member)) is None

    wit = client.root / "wit-package" / "wit" / "greeter.wit"
    text = wit.read_text().replace("        message: string,", "        message: greet-error,")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=wit.as_uri(), language_id="wit", version=1, text=text)))
    lines = text.splitlines()
    field = next(i for i, line in enumerate(lines) if "message: greet-error" in line)
    found = await eventually(lambda: client.text_document_type_definition_async(types.TypeDefinitionParams(
        text_document=tdi(wit), position=types.Position(line=field, character=9))))
    assert lines[found.range.start.line].strip().startswith("variant greet-error")


@pytest.mark.asyncio
async def test_inlay_hints_show_the_namespace_of_relative_targets(client):
    model = client.root / "smithy-contract" / "greeter.smithy"
    open_from_disk(client, model, "smithy")
    lines = model.read_text().splitlines()
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=len(lines), character=0))
    hints = await eventually(lambda: client.text_document_inlay_hint_async(
        types.InlayHintParams(text_document=tdi(model), range=whole)))
    labels = {(h.position.line, h.label) for h in hints}
    assert (position_of(model, "name: String").line, "smithy.api#") in labels
    assert (position_of(model, "repeat: U32").line, "org.wasmcloud.model#") in labels
    # Shapes of the file's own namespace need no hint.
    assert all(h.position.line != position_of(model, "input: GreetRequest").line for h in hints)
