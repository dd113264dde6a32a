"""Quick fixes through the protocol: the edit a user applies fixes the diagnostic."""

from __future__ import annotations

import pytest
from lsprotocol import types

from support.lsp import diagnostics, eventually, open_document, until_indexed


async def actions_for(client, uri, diagnostic):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))


def apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = edit.range.start, edit.range.end
        before = "\n".join(lines[: start.line] + [lines[start.line][: start.character]])
        after = "\n".join([lines[end.line][end.character:]] + lines[end.line + 1 :])
        lines = (before + edit.new_text + after).split("\n")
    return "\n".join(lines)


@pytest.mark.asyncio
async def test_smithy_misspelled_target_is_fixed_by_its_quick_fix(client):
    text = 'namespace example.fix\n\nstructure Order {\n    id: Strin\n}\n'
    await until_indexed(client)  # until then, another file might define `Strin`
    uri = open_document(client, client.root / "fix" / "order.smithy", text, "smithy")
    found = [d for d in await diagnostics(client, uri) if d.code == "smithy/unresolved-shape"]
    assert found
    actions = await actions_for(client, uri, found[0])
    change = next(a for a in actions if "String" in a.title)
    assert change.kind == types.CodeActionKind.QuickFix
    assert "id: String" in apply(text, change.edit.changes[uri])


@pytest.mark.asyncio
async def test_wit_identifier_case_is_fixed_by_its_quick_fix(client):
    text = "package example:fix;\n\ninterface api {\n    record userRecord { id: u32 }\n}\n"
    uri = open_document(client, client.root / "fixwit" / "api.wit", text, "wit")
    found = [d for d in await diagnostics(client, uri) if "userRecord" in text.split("\n")[d.range.start.line]]
    assert found, await diagnostics(client, uri)
    actions = await actions_for(client, uri, found[0])
    assert actions, found[0]
    assert "record user-record" in apply(text, actions[0].edit.changes[uri])


@pytest.mark.asyncio
async def test_organize_uses_sorts_and_drops_unused(client):
    text = ("namespace example.org\n\nuse smithy.api#Timestamp\nuse smithy.api#Integer\nuse smithy.api#Integer\n"
            "use smithy.api#Blob\n\nstructure Event {\n    at: Timestamp\n    count: Integer\n}\n")
    uri = open_document(client, client.root / "org" / "event.smithy", text, "smithy")
    await diagnostics(client, uri)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceOrganizeImports])))
    organize = next(a for a in actions if a.kind == types.CodeActionKind.SourceOrganizeImports)
    result = apply(text, organize.edit.changes[uri])
    assert "use smithy.api#Integer\nuse smithy.api#Timestamp\n\nstructure" in result
    assert "Blob" not in result and result.count("use smithy.api#Integer") == 1

    wit = "package example:org;\n\ninterface b {\n    use types.{z};\n    use other.{a};\n    f: func(x: z, y: a);\n}\n"
    uri = open_document(client, client.root / "orgwit" / "b.wit", wit, "wit")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceOrganizeImports])))
    organize = next(a for a in actions if a.kind == types.CodeActionKind.SourceOrganizeImports)
    assert "    use other.{a};\n    use types.{z};\n" in apply(wit, organize.edit.changes[uri])


@pytest.mark.asyncio
async def test_a_version_missing_from_deps_is_fixed_to_the_one_present(client):
    greeter = client.root / "wit-package" / "wit" / "greeter.wit"
    text = greeter.read_text().replace("wasi:logging/logging@0.1.0-draft", "wasi:logging/logging@0.2.0")
    uri = greeter.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="wit", version=1, text=text)))
    found = await eventually(lambda: diagnostics(client, uri),
                             accept=lambda items: any(d.code == "wit/missing-package" for d in items))
    missing = next(d for d in found if d.code == "wit/missing-package")
    # Until the background index has read deps/, no version is known to offer.
    actions = await eventually(lambda: actions_for(client, uri, missing),
                               accept=lambda found: any(a.title.startswith("Use ") for a in found))
    assert [a.title for a in actions if a.title.startswith("Use ")] == ["Use wasi:logging@0.1.0-draft"]
    fix = actions[[a.title for a in actions].index("Use wasi:logging@0.1.0-draft")]
    assert "import wasi:logging/logging@0.1.0-draft;" in apply(text, fix.edit.changes[uri])


@pytest.mark.asyncio
async def test_a_missing_contract_id_is_added_by_its_quick_fix(client):
    model = client.root / "smithy-contract" / "greeter.smithy"
    text = model.read_text().replace('    contractId: "example:greeter",\n', "")
    uri = model.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="smithy", version=1, text=text)))
    found = await eventually(lambda: diagnostics(client, uri),
                             accept=lambda items: any(d.code == "wasmcloud/missing-contract-id" for d in items))
    missing = next(d for d in found if d.code == "wasmcloud/missing-contract-id")
    actions = await actions_for(client, uri, missing)
    fix = next(a for a in actions if a.title.startswith("Add contractId"))
    fixed = apply(text, fix.edit.changes[uri])
    assert '\n    contractId: "wasmcloud:greeter",\n)' in fixed
    from witsmith.syntax import parse
    assert not parse("smithy", fixed.encode()).has_errors


@pytest.mark.asyncio
async def test_wasmcloud_optional_input_is_wrapped_in_a_structure(client):
    text = ("namespace example.wrap\n\nuse org.wasmcloud.model#wasmbus\n\n"
            "@wasmbus(contractId: \"wasmcloud:wrap\", providerReceive: true)\nservice Wrap {\n"
            "    version: \"0.1\"\n    operations: [Count]\n}\n\n@box\ninteger MaybeCount\n\n"
            "operation Count {\n    input: MaybeCount\n}\n")
    uri = open_document(client, client.root / "wrap" / "wrap.smithy", text, "smithy")
    found = [d for d in await diagnostics(client, uri) if d.code == "wasmcloud/optional-operation-io"]
    assert found
    actions = await actions_for(client, uri, found[0])
    wrap = next(a for a in actions if "Wrap" in a.title)
    fixed = apply(text, wrap.edit.changes[uri])
    assert "input: CountInput" in fixed and "structure CountInput {\n    maybeCount: MaybeCount\n}" in fixed
