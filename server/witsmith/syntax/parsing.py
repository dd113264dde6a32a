"""Parsing and incremental reparsing of one source text."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import tree_sitter

from witsmith.syntax.languages import language

_local = threading.local()

# Error recovery weighs the subtrees it reuses, so a broken text can recover
# differently incrementally than from scratch (random edits over the corpus find it
# in about one edit sequence in a thousand, in both grammars).  Up to this size a
# broken text is parsed again from scratch after an edit, which costs a few
# milliseconds and keeps every tree equal to a fresh one; a larger broken text keeps
# its incremental tree, since a fresh parse of it on every keystroke takes seconds.
FRESH_REPARSE_MAX_BYTES = 64 * 1024


def _parser(lang_id: str) -> tree_sitter.Parser:
    # A tree-sitter parser is not safe to share between threads; one per thread
    # and language is cheap and avoids a lock on every keystroke.
    parsers = _local.__dict__.setdefault("parsers", {})
    parser = parsers.get(lang_id)
    if parser is None:
        parser = parsers[lang_id] = tree_sitter.Parser(language(lang_id))
    return parser


@dataclass(frozen=True, slots=True)
class SourceEdit:
    """Replace the bytes ``[start, old_end)`` of the source with ``new_text`` (UTF-8)."""

    start: int
    old_end: int
    new_text: bytes

    def apply(self, source: bytes) -> bytes:
        if not 0 <= self.start <= self.old_end <= len(source):
            raise ValueError(
                f"edit range {self.start}..{self.old_end} is outside a source of {len(source)} bytes"
            )
        return source[: self.start] + self.new_text + source[self.old_end :]


def _point(source: bytes, offset: int) -> tuple[int, int]:
    """tree-sitter's (row, byte column) of a byte offset: rows end at ``\\n`` only."""
    row = source.count(b"\n", 0, offset)
    line_start = source.rfind(b"\n", 0, offset) + 1
    return row, offset - line_start


@dataclass(frozen=True, slots=True)
class SyntaxTree:
    """An immutable pairing of a source text and its tree."""

    lang_id: str
    source: bytes
    tree: tree_sitter.Tree

    @property
    def root(self) -> tree_sitter.Node:
        return self.tree.root_node

    @property
    def has_errors(self) -> bool:
        return self.tree.root_node.has_error

    def edited(self, edit: SourceEdit) -> SyntaxTree:
        """The tree of the source after ``edit``, reparsed incrementally.

        The old tree is told about the edit before the reparse so tree-sitter can
        reuse every untouched subtree; this snapshot stays valid (the edit is made
        on a copy).
        """
        new_source = edit.apply(self.source)
        new_end = edit.start + len(edit.new_text)
        old_tree = self.tree.copy()
        old_tree.edit(
            start_byte=edit.start,
            old_end_byte=edit.old_end,
            new_end_byte=new_end,
            start_point=_point(self.source, edit.start),
            old_end_point=_point(self.source, edit.old_end),
            new_end_point=_point(new_source, new_end),
        )
        parser = _parser(self.lang_id)
        tree = parser.parse(new_source, old_tree)
        if tree.root_node.has_error and len(new_source) <= FRESH_REPARSE_MAX_BYTES:
            tree = parser.parse(new_source)
        return SyntaxTree(self.lang_id, new_source, tree)


def parse(lang_id: str, source: bytes) -> SyntaxTree:
    """Parse a whole source text from scratch."""
    return SyntaxTree(lang_id, source, _parser(lang_id).parse(source))
