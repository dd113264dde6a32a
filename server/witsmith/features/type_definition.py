"""Go to type definition: from a member, field, case or parameter (or a reference to
one) to the definition of its type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from witsmith.diagnostics import Location
from witsmith.syntax import SyntaxTree

# Node types that carry a type, and the field that holds it.
_TYPED = {"shape_member": "target", "record_field": "type", "variant_case": "type", "param": "type",
          "type_item": "type"}

Definition = Callable[[Path, int], Location | None]
TreeOf = Callable[[Path], SyntaxTree | None]


def type_definition(path: Path, offset: int, definition: Definition, tree_of: TreeOf) -> Location | None:
    """The definition of the type of what is at ``offset``; what it names if that is a type."""
    target = definition(path, offset) or Location(path, offset, offset)
    tree = tree_of(target.path)
    if tree is None:
        return None
    node = tree.root.descendant_for_byte_range(target.start, target.start)
    while node is not None and node.type not in _TYPED:
        if node.type.endswith(("_shape", "_item", "_body")):
            node = None  # the name of a shape or type: it is its own type
            break
        node = node.parent
    if node is None:
        return target if target.path != path or target.start != offset else None
    typed = node.child_by_field_name(_TYPED[node.type])
    if typed is None:
        return None
    # A type may be written `list<thing>`: the innermost named type is what to open.
    named = typed
    while named.named_child_count and named.type not in ("shape_id", "named_type"):
        named = named.named_children[-1]
    found = definition(target.path, named.start_byte)
    return found
