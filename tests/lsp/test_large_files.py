"""A file too large to check on every keystroke: syntax errors at once, the rest carried
along and recomputed when typing pauses."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from benchmarks.generators import smithy_model
from support.lsp import diagnostics, eventually, forget_pushed, open_document, until_indexed


@pytest.mark.asyncio
async def test_typing_in_a_large_model_keeps_diagnostics_true(client):
    text = smithy_model(6_000) + "\nstructure Tail {\n    missing: NoSuchShape\n}\n"
    lines = text.splitlines()
    tail_line = next(i for i, line in enumerate(lines) if "NoSuchShape" in line)
    await until_indexed(client)  # until then, another file might define `NoSuchShape`
    uri = open_document(client, client.root / "big" / "model.smithy", text, "smithy")
    found = await diagnostics(client, uri)
    unresolved = [d for d in found if d.code == "smithy/unresolved-shape"]
    assert [d.range.start.line for d in unresolved] == [tail_line]

    # A new line near the top: the unresolved reference moves down one line at once...
    forget_pushed(client, uri)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=3, character=0), end=types.Position(line=3, character=0)),
            text="\n")]))
    found = await diagnostics(client, uri)
    assert [d.range.start.line for d in found if d.code == "smithy/unresolved-shape"] == [tail_line + 1]

    # ...and a syntax error typed in shows up with it.
    forget_pushed(client, uri)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=3, character=0), end=types.Position(line=3, character=0)),
            text="structure {")]))
    found = await diagnostics(client, uri)
    assert any(d.code == "smithy/syntax-error" and d.range.start.line == 3 for d in found)
    assert any(d.code == "smithy/unresolved-shape" for d in found)

    # Defining the missing shape near the top resolves the reference far below: only
    # the full check, once typing pauses, can know that.
    forget_pushed(client, uri)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=4),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=3, character=0), end=types.Position(line=3, character=11)),
            text="structure NoSuchShape {}")]))
    final = await eventually(lambda: diagnostics(client, uri), accept=lambda items: items == [])
    assert final == []


@pytest.mark.asyncio
async def test_a_large_broken_file_settles_to_what_a_fresh_open_gives(client):
    # Past the size up to which broken texts are parsed afresh on every edit, the
    # incremental tree is replaced with a fresh parse when typing pauses.
    from benchmarks.generators import wit_package
    from witsmith.syntax import parsing

    text = wit_package(4_000).replace("record", "recrd", 5)
    assert len(text.encode()) > parsing.FRESH_REPARSE_MAX_BYTES
    await until_indexed(client)
    uri = open_document(client, client.root / "typed" / "big.wit", text, "wit")
    await diagnostics(client, uri)
    lines = text.splitlines()
    middle = len(lines) // 2
    edits = [(middle, "interface {"), (middle + 40, "}}"), (3, "use ")]
    for version, (line, inserted) in enumerate(edits, start=2):
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)),
                text=inserted)]))
        lines[line] = inserted + lines[line]
    final_text = "\n".join(lines) + ("\n" if text.endswith("\n") else "")

    fresh_uri = open_document(client, client.root / "fresh" / "big.wit", final_text, "wit")
    expected = sorted((d.code, d.range.start.line, d.range.start.character, d.message)
                      for d in await diagnostics(client, fresh_uri))
    assert expected  # the edits left the text broken

    def same(items) -> bool:
        return sorted((d.code, d.range.start.line, d.range.start.character, d.message) for d in items) == expected

    forget_pushed(client, uri)
    settled = await eventually(lambda: diagnostics(client, uri), accept=same)
    assert sorted((d.code, d.range.start.line, d.range.start.character, d.message) for d in settled) == expected


@pytest.mark.asyncio
async def test_edits_arriving_while_the_pause_check_runs_get_their_own_verdict(client):
    """The full check of a large file at a pause runs a slice at a time; an edit that
    arrives meanwhile stops it, and what is shown at the end is the last text's verdict."""
    # The generated model's namespace is `example.bench`.
    text = smithy_model(6_000) + "\nstructure Target {}\n\nstructure Tail {\n    wanted: Target\n}\n"
    await until_indexed(client)
    uri = open_document(client, client.root / "big" / "racing.smithy", text, "smithy")
    assert await diagnostics(client, uri) == []

    def rename(version: int, name: str) -> None:
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(
                text=text.replace("structure Target {}", f"structure {name} {{}}"))]))

    def unresolved(items) -> list[int]:
        return [d.range.start.line for d in items if d.code == "smithy/unresolved-shape"]

    tail_line = text.splitlines().index("    wanted: Target")
    for version, (first, last) in enumerate([("Targe", "Target"), ("Target", "Targex"), ("Tar", "Targ")]):
        rename(10 + 2 * version, first)
        await asyncio.sleep(0.3)  # typing pauses: the full check starts...
        rename(11 + 2 * version, last)  # ...and the text changes under it
        expected = [] if last == "Target" else [tail_line]
        final = await eventually(lambda: diagnostics(client, uri), accept=lambda items: unresolved(items) == expected)
        assert unresolved(final) == expected
        await asyncio.sleep(0.5)  # settled: nothing later replaces it
        assert unresolved(await diagnostics(client, uri)) == expected


@pytest.mark.asyncio
async def test_the_check_kept_from_a_pause_gives_way_to_a_change_in_another_file(client):
    """The full check a large file got at a pause is kept for the diagnostics that follow;
    a change elsewhere that touches its verdict must replace it."""
    text = smithy_model(6_000) + "\nstructure Tail {\n    wanted: Shared\n}\n"
    shared = "$version: \"2\"\nnamespace example.bench\n\nstructure Shared {}\n"
    await until_indexed(client)
    small = open_document(client, client.root / "kept" / "shared.smithy", shared, "smithy")
    big = open_document(client, client.root / "kept" / "model.smithy", text, "smithy")
    assert await diagnostics(client, big) == []

    # A keystroke in the large file, then a pause: its full check is made and kept.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=big, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=3, character=0), end=types.Position(line=3, character=0)),
            text="\n")]))
    await asyncio.sleep(1.0)
    assert await diagnostics(client, big) == []

    # `Shared` goes away in the other file: the large file's kept check no longer holds.
    forget_pushed(client, big)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=small, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=shared.replace("Shared", "Other"))]))
    final = await eventually(lambda: diagnostics(client, big),
                             accept=lambda items: any(d.code == "smithy/unresolved-shape" for d in items))
    assert [d.code for d in final] == ["smithy/unresolved-shape"]
