"""The type names completion offers in an interface body, kept across keystrokes.

In a long interface, listing the ~thousand types in scope means summarizing the
buffer again and making a candidate of each: more than a keystroke's budget.  A
keystroke mostly edits the inside of one function or type of some interface, which
changes no name in scope.  So the list made for a body is kept with the tree of the
text it was made from; a later text is compared with that one (common prefix and
suffix, at memcmp speed), and when everything that changed lies inside one item of an
interface body, and the new tree reads that same item there without an error, the
list still holds: unchanged for a function, or with that one type's
candidate made again for a type of the body.  Anything else (a `use`, a name, text
between items, a broken item) makes the list again from a fresh summary.

Candidates from other interfaces come from the workspace, not the buffer: the list
also keeps which interfaces it read, and is made again when any of them is replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from witsmith.diagnostics import TextEdit
from witsmith.features.completion_ranking import RankedList
from witsmith.features.editing import CompletionCandidate
from witsmith.features.wit.lookup import short_typedef
from witsmith.model.wit import FileSummary, Interface
from witsmith.model.wit.extract import TYPE_ITEMS, typedef_item
from witsmith.syntax import SyntaxTree

_REUSABLE_ITEMS = TYPE_ITEMS | {"func_item"}  # items whose inside may change without a list change


def _name(node) -> str | None:
    """A name as the summary holds it (without the `%` that escapes a keyword)."""
    return node.text.decode("utf-8", errors="replace").removeprefix("%") if node is not None else None


@dataclass(frozen=True)
class Change:
    """How a text differs from the one a list was made from: the bytes from ``start``
    to ``old_end`` became those from ``start`` to ``old_end + delta``."""

    start: int
    old_end: int
    delta: int

    def to_old(self, offset: int) -> int:
        """Where an offset of the new text was in the old one (the start of the change inside it)."""
        if offset <= self.start:
            return offset
        if offset >= self.old_end + self.delta:
            return offset - self.delta
        return self.start

    def to_new(self, offset: int) -> int:
        """Where an offset of the old text outside the change is now."""
        return offset if offset <= self.start else offset + self.delta


def change_between(old: bytes, new: bytes) -> Change:
    """The one stretch in which two texts differ (slices compared in halves, so each
    step is a memcmp rather than a loop over bytes)."""
    shortest = min(len(old), len(new))
    low, high = 0, shortest
    while low < high:  # the longest common prefix
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, shortest - prefix
    while low < high:  # the longest common suffix not overlapping it
        middle = (low + high + 1) // 2
        if old[len(old) - middle:] == new[len(new) - middle:]:
            low = middle
        else:
            high = middle - 1
    return Change(prefix, len(old) - low, len(new) - len(old))


@dataclass
class TypeList:
    """The type candidates of one body, as made from one text of the file."""

    tree: SyntaxTree  # the text they were made from
    summary: FileSummary
    scope: Interface
    handle: bool  # inside `borrow<`/`own<`: resources only
    read: tuple  # the workspace's interfaces the list read, in order
    ranked: RankedList
    # Each type declared once in the body (and not `use`d too): its candidate's index,
    # or None when it is not offered (inside `borrow<`, a record).
    local: dict[str, int | None]

    def follow(self, tree: SyntaxTree) -> tuple[Change, dict[int, CompletionCandidate]] | None:
        """How the list applies to the text of ``tree``: the change, and the candidates
        to take instead of those at their indices; None when it does not."""
        if tree.source is self.tree.source:
            return Change(0, 0, 0), {}
        if tree.too_deep_at is not None or self.tree.too_deep_at is not None:
            return None
        change = change_between(self.tree.source, tree.source)
        if change.start == change.old_end and change.delta == 0:
            return change, {}  # the same text
        old = _item_around(self.tree.root, change.start, change.old_end)
        if old is None or old.has_error or old.type not in _REUSABLE_ITEMS:
            return None  # the change is not inside one clean function or type
        node = _node_at(tree.root, old.start_byte, old.end_byte + change.delta, old.type)
        if node is None or node.has_error or node.parent is None or node.parent.type != "interface_body":
            return None
        if old.type == "func_item":
            return change, {}
        if not self.scope.span[0] <= old.start_byte < self.scope.span[1]:
            return change, {}  # another body's type: this body's names are as they were
        name = _name(node.child_by_field_name("name"))
        if name is None or name != _name(old.child_by_field_name("name")):
            return None  # a renamed type: the names in scope changed
        if name not in self.local:
            return None  # a name declared twice here: which one is offered may change
        index = self.local[name]
        if index is None:
            return change, {}
        typedef = typedef_item(node)
        if typedef is None:
            return None
        kept = self.ranked.candidates[index]
        return change, {index: replace(kept, detail=short_typedef(typedef), documentation=typedef.docs or None)}


def _item_around(root, start: int, end: int):
    """The item of an interface body holding ``start``..``end`` strictly inside it (its
    first and last bytes outside the range), if there is one."""
    node = root.descendant_for_byte_range(start, end)
    while node is not None and node.parent is not None and node.parent.type != "interface_body":
        node = node.parent
    if node is None or node.parent is None or not node.start_byte < start <= end < node.end_byte:
        return None
    return node


def _node_at(root, start: int, end: int, kind: str):
    """The node of type ``kind`` spanning exactly ``start``..``end``, if the tree has one."""
    node = root.descendant_for_byte_range(start, end)
    while node is not None and node.start_byte >= start and node.end_byte <= end:
        if node.start_byte == start and node.end_byte == end and node.type == kind:
            return node
        node = node.parent
    return None


def moved(candidate: CompletionCandidate, start: int, end: int, change: Change, path: Path) -> CompletionCandidate:
    """A kept candidate for a request: replacing the word at ``start``..``end`` of the new
    text, its edits (made against the old text, outside the change) moved there."""
    edits = candidate.additional_edits
    if edits and change.delta:
        edits = tuple(TextEdit(e.path, change.to_new(e.start), change.to_new(e.end), e.new_text)
                      if e.path == path else e for e in edits)
    c = candidate  # written out rather than `dataclasses.replace`: two hundred of these per request
    return CompletionCandidate(c.label, c.kind, start, end, c.insert_text, c.is_snippet, c.detail, c.documentation,
                               c.sort_text, edits)


# One list per file, for the body last completed in.
LISTS: dict[Path, TypeList] = {}
MAX_LISTS = 8


def keep(path: Path, found: TypeList) -> None:
    LISTS.pop(path, None)
    LISTS[path] = found
    while len(LISTS) > MAX_LISTS:
        del LISTS[next(iter(LISTS))]
