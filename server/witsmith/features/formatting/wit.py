"""Format a WIT file: wit-parser's printer layout for each declaration, the file's own order.

Each item goes on a line of its own at its nesting depth (docs and `@since`/
`@unstable`/`@deprecated` gates on their own lines above it), with canonical spacing
inside (`name: func(a: u32) -> string;`, `list<u8>`, `use a:b/c@1.0.0.{d, e};`), and a
comma after every field, case and flag. What the printer would not know is kept: the
order of items, `//` comments (a comment at the end of a line stays there), one blank
line wherever the file had blank lines between items, and the indent unit (2 or 4
spaces, found in the file; 2 for a file without indented lines). A parameter list the
file broke over several lines, or one too long for a line, gets one parameter a line.

An item with a comment inside its one-line part (between its name and its `;`) is
kept as written rather than moving the comment.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import tree_sitter

from witsmith.features.formatting.errors import FormatError
from witsmith.syntax import SyntaxTree, language, parse

# Beyond this many columns a one-line parameter list is broken, one parameter a line.
MAX_LINE = 100

_ITEMS = {
    "package_decl",
    "package_block",
    "toplevel_use",
    "interface_item",
    "world_item",
    "use_item",
    "func_item",
    "import_item",
    "export_item",
    "include_item",
    "type_item",
    "record_item",
    "variant_item",
    "enum_item",
    "flags_item",
    "resource_item",
    "record_field",
    "variant_case",
    "enum_case",
    "flags_field",
    "constructor",
    "resource_method",
    "static_method",
}
_COMMA_ITEMS = {"record_field", "variant_case", "enum_case", "flags_field"}
_BLOCKS = {
    "package_body",
    "interface_body",
    "world_body",
    "resource_body",
    "record_body",
    "variant_body",
    "enum_body",
    "flags_body",
}
_GATES = {"since_gate", "unstable_gate", "deprecated_gate"}
_ATOMIC = {"package_name", "use_path", "version"}
_COMMENTS = ("comment", "doc_comment")
_NO_SPACE_BEFORE = {",", ";", ")", ">", ".", ":", "(", "<"}
_NO_SPACE_AFTER = {"(", "<", ".", "@"}
_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n")


def format_wit(text: str, indent: str | None = None) -> str:
    """The formatted text of a WIT file.

    ``indent`` is the indent unit (for example two spaces); None finds it in the file
    (2 or 4 spaces; 2 when nothing is indented). Raises FormatError, with a message
    saying why, when the file has syntax errors.
    """
    return format_wit_tree(parse("wit", text.encode("utf-8")), indent)


def format_wit_tree(tree: SyntaxTree, indent: str | None = None) -> str:
    if tree.has_errors:
        raise FormatError("the file has syntax errors; fix them before formatting")
    unit = indent if indent is not None else detect_indent(tree)
    # Each top-level item is checked on its own as it is formatted (see _item_lines);
    # comments between them are copied as they are.
    return _WitFormatter(tree, unit).format()


@cache
def _query(pattern: str) -> tree_sitter.Query:
    return tree_sitter.Query(language("wit"), pattern)


def _captured(node: tree_sitter.Node, pattern: str) -> list[tree_sitter.Node]:
    found = tree_sitter.QueryCursor(_query(pattern)).captures(node)
    return sorted((n for nodes in found.values() for n in nodes), key=lambda n: n.start_byte)


def _comment_texts(tree: SyntaxTree) -> list[str]:
    return [
        tree.source[n.start_byte : n.end_byte].decode("utf-8", errors="replace").strip()
        for n in _captured(tree.root, "(comment) @c (doc_comment) @c")
    ]


def _tokens(tree: SyntaxTree) -> list[bytes]:
    """The file's tokens without comments, and without the optional commas the formatter adds."""
    out: list[bytes] = []
    stack = [tree.root]
    while stack:
        node = stack.pop()
        if node.type in _COMMENTS:
            continue
        if node.child_count == 0:
            out.append(tree.source[node.start_byte : node.end_byte])
        else:
            stack.extend(reversed(node.children))
    # Trailing commas are optional; compare without any comma directly before a closer.
    kept = []
    for index, token in enumerate(out):
        if token == b"," and index + 1 < len(out) and out[index + 1] in (b"}", b")", b">"):
            continue
        kept.append(token)
    return kept


def _check(original: bytes, formatted: str) -> None:
    """Refuse a result that would change the meaning or the comments of a top-level item."""
    encoded = formatted.encode("utf-8")
    if encoded == original:
        return
    before, after = parse("wit", original), parse("wit", encoded)
    if after.has_errors:
        raise FormatError("formatting would produce a file with syntax errors; the file was left as is")
    if _comment_texts(before) != _comment_texts(after) or _tokens(before) != _tokens(after):
        raise FormatError("formatting would change the file's tokens or comments; the file was left as is")


# A top-level item's lines depend only on its text and the indent unit: an edit re-formats
# the item it is in, and the others come from here.
_ITEM_CACHE: dict[tuple[bytes, str], tuple[str, ...]] = {}
_ITEM_CACHE_SIZE = 20_000


def detect_indent(tree: SyntaxTree) -> str:
    """The indent unit of the file: the most common indent of items one level deep (2 or 4)."""
    counts: Counter[int] = Counter()
    for body in tree.root.named_children:
        for block in body.named_children:
            if block.type not in _BLOCKS:
                continue
            for item in block.named_children:
                if item.type in _ITEMS or item.type in _COMMENTS:
                    if item.start_point.row != block.start_point.row:
                        counts[item.start_point.column] += 1
    for width, _ in counts.most_common():
        if width in (2, 4):
            return " " * width
    return "  "


class _WitFormatter:
    def __init__(self, tree: SyntaxTree, unit: str) -> None:
        self.tree = tree
        self.source = tree.source
        self.unit = unit
        self.lines: list[str] = []

    def text_of(self, node: tree_sitter.Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", errors="replace")

    def emit(self, depth: int, line: str) -> None:
        self.lines.append((self.unit * depth + line).rstrip())

    def format(self) -> str:
        self.entries(self.tree.root, 0, None)
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n" if self.lines else ""

    # ------------------------------------------------------------------ blocks

    def entries(self, container: tree_sitter.Node, depth: int, opener: tree_sitter.Node | None) -> None:
        """The items and comments of a block (or the file), one after another."""
        previous_end = opener.end_byte if opener is not None else None
        previous_row = opener.end_point.row if opener is not None else None
        after_opener = True
        for child in container.children:
            if child.type in ("{", "}", ","):
                if child.type == "," and previous_end is not None:
                    previous_end = child.end_byte
                continue
            is_comment = child.type in _COMMENTS
            if not is_comment and child.type not in _ITEMS:
                continue
            if is_comment and previous_row is not None and child.start_point.row == previous_row and self.ends_line(child):
                # A comment at the end of a line stays there, as far from the code as it was.
                gap = self.source[previous_end : child.start_byte].decode("utf-8", errors="replace")
                spaces = gap if gap and not gap.strip() and "\n" not in gap else " "
                self.lines[-1] = self.lines[-1] + spaces + self.comment_text(child)
                previous_end, previous_row = child.end_byte, child.end_point.row
                continue
            if (
                previous_end is not None
                and not after_opener
                and _BLANK_LINE.search(self.source, previous_end, child.start_byte)
            ):
                self.lines.append("")
            if is_comment:
                self.comment(child, depth)
            elif depth == 0:
                self.lines.extend(self.top_level_item(child))
            else:
                self.item(child, depth, container.type in ("record_body", "variant_body", "enum_body", "flags_body"))
            after_opener = False
            previous_end, previous_row = child.end_byte, child.end_point.row

    def top_level_item(self, node: tree_sitter.Node) -> tuple[str, ...]:
        original = self.source[node.start_byte : node.end_byte]
        key = (original, self.unit)
        lines = _ITEM_CACHE.get(key)
        if lines is None:
            outer, self.lines = self.lines, []
            try:
                self.item(node, 0, False)
                lines = tuple(self.lines)
            finally:
                self.lines = outer
            _check(original, "\n".join(lines))
            if len(_ITEM_CACHE) >= _ITEM_CACHE_SIZE:
                _ITEM_CACHE.pop(next(iter(_ITEM_CACHE)))
            _ITEM_CACHE[key] = lines
            # Formatting is idempotent: the formatted item formats to itself.
            _ITEM_CACHE[("\n".join(lines).encode("utf-8"), self.unit)] = lines
        return lines

    def ends_line(self, comment: tree_sitter.Node) -> bool:
        """Whether nothing but spaces follows the comment on its line (so it closes the line before)."""
        line_end = self.source.find(b"\n", comment.end_byte)
        rest = self.source[comment.end_byte : line_end if line_end >= 0 else len(self.source)]
        return not rest.strip()

    def comment_text(self, node: tree_sitter.Node) -> str:
        return self.text_of(node).rstrip()

    def comment(self, node: tree_sitter.Node, depth: int) -> None:
        text = self.text_of(node).rstrip()
        first, *rest = text.split("\n")
        self.emit(depth, first)
        for line in rest:  # a block comment keeps its own lines
            self.lines.append(line.rstrip())

    # ------------------------------------------------------------------ items

    def item(self, node: tree_sitter.Node, depth: int, comma: bool) -> None:
        children = node.children
        index = 0
        # Docs, gates and comments before the item's first token, one a line.
        while index < len(children) and (children[index].type in _COMMENTS or children[index].type in _GATES):
            child = children[index]
            if child.type in _GATES:
                self.emit(depth, self.join(self.leaves(child)))
            else:
                self.comment(child, depth)
            index += 1
        if index >= len(children):
            return
        start = children[index]
        body = node.child_by_field_name("body")
        if body is None and node.type in ("import_item", "export_item"):
            kind = node.child_by_field_name("kind")
            body = kind if kind is not None and kind.type == "interface_body" else None
        header_end = body.start_byte if body is not None else node.end_byte
        inline_comments = [
            c
            for c in _captured_comments(node)
            if start.start_byte <= c.start_byte < header_end and not self.in_broken_params(c, node)
        ]
        if inline_comments:
            self.verbatim(node, start, depth, comma)
            return
        header = self.header(node, start.start_byte, header_end, depth)
        if body is None:
            header[-1] += "," if comma else ""
            self.emit(depth, header[0])
            self.lines.extend(header[1:])
            return
        has_entries = any(
            c.type in _ITEMS or c.type in _COMMENTS for c in body.children
        )
        if not has_entries:
            header[-1] += " {}" + ("," if comma else "")
            self.emit(depth, header[0])
            self.lines.extend(header[1:])
            return
        header[-1] += " {"
        self.emit(depth, header[0])
        self.lines.extend(header[1:])
        opener = body.child(0)
        self.entries(body, depth + 1, opener)
        self.emit(depth, "}" + ("," if comma else ""))

    def verbatim(self, node: tree_sitter.Node, start: tree_sitter.Node, depth: int, comma: bool) -> None:
        text = self.source[start.start_byte : node.end_byte].decode("utf-8", errors="replace")
        first, *rest = text.split("\n")
        lines = [first] + rest
        if comma:
            lines[-1] += ","
        self.emit(depth, lines[0])
        for line in lines[1:]:
            self.lines.append(line.rstrip())

    def in_broken_params(self, comment: tree_sitter.Node, item: tree_sitter.Node) -> bool:
        """Whether a comment sits between parameters: the list is then broken, a parameter a line."""
        return comment.parent is not None and comment.parent.type == "param_list"

    # ------------------------------------------------------------------ one-line parts

    def leaves(self, node: tree_sitter.Node, start: int = 0, end: int | None = None) -> list:
        """The tokens of ``node`` in ``[start, end)``: leaves, atomic names and parameter lists."""
        end = node.end_byte if end is None else end
        out: list = []

        def walk(current: tree_sitter.Node) -> None:
            for child in current.children:
                if child.end_byte <= start or child.start_byte >= end:
                    continue
                if child.type in _COMMENTS:
                    continue
                if child.type == "param_list":
                    out.append(child)
                elif child.type in _ATOMIC or child.child_count == 0:
                    out.append(re.sub(r"\s+", "", self.text_of(child)))
                else:
                    walk(child)

        walk(node)
        return out

    def join(self, tokens: list, in_use_list: bool = False) -> str:
        out = ""
        previous = None
        for token in tokens:
            if not isinstance(token, str):
                token = self.flat_params(token)
            if previous is not None:
                first = token[0]
                if previous in _NO_SPACE_AFTER or (in_use_list and previous == "{"):
                    pass
                elif token in _NO_SPACE_BEFORE or first == "(":
                    pass
                elif in_use_list and token == "}":
                    pass
                else:
                    out += " "
            out += token
            previous = token
        return out

    def flat_params(self, params: tree_sitter.Node) -> str:
        parts = [self.join(self.leaves(p)) for p in params.named_children if p.type == "param"]
        return "(" + ", ".join(parts) + ")"

    def header(self, node: tree_sitter.Node, start: int, end: int, depth: int) -> list[str]:
        """The item's one-line part; a broken parameter list spreads it over several lines."""
        tokens = self.leaves(node, start, end)
        in_use_list = node.type == "use_item"
        params = next((t for t in tokens if not isinstance(t, str)), None)
        flat = self.join(tokens, in_use_list)
        if params is None:
            return [flat]
        broken = params.start_point.row != params.end_point.row or any(
            child.type in _COMMENTS for child in params.children
        )
        if not broken and len(self.unit * depth) + len(flat) <= MAX_LINE:
            return [flat]
        at = tokens.index(params)
        before = self.join(tokens[:at], in_use_list) + "("
        after = ")" + self.join(["x"] + tokens[at + 1 :], in_use_list)[1:]
        lines = [before]
        inner = self.unit * (depth + 1)
        previous_end, previous_row = params.child(0).end_byte, params.start_point.row
        first = True
        for child in params.children:
            if child.type in ("(", ")", ","):
                if child.type == ",":
                    previous_end = child.end_byte
                continue
            if child.type in _COMMENTS and child.start_point.row == previous_row and not first and self.ends_line(child):
                lines[-1] += " " + self.comment_text(child)
                previous_end, previous_row = child.end_byte, child.end_point.row
                continue
            if not first and _BLANK_LINE.search(self.source, previous_end, child.start_byte):
                lines.append("")
            if child.type in _COMMENTS:
                lines.append(inner + self.comment_text(child))
            else:
                lines.append(inner + self.join(self.leaves(child)) + ",")
            first = False
            previous_end, previous_row = child.end_byte, child.end_point.row
        lines.append(self.unit * depth + after)
        return lines


def _captured_comments(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    return _captured(node, "(comment) @c (doc_comment) @c")

