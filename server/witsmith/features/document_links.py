"""Document links: each `use` path links to the file that defines what it names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from witsmith.diagnostics import Location
from witsmith.syntax import SyntaxTree

# The nodes whose text is a path to another file's definitions.
_LINKED = {"smithy": ("use_statement",), "wit": ("use_path",)}

Definition = Callable[[Path, int], Location | None]


def document_links(path: Path, tree: SyntaxTree, definition: Definition) -> list[tuple[int, int, Location]]:
    """``(start, end, target)`` for each linkable path whose definition is in another file."""
    links = []
    stack = [tree.root]
    while stack:
        node = stack.pop()
        if node.type in _LINKED[tree.lang_id]:
            span = node.child_by_field_name("shape_id") or node
            # Ask at the name (not the namespace or version): that is what is defined.
            name = span.child_by_field_name("name") or span.child_by_field_name("interface") or span
            target = definition(path, name.start_byte)
            if target is not None and target.path != path:
                links.append((span.start_byte, span.end_byte, target))
            continue
        stack.extend(node.named_children)
    return sorted(links, key=lambda link: link[0])
