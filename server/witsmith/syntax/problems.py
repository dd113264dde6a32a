"""Syntax errors found in a tree, as plain data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import tree_sitter


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """One ERROR or MISSING node: byte range and a message for a person."""

    start_byte: int
    end_byte: int
    start_point: tuple[int, int]
    message: str
    missing: bool


def _snippet(node: tree_sitter.Node, limit: int = 24) -> str:
    text = (node.text or b"").decode("utf-8", errors="replace").strip()
    first_line = text.splitlines()[0] if text else ""
    return first_line if len(first_line) <= limit else first_line[: limit - 1] + "…"


def _describe_missing(node: tree_sitter.Node) -> str:
    kind = node.type
    what = f"`{kind}`" if not node.is_named else kind.replace("_", " ")
    return f"syntax error: expected {what} here"


def _describe_error(node: tree_sitter.Node) -> str:
    snippet = _snippet(node)
    if not snippet:
        return "syntax error: unexpected end of input"
    return f"syntax error: unexpected `{snippet}`"


def syntax_problems(root: tree_sitter.Node, limit: int | None = None) -> Iterator[SyntaxProblem]:
    """Yield each ERROR and MISSING node in source order, outermost first.

    Only subtrees that contain an error are entered, so a clean tree costs one
    check; an ERROR node's insides are not reported again.  The walk uses a
    cursor, not recursion, so deeply nested input cannot exhaust the stack.
    """
    if not root.has_error:
        return
    count = 0
    cursor = root.walk()
    while True:
        node = cursor.node
        descend = False
        if node.is_missing:
            yield SyntaxProblem(node.start_byte, node.end_byte, tuple(node.start_point), _describe_missing(node), True)
            count += 1
        elif node.is_error:
            yield SyntaxProblem(node.start_byte, node.end_byte, tuple(node.start_point), _describe_error(node), False)
            count += 1
        elif node.has_error:
            descend = True
        if limit is not None and count >= limit:
            return
        if descend and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return
