"""After any sequence of protocol edits, an open document equals a fresh open of the
final text: the same bytes, the same tree, the same diagnostics and symbols."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from support.corpus import ABSENT, source_files
from witsmith.features.diagnostics import file_diagnostics
from witsmith.features.outline import outline
from witsmith.lsp.documents import OpenDocument
from witsmith.lsp.positions import PositionCodec
from witsmith.syntax.sexp import to_sexp
from witsmith.workspace.project import Workspace

FILES = [p for p in source_files("wit", "valid") + source_files("smithy", "valid") if p.stat().st_size < 20_000]
pytestmark = pytest.mark.skipif(not FILES, reason=ABSENT)
PIECES = ["{", "}", "<", ">", ":", ";", "\n", "\r\n", " ", "é", "日本", "🦀", "e\u0301", "x", "use ", "record "]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def apply_to_text(text: str, line: int, start: int, end: int, new: str) -> str:
    """The expected result, computed on str with UTF-16 columns at character boundaries."""
    lines = text.split("\n")
    current = lines[line]

    def cut(units: int) -> int:
        count = 0
        for index, ch in enumerate(current):
            if count >= units:
                return index
            count += utf16_length(ch)
        return len(current)

    lines[line] = current[: cut(start)] + new + current[cut(end):]
    return "\n".join(lines)


@st.composite
def edited(draw):
    path = draw(st.sampled_from(FILES))
    text = path.read_text(encoding="utf-8").replace("\r", "")
    edits = []
    for _ in range(draw(st.integers(1, 8))):
        lines = text.split("\n")
        line = draw(st.integers(0, len(lines) - 1))
        boundaries = [0]
        for ch in lines[line]:
            boundaries.append(boundaries[-1] + utf16_length(ch))
        start = draw(st.sampled_from(boundaries))
        end = draw(st.sampled_from([b for b in boundaries if b >= start]))
        new = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=3))).replace("\r", "")
        edits.append((line, start, end, new))
        text = apply_to_text(text, line, start, end, new)
    return path, edits, text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=edited())
def test_edited_document_equals_a_fresh_open(case, tmp_path_factory):
    path, edits, final = case
    folder = tmp_path_factory.mktemp("doc")
    target = folder / f"doc{path.suffix}"
    target.write_text(path.read_text(encoding="utf-8").replace("\r", ""), encoding="utf-8")
    codec = PositionCodec(types.PositionEncodingKind.Utf16)
    document = OpenDocument.open(target.as_uri(), 1, target.read_text(encoding="utf-8"))
    # The workspace is kept up to date edit by edit, as the server keeps it.
    project = Workspace()
    project.add_root(folder)
    for line, start, end, new in edits:
        document.apply(types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=start), end=types.Position(line=line, character=end)),
            text=new), codec)
        project.files.set_buffer(document.path, document.source)
        project.parses.put(document.path, document.tree)
        project.update(document.path)
    fresh = OpenDocument.open(target.as_uri(), 2, final)
    assert document.source == fresh.source
    assert to_sexp(document.tree.root) == to_sexp(fresh.tree.root)
    assert outline_of(document) == outline_of(fresh)

    scratch = Workspace()
    scratch.files.set_buffer(fresh.path, fresh.source)
    scratch.add_root(folder)
    assert file_diagnostics(project, document.path) == file_diagnostics(scratch, fresh.path)


def outline_of(document: OpenDocument) -> list[tuple[str, int, int]]:
    return [(s.name, s.start, s.end) for s in outline(document.tree)]
