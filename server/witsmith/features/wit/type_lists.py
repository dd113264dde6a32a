"""The type names completion offers in an interface body, kept across keystrokes.

In a long interface, listing the ~thousand types in scope means summarizing the
buffer again and making a candidate of each: more than a keystroke's budget.  A
keystroke mostly edits the inside of one function or type of some interface, which
changes no name in scope.  So the list made for a body is kept with the text it was
made from and that text's body items (their extents, from the tree); a later text is
compared with it (common prefix and suffix, at memcmp speed), and when everything that
changed lies inside one item, and the new tree reads that same item there without an
error, the list still holds: unchanged for a function, or with that one type's
candidate made again for a type of the body.  Anything else (a `use`, a name, text
between items, a broken item) makes the list again from a fresh summary.

Candidates from other interfaces come from the workspace, not the buffer: the list
also keeps which interfaces it read, and is made again when any of them is replaced.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from witsmith.diagnostics import TextEdit
from witsmith.features.completion_ranking import RankedList
from witsmith.features.editing import CompletionCandidate
from witsmith.features.wit.lookup import short_typedef
from witsmith.model.wit import FileSummary, Interface
from witsmith.model.wit.extract import TYPE_ITEMS, typedef_item

_REUSABLE_ITEMS = TYPE_ITEMS | {"func_item"}  # items whose inside may change without a list change


@dataclass(frozen=True)
class BodyItem:
    start: int
    end: int
    kind: str  # the node type
    clean: bool  # read without a syntax error
    name: str | None  # a type's name as written


def body_items(root) -> list[BodyItem]:
    """The items of every interface body of a file, in text order."""
    found = []
    containers = [root]
    while containers:
        container = containers.pop()
        for node in container.named_children:
            if node.type == "package_block":
                body = node.child_by_field_name("body")
                if body is not None:
                    containers.append(body)
            elif node.type == "interface_item":
                body = node.child_by_field_name("body")
                for item in body.named_children if body is not None else ():
                    name = item.child_by_field_name("name") if item.type in TYPE_ITEMS else None
                    found.append(BodyItem(item.start_byte, item.end_byte, item.type, not item.has_error,
                                          _name(name)))
    found.sort(key=lambda item: item.start)
    return found


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

    source: bytes
    items: list[BodyItem]
    summary: FileSummary
    scope: Interface
    handle: bool  # inside `borrow<`/`own<`: resources only
    read: tuple  # the workspace's interfaces the list read, in order
    ranked: RankedList
    # Each type declared once in the body (and not `use`d too): its candidate's index,
    # or None when it is not offered (inside `borrow<`, a record).
    local: dict[str, int | None]

    def __post_init__(self) -> None:
        self._starts = [item.start for item in self.items]

    def follow(self, source: bytes, tree) -> tuple[Change, dict[int, CompletionCandidate]] | None:
        """How the list applies to ``source`` (whose tree is ``tree``): the change, and
        the candidates to take instead of those at their indices; None when it does not."""
        if source is self.source:
            return Change(0, 0, 0), {}
        if tree.too_deep_at is not None:
            return None
        change = change_between(self.source, source)
        if change.start == change.old_end and change.delta == 0:
            return change, {}  # the same text
        at = bisect_right(self._starts, change.start) - 1
        if at < 0:
            return None
        item = self.items[at]
        if not (item.clean and item.kind in _REUSABLE_ITEMS and item.start < change.start
                and change.old_end < item.end):
            return None  # the change is not inside one item
        node = _node_at(tree.root, item.start, item.end + change.delta, item.kind)
        if node is None or node.has_error or node.parent is None or node.parent.type != "interface_body":
            return None
        if item.kind == "func_item":
            return change, {}
        name = node.child_by_field_name("name")
        if name is None or _name(name) != item.name:
            return None  # a renamed type: the names in scope changed
        if not _within(self.scope, item):
            return change, {}  # another body's type: this body's names are as they were
        if item.name not in self.local:
            return None  # a name declared twice here: which one is offered may change
        index = self.local[item.name]
        if index is None:
            return change, {}
        typedef = typedef_item(node)
        if typedef is None:
            return None
        old = self.ranked.candidates[index]
        return change, {index: replace(old, detail=short_typedef(typedef), documentation=typedef.docs or None)}


def _within(scope: Interface, item: BodyItem) -> bool:
    """Whether a body item lies in ``scope`` (whose span, unlike its items', is exact)."""
    return scope.span[0] <= item.start < scope.span[1]


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
