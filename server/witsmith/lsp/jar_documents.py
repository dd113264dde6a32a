"""Read-only documents for models read from jars (Maven dependencies).

A model inside a jar has no file an editor can open, and the server writes none.
A client that declares it can show such documents, with the experimental client
capability ``{"witsmith": {"jarDocuments": true}}``, gets locations in them as
``witsmith-jar:`` URIs (``witsmith-jar:///path/to/x.jar!/META-INF/smithy/a.smithy``)
and asks for their text with the request ``witsmith/jarFileContents``
(params ``{"uri": "<witsmith-jar: URI>"}``, result: the text as a string).
Other clients get no location, as for witsmith's built-in models; hover shows
the documentation either way.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlparse

from lsprotocol import types

from witsmith.workspace.smithy import jars

JAR_SCHEME = "witsmith-jar"
JAR_FILE_CONTENTS = "witsmith/jarFileContents"


def jar_uri(path: Path) -> str:
    return f"{JAR_SCHEME}://" + quote(PurePosixPath(path).as_posix() if path.is_absolute() else str(path), safe="/!:")


def path_of_jar_uri(uri: str) -> Path | None:
    """The model path a ``witsmith-jar:`` URI names; None for other URIs."""
    parsed = urlparse(uri)
    if parsed.scheme != JAR_SCHEME:
        return None
    path = Path(unquote(parsed.path))
    return path if jars.split_model_path(path) is not None else None


def client_opens_jar_documents(capabilities: types.ClientCapabilities | None) -> bool:
    experimental = capabilities.experimental if capabilities is not None else None
    section = experimental.get("witsmith") if isinstance(experimental, dict) else None
    return isinstance(section, dict) and section.get("jarDocuments") is True


def contents(uri: str) -> str | None:
    """The text of a model read from a jar, or None when the URI names no loaded model."""
    path = path_of_jar_uri(uri)
    source = jars.jar_source(path) if path is not None else None
    return source.decode("utf-8", errors="replace") if source is not None else None
