"""Small helpers for the end-to-end tests: open documents, get their diagnostics
whichever way the client receives them, and decode semantic tokens."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient


def pulls(client: LanguageClient) -> bool:
    return client.capabilities.text_document.diagnostic is not None


def uri(path: Path) -> str:
    return path.as_uri()


def open_document(client: LanguageClient, path: Path, text: str, language: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri(path), language_id=language, version=1, text=text)
        )
    )
    return uri(path)


def forget_pushed(client: LanguageClient, document_uri: str) -> None:
    """Forget pushed diagnostics, so the next `diagnostics` call waits for fresh ones."""
    client.diagnostics.pop(document_uri, None)


async def diagnostics(client: LanguageClient, document_uri: str) -> list[types.Diagnostic]:
    """The document's current diagnostics: pulled, or the first pushed since `forget_pushed`."""
    if pulls(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=document_uri))
        )
        return list(report.items)
    for _ in range(200):
        pushed = client.diagnostics.get(document_uri)
        if pushed is not None:
            return list(pushed)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics were published for {document_uri}")


def decode_tokens(client: LanguageClient, data: list[int]) -> list[tuple[int, int, int, str, set[str]]]:
    legend = client.server_capabilities.semantic_tokens_provider.legend
    tokens = []
    line = character = 0
    for i in range(0, len(data), 5):
        delta_line, delta_char, length, kind, bits = data[i : i + 5]
        line += delta_line
        character = character + delta_char if delta_line == 0 else delta_char
        modifiers = {name for bit, name in enumerate(legend.token_modifiers) if bits & (1 << bit)}
        tokens.append((line, character, length, legend.token_types[kind], modifiers))
    return tokens


async def eventually(request, accept=lambda result: bool(result), attempts: int = 100):
    """Repeat a request until its answer is acceptable: the server answers from what it
    has indexed so far, and the background index of the workspace may still be running."""
    result = None
    for _ in range(attempts):
        result = await request()
        if accept(result):
            return result
        await asyncio.sleep(0.1)
    return result


def tdi(path: Path) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=path.as_uri())


def position_of(path, needle: str, occurrence: int = 0, shift: int = 0) -> types.Position:
    lines = path.read_text().splitlines()
    seen = 0
    for number, line in enumerate(lines):
        column = line.find(needle)
        while column >= 0:
            if seen == occurrence:
                return types.Position(line=number, character=column + shift)
            seen += 1
            column = line.find(needle, column + 1)
    raise AssertionError(f"{needle!r} not in {path}")


def open_from_disk(client, path, language):
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=path.as_uri(), language_id=language, version=1, text=path.read_text())))


def indexed(client) -> bool:
    """Whether the server has reported the end of its workspace index."""
    return any(getattr(report, "kind", None) == "end"
               for reports in client.progress_reports.values() for report in reports)


async def until_indexed(client) -> None:
    """Wait for the workspace index: until it lands, verdicts that other files could
    overturn (a Smithy shape id that names nothing yet) are held back."""
    for _ in range(600):
        if indexed(client):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the workspace index never finished")
