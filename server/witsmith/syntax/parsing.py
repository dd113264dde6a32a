"""Parsing and incremental reparsing of one source text."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import tree_sitter

from witsmith.syntax.languages import language
from witsmith.syntax.nesting import blank_from, keeps_nesting, too_deep_at

_local = threading.local()

# Error recovery can take another turn when an incremental parse reuses a subtree that
# holds an error from the previous parse.  In WIT, marking those subtrees as edited
# before the reparse (so only error-free subtrees are reused) makes incremental trees
# differ from fresh ones about six times less often: in random edits of corpus files, 1
# in 90,000 edits instead of 1 in 15,000.  Its external scanner is not the cause: its
# one piece of state (the open `<` count) is serialized whole.  Smithy's scanner keeps
# no state at all, yet its trees differ in about 2 edits in 1,000, with that marking or
# without it, and with its only position-dependent check (a token at column 0) removed:
# the difference lies in how tree-sitter's runtime recovers around reused tokens, not in
# the grammars.  So up to this size a broken text is parsed again from scratch after an
# edit (a few milliseconds, every tree equal to a fresh one); a larger one keeps its
# incremental tree, since a fresh parse of it on every keystroke takes seconds.
FRESH_REPARSE_MAX_BYTES = 64 * 1024
# Languages whose broken texts reparse reusing only subtrees without errors (see above).
REUSES_ONLY_CLEAN_SUBTREES = frozenset({"wit"})


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
    # Where brackets first nest deeper than `nesting.MAX_NESTING`: the tree covers the
    # text before it only (the rest was parsed as blanks; see `nesting`).
    too_deep_at: int | None = None
    # Reparsed incrementally with errors in it: its recovery may differ from a fresh parse's.
    unsettled: bool = False

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
        if self.too_deep_at is None and keeps_nesting(self.lang_id, self.source, edit.start, edit.old_end, edit.new_text):
            cut = None  # the brackets nest as they did, and the text was within the limit
        else:
            cut = too_deep_at(self.lang_id, new_source)
        if cut is not None or self.too_deep_at is not None:
            # Where the blanking starts may move with the edit: parse afresh (such texts
            # are rare and stop at the cut, so this stays fast).
            return _parse(self.lang_id, new_source, cut)
        new_end = edit.start + len(edit.new_text)
        old_tree = self.tree.copy()
        if self.lang_id in REUSES_ONLY_CLEAN_SUBTREES and old_tree.root_node.has_error:
            _mark_errors_edited(old_tree)
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
        return SyntaxTree(self.lang_id, new_source, tree, unsettled=tree.root_node.has_error)

    def settled(self) -> SyntaxTree:
        """This tree, or the fresh parse of its text when this one was reparsed
        incrementally with errors in it (see FRESH_REPARSE_MAX_BYTES): what an editor
        shows once typing pauses is then always what a fresh check of the text gives."""
        return parse(self.lang_id, self.source) if self.unsettled else self


def _mark_errors_edited(tree: tree_sitter.Tree) -> None:
    """Tell the tree that each ERROR and MISSING node was edited in place (an empty edit
    at its start), so the reparse reuses no subtree that holds one."""
    points = []
    cursor = tree.walk()  # a cursor, not recursion: deep trees cannot exhaust the stack
    while True:
        node = cursor.node
        descend = False
        if node.is_error or node.is_missing:
            points.append((node.start_byte, node.start_point))
            descend = node.is_error
        elif node.has_error:
            descend = True
        if descend and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                break
        else:
            continue
        break
    for offset, point in points:
        tree.edit(start_byte=offset, old_end_byte=offset, new_end_byte=offset,
                  start_point=point, old_end_point=point, new_end_point=point)


def parse(lang_id: str, source: bytes) -> SyntaxTree:
    """Parse a whole source text from scratch (up to where it nests too deep)."""
    return _parse(lang_id, source, too_deep_at(lang_id, source))


def _parse(lang_id: str, source: bytes, cut: int | None) -> SyntaxTree:
    text = source if cut is None else blank_from(source, cut)
    return SyntaxTree(lang_id, source, _parser(lang_id).parse(text), cut)
