"""Hover for Smithy: the resolved shape, member or trait under the cursor, rendered as
Markdown (a ```smithy block with the signature, then documentation), or a short
explanation of the keyword under it."""

from __future__ import annotations

import json
from pathlib import Path

import tree_sitter

from witsmith.features.editing import HoverInfo
from witsmith.features.smithy import wasmcloud_hover
from witsmith.features.smithy.keywords import CONTROL_KEYS, METADATA_KEYS, PROPERTY_KEYS, keyword_doc
from witsmith.features.smithy.lookup import (
    builtin_origin,
    deprecation,
    documentation,
    found_at,
    lookup,
    narrowed,
    project_summaries,
    summary_of,
    trait_selector,
)
from witsmith.model.smithy import Member, Node, TraitUse
from witsmith.model.smithy.summary import SERVICE_KINDS
from witsmith.workspace.files import normalize
from witsmith.features.smithy.wasmcloud_rules import PARTIAL_KINDS
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace
from witsmith.workspace.smithy.jars import split_model_path

MAX_MEMBERS = 40  # longer shapes are cut: a hover is a glance, the definition is one click away
MAX_VALUE_CHARS = 160
HIDDEN_TRAITS = ("documentation", "smithy.api#documentation")  # shown as text below the code block


def hover(workspace: SmithyWorkspace, path: Path, offset: int) -> HoverInfo | None:
    try:
        return _hover(workspace, normalize(path), offset)
    except Exception:  # noqa: BLE001 - a hover never fails a request; it shows nothing
        return None


def _hover(workspace: SmithyWorkspace, path: Path, offset: int) -> HoverInfo | None:
    if offset < 0:
        return None
    tree = workspace.tree(path)
    if tree is not None and tree.source[offset:offset + 1] == b"@":
        offset += 1  # the `@` of a trait application stands for the trait
    found = found_at(workspace, path, offset)
    if found is not None:
        found = narrowed(found, offset)
        looked_up = lookup(workspace, found.target, path)
        if looked_up is None:
            return None
        shape_def, member = looked_up
        if member is not None:
            markdown = member_markdown(workspace, shape_def, member)
        else:
            markdown = shape_markdown(workspace, shape_def, path, as_trait=found.role == "trait")
        return HoverInfo(markdown, found.start, found.end)
    return _keyword_hover(workspace, path, offset)


# ----- shapes and members ------------------------------------------------------------------

def render_value(node: Node | None, limit: int = MAX_VALUE_CHARS) -> str:
    text = _value(node, 0)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _value(node: Node | None, depth: int) -> str:
    if node is None:
        return "null"
    if depth > 8:
        return "…"
    if node.kind == "string":
        return json.dumps(node.value, ensure_ascii=False)
    if node.kind == "boolean":
        return "true" if node.value else "false"
    if node.kind == "null":
        return "null"
    if node.kind == "array":
        return "[" + ", ".join(_value(item, depth + 1) for item in node.items) + "]"
    if node.kind == "object":
        return "{" + ", ".join(f"{_key(e.key)}: {_value(e.value, depth + 1)}" for e in node.entries) + "}"
    return str(node.value)


def _key(key: str) -> str:
    return key if key.replace("_", "a").isalnum() and not key[:1].isdigit() else json.dumps(key)


def render_trait(trait: TraitUse) -> str:
    text = f"@{trait.id.text}"
    value = trait.value
    if value is None:
        return text
    if trait.structured and value.kind == "object":
        inner = render_value(value)
        return f"{text}({inner[1:-1]})" if inner.endswith("}") else f"{text}({inner})"
    return f"{text}({render_value(value)})"


def _trait_lines(traits: list[TraitUse], indent: str = "") -> list[str]:
    return [indent + render_trait(t) for t in traits if not t.implicit and t.id.text not in HIDDEN_TRAITS]


def _member_line(member: Member, indent: str, kind: str) -> str:
    if kind in ("enum", "intEnum"):
        return indent + member.name.text + (f" = {render_value(member.default)}" if member.default is not None else "")
    if member.elided:
        line = f"{indent}${member.name.text}"
    else:
        line = f"{indent}{member.name.text}: {member.target.text if member.target else '?'}"
    if member.default is not None:
        line += f" = {render_value(member.default)}"
    return line


def signature(workspace: SmithyWorkspace, shape_def: ShapeDef) -> str:
    """The shape as Smithy text: traits, `kind ns#Name`, mixins, and its members or properties."""
    shape = shape_def.shape
    lines = _trait_lines(shape.traits)
    header = f"{shape.kind} {shape_def.id}"
    if shape.resource is not None:
        header += f" for {shape.resource.text}"
    if shape.mixins:
        header += " with [" + ", ".join(m.text for m in shape.mixins) + "]"
    if shape.kind in SERVICE_KINDS:
        if not shape.properties:
            lines.append(header + " {}")
            return "\n".join(lines)
        lines.append(header + " {")
        for entry in shape.properties:
            lines.append(f"    {entry.key}: {render_value(entry.value)}")
        lines.append("}")
        return "\n".join(lines)
    if shape.kind not in ("enum", "intEnum", "list", "set", "map", "structure", "union"):
        lines.append(header)
        return "\n".join(lines)
    members = workspace.all_members(shape_def) if shape.mixins else [(shape_def, m) for m in shape.members]
    if not members:
        lines.append(header + " {}")
        return "\n".join(lines)
    lines.append(header + " {")
    for owner, member in members[:MAX_MEMBERS]:
        member_traits = [t for t in member.traits if not t.implicit and t.id.text not in HIDDEN_TRAITS]
        line = _member_line(member, "    ", shape.kind)
        if member_traits:
            line = "    " + " ".join(render_trait(t) for t in member_traits) + "\n" + line
        if owner.id != shape_def.id:
            line += f"  // from {owner.shape.name.text}"
        lines.append(line)
    if len(members) > MAX_MEMBERS:
        lines.append(f"    // … {len(members) - MAX_MEMBERS} more members")
    lines.append("}")
    return "\n".join(lines)


def _where(shape_def: ShapeDef, near: Path | None) -> str | None:
    origin = builtin_origin(shape_def.summary)
    if origin is not None:
        return f"*From {origin}.*"
    in_jar = split_model_path(shape_def.path)
    if in_jar is not None:
        return f"*From `{shape_def.path.name}` in `{in_jar[0].name}` (a Maven dependency).*"
    if near is not None and shape_def.path != near:
        return f"*Defined in `{shape_def.path.name}`.*"
    return None


def shape_markdown(workspace: SmithyWorkspace, shape_def: ShapeDef, near: Path | None = None, *, as_trait: bool = False) -> str:
    parts = [f"```smithy\n{signature(workspace, shape_def)}\n```"]
    docs = documentation(workspace, shape_def)
    if docs:
        parts.append(docs)
    deprecated = deprecation(workspace, shape_def)
    if deprecated:
        parts.append(deprecated)
    selector = trait_selector(workspace, shape_def)
    if selector is not None:
        intro = "Trait" if as_trait else "A trait"
        parts.append(f"{intro}; applies to shapes matching `{selector}`.")
    parts += wasmcloud_hover.shape_notes(workspace, shape_def, near)
    where = _where(shape_def, near)
    if where:
        parts.append(where)
    return "\n\n".join(parts)


def member_markdown(workspace: SmithyWorkspace, owner: ShapeDef, member: Member) -> str:
    kind = owner.shape.kind
    lines = [f"// member of {kind} {owner.id}"] + _trait_lines(member.traits) + [_member_line(member, "", kind)]
    parts = ["```smithy\n" + "\n".join(lines) + "\n```"]
    docs = documentation(workspace, owner, member)
    if docs:
        parts.append(docs)
    deprecated = deprecation(workspace, owner, member)
    if deprecated:
        parts.append(deprecated)
    target = workspace.member_target(owner, member) if kind not in ("enum", "intEnum") else None
    if target is not None:
        target_docs = documentation(workspace, target)
        line = f"Target `{target.id}` ({target.shape.kind})"
        parts.append(line + (f": {target_docs.splitlines()[0]}" if target_docs else "."))
        parts += [note for note in wasmcloud_hover.shape_notes(workspace, target, owner.path) if target.shape.kind in PARTIAL_KINDS]
    parts += wasmcloud_hover.member_notes(workspace, owner, member)
    where = _where(owner, None)
    if where:
        parts.append(where)
    return "\n\n".join(parts)


# ----- keywords ---------------------------------------------------------------------------

def _leaf(root: tree_sitter.Node, offset: int) -> tree_sitter.Node | None:
    for at in (offset, offset - 1):
        if at < 0:
            continue
        node = root.descendant_for_byte_range(at, at + 1)
        if node is not None and node.start_byte <= at < node.end_byte and node.child_count == 0:
            return node
    return None


def _keyword_markdown(word: str, doc: str) -> str:
    return f"```smithy\n{word}\n```\n\n{doc}"


def _keyword_hover(workspace: SmithyWorkspace, path: Path, offset: int) -> HoverInfo | None:
    tree = workspace.tree(path)
    if tree is None:
        return None
    leaf = _leaf(tree.root, offset)
    if leaf is None or leaf.is_missing:
        return None
    parent = leaf.parent
    text = (leaf.text or b"").decode("utf-8", errors="replace")
    span = (leaf.start_byte, leaf.end_byte)
    if parent is not None and parent.type == "control_statement":
        key = parent.child_by_field_name("key")
        name = (key.text or b"").decode().strip('"') if key is not None else ""
        if leaf.type == "$" or (key is not None and key.start_byte <= leaf.start_byte < key.end_byte):
            doc = CONTROL_KEYS.get(name)
            if doc is not None:
                return HoverInfo(_keyword_markdown(f"${name}", doc), parent.start_byte, key.end_byte)
        return None
    if parent is not None and parent.type == "metadata_statement":
        key = parent.child_by_field_name("key")
        if leaf.type == "metadata":
            return HoverInfo(_keyword_markdown("metadata", keyword_doc("metadata") or ""), *span)
        if key is not None and key.start_byte <= leaf.start_byte < key.end_byte:
            doc = METADATA_KEYS.get(text.strip('"'))
            return HoverInfo(_keyword_markdown(f"metadata {text}", doc), *span) if doc else None
        return None
    if leaf.type == "identifier" and parent is not None and parent.type in ("node_object_kvp", "operation_property"):
        return _property_hover(parent, leaf, text)
    if leaf.type == "identifier" and parent is not None and parent.type == "namespace":
        statement = parent.parent
        if statement is not None and statement.type == "namespace_statement":
            return _namespace_hover(workspace, path, parent)
        return None
    if not leaf.is_named:
        if leaf.type == "$" and parent is not None and parent.type == "elided_member":
            return HoverInfo(_keyword_markdown("$", keyword_doc("$") or ""), *span)
        doc = keyword_doc(leaf.type)
        if doc is not None and leaf.type != "$":
            return HoverInfo(_keyword_markdown(leaf.type, doc), *span)
    return None


def _property_hover(pair: tree_sitter.Node, leaf: tree_sitter.Node, text: str) -> HoverInfo | None:
    key = pair.child_by_field_name("key")
    if key is None or key.start_byte != leaf.start_byte:
        return None
    owner = pair.parent
    if owner is not None and owner.type in ("node_object", "operation_body"):
        owner = owner.parent
    kinds = {"service_shape": "service", "resource_shape": "resource", "operation_shape": "operation"}
    kind = kinds.get(owner.type) if owner is not None else None
    doc = PROPERTY_KEYS.get(kind, {}).get(text) if kind else None
    if doc is None:
        return None
    return HoverInfo(_keyword_markdown(f"{kind} property {text}", doc), leaf.start_byte, leaf.end_byte)


def _namespace_hover(workspace: SmithyWorkspace, path: Path, node: tree_sitter.Node) -> HoverInfo | None:
    name = (node.text or b"").decode("utf-8", errors="replace")
    files = set()
    count = 0
    for summary in project_summaries(workspace, path):
        for shape in summary.shapes:
            if summary.shape_namespace(shape) == name:
                count += 1
                files.add(summary.path)
    summary = summary_of(workspace, path)
    if summary is None:
        return None
    text = (f"```smithy\nnamespace {name}\n```\n\n{keyword_doc('namespace')}\n\n"
            f"{count} shape{'s' if count != 1 else ''} in {len(files)} file{'s' if len(files) != 1 else ''} of this model.")
    return HoverInfo(text, node.start_byte, node.end_byte)
