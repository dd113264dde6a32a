"""Document symbols (the outline) from each grammar's ``tags.scm``: every definition
with its name, kind and range, nested by containment."""

from __future__ import annotations

from dataclasses import dataclass, field

import tree_sitter

from witsmith.syntax import SyntaxTree, query

# tags.scm captures are named "definition.<kind>"; outline kinds follow them.
OUTLINE_KINDS = ("class", "interface", "module", "type", "enum", "function", "method", "field", "constant")


@dataclass
class OutlineSymbol:
    name: str
    kind: str  # one of OUTLINE_KINDS
    start: int  # the whole definition, in bytes
    end: int
    name_start: int  # the name, in bytes
    name_end: int
    children: list[OutlineSymbol] = field(default_factory=list)


def outline(tree: SyntaxTree) -> list[OutlineSymbol]:
    tags = query(tree.lang_id, "tags")
    flat: list[OutlineSymbol] = []
    seen: set[tuple[int, int]] = set()
    for _, captures in tree_sitter.QueryCursor(tags).matches(tree.root):
        names = captures.get("name")
        if not names:
            continue
        for capture, nodes in captures.items():
            if not capture.startswith("definition."):
                continue
            kind = capture.removeprefix("definition.")
            for node in nodes:
                name = names[0]
                if (node.start_byte, name.start_byte) in seen:
                    continue
                seen.add((node.start_byte, name.start_byte))
                flat.append(
                    OutlineSymbol(
                        name=(name.text or b"").decode("utf-8", errors="replace"),
                        kind=kind if kind in OUTLINE_KINDS else "type",
                        start=node.start_byte,
                        end=node.end_byte,
                        name_start=name.start_byte,
                        name_end=name.end_byte,
                    )
                )
    return _nest(flat)


def _nest(flat: list[OutlineSymbol]) -> list[OutlineSymbol]:
    # Outer definitions first; a symbol's parent is the innermost open one containing it.
    flat.sort(key=lambda s: (s.start, -s.end))
    roots: list[OutlineSymbol] = []
    stack: list[OutlineSymbol] = []
    for symbol in flat:
        while stack and not (stack[-1].start <= symbol.start and symbol.end <= stack[-1].end):
            stack.pop()
        (stack[-1].children if stack else roots).append(symbol)
        stack.append(symbol)
    return roots
