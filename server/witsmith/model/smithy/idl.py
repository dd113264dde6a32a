"""Build a `FileSummary` from the tree of a Smithy IDL file.

Works on trees with errors: whatever parsed is summarized, the rest is left to
the syntax diagnostics.
"""

from __future__ import annotations

from pathlib import Path

import tree_sitter

from witsmith.model.smithy.nodes import MAX_VALUE_DEPTH, node_value, string_value, text_of
from witsmith.model.smithy.summary import (
    Apply,
    Entry,
    FileSummary,
    Member,
    Node,
    Problem,
    Reference,
    Shape,
    Span,
    Statement,
    TraitUse,
)
from witsmith.pacing import pace
from witsmith.syntax import SyntaxTree

SHAPE_NODE_KINDS = {
    "enum_shape": "enum", "int_enum_shape": "intEnum", "list_shape": "list", "set_shape": "set",
    "map_shape": "map", "structure_shape": "structure", "union_shape": "union",
    "service_shape": "service", "resource_shape": "resource", "operation_shape": "operation",
}

# Property roles of service, resource and operation bodies: key -> reference role.
PROPERTY_ROLES = {
    "service": {"operations": "operation", "resources": "resource", "errors": "error"},
    "resource": {
        "identifiers": "identifier", "properties": "property", "create": "lifecycle", "put": "lifecycle",
        "read": "lifecycle", "update": "lifecycle", "delete": "lifecycle", "list": "lifecycle",
        "operations": "operation", "collectionOperations": "operation", "resources": "resource",
    },
    "operation": {"input": "input", "output": "output", "errors": "error"},
}
KNOWN_PROPERTIES = {
    "service": frozenset({"version", "operations", "resources", "errors", "rename"}),
    "resource": frozenset(PROPERTY_ROLES["resource"]),
    "operation": frozenset(PROPERTY_ROLES["operation"]),
}


def span(node: tree_sitter.Node) -> Span:
    return Span(text_of(node), node.start_byte, node.end_byte)


# The keywords that begin an aggregate or service shape (anonymous nodes are typed by their text).
SHAPE_KEYWORDS = frozenset({"enum", "intEnum", "list", "set", "map", "structure", "union", "service", "resource", "operation"})


def _doc_line(comment: tree_sitter.Node) -> str:
    text = text_of(comment)[3:]
    return (text[1:] if text.startswith(" ") else text).rstrip("\r")


def docs_of(node: tree_sitter.Node) -> str | None:
    lines = [_doc_line(child) for child in node.children if child.type == "doc_comment"]
    return "\n".join(lines) if lines else None


class _Extractor:
    def __init__(self, path: Path, tree: SyntaxTree) -> None:
        self.summary = FileSummary(path=path, format="idl")
        self.tree = tree
        self._reported_depth = False

    @property
    def namespace(self) -> str:
        return self.summary.namespace.text if self.summary.namespace else ""

    def ref(self, node: tree_sitter.Node | None, role: str, owner: str | None) -> Span | None:
        if node is None or node.type != "shape_id" or node.is_missing:
            return None
        found = span(node)
        if found.text:
            self.summary.references.append(Reference(found.text, found.start, found.end, role, owner))
        return found

    def value(self, node: tree_sitter.Node) -> Node:
        """A node value; the first one nested too deeply gets a diagnostic."""
        cut: list[tree_sitter.Node] = []
        converted = node_value(node, cut_off=cut)
        if cut and not self._reported_depth:
            self._reported_depth = True
            self.problem("smithy/too-deeply-nested", (cut[0].start_byte, cut[0].start_byte + 1),
                         f"this value is nested more than {MAX_VALUE_DEPTH} levels deep; witsmith reads what is "
                         "inside it as null. Flatten the value (no model needs such depth)")
        return converted

    def problem(self, code: str, node_or_range, message: str) -> None:
        if isinstance(node_or_range, tuple):
            start, end = node_or_range
        else:
            start, end = node_or_range.start_byte, node_or_range.end_byte
        self.summary.problems.append(Problem(code, start, end, message))

    def trait(self, node: tree_sitter.Node, owner: str | None) -> TraitUse | None:
        id_node = node.child_by_field_name("id")
        if id_node is None or id_node.is_missing:
            return None
        trait_id = self.ref(id_node, "trait", owner)
        if trait_id is None:
            return None
        value_node = node.child_by_field_name("value")
        value = self.value(value_node) if value_node is not None else None
        structured = value_node is not None and value_node.type == "trait_body"
        use = TraitUse(trait_id, value, node.start_byte, node.end_byte, structured)
        if value is not None and value.kind == "object":
            seen: dict[str, Entry] = {}
            for entry in value.entries:
                if entry.key in seen:
                    self.problem("smithy/duplicate-member", (entry.key_start, entry.key_end),
                                 f"`{entry.key}` is given twice in this trait value; keep one of them")
                seen.setdefault(entry.key, entry)
        return use

    def traits(self, node: tree_sitter.Node, owner: str | None) -> list[TraitUse]:
        result = []
        for child in node.children:
            if child.type == "trait":
                found = self.trait(child, owner)
                if found is not None:
                    result.append(found)
        return result

    def docs_and_traits(self, node: tree_sitter.Node, owner: str) -> tuple[str | None, list[TraitUse]]:
        """A shape's or member's doc comment and traits, in one walk over its children
        (a summary walks the children of every shape and member: a large model has
        tens of thousands)."""
        lines: list[str] = []
        traits: list[TraitUse] = []
        for child in node.children:
            kind = child.type
            if kind == "trait":
                found = self.trait(child, owner)
                if found is not None:
                    traits.append(found)
            elif kind == "doc_comment":
                lines.append(_doc_line(child))
        return ("\n".join(lines) if lines else None), traits

    def run(self) -> FileSummary:
        root = self.tree.root
        position = 0
        for child in root.named_children:
            pace()  # a long model is summarized a statement at a time where the caller asks for it
            kind = child.type
            if kind in ("comment", "doc_comment"):
                continue
            position += 1
            if kind == "control_statement":
                self.control(child, position)
            elif kind == "metadata_statement":
                key = child.child_by_field_name("key")
                value = child.child_by_field_name("value")
                if key is not None:
                    key_span = Span(string_value(key) if key.type == "string" else text_of(key), key.start_byte, key.end_byte)
                    self.summary.metadata.append(Statement(key_span, self.value(value) if value is not None else None,
                                                           child.start_byte, child.end_byte, position))
            elif kind == "namespace_statement":
                found = child.child_by_field_name("namespace")
                if found is not None and not found.is_missing and text_of(found):
                    if self.summary.namespace is not None:
                        self.problem("smithy/duplicate-namespace", found,
                                     "a file declares one namespace; move these shapes to another file")
                    else:
                        self.summary.namespace = span(found)
            elif kind == "use_statement":
                found = self.ref(child.child_by_field_name("shape_id"), "use", None)
                if found is not None:
                    self.summary.uses.append(found)
            elif kind == "apply_statement":
                self.apply(child)
            elif kind == "simple_shape" or kind in SHAPE_NODE_KINDS:
                self.shape(child)
        return self.summary

    def control(self, node: tree_sitter.Node, position: int) -> None:
        key = node.child_by_field_name("key")
        value = node.child_by_field_name("value")
        if key is None:
            return
        key_span = Span(string_value(key) if key.type == "string" else text_of(key), key.start_byte, key.end_byte)
        statement = Statement(key_span, self.value(value) if value is not None else None, node.start_byte, node.end_byte, position)
        for earlier in self.summary.controls:
            if earlier.key.text == key_span.text:
                self.problem("smithy/duplicate-control", key,
                             f"`${key_span.text}` is already set on an earlier line; remove this one")
                break
        else:
            if key_span.text == "version" and statement.value is not None:
                raw = statement.value.value
                self.summary.version = str(raw) if statement.value.kind in ("string", "number") else ""
                self.summary.version_span = (statement.value.start, statement.value.end)
        self.summary.controls.append(statement)

    def apply(self, node: tree_sitter.Node) -> None:
        target_node = node.child_by_field_name("target")
        target = self.ref(target_node, "apply", None)
        if target is None:
            return
        owner = target.text if "#" in target.text else f"{self.namespace}#{target.text}"
        self.summary.applies.append(Apply(target, self.traits(node, owner), node.start_byte, node.end_byte))

    def shape(self, node: tree_sitter.Node) -> Shape | None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return None
        name = span(name_node)
        if not name.text:  # missing (inserted by error recovery) or empty
            return None
        node_type = node.type
        if node_type == "simple_shape":
            type_node = node.child_by_field_name("type")
            kind = text_of(type_node)
            kind_range = (type_node.start_byte, type_node.end_byte) if type_node is not None else (node.start_byte, node.start_byte)
        else:
            kind = SHAPE_NODE_KINDS[node_type]
            kind_range = (name.start, name.end)
            for child in node.children:
                if child.type in SHAPE_KEYWORDS and not child.is_named:
                    kind_range = (child.start_byte, child.end_byte)
                    break
        shape_id = f"{self.namespace}#{name.text}"
        docs, traits = self.docs_and_traits(node, shape_id)
        shape = Shape(name, kind, node.start_byte, node.end_byte, traits, docs)
        shape.kind_start, shape.kind_end = kind_range
        self.summary.shapes.append(shape)
        self.mixins_and_resource(node, shape, shape_id)
        body = node.child_by_field_name("body")
        if body is None:
            return shape
        if body.type == "shape_body":
            self.members(body, shape, shape_id)
        elif body.type == "enum_body":
            self.enum_members(body, shape, shape_id)
        elif body.type == "node_object":
            self.properties(self.value(body), shape, shape_id)
        elif body.type == "operation_body":
            self.operation(body, shape, shape_id)
        return shape

    def mixins_and_resource(self, node: tree_sitter.Node, shape: Shape, shape_id: str) -> None:
        mixins = node.child_by_field_name("mixins")
        if mixins is not None:
            for child in mixins.named_children:
                found = self.ref(child, "mixin", shape_id)
                if found is not None:
                    shape.mixins.append(found)
        resource = node.child_by_field_name("resource")
        if resource is not None:
            shape.resource = self.ref(resource, "for", shape_id)

    def members(self, body: tree_sitter.Node, shape: Shape, shape_id: str) -> None:
        for child in body.named_children:
            child_type = child.type
            if child_type != "shape_member" and child_type != "elided_member":
                continue
            name_node = child.child_by_field_name("name")
            if name_node is None:
                continue
            name = span(name_node)
            if not name.text:  # missing (inserted by error recovery) or empty
                continue
            member_id = f"{shape_id}${name.text}"
            elided = child_type == "elided_member"
            target = None if elided else self.ref(child.child_by_field_name("target"), "target", member_id)
            default_node = child.child_by_field_name("default")
            default = self.value(default_node) if default_node is not None else None
            docs, traits = self.docs_and_traits(child, member_id)
            self.add_member(shape, Member(name, target, child.start_byte, child.end_byte, traits, docs, default, elided))

    def add_member(self, shape: Shape, member: Member) -> None:
        for earlier in shape.members:
            if earlier.name.text.lower() == member.name.text.lower():
                self.problem("smithy/duplicate-member", (member.name.start, member.name.end),
                             f"`{shape.name.text}` already has a member named `{earlier.name.text}`"
                             " (member names are compared ignoring case); rename or remove one")
                break
        shape.members.append(member)

    def enum_members(self, body: tree_sitter.Node, shape: Shape, shape_id: str) -> None:
        for child in body.named_children:
            if child.type != "enum_member":
                continue
            name_node = child.child_by_field_name("name")
            if name_node is None or name_node.is_missing or not text_of(name_node):
                continue
            name = span(name_node)
            value_node = child.child_by_field_name("value")
            member = Member(name, None, child.start_byte, child.end_byte, docs=docs_of(child),
                            default=self.value(value_node) if value_node is not None else None)
            member.traits = self.traits(child, f"{shape_id}${name.text}")
            self.add_member(shape, member)

    def properties(self, body: Node, shape: Shape, shape_id: str) -> None:
        roles = PROPERTY_ROLES.get(shape.kind, {})
        known = KNOWN_PROPERTIES.get(shape.kind, frozenset())
        seen: set[str] = set()
        for entry in body.entries:
            if entry.key in seen:
                self.problem("smithy/duplicate-member", (entry.key_start, entry.key_end),
                             f"`{entry.key}` is given twice in `{shape.name.text}`; keep one")
            seen.add(entry.key)
            if entry.key not in known:
                self.problem("smithy/unknown-property", (entry.key_start, entry.key_end),
                             f"{shape.kind} shapes have no property `{entry.key}`; "
                             f"use one of {', '.join(sorted(known))}")
            shape.properties.append(entry)
            role = roles.get(entry.key)
            if role is not None:
                self.property_refs(entry.value, role, shape_id)

    def property_refs(self, value: Node, role: str, owner: str) -> None:
        if value.kind == "shape_id":
            self.summary.references.append(Reference(value.value, value.start, value.end, role, owner))
        elif value.kind == "array":
            for item in value.items:
                self.property_refs(item, role, owner)
        elif value.kind == "object" and role in ("identifier", "property"):
            for entry in value.entries:
                self.property_refs(entry.value, role, owner)

    def operation(self, body: tree_sitter.Node, shape: Shape, shape_id: str) -> None:
        entries: list[Entry] = []
        seen: set[str] = set()
        for child in body.named_children:
            if child.type != "operation_property":
                continue
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if key is None or value is None:
                continue
            key_text = text_of(key)
            if key_text in seen:
                self.problem("smithy/duplicate-member", key, f"`{key_text}` is given twice in `{shape.name.text}`; keep one")
            seen.add(key_text)
            if value.type == "inline_structure":
                if key_text not in ("input", "output"):
                    self.problem("smithy/unknown-property", key,
                                 f"only `input` and `output` can be written inline with `:=`, not `{key_text}`")
                    continue
                inline_name = self.inline(value, shape, key_text, key)
                entries.append(Entry(key_text, key.start_byte, key.end_byte,
                                     Node("shape_id", inline_name, key.start_byte, key.end_byte)))
                continue
            if key_text not in KNOWN_PROPERTIES["operation"]:
                self.problem("smithy/unknown-property", key,
                             f"operations have no property `{key_text}`; use input, output or errors")
            converted = self.value(value)
            entries.append(Entry(key_text, key.start_byte, key.end_byte, converted))
            role = PROPERTY_ROLES["operation"].get(key_text)
            if role is not None:
                self.property_refs(converted, role, shape_id)
        shape.properties = entries

    def inline(self, node: tree_sitter.Node, operation: Shape, key: str, key_node: tree_sitter.Node) -> str:
        suffix = "Input" if key == "input" else "Output"
        for control in self.summary.controls:
            if control.key.text == f"operation{suffix}Suffix" and control.value is not None and control.value.kind == "string":
                suffix = control.value.value
        name = operation.name.text + suffix
        shape_id = f"{self.namespace}#{name}"
        shape = Shape(Span(name, key_node.start_byte, key_node.end_byte), "structure", node.start_byte, node.end_byte,
                      docs=docs_of(node), inline_of=operation.name.text)
        shape.kind_start, shape.kind_end = key_node.start_byte, key_node.end_byte
        shape.traits = [TraitUse(Span(f"smithy.api#{key}", key_node.start_byte, key_node.end_byte), None,
                                 key_node.start_byte, key_node.end_byte, implicit=True)]
        shape.traits += self.traits(node, shape_id)
        self.mixins_and_resource(node, shape, shape_id)
        body = node.child_by_field_name("body")
        if body is not None:
            self.members(body, shape, shape_id)
        self.summary.shapes.append(shape)
        return name


def summarize_idl(path: Path, tree: SyntaxTree) -> FileSummary:
    return _Extractor(path, tree).run()
