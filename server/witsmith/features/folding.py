"""Folding ranges from each grammar's ``folds.scm``, as byte ranges."""

from __future__ import annotations

import tree_sitter

from witsmith.syntax import SyntaxTree, query


def folding_ranges(tree: SyntaxTree) -> list[tuple[int, int, str | None]]:
    """``(start, end, kind)`` of every foldable region; kind is "comment" or None."""
    found = tree_sitter.QueryCursor(query(tree.lang_id, "folds")).captures(tree.root)
    ranges = []
    for node in found.get("fold", []):
        kind = "comment" if node.type in ("comment", "doc_comment") else None
        ranges.append((node.start_byte, node.end_byte, kind))
    # Consecutive doc comment lines fold together.
    docs = [n for n in _doc_comments(tree.root)]
    run: list[tree_sitter.Node] = []
    for node in docs + [None]:
        if node is not None and run and node.prev_sibling == run[-1]:
            run.append(node)
            continue
        if len(run) > 1:
            ranges.append((run[0].start_byte, run[-1].end_byte, "comment"))
        run = [node] if node is not None else []
    return sorted(set(ranges))


def _doc_comments(root: tree_sitter.Node) -> list[tree_sitter.Node]:
    result = []
    cursor = root.walk()
    while True:
        node = cursor.node
        if node.type == "doc_comment":
            result.append(node)
        if node.type != "doc_comment" and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return result
