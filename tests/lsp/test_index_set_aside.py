"""Once the workspace index has landed, the server sets it aside from the cyclic
collector (see `witsmith.gc_pause`); edits after that replace parts of it, and every
verdict must still follow them."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from support.lsp import diagnostics, forget_pushed, open_from_disk, until_indexed
from support.projects import SMITHY_FILES, WIT_FILES, write_files, write_filler

LOG = Path(tempfile.mkdtemp(prefix="witsmith-set-aside-")) / "server.log"


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "witsmith", "serve", "--log-file", str(LOG)]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    write_files(root, WIT_FILES)
    write_files(root, SMITHY_FILES)
    write_filler(root, 80)
    lsp_client.root = root

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def accept_registration(params: types.RegistrationParams) -> None:
        return None

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="workspace")]))
    yield
    await lsp_client.shutdown_session()


async def _set_aside() -> str:
    for _ in range(300):
        if LOG.exists():
            found = [line for line in LOG.read_text().splitlines() if "the index is set aside from collection" in line]
            if found:
                return found[-1]
        await asyncio.sleep(0.1)
    raise AssertionError("the server never set its index aside")


def _replace(client, path: Path, version: int, text: str) -> None:
    forget_pushed(client, path.as_uri())  # the next `diagnostics` waits for this version's
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def _codes(client, path: Path) -> list[str]:
    return [d.code for d in await diagnostics(client, path.as_uri())]


@pytest.mark.asyncio
async def test_verdicts_follow_edits_after_the_index_is_set_aside(client):
    wit = client.root / "app/wit/types.wit"
    smithy = client.root / "shop/model/orders.smithy"
    open_from_disk(client, wit, "wit")
    open_from_disk(client, smithy, "smithy")
    await until_indexed(client)
    await _set_aside()

    wit_text, smithy_text = wit.read_text(), smithy.read_text()
    for version in (2, 4, 6):
        # The package and shapes the index built are replaced, then replaced again.
        _replace(client, wit, version, wit_text.replace("text: string,", "text: strng,"))
        assert await _codes(client, wit) == ["wit/unknown-type"]
        _replace(client, smithy, version, smithy_text.replace("id: String", "id: Strin"))
        assert await _codes(client, smithy) == ["smithy/unresolved-shape"]
        _replace(client, wit, version + 1, wit_text)
        assert await _codes(client, wit) == []
        _replace(client, smithy, version + 1, smithy_text)
        assert await _codes(client, smithy) == []
