"""Completion of type names in a long WIT file while it is being typed in: the body's
type list is kept across keystrokes, and what the editor is sent still follows every
edit that adds, removes or renames a type.  The file is long enough (its functions)
for the server to check it fully only when typing pauses, so the workspace lags behind
the buffer as it does in a long file."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from support.lsp import eventually, open_document, tdi
from witsmith.lsp.server import LONG_FILE_BYTES

RECORDS = 150
TEXT = """package my:pkg@1.0.0;

interface other {
    record other-thing { a: u8 }
    record not-used { a: u8 }
}

interface padding {
%s
}

interface big {
    use other.{other-thing};
%s
    probe: func(a: );
}
""" % ("\n".join(f"    /// Function {n}.\n    f{n}: func(a: u8, b: string) -> u32;" for n in range(1500)),
       "\n".join(f"    /// Record {n}.\n    record r{n} {{ f0: u8, f1: string }}" for n in range(RECORDS)))


def _position(text: str, offset: int) -> types.Position:
    before = text[:offset]
    return types.Position(line=before.count("\n"), character=offset - (before.rfind("\n") + 1))


@pytest.mark.asyncio
async def test_type_names_follow_edits_while_typing(client):
    path = client.root / "typing" / "wit" / "pkg.wit"
    assert len(TEXT) > LONG_FILE_BYTES
    open_document(client, path, TEXT, "wit")
    text, version = TEXT, 1

    async def ask() -> dict[str, tuple]:
        at = _position(text, text.index("a: );") + len("a: "))
        result = await client.text_document_completion_async(types.CompletionParams(text_document=tdi(path),
                                                                                    position=at))
        assert not result.is_incomplete
        return {item.label: (item.kind, item.detail, item.sort_text) for item in result.items}

    async def edit(old: str, new: str, after: str = "") -> dict[str, tuple]:
        nonlocal text, version
        start = text.index(old, text.index(after) if after else 0)
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=_position(text, start), end=_position(text, start + len(old))), text=new)
        text, version = text[:start] + new + text[start + len(old):], version + 1
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[change]))
        return await ask()

    first = await eventually(ask, lambda found: "not-used" in found)
    assert {f"r{n}" for n in range(RECORDS)} | {"other-thing", "u8", "string"} <= first.keys()
    assert first["r3"][1] == "record r3 { f0, f1 }"

    found = await edit("f1", "f1-and-more", after="record r3 ")  # inside one record
    assert found["r3"][1] == "record r3 { f0, f1-and-more }"
    assert {k: v for k, v in found.items() if k != "r3"} == {k: v for k, v in first.items() if k != "r3"}
    found = await edit("f0", "f0x", after="record r3 ")  # and again, at the same place
    assert found["r3"][1] == "record r3 { f0x, f1-and-more }"

    before = found
    found = await edit("    probe:", "    record fresh-one { a: u8 }\n    probe:")  # a type added
    assert found.keys() - before.keys() == {"fresh-one"} and found["fresh-one"][1] == "record fresh-one { a }"
    found = await edit("    /// Record 7.\n    record r7 { f0: u8, f1: string }\n", "")  # a type removed
    assert "r7" not in found and "r6" in found and "r8" in found
    found = await edit("record r5 ", "record r5-renamed ")  # a type renamed where it is declared
    assert "r5" not in found and found["r5-renamed"][1] == "record r5-renamed { f0, f1 }"

    before = found
    found = await edit("probe: func(a: ", "probe: func(b: u8, a: ")  # inside a function
    assert found == before
    # A type of another interface renamed: that name alone changes.
    found = await eventually(lambda: edit("record not-used ", "record other-renamed ") if "not-used" in text else ask(),
                             lambda found: "other-renamed" in found)
    assert found.keys() ^ before.keys() == {"other-renamed", "not-used"}
    assert {k: v for k, v in found.items() if k != "other-renamed"} == \
        {k: v for k, v in before.items() if k != "not-used"}


@pytest.mark.asyncio
async def test_type_names_after_a_pause_in_typing(client):
    """At a pause the server checks the long file and makes the body's type list ahead
    (for the body last edited in): the next request is answered from it, and it says
    what the text says then."""
    path = client.root / "pausing" / "wit" / "pkg.wit"
    open_document(client, path, TEXT, "wit")
    text = TEXT

    async def ask() -> dict[str, tuple]:
        at = _position(text, text.index("a: );") + len("a: "))
        result = await client.text_document_completion_async(types.CompletionParams(text_document=tdi(path),
                                                                                    position=at))
        return {item.label: (item.kind, item.detail) for item in result.items}

    first = await eventually(ask, lambda found: "not-used" in found)
    for version, (old, new, after) in enumerate([("f1", "f1-x", "record r3 "),
                                                 ("    probe:", "    record fresh-one { a: u8 }\n    probe:", ""),
                                                 ("record r5 ", "record r5-renamed ", "")], start=2):
        start = text.index(old, text.index(after) if after else 0)
        change = types.TextDocumentContentChangePartial(
            range=types.Range(start=_position(text, start), end=_position(text, start + len(old))), text=new)
        text = text[:start] + new + text[start + len(old):]
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[change]))
        await asyncio.sleep(0.6)  # a pause: the file is checked and the list made ahead
    found = await ask()
    assert found["r3"][1] == "record r3 { f0, f1-x }"
    assert found["fresh-one"][1] == "record fresh-one { a }"
    assert "r5" not in found and found["r5-renamed"][1] == "record r5-renamed { f0, f1 }"
    assert found.keys() == first.keys() - {"r5"} | {"fresh-one", "r5-renamed"}
