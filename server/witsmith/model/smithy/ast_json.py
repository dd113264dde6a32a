"""Build a `FileSummary` from a Smithy JSON AST model (`{"smithy": ..., "shapes": ...}`).

Shape names in the summary are absolute ids (the JSON AST has no namespace
statement), and every range points into the JSON text.  Ranges are found when first
read (`lazy_ranges`): reading a model of megabytes must not pay for finding where
each of its keys is.
"""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.gc_pause import gc_paused
from witsmith.model.smithy.json_text import JsonError, read_json
from witsmith.model.smithy.lazy_ranges import (
    UNKNOWN,
    LazyApply,
    LazyEntry,
    LazyNode,
    LazyShape,
    LazyStatement,
    entry_range,
    inner_range,
    key_range,
    lazy,
    quoted_key_range,
    reference,
    span,
    trait_use,
    value_range,
)
from witsmith.model.smithy.lazy_ranges import member as new_member
from witsmith.model.smithy.summary import (
    ALL_KINDS,
    Entry,
    FileSummary,
    Node,
    Problem,
    Shape,
    Span,
    Statement,
    TraitUse,
)

ABSOLUTE_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*#[A-Za-z_][A-Za-z0-9_]*(\$[A-Za-z_][A-Za-z0-9_]*)?$")

# Properties whose value is a reference object (or a list/map of them): key -> role.
REFERENCE_PROPERTIES = {
    "input": "input", "output": "output", "errors": "error", "operations": "operation",
    "collectionOperations": "operation", "resources": "resource", "identifiers": "identifier",
    "properties": "property", "create": "lifecycle", "put": "lifecycle", "read": "lifecycle",
    "update": "lifecycle", "delete": "lifecycle", "list": "lifecycle",
}
MEMBER_PROPERTIES = ("member", "key", "value")


def looks_like_ast(source: bytes) -> bool:
    """A cheap test that a `.json` file is a Smithy model rather than any JSON."""
    head = source[:4096]
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and re.search(rb'"smithy"\s*:', head) is not None


class _AstReader:
    def __init__(self, path: Path) -> None:
        self.summary = FileSummary(path=path, format="json")
        self._names_of: tuple[Shape, dict[str, list[str]]] | None = None
        # Ids already found well formed: a model writes the same trait and target ids thousands of times.
        self._absolute_ids: set[str] = set()

    def problem(self, start: int, end: int, message: str, code: str = "smithy/invalid-json-ast") -> None:
        self.summary.problems.append(Problem(code, start, end, message))

    def expect(self, node: Node, kind: str, what: str) -> bool:
        if node.kind != kind:
            self.problem(node.start, node.end, f"{what} must be a JSON {kind}, found {node.kind}")
            return False
        return True

    def run(self, root: Node) -> FileSummary:
        if not self.expect(root, "object", "a Smithy JSON model"):
            return self.summary
        for entry in root.entries:
            if entry.key == "smithy":
                self.summary.version = str(entry.value.value) if entry.value.kind in ("string", "number") else ""
                self.summary.version_span = (entry.value.start, entry.value.end)
                self.summary.controls.append(_statement("version", entry))
            elif entry.key == "metadata":
                if self.expect(entry.value, "object", "`metadata`"):
                    for item in entry.value.entries:
                        self.summary.metadata.append(_statement(item.key, item))
            elif entry.key == "shapes":
                if self.expect(entry.value, "object", "`shapes`"):
                    for item in entry.value.entries:
                        self.shape(item)
        if self.summary.version is None:
            self.problem(root.start, min(root.end, root.start + 1),
                         'a Smithy JSON model needs a "smithy" version key, e.g. "smithy": "2.0"')
        return self.summary

    def ref_object(self, node: Node, role: str, owner: str, what: str) -> Span | None:
        """`{"target": "ns#Id"}`: record the reference, report other forms."""
        if not self.expect(node, "object", what):
            return None
        target = node.get("target")
        if target is None:
            self.problem(node.start, node.end, f"{what} needs a \"target\" shape id")
            return None
        if target.kind != "string":
            self.problem(target.start, target.end, f"the target of {what} must be a string shape id")
            return None
        return self.absolute(target.value, role, owner, (inner_range, target), target)

    def absolute(self, text: str, role: str, owner: str | None, where: tuple, quoted: Node | Entry) -> Span | None:
        """A shape id written in full, ranged by ``where``; ``quoted`` is where it is written,
        with its quotes (a string node, or a key entry)."""
        if text not in self._absolute_ids and not ABSOLUTE_ID.match(text):
            start, end = quoted_key_range(quoted) if isinstance(quoted, Entry) else value_range(quoted)
            self.problem(start, end,
                         f"`{text}` is not an absolute shape id; JSON models spell ids in full, like `smithy.api#String`")
            return None
        self._absolute_ids.add(text)
        self.summary.references.append(reference(text, where, role, owner))
        return span(text, where)

    def traits(self, node: Node | None, owner: str) -> list[TraitUse]:
        if node is None or not self.expect(node, "object", "`traits`"):
            return []
        result = []
        for entry in node.entries:
            found = self.absolute(entry.key, "trait", owner, (key_range, entry), entry)
            if found is None:
                continue
            value = entry.value
            result.append(trait_use(found, value, (entry_range, entry), value.kind == "object"))
        return result

    def shape(self, entry: Entry) -> None:
        name = entry.key
        if not ABSOLUTE_ID.match(name):
            self.problem(entry.key_start, entry.key_end, f"`{name}` is not a valid absolute shape id")
            return
        body = entry.value
        if not self.expect(body, "object", f"the shape `{name}`"):
            return
        # The body's entries by key, the first of each as `Node.get` finds it (one pass, not one per key).
        fields: dict[str, Entry] = {}
        for item in body.entries:
            if item.key not in fields:
                fields[item.key] = item
        found = fields.get("type")
        type_node = found.value if found is not None else None
        if type_node is None or type_node.kind != "string":
            self.problem(entry.key_start, entry.key_end, f"the shape `{name}` needs a \"type\"")
            return
        kind = type_node.value
        if kind == "apply":
            target = span(name, (key_range, entry))
            self.summary.references.append(reference(name, (key_range, entry), "apply", None))
            self.summary.applies.append(lazy(LazyApply, ((value_range, body),), target,
                                             self.traits(_value_of(fields.get("traits")), name), UNKNOWN, UNKNOWN))
            return
        if kind not in ALL_KINDS:
            self.problem(type_node.start, type_node.end, f"`{kind}` is not a Smithy shape type")
            return
        if "$" in name:
            self.problem(entry.key_start, entry.key_end,
                         f"a shape definition cannot have a member in its id (`{name}`); define the member in its shape's \"members\"",
                         "smithy/invalid-json-ast")
            return
        shape = lazy(LazyShape, ((entry_range, entry), (value_range, type_node)),
                     span(name, (key_range, entry)), kind, UNKNOWN, UNKNOWN,
                     kind_start=UNKNOWN, kind_end=UNKNOWN)
        shape.traits = self.traits(_value_of(fields.get("traits")), name)
        docs = next((t.value.value for t in shape.traits if t.id.text == "smithy.api#documentation"
                     and t.value is not None and t.value.kind == "string"), None)
        shape.docs = docs
        mixins = _value_of(fields.get("mixins"))
        if mixins is not None and self.expect(mixins, "array", "`mixins`"):
            for item in mixins.items:
                found = self.ref_object(item, "mixin", name, "a mixin")
                if found is not None:
                    shape.mixins.append(found)
        members = _value_of(fields.get("members"))
        if members is not None and self.expect(members, "object", "`members`"):
            for item in members.entries:
                self.member(shape, item, item.key)
        if kind in ("list", "set", "map"):
            for key in MEMBER_PROPERTIES:
                found_entry = fields.get(key)
                if found_entry is not None:
                    self.member(shape, found_entry, key)
        for item in body.entries:
            role = REFERENCE_PROPERTIES.get(item.key)
            if role is None or kind not in ("service", "resource", "operation"):
                if kind in ("service", "resource", "operation") and item.key in ("version", "rename"):
                    shape.properties.append(item)
                continue
            shape.properties.append(self.property(item, role, name))
        self.summary.shapes.append(shape)

    def property(self, item: Entry, role: str, owner: str) -> Entry:
        """Convert `{"target": id}` forms to plain `shape_id` nodes, like the IDL's."""
        value = item.value
        what = f"`{item.key}`"
        if value.kind == "array":
            converted = _node("array", None, value)
            for element in value.items:
                found = self.ref_object(element, role, owner, f"each entry of {what}")
                if found is not None:
                    converted.items.append(_node("shape_id", found.text, found))
            return _entry(item, converted)
        if item.key in ("identifiers", "properties"):
            converted = _node("object", None, value)
            if self.expect(value, "object", what):
                for element in value.entries:
                    found = self.ref_object(element.value, role, owner, f"each value of {what}")
                    if found is not None:
                        converted.entries.append(_entry(element, _node("shape_id", found.text, found)))
            return _entry(item, converted)
        found = self.ref_object(value, role, owner, what)
        if found is None:
            return _entry(item, _node("null", None, value))
        return _entry(item, _node("shape_id", found.text, found))

    def member(self, shape: Shape, item: Entry, name: str) -> None:
        member_id = f"{shape.name.text}${name}"
        body = item.value
        if not self.expect(body, "object", f"the member `{name}`"):
            return
        target = self.ref_object(body, "target", member_id, f"the member `{name}`")
        member = new_member(span(name, (key_range, item)), target, (entry_range, item))
        member.traits = self.traits(body.get("traits"), member_id)
        for trait in member.traits:
            if trait.id.text == "smithy.api#default":
                member.default = trait.value
            elif trait.id.text == "smithy.api#enumValue" and shape.kind in ("enum", "intEnum"):
                member.default = trait.value
        if shape.kind in ("enum", "intEnum"):
            member.target = None
        # Earlier members by lower-cased name (not a pass over them all: enums of thousands
        # of members are common in service models).
        if self._names_of is None or self._names_of[0] is not shape:
            self._names_of = (shape, {})
        earlier_names = self._names_of[1].setdefault(name.lower(), [])
        for earlier in earlier_names:
            self.problem(item.key_start, item.key_end,
                         f"`{shape.name.text}` already has a member `{earlier}` (names are compared ignoring case)",
                         "smithy/duplicate-member")
        earlier_names.append(name)
        shape.members.append(member)


def _value_of(entry: Entry | None) -> Node | None:
    return entry.value if entry is not None else None


def _statement(name: str, entry: Entry) -> Statement:
    return lazy(LazyStatement, ((entry_range, entry),), span(name, (key_range, entry)), entry.value, UNKNOWN, UNKNOWN)


def _node(kind: str, value: object, where: Node | Span) -> Node:
    """A node made from what the JSON says (a shape id, a list of them), ranged on ``where``."""
    return lazy(LazyNode, ((value_range, where),), kind, value, UNKNOWN, UNKNOWN)


def _entry(item: Entry, value: Node) -> Entry:
    return lazy(LazyEntry, ((key_range, item),), item.key, UNKNOWN, UNKNOWN, value)


def summarize_ast(path: Path, source: bytes) -> FileSummary:
    with gc_paused():  # a large model is a large graph of live objects: see gc_pause
        try:
            root = read_json(source)
        except JsonError as error:
            summary = FileSummary(path=path, format="json")
            summary.problems.append(Problem("smithy/syntax-error", error.offset, min(error.offset + 1, len(source)),
                                            f"JSON syntax error: {error}"))
            return summary
        return _AstReader(path).run(root)
