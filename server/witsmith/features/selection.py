"""Selection ranges: from the token at the cursor out through its enclosing nodes."""

from __future__ import annotations

from witsmith.syntax import SyntaxTree


def selection_ranges(tree: SyntaxTree, offset: int) -> list[tuple[int, int]]:
    """Byte ranges from innermost to outermost, each strictly larger than the one before."""
    node = tree.root.descendant_for_byte_range(offset, offset)
    ranges: list[tuple[int, int]] = []
    while node is not None:
        span = (node.start_byte, node.end_byte)
        if not ranges or (span != ranges[-1] and span[0] <= ranges[-1][0] and ranges[-1][1] <= span[1]):
            ranges.append(span)
        node = node.parent
    return ranges
