"""Summary objects whose byte ranges are found on first read.

In a JSON AST model of megabytes, finding where every key and value sits costs more
than everything else witsmith does to read the model, and almost no range is ever
read: only a diagnostic, a hover or a definition needs one.  The classes here are the
summary's own classes (`Span`, `Reference`, `Shape`, ...) with some range fields
filled on first read from an anchor (a JSON node or entry, see `json_text`) by a
`where` function.  Once read, a range is an ordinary field; the objects compare equal
to their plain counterparts with the same fields.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from witsmith.model.smithy.summary import (
    Apply,
    Entry,
    Member,
    Node,
    Reference,
    Shape,
    Span,
    Statement,
    TraitUse,
)

# A range not found yet (real offsets are never negative).
UNKNOWN = -1

Where = Callable[[Any], tuple[int, int]]


def key_range(entry: Entry) -> tuple[int, int]:
    """An object key, without its quotes."""
    return entry.key_start, entry.key_end


def quoted_key_range(entry: Entry) -> tuple[int, int]:
    """An object key with its quotes."""
    return entry.key_start - 1, entry.key_end + 1


def value_range(node: Node | Span) -> tuple[int, int]:
    return node.start, node.end


def inner_range(node: Node) -> tuple[int, int]:
    """A string value without its quotes."""
    return node.start + 1, node.end - 1


def entry_range(entry: Entry) -> tuple[int, int]:
    """From an entry's key to the end of its value."""
    return entry.key_start, entry.value.end


def _lazy_variant(base: type, *pairs: tuple[str, str]) -> type:
    """A subclass of the slotted dataclass ``base`` whose field ``pairs`` (start, end) are
    found on first read: for pair ``i``, ``where_i(anchor_i)`` (two slots per pair, not a
    tuple: a large model makes hundreds of thousands of these, and each object more is
    work for the garbage collector)."""
    slots: list[str] = []
    namespace: dict[str, Any] = {}
    for index, (start_name, end_name) in enumerate(pairs):
        start_slot, end_slot = base.__dict__[start_name], base.__dict__[end_name]
        slots += [f"_where{index}", f"_anchor{index}"]
        where_slot, anchor_slot = f"_where{index}", f"_anchor{index}"

        def find(self, start_slot=start_slot, end_slot=end_slot, where_slot=where_slot, anchor_slot=anchor_slot) -> None:
            start, end = getattr(self, where_slot)(getattr(self, anchor_slot))
            start_slot.__set__(self, start)
            end_slot.__set__(self, end)

        for slot in (start_slot, end_slot):
            def read(self, slot=slot, find=find) -> int:
                try:  # unset (see `span`) or UNKNOWN (see `lazy`): not found yet
                    value = slot.__get__(self)
                    if value != UNKNOWN:
                        return value
                except AttributeError:
                    pass
                find(self)
                return slot.__get__(self)

            namespace[slot.__name__] = property(read, slot.__set__)
    namespace["__slots__"] = tuple(slots)
    names = tuple(f.name for f in dataclasses.fields(base))

    def __eq__(self, other: object) -> bool:  # as the base's: field by field, across lazy and plain
        if not isinstance(other, base):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in names)

    namespace["__eq__"] = __eq__
    namespace["__hash__"] = None
    return type(f"Lazy{base.__name__}", (base,), namespace)


LazySpan = _lazy_variant(Span, ("start", "end"))
LazyReference = _lazy_variant(Reference, ("start", "end"))
LazyTraitUse = _lazy_variant(TraitUse, ("start", "end"))
LazyMember = _lazy_variant(Member, ("start", "end"))
LazyShape = _lazy_variant(Shape, ("start", "end"), ("kind_start", "kind_end"))
LazyStatement = _lazy_variant(Statement, ("start", "end"))
LazyApply = _lazy_variant(Apply, ("start", "end"))
LazyNode = _lazy_variant(Node, ("start", "end"))
LazyEntry = _lazy_variant(Entry, ("key_start", "key_end"))


def lazy(cls: type, where: tuple[tuple[Where, Any], ...], *args: Any, **fields: Any) -> Any:
    """An instance of a lazy variant: its range fields (passed as UNKNOWN) come from
    ``where``, one (where, anchor) per pair of range fields."""
    made = cls(*args, **fields)
    made._where0, made._anchor0 = where[0]
    if len(where) > 1:
        for index in range(1, len(where)):
            setattr(made, _WHERE_NAMES[index], where[index][0])
            setattr(made, _ANCHOR_NAMES[index], where[index][1])
    return made


_WHERE_NAMES = ("_where0", "_where1")
_ANCHOR_NAMES = ("_anchor0", "_anchor1")


_new = object.__new__


def span(text: str, where: tuple[Where, Any]) -> Span:
    """A `Span` ranged by ``where`` (made without `__init__`: there are tens of thousands)."""
    made = _new(LazySpan)
    made.text = text
    made._where0, made._anchor0 = where
    return made


def reference(text: str, where: tuple[Where, Any], role: str, owner: str | None) -> Reference:
    """A `Reference` ranged by ``where`` (made without `__init__`, as `span`)."""
    made = _new(LazyReference)
    made.text = text
    made.role = role
    made.owner = owner
    made.selector = None
    made.required = False
    made._where0, made._anchor0 = where
    return made


def trait_use(trait_id: Span, value: Node | None, where: tuple[Where, Any], structured: bool) -> TraitUse:
    """A `TraitUse` ranged by ``where`` (made without `__init__`, as `span`)."""
    made = _new(LazyTraitUse)
    made.id = trait_id
    made.value = value
    made.structured = structured
    made.implicit = False
    made._where0, made._anchor0 = where
    return made


def member(name: Span, target: Span | None, where: tuple[Where, Any]) -> Member:
    """A `Member` without traits, ranged by ``where`` (made without `__init__`, as `span`)."""
    made = _new(LazyMember)
    made.name = name
    made.target = target
    made.traits = []
    made.docs = None
    made.default = None
    made.elided = False
    made._where0, made._anchor0 = where
    return made


def key_reference(entry: Entry, role: str, owner: str | None) -> Reference:
    """A reference to the shape a key names (a trait value's member), ranged on the key."""
    if type(entry) is Entry:
        return Reference(entry.key, entry.key_start, entry.key_end, role, owner)
    return reference(entry.key, (key_range, entry), role, owner)
