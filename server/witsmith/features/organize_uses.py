"""Organize uses: each run of consecutive `use` statements sorted, duplicates and
(where the language reports them) unused ones removed, as one edit per run."""

from __future__ import annotations

from pathlib import Path

import tree_sitter

from witsmith.diagnostics import Diagnostic, TextEdit
from witsmith.syntax import SyntaxTree

_USE_NODES = {"smithy": ("use_statement",), "wit": ("toplevel_use", "use_item")}
_UNUSED_CODES = ("smithy/unused-use", "wit/unused-use")


def _runs(tree: SyntaxTree) -> list[list[tree_sitter.Node]]:
    """Runs of use statements that are siblings with only whitespace between them."""
    kinds = _USE_NODES[tree.lang_id]
    runs: list[list[tree_sitter.Node]] = []
    stack = [tree.root]
    while stack:
        node = stack.pop()
        run: list[tree_sitter.Node] = []
        for child in node.named_children:
            if child.type in kinds and not child.has_error:
                if run and tree.source[run[-1].end_byte : child.start_byte].strip():
                    runs.append(run)
                    run = []
                run.append(child)
            else:
                if run:
                    runs.append(run)
                    run = []
                if child.type not in ("comment", "doc_comment") and child.named_child_count:
                    stack.append(child)
        if run:
            runs.append(run)
    return runs


def organize_uses(path: Path, tree: SyntaxTree, diagnostics: list[Diagnostic]) -> list[TextEdit]:
    if tree.root.has_error and tree.lang_id == "smithy":
        return []  # statement boundaries are unreliable in a broken file
    unused = [(d.start, d.end) for d in diagnostics if d.code in _UNUSED_CODES]
    edits = []
    for run in _runs(tree):
        kept: dict[str, None] = {}
        for node in run:
            if any(node.start_byte <= start and end <= node.end_byte for start, end in unused):
                continue
            text = tree.source[node.start_byte : node.end_byte].decode("utf-8", errors="replace")
            kept.setdefault(text, None)
        separator = tree.source[run[0].end_byte : run[1].start_byte].decode() if len(run) > 1 else "\n"
        if "\n" not in separator:
            separator = "\n"
        indent = separator[separator.rfind("\n") + 1 :]
        new_text = (("\n" + indent).join(sorted(kept, key=str.lower)))
        old_text = tree.source[run[0].start_byte : run[-1].end_byte].decode("utf-8", errors="replace")
        if new_text != old_text:
            end = run[-1].end_byte
            if not kept and tree.source[end : end + 1] == b"\n":
                end += 1  # removing every use: take its line with it
            edits.append(TextEdit(path, run[0].start_byte, end, new_text))
    return edits
