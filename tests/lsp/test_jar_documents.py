"""Models read from the jars of Maven dependencies, in the editor: diagnostics without
unresolved namespaces, hover with the traits' documentation, and go-to-definition into
a read-only `witsmith-jar:` document served by `witsmith/jarFileContents`, or no
location for a client that cannot open one."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from support.corpus import REPO
from support.lsp import diagnostics, eventually, open_from_disk, position_of, tdi

SHARED_REPO = REPO.parent / "shared" / "tools" / "smithy-maven-repo"
FIXTURE = REPO / "tests" / "smithy" / "fixtures" / "aws-service" / "model" / "weather.smithy"
DEPENDENCIES = ["software.amazon.smithy:smithy-aws-traits:1.73.0", "software.amazon.smithy:smithy-waiters:1.73.0",
                "software.amazon.smithy:smithy-rules-engine:1.73.0"]
# (client, whether it declares that it opens witsmith-jar: documents)
CLIENTS = [("visual-studio-code", True), ("neovim", False)]


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "witsmith", "serve"]),
    params=CLIENTS, ids=[name for name, _ in CLIENTS],
)
async def client(request, lsp_client: LanguageClient, tmp_path_factory):
    if not (SHARED_REPO / "software" / "amazon" / "smithy").is_dir():
        pytest.skip(f"the local Maven repository of Smithy's trait packages is not present at {SHARED_REPO}")
    name, opens_jars = request.param
    root = tmp_path_factory.mktemp("workspace")
    (root / "model").mkdir()
    shutil.copyfile(FIXTURE, root / "model" / FIXTURE.name)
    (root / "smithy-build.json").write_text(json.dumps({
        "version": "1.0", "sources": ["model"],
        "maven": {"repositories": [{"url": SHARED_REPO.as_uri()}], "dependencies": DEPENDENCIES}}))
    lsp_client.root = root
    lsp_client.opens_jars = opens_jars

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def accept_registration(params: types.RegistrationParams) -> None:
        pass
    capabilities = client_capabilities(name)
    if opens_jars:
        capabilities.experimental = {"witsmith": {"jarDocuments": True}}
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities, workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="workspace")]))
    yield
    await lsp_client.shutdown_session()


def model(client) -> Path:
    return client.root / "model" / FIXTURE.name


@pytest.mark.asyncio
async def test_no_unresolved_namespaces(client):
    path = model(client)
    open_from_disk(client, path, "smithy")
    found = await diagnostics(client, path.as_uri())
    assert [(d.code, d.message) for d in found if d.severity == types.DiagnosticSeverity.Error
            or d.code == "smithy/namespace-not-loaded"] == []


@pytest.mark.asyncio
async def test_hover_shows_the_documentation_from_the_jar(client):
    path = model(client)
    open_from_disk(client, path, "smithy")
    hover = await eventually(lambda: client.text_document_hover_async(types.HoverParams(
        text_document=tdi(path), position=position_of(path, "@restJson1", shift=2))))
    assert "A RESTful protocol that sends JSON in structured payloads." in hover.contents.value
    assert "in `smithy-aws-traits-1.73.0.jar`" in hover.contents.value
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=tdi(path), position=position_of(path, "@waitable", shift=2)))
    assert "named \"waiters\"" in hover.contents.value


@pytest.mark.asyncio
async def test_definition_opens_the_model_inside_the_jar_or_nothing(client):
    path = model(client)
    open_from_disk(client, path, "smithy")
    found = await eventually(lambda: client.text_document_definition_async(types.DefinitionParams(
        text_document=tdi(path), position=position_of(path, "@restJson1", shift=2))),
        accept=lambda result: result is not None or not client.opens_jars)
    if not client.opens_jars:
        assert found is None
        return
    assert found.uri.startswith("witsmith-jar:") and found.uri.endswith(
        "smithy-aws-traits-1.73.0.jar!/META-INF/smithy/aws.protocols.smithy")
    text = await client.protocol.send_request_async("witsmith/jarFileContents", {"uri": found.uri})
    line = text.splitlines()[found.range.start.line]
    assert line[found.range.start.character:found.range.end.character] == "restJson1"
    assert line.startswith("structure restJson1")
    # The read-only document, once opened, answers hover like any other.
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=found.uri, language_id="smithy", version=1, text=text)))
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=found.uri), position=found.range.start))
    assert "A RESTful protocol" in hover.contents.value


@pytest.mark.asyncio
async def test_jar_file_contents_refuses_other_uris(client):
    with pytest.raises(Exception, match="names no model read from a jar"):
        await client.protocol.send_request_async("witsmith/jarFileContents", {"uri": (client.root / "smithy-build.json").as_uri()})
