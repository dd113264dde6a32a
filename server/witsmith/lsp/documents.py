"""Open documents: witsmith's own store of editor buffers, kept as UTF-8 bytes with
a syntax tree reparsed incrementally on every change (never pygls's text store)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.uris import to_fs_path

from witsmith.lsp.jar_documents import path_of_jar_uri
from witsmith.lsp.positions import PositionCodec
from witsmith.syntax import SourceEdit, SyntaxTree, language_for_path, parse
from witsmith.text import LineIndex
from witsmith.workspace.files import normalize


@dataclass
class OpenDocument:
    uri: str
    path: Path
    version: int
    source: bytes
    # The line index, built when first read (see `index`): a large model's first
    # diagnostics need none when it has no problems.
    _index: LineIndex | None
    tree: SyntaxTree | None  # None for files witsmith reads but does not parse (JSON, TOML), or too large
    # A text larger than this is held but never parsed (the workspace reports it as too large).
    max_parse_bytes: int | None = None
    # Why the text is not known (the editor sent it in a message too large to read),
    # until a change sends it whole again.
    withheld: str | None = None

    @classmethod
    def unknown_text(cls, uri: str, version: int, why: str) -> OpenDocument:
        return cls(uri, uri_to_path(uri), version, b"", LineIndex(b""), None, withheld=why)

    @classmethod
    def open(cls, uri: str, version: int, text: str, max_parse_bytes: int | None = None) -> OpenDocument:
        path = uri_to_path(uri)
        source = text.encode("utf-8", errors="surrogatepass")
        document = cls(uri, path, version, source, None, None, max_parse_bytes)
        document.tree = document._fresh_tree()
        return document

    @property
    def index(self) -> LineIndex:
        if self._index is None or self._index.source is not self.source:
            self._index = LineIndex(self.source)
        return self._index

    @property
    def too_large(self) -> bool:
        return self.max_parse_bytes is not None and len(self.source) > self.max_parse_bytes

    def _fresh_tree(self) -> SyntaxTree | None:
        language = language_for_path(self.path)
        return parse(language, self.source) if language and not self.too_large else None

    def apply(self, change: types.TextDocumentContentChangeEvent, codec: PositionCodec) -> SourceEdit:
        """Apply one content change (its range read against the text as it is now); the edit in bytes."""
        if isinstance(change, types.TextDocumentContentChangeWholeDocument) or getattr(change, "range", None) is None:
            edit = SourceEdit(0, len(self.source), change.text.encode("utf-8", errors="surrogatepass"))
            self.source = edit.new_text
            self.withheld = None
            self.tree = self._fresh_tree()
        else:
            start, end = codec.offsets(self.index, change.range)
            if end < start:
                start, end = end, start
            edit = SourceEdit(start, end, change.text.encode("utf-8", errors="surrogatepass"))
            index = self.index
            if self.tree is not None and (self.max_parse_bytes is None
                                          or len(self.source) - (end - start) + len(edit.new_text) <= self.max_parse_bytes):
                self.tree = self.tree.edited(edit)
                self.source = self.tree.source
            else:
                self.source = edit.apply(self.source)
                # Grown past the limit: drop the tree; shrunk back under it: parse afresh.
                self.tree = None if self.tree is not None else self._fresh_tree()
            self._index = index.edited(edit.start, edit.old_end, edit.new_text, self.source)
            return edit
        self._index = None
        return edit


def uri_to_path(uri: str) -> Path:
    in_jar = path_of_jar_uri(uri)  # a model read from a jar, opened read-only
    if in_jar is not None:
        return in_jar
    fs_path = to_fs_path(uri)
    return normalize(fs_path if fs_path else uri)
