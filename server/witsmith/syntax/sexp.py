"""Render a syntax tree as an indented S-expression, for people and scripts.

Named nodes are shown with their field name and ``[row, column] - [row, column]``
range (0-based rows, byte columns, as tree-sitter counts them); ERROR nodes and
MISSING tokens are always shown, so a broken parse is visible at a glance.
"""

from __future__ import annotations

import tree_sitter


def _visible(node: tree_sitter.Node) -> bool:
    return node.is_named or node.is_missing


def _label(node: tree_sitter.Node) -> str:
    if node.is_missing:
        kind = node.type if node.is_named else f'"{node.type}"'
        return f"MISSING {kind}"
    return node.type


def _range(node: tree_sitter.Node) -> str:
    (sr, sc), (er, ec) = node.start_point, node.end_point
    return f"[{sr}, {sc}] - [{er}, {ec}]"


def to_sexp(root: tree_sitter.Node) -> str:
    lines: list[str] = []
    cursor = root.walk()
    depth = 0
    visible_depth = 0
    stack: list[bool] = []  # whether each entered ancestor was printed

    def emit(node: tree_sitter.Node, field: str | None) -> None:
        prefix = "  " * visible_depth + (f"{field}: " if field else "")
        lines.append(f"{prefix}({_label(node)} {_range(node)}")

    while True:
        node = cursor.node
        printed = _visible(node)
        if printed:
            emit(node, cursor.field_name)
        stack.append(printed)
        if printed:
            visible_depth += 1
        depth += 1
        if cursor.goto_first_child():
            continue
        # Leaf: unwind until a sibling exists.
        while True:
            was_printed = stack.pop()
            depth -= 1
            if was_printed:
                visible_depth -= 1
                lines[-1] += ")"
            if depth == 0:
                return "\n".join(lines)
            if cursor.goto_next_sibling():
                break
            cursor.goto_parent()
