"""Node values of the IDL tree as plain `Node` data, with strings unescaped."""

from __future__ import annotations

import json

import tree_sitter

from witsmith.model.smithy.summary import Entry, Node

# Node values nested deeper than this are cut off (a diagnostic says where): no real
# model comes near it, and every walk over a value stays far from Python's stack limit.
MAX_VALUE_DEPTH = 64
_CONTAINERS = ("node_object", "trait_body", "node_array")

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", '"': '"', "\\": "\\", "/": "/", "'": "'"}


def text_of(node: tree_sitter.Node | None) -> str:
    if node is None:
        return ""
    return (node.text or b"").decode("utf-8", errors="replace")


def unescape(raw: str) -> str:
    """The value of a string body: escapes replaced, escaped line breaks removed."""
    out: list[str] = []
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\\" and index + 1 < len(raw):
            nxt = raw[index + 1]
            if nxt == "u" and index + 6 <= len(raw):
                try:
                    out.append(chr(int(raw[index + 2:index + 6], 16)))
                    index += 6
                    continue
                except ValueError:
                    pass
            if nxt == "\n":
                index += 2
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def string_value(node: tree_sitter.Node) -> str:
    raw = text_of(node)
    if node.type == "text_block":
        body = raw[3:-3] if raw.endswith('"""') and len(raw) >= 6 else raw[3:]
        if body.startswith("\n"):
            body = body[1:]
        lines = body.split("\n")
        # Text blocks drop the indentation shared by their lines (the closing line counts).
        indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
        if lines and not lines[-1].strip():
            indents.append(len(lines[-1]))
        cut = min(indents) if indents else 0
        body = "\n".join(line[cut:].rstrip(" ") for line in lines)
        return unescape(body)
    body = raw[1:-1] if len(raw) >= 2 and raw.endswith('"') else raw[1:]
    return unescape(body)


def node_value(node: tree_sitter.Node, depth: int = 0, cut_off: list | None = None) -> Node:
    """Convert a tree node value; an unknown node, or one nested too deeply, becomes a
    `null` spanning it (and the latter is added to ``cut_off``)."""
    kind = node.type
    start, end = node.start_byte, node.end_byte
    if depth >= MAX_VALUE_DEPTH and kind in _CONTAINERS:
        if cut_off is not None:
            cut_off.append(node)
        return Node("null", None, start, end)
    if kind in ("node_object", "trait_body"):
        result = Node("object", None, start, end)
        for child in node.named_children:
            if child.type != "node_object_kvp":
                continue
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if key is None or value is None:
                continue
            key_text = string_value(key) if key.type == "string" else text_of(key)
            # A quoted key's range is its text, without the quotes (as in JSON models).
            quoted = key.type == "string" and key.end_byte - key.start_byte >= 2
            start_key, end_key = (key.start_byte + 1, key.end_byte - 1) if quoted else (key.start_byte, key.end_byte)
            result.entries.append(Entry(key_text, start_key, end_key, node_value(value, depth + 1, cut_off)))
        return result
    if kind == "node_array":
        result = Node("array", None, start, end)
        result.items = [node_value(child, depth + 1, cut_off) for child in node.named_children if child.type not in ("comment",)]
        return result
    if kind in ("string", "text_block"):
        return Node("string", string_value(node), start, end)
    if kind == "number":
        raw = text_of(node)
        try:
            value: int | float = int(raw) if raw.lstrip("-").isdigit() else float(json.loads(raw))
        except (ValueError, json.JSONDecodeError):
            value = 0
        return Node("number", value, start, end)
    if kind == "boolean":
        return Node("boolean", text_of(node) == "true", start, end)
    if kind == "null":
        return Node("null", None, start, end)
    if kind == "shape_id":
        return Node("shape_id", text_of(node), start, end)
    return Node("null", None, start, end)
