"""A small Wadler-style document algebra and renderer.

Smithy's own formatter lays out its output with such an algebra; matching its
output byte for byte means matching its rendering rules too, including two
quirks kept on purpose:

- a group is laid out flat when its flat form fits in the rest of the line up
  to its first line break, counting only the group's own text (what follows
  the group is not looked at);
- after a group the line position is the one from before the group.

Documents are plain tuples, built only through the functions below:
``("t", text)``, ``("hl",)`` a hard line break, ``("lo", flat)`` a line break
that reads ``flat`` when the enclosing group is flat, ``("cat", parts)``,
``("ind", n, doc)`` and ``("grp", flat_doc, doc)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Doc = tuple[Any, ...]

EMPTY: Doc = ("cat", ())
LINE: Doc = ("hl",)


def text(value: str) -> Doc:
    return ("t", value) if value else EMPTY


LINE_OR_SPACE: Doc = ("lo", ("t", " "))
LINE_OR_EMPTY: Doc = ("lo", EMPTY)
LINE_OR_COMMA: Doc = ("lo", ("t", ", "))
SPACE: Doc = ("t", " ")


def is_empty(doc: Doc) -> bool:
    return doc[0] == "cat" and all(is_empty(part) for part in doc[1])


def cat(*parts: Doc) -> Doc:
    kept = tuple(part for part in parts if not (part[0] == "cat" and not part[1]))
    if len(kept) == 1:
        return kept[0]
    return ("cat", kept)


def join(separator: Doc, parts: Iterable[Doc]) -> Doc:
    out: list[Doc] = []
    for part in parts:
        if out:
            out.append(separator)
        out.append(part)
    return cat(*out)


def indent(amount: int, doc: Doc) -> Doc:
    return ("ind", amount, doc)


def flatten(doc: Doc) -> Doc:
    kind = doc[0]
    if kind == "t" or kind == "hl":
        return doc
    if kind == "lo":
        return flatten(doc[1])
    if kind == "cat":
        return ("cat", tuple(flatten(part) for part in doc[1]))
    if kind == "ind":
        return ("ind", doc[1], flatten(doc[2]))
    return doc[1]  # a group's flat form is already flat


def group(doc: Doc) -> Doc:
    return ("grp", flatten(doc), doc)


def bracket(indent_by: int, line_doc: Doc, left: Doc, right: Doc, body: Doc) -> Doc:
    return group(cat(left, indent(indent_by, cat(line_doc, body)), line_doc, right))


def _fits(remaining: int, doc: Doc) -> bool:
    """Whether the flat ``doc``'s text up to its first line break fits in ``remaining``."""
    stack = [doc]
    while stack:
        node = stack.pop()
        kind = node[0]
        if kind == "t":
            remaining -= len(node[1])
            if remaining < 0:
                return False
        elif kind == "hl" or kind == "lo":
            return True
        elif kind == "cat":
            stack.extend(reversed(node[1]))
        elif kind == "ind":
            stack.append(node[2])
        else:
            stack.append(node[1])
    return True


def render(doc: Doc, width: int) -> str:
    out: list[str] = []
    _layout(doc, width, 0, 0, out)
    return "".join(out)


def _layout(doc: Doc, width: int, start_indent: int, position: int, out: list[str]) -> int:
    stack: list[tuple[int, Doc]] = [(start_indent, doc)]
    while stack:
        level, node = stack.pop()
        kind = node[0]
        if kind == "t":
            out.append(node[1])
            position += len(node[1])
        elif kind == "cat":
            for part in reversed(node[1]):
                stack.append((level, part))
        elif kind == "hl" or kind == "lo":
            out.append("\n")
            if level:
                out.append(" " * level)
            # Counted twice, as the reference renderer does (once for the line, once for
            # the indent text it emits).
            position = 2 * level
        elif kind == "ind":
            stack.append((level + node[1], node[2]))
        else:
            if position <= width and _fits(width - position, node[1]):
                _layout(node[1], width, level, position, out)
            else:
                _layout(node[2], width, level, position, out)
            # The position after a group stays where the group started.
    return position
