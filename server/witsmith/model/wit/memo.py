"""Reuse of item summaries across edits of one file.

A keystroke changes one item of a body; the others keep their text and only move.
The items of the last summary are kept by their text, and one whose text is
unchanged is taken as it is when it did not move, else shifted to where it is now (a
copy with its byte ranges moved, cheaper than reading it from the tree though still
a cost in a long file).  A caller that reads only names takes moved items unshifted
(see `summarize`'s ``placed``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass

import tree_sitter

from witsmith.pacing import pace

# Every byte range of the summary classes is held in a field of one of these names.
_SPAN_FIELDS = frozenset({"span", "value_span", "version_span", "docs_span", "keyword_span"})
_PLAIN = frozenset({"str", "bool", "int", "str | None", "int | None"})
# Per class, a function made for it that copies an instance with its ranges moved.
_SHIFTERS: dict[type, Callable] = {}
_NOTHING = object()


def _shifter(cls: type) -> Callable:
    """Write out the copy for one class, field by field: generic code (getattr and
    setattr in a loop) costs as much as reading the item from the tree again."""
    parts = []
    for f in fields(cls):
        if f.name in _SPAN_FIELDS:
            parts.append(f"None if v.{f.name} is None else (v.{f.name}[0] + d, v.{f.name}[1] + d)")
        elif f.type in _PLAIN:
            parts.append(f"v.{f.name}")
        elif str(f.type).endswith("| None"):
            parts.append(f"None if v.{f.name} is None else shifted(v.{f.name}, d)")
        elif str(f.type).startswith("tuple["):
            parts.append(f"tuple([shifted(x, d) for x in v.{f.name}]) if v.{f.name} else ()")
        else:
            parts.append(f"shifted(v.{f.name}, d)")
    namespace = {"cls": cls, "shifted": shifted}
    exec(f"def shift(v, d):\n    return cls({', '.join(parts)})\n", namespace)  # noqa: S102 - our own code
    return namespace["shift"]


def shifted(value, delta: int):
    """``value`` (a summary object, a tuple or list of them, or plain data) with every
    byte range moved by ``delta``."""
    kind = type(value)
    shift = _SHIFTERS.get(kind)
    if shift is not None:
        return shift(value, delta)
    if kind is tuple:
        return tuple([shifted(item, delta) for item in value])
    if kind is list:
        return [shifted(item, delta) for item in value]
    if value is not None and is_dataclass(value):
        shift = _SHIFTERS[kind] = _shifter(kind)
        return shift(value, delta)
    return value  # plain data


class DeclarationMemo:
    """The item summaries of one file's last summary, by item kind and text."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, bytes], tuple[int, object]] = {}
        self._next: dict[tuple[str, bytes], tuple[int, object]] = {}
        self.read = 0  # items read from the tree (not reused), for tests and benchmarks
        self.reused = 0
        self.placed = True  # whether reused types and functions are moved to where they are now

    def item(self, node: tree_sitter.Node, build: Callable[[tree_sitter.Node], object], *, placed: bool = True):
        """The summary of one body item: reused when an item of the same text was
        summarized last time, else built from ``node``.  Unless ``placed``, a reused
        item keeps the byte ranges of the text it was read from (moving them is most
        of the cost of reuse)."""
        pace()  # a long file's summary is made a slice at a time where the caller asks for it
        if node.has_error:
            # A damaged item's reading depends on how the parser recovered, not on its text alone.
            self.read += 1
            return build(node)
        key = (node.type, node.text or b"")
        start = node.start_byte
        known = self._last.get(key, _NOTHING)
        if known is _NOTHING:
            known = self._next.get(key, _NOTHING)  # the same text twice in this file
        if known is _NOTHING:
            self.read += 1
            value = build(node)
        else:
            self.reused += 1
            if start == known[0] or not placed:
                start, value = known
            else:
                value = shifted(known[1], start - known[0])
        self._next[key] = (start, value)  # where the value's ranges say it starts
        return value

    def fork(self) -> DeclarationMemo:
        """A memo that reuses what this one holds and fills only itself: a summary made
        a slice at a time does not share its unfinished state with one made meanwhile."""
        memo = DeclarationMemo()
        memo._last = self._last  # never changed in place, only replaced
        return memo

    def finish(self) -> None:
        """The summary is complete: its items are what the next one reuses."""
        self._last, self._next = self._next, {}
