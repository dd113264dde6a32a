"""The editor's first seconds: files opened and checked at once after `initialize`,
while the workspace index still runs, get the verdict the finished index gives."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from support.lsp import diagnostics, indexed, open_from_disk, pulls, until_indexed
from support.projects import SMITHY_FILES, WIT_FILES, write_files, write_filler

CLIENTS = ["visual-studio-code", "neovim"]
BROKEN_TYPES = WIT_FILES["app/wit/types.wit"].replace("text: string,", "text: strng,")


class PushLog(dict):
    """The client's pushed diagnostics, keeping every publication, not only the last."""

    def __init__(self) -> None:
        super().__init__()
        self.history: list[tuple[str, list]] = []

    def __setitem__(self, uri, items) -> None:
        self.history.append((uri, list(items)))
        super().__setitem__(uri, items)


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "witsmith", "serve"]),
    params=CLIENTS,
)
async def early(request, lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    write_files(root, WIT_FILES)
    write_files(root, SMITHY_FILES)
    write_filler(root, 150)
    lsp_client.root = root
    lsp_client.diagnostics = PushLog()

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def accept_registration(params: types.RegistrationParams) -> None:
        return None

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(request.param),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="workspace")]))
    yield
    if not getattr(lsp_client, "shut_down", False):
        await lsp_client.shutdown_session()


OPENED = ["app/wit/api.wit", "app/wit/types.wit", "app/wit/world.wit", "app/wit/deps/clock.wit",
          "shop/model/service.smithy", "shop/model/orders.smithy", "shop/model/common.smithy"]


@pytest.mark.asyncio
async def test_correct_projects_opened_at_once_get_no_diagnostic(early):
    client = early
    paths = [client.root / name for name in OPENED]
    for path in paths:
        open_from_disk(client, path, "wit" if path.suffix == ".wit" else "smithy")
    found = await asyncio.gather(*(diagnostics(client, path.as_uri()) for path in paths))
    checked_early = not indexed(client)
    assert {path.name: items for path, items in zip(paths, found) if items} == {}
    await until_indexed(client)
    await asyncio.sleep(0.5)  # a refresh or a new push follows the index
    if pulls(client):
        found = await asyncio.gather(*(diagnostics(client, path.as_uri()) for path in paths))
        assert all(items == [] for items in found)
    else:
        published = [(uri, items) for uri, items in client.diagnostics.history if items]
        assert published == []
    # The point of the test: the first verdicts came before the index had landed.
    assert checked_early


@pytest.mark.asyncio
async def test_a_real_error_is_reported_at_once_while_indexing(early):
    client = early
    path = client.root / "app/wit/types.wit"
    path.write_text(BROKEN_TYPES, encoding="utf-8")
    api = client.root / "app/wit/api.wit"
    open_from_disk(client, path, "wit")
    open_from_disk(client, api, "wit")
    found = await diagnostics(client, path.as_uri())
    assert not indexed(client)
    assert [d.code for d in found] == ["wit/unknown-type"]
    assert await diagnostics(client, api.as_uri()) == []


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found |= {int(child) for child in task.read_text().split()}
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.asyncio
async def test_no_worker_process_outlives_a_shutdown_during_indexing(early):
    client = early
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to list the server's child processes")
    pid = client._server.pid
    seen: set[int] = set()
    for _ in range(1000):
        seen |= _children(pid)
        if seen or indexed(client):
            break
        await asyncio.sleep(0.01)
    assert seen, "the index started no worker process"
    client.shut_down = True
    await client.shutdown_session()  # while the workers are busy
    for _ in range(200):
        if not any(_alive(child) for child in seen):
            break
        await asyncio.sleep(0.05)
    assert [child for child in seen if _alive(child)] == []


@pytest.mark.asyncio
async def test_a_document_closed_while_indexing_is_read_from_disk_by_the_index(early):
    """The index reads open documents as the editor has them; one closed while the
    index runs is the file on disk again once the index lands."""
    client = early
    types_path, api = client.root / "app/wit/types.wit", client.root / "app/wit/api.wit"
    renamed = types_path.read_text().replace("record entry", "record entry-renamed")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=types_path.as_uri(), language_id="wit", version=1, text=renamed)))
    open_from_disk(client, api, "wit")
    assert await diagnostics(client, api.as_uri()) != []  # `entry` is not declared in the buffer
    for _ in range(100):  # closed while the index runs (before or after it has read the buffer)
        if client.progress_reports or indexed(client):
            break
        await asyncio.sleep(0.01)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(
        uri=types_path.as_uri())))
    await until_indexed(client)
    await asyncio.sleep(0.5)  # a refresh or a new push follows the index
    assert await diagnostics(client, api.as_uri()) == []  # `entry` is declared on disk
