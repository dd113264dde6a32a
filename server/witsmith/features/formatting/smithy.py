"""Format a Smithy IDL file in the style of Smithy's own formatter (`smithy format`).

The layout rules follow smithy-syntax: `use` statements sorted and unused ones
removed, one trait or doc comment a line, members separated by a blank line when
any member has traits or comments, node values kept on one line when they fit in
120 columns and have no nested structure, comments kept where they were (a
comment on a statement's line stays at its end, others go above what follows).

Comments are found by byte range rather than by tree position: tree-sitter
places comments (extras) in whichever node was open when they were read.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

import tree_sitter

from witsmith.features.formatting.doc import (
    EMPTY,
    LINE,
    LINE_OR_COMMA,
    LINE_OR_EMPTY,
    LINE_OR_SPACE,
    SPACE,
    Doc,
    bracket,
    cat,
    group,
    indent,
    is_empty,
    join,
    render,
    text,
)
from witsmith.features.formatting.errors import FormatError
from witsmith.syntax import SyntaxTree, language, parse

WIDTH = 120

_SHAPES = {
    "simple_shape",
    "enum_shape",
    "int_enum_shape",
    "list_shape",
    "set_shape",
    "map_shape",
    "structure_shape",
    "union_shape",
    "service_shape",
    "operation_shape",
    "resource_shape",
}
_STATEMENTS = _SHAPES | {
    "control_statement",
    "metadata_statement",
    "namespace_statement",
    "use_statement",
    "apply_statement",
}
_COMMENTS = ("comment", "doc_comment")
_IDENTIFIER = re.compile(r"(_+[A-Za-z0-9]|[A-Za-z])[A-Za-z0-9_]*\Z")
_ENTITY_LIST_KEYS = {"resources", "operations", "collectionOperations", "errors"}
_ENTITY_OBJECT_KEYS = {"identifiers", "properties", "rename"}


def render_block(open_doc: Doc, close_doc: Doc, contents: Doc) -> Doc:
    """Brackets whose contents always go on lines of their own, indented by four."""
    return cat(open_doc, indent(4, cat(LINE, contents)), LINE, close_doc)


def format_smithy(text_in: str) -> str:
    """The formatted text of a Smithy IDL file; raises FormatError on a syntax error."""
    tree = parse("smithy", text_in.encode("utf-8"))
    return format_smithy_tree(tree)


def format_smithy_tree(tree: SyntaxTree) -> str:
    if tree.has_errors:
        raise FormatError("the file has syntax errors; fix them before formatting")
    formatter = _SmithyFormatter(tree)
    formatted = formatter.format()
    if formatter.needs_whole_check:
        _check_comments(tree, formatted)
    return formatted


def _check_statement(original: bytes, rendered: str, comments: list[str]) -> None:
    """Refuse a statement whose layout would break the file or lose or reorder a comment."""
    encoded = rendered.encode("utf-8")
    if encoded == original:
        return
    after = parse("smithy", b"namespace a\n" + encoded)
    if after.has_errors:
        raise FormatError("formatting would produce a file with syntax errors; the file was left as is")
    if _comment_texts(after) != comments:
        raise FormatError("a comment is in a place the formatter cannot keep; the file was left as is")


@cache
def _query(pattern: str) -> tree_sitter.Query:
    return tree_sitter.Query(language("smithy"), pattern)


def _captured(node: tree_sitter.Node, pattern: str) -> list[tree_sitter.Node]:
    found = tree_sitter.QueryCursor(_query(pattern)).captures(node)
    return sorted((n for nodes in found.values() for n in nodes), key=lambda n: n.start_byte)


_COMMENT_PATTERN = "(comment) @c (doc_comment) @c"
_STATEMENT_CACHE: dict[tuple[bytes, bool], str] = {}
_STATEMENT_CACHE_SIZE = 50_000


def _comment_texts(tree: SyntaxTree) -> list[str]:
    return [
        _normalize_comment(_decode(tree.source, n), False).lstrip("/ ").rstrip()
        for n in _captured(tree.root, _COMMENT_PATTERN)
    ]


def _check_comments(tree: SyntaxTree, formatted: str) -> None:
    """Refuse a result that lost or reordered a comment (a layout this formatter does not know)."""
    if formatted.encode("utf-8") == tree.source:
        return
    after = parse("smithy", formatted.encode("utf-8"))
    if after.has_errors:
        raise FormatError("formatting would produce a file with syntax errors; the file was left as is")
    if _comment_texts(tree) != _comment_texts(after):
        raise FormatError("a comment is in a place the formatter cannot keep; the file was left as is")


def _decode(source: bytes, node: tree_sitter.Node) -> str:
    return source[node.start_byte : node.end_byte].decode("utf-8", errors="replace")


def _normalize_comment(raw: str, doc_allowed: bool) -> str:
    contents = raw.strip()
    if contents.startswith("///") and not doc_allowed:
        contents = "//" + contents[3:]
    if contents.startswith("/// ") or contents.startswith("// "):
        return contents
    if contents.startswith("///"):
        return "/// " + contents[3:]
    return "// " + contents[2:]


def _trailing_as_lines(doc: Doc) -> list[Doc]:
    """The comments of a statement's line, each on a line of its own."""
    if doc[0] == "t":
        return [doc, LINE]
    return [cat(part, LINE) for part in doc[1] if part is not SPACE and part != SPACE]


def _text_block_value(raw: str) -> str:
    """A text block's value: incidental indentation and trailing spaces removed (escapes kept)."""
    body = raw[3:-3]
    body = body[body.index("\n") + 1 :]
    lines = body.replace("\r\n", "\n").split("\n")
    candidates = [line for line in lines[:-1] if line.strip()]
    candidates.append(lines[-1])
    margin = min((len(line) - len(line.lstrip(" \t")) for line in candidates), default=0)
    out = []
    for line in lines:
        out.append("" if not line.strip() else line[margin:].rstrip(" \t"))
    return "\n".join(out)


class _SmithyFormatter:
    def __init__(self, tree: SyntaxTree) -> None:
        self.tree = tree
        self.source = tree.source
        comments = _captured(tree.root, _COMMENT_PATTERN)
        self.comments = comments
        self.comment_starts = [n.start_byte for n in comments]
        self.pending: Doc = EMPTY
        # Doc comments written at the end of the previous statement's line stay there.
        self.trailing_docs: set[int] = set()

    # ------------------------------------------------------------------ helpers

    def _comment_outside(self, shapes: list[tree_sitter.Node]) -> bool:
        """Whether a comment lies outside every shape statement (both lists are in order)."""
        index = 0
        for comment in self.comments:
            while index < len(shapes) and shapes[index].end_byte <= comment.start_byte:
                index += 1
            if index == len(shapes) or comment.start_byte < shapes[index].start_byte:
                return True
        return False

    def text_of(self, node: tree_sitter.Node) -> str:
        return _decode(self.source, node)

    def comments_in(self, start: int, end: int) -> list[tree_sitter.Node]:
        lo = bisect.bisect_left(self.comment_starts, start)
        hi = bisect.bisect_left(self.comment_starts, end)
        return [
            c
            for c in self.comments[lo:hi]
            if c.type == "comment" or not self._is_member_doc(c) or c.id in self.trailing_docs
        ]

    def _is_member_doc(self, node: tree_sitter.Node) -> bool:
        # Doc comments that belong to a shape or member are rendered with its traits.
        return node.type == "doc_comment" and node.parent is not None and node.parent.type in _DOC_OWNERS

    def comment_doc(self, node: tree_sitter.Node, doc_allowed: bool = False) -> Doc:
        doc_allowed = doc_allowed or self._is_member_doc(node)
        return text(_normalize_comment(self.text_of(node), doc_allowed))

    def flush(self) -> Doc:
        result = self.pending
        self.pending = EMPTY
        return result

    def skipped(self, comments: list[tree_sitter.Node]) -> Doc:
        # Comments inside a shape's header move above its keyword. `smithy format` keeps a
        # `///` there as is, which turns it into a plain comment on the next run; writing it
        # as `//` at once keeps formatting idempotent.
        return cat(*(cat(self.comment_doc(c), LINE) for c in comments))

    def br(self, end_row: int, comments: list[tree_sitter.Node], stick: bool = False) -> Doc:
        """A statement's line break: a comment on its last line stays at its end; with ``stick``
        (between top-level shapes), plain comments on the lines right below stay with it too;
        the others wait for the next statement."""
        self.pending = EMPTY
        result = EMPTY
        previous_row = end_row
        for comment in comments:
            row = comment.start_point.row
            if row == end_row:
                result = cat(result, SPACE, self.comment_doc(comment))
                previous_row = row
            elif stick and comment.type == "comment" and row == previous_row + 1:
                result = cat(result, LINE, self.comment_doc(comment))
                previous_row = row
            else:
                self.pending = cat(self.pending, self.comment_doc(comment), LINE)
        return result

    # ------------------------------------------------------------------ file

    def format(self) -> str:
        root = self.tree.root
        statements = [c for c in root.named_children if c.type in _STATEMENTS]
        controls = [s for s in statements if s.type == "control_statement"]
        metadata = [s for s in statements if s.type == "metadata_statement"]
        namespace = next((s for s in statements if s.type == "namespace_statement"), None)
        uses = [s for s in statements if s.type == "use_statement"]
        shapes = [s for s in statements if s.type in _SHAPES or s.type == "apply_statement"]
        # Shape statements are checked one by one as they are laid out; anything else
        # (apply statements, comments outside shapes) gets the check of the whole file.
        self.needs_whole_check = any(s.type == "apply_statement" for s in shapes) or self._comment_outside(shapes)

        # The comments after each statement, up to the next one (or the end of the file).
        following: dict[int, list[tree_sitter.Node]] = {}
        for index, statement in enumerate(statements[:-1]):
            first_child = statements[index + 1].child(0)
            if first_child is not None and first_child.type == "doc_comment":
                if first_child.start_point.row == statement.end_point.row:
                    self.trailing_docs.add(first_child.id)
        for index, statement in enumerate(statements):
            end = statements[index + 1].start_byte if index + 1 < len(statements) else len(self.source) + 1
            if index + 1 < len(statements) and statements[index + 1].child(0).id in self.trailing_docs:
                end = statements[index + 1].child(0).end_byte
            following[statement.id] = self.comments_in(statement.end_byte, end)
        first = statements[0].start_byte if statements else len(self.source) + 1
        leading = self.comments_in(0, first)

        parts = [join(LINE, [self.comment_doc(c) for c in leading])]
        parts.append(self.section(controls, following, self.control))
        parts.append(self.section(metadata, following, self.metadata))
        if namespace is not None:
            ns_doc = cat(
                LINE,
                self.flush(),
                text("namespace "),
                text(self.text_of(namespace.child_by_field_name("namespace"))),
                self.br(namespace.end_point.row, following[namespace.id]),
            )
            kept_uses = self.used(uses, shapes)
            use_doc = self.use_section(uses, kept_uses, following, namespace)
            shape_parts = []
            for index, shape in enumerate(shapes):
                if index:
                    shape_parts.append(LINE)
                shape_parts.append(self.shape_statement(shape))
                shape_parts.append(self.br(shape.end_point.row, following[shape.id], stick=True))
                shape_parts.append(LINE)
            parts.append(join(LINE, [ns_doc, use_doc, cat(*shape_parts)]))
        else:
            parts.append(LINE)  # the reference's empty use and shape sections still join with a line
        parts.append(self.flush())
        rendered = render(cat(*parts), WIDTH).strip()
        return "".join(line.rstrip(" \t") + "\n" for line in rendered.split("\n"))

    def section(self, statements, following, visit, dropped=()) -> Doc:
        if not statements:
            for statement in dropped:
                self.br(statement.end_point.row, following[statement.id])
            return EMPTY
        just_wrote_trailing_line = True
        result = [LINE]
        for index, statement in enumerate(statements):
            is_last = index == len(statements) - 1
            rendered = render(visit(statement, following[statement.id]), WIDTH)
            if "\n" in rendered:
                if not just_wrote_trailing_line:
                    result.append(LINE)
                result.append(text(rendered))
                if not is_last:
                    result.append(LINE)
                    just_wrote_trailing_line = True
            else:
                result.append(text(rendered))
                just_wrote_trailing_line = False
            result.append(LINE)
        return cat(*result)

    def use_section(self, uses, kept_uses, following, namespace) -> Doc:
        """Sorted uses; a comment above a use moves with it (and stays, if that use goes)."""
        if not uses:
            return EMPTY
        leading: dict[int, Doc] = {}
        trailing: dict[int, Doc] = {}
        carried = self.pending  # comments below the namespace lead the first use
        self.pending = EMPTY
        for use in uses:
            docs = [c for c in use.children if c.type == "doc_comment"]
            leading[use.id] = cat(carried, *(cat(self.comment_doc(c), LINE) for c in docs))
            if use in kept_uses:
                carried = EMPTY
            trailing[use.id] = self.br(use.end_point.row, following[use.id])
            if use not in kept_uses:
                # The removed use's comments are kept above what follows.
                carried = cat(leading[use.id], *_trailing_as_lines(trailing[use.id]))
            carried = cat(carried, self.flush())
        after_uses = carried

        def visit(use, _following) -> Doc:
            return cat(
                leading[use.id],
                text("use " + self.text_of(use.child_by_field_name("shape_id"))),
                trailing[use.id],
            )

        doc = self.section(kept_uses, following, visit)
        self.pending = after_uses
        return doc

    def control(self, node, following) -> Doc:
        return self.key_value_statement(node, following, "$", ": ")

    def metadata(self, node, following) -> Doc:
        return self.key_value_statement(node, following, "metadata ", " = ")

    def key_value_statement(self, node, following, keyword: str, separator: str) -> Doc:
        """`$key: value` and `metadata key = value`: one layout, two spellings."""
        return cat(
            self.flush(),
            text(keyword),
            self.object_key(node.child_by_field_name("key")),
            text(separator),
            self.value(node.child_by_field_name("value")),
            self.br(node.end_point.row, following),
        )

    def use(self, node, following) -> Doc:
        return cat(
            self.flush(),
            text("use "),
            text(self.text_of(node.child_by_field_name("shape_id"))),
            self.br(node.end_point.row, following),
        )

    def used(self, uses, shapes) -> list[tree_sitter.Node]:
        referenced: set[str] = set()
        if not uses:
            return []
        first = shapes[0].start_byte if shapes else len(self.source)
        for node in _captured(self.tree.root, "(shape_id) @id"):
            if node.start_byte < first:
                continue
            name = self.text_of(node)
            if "#" not in name:
                referenced.add(name.split("$", 1)[0])
        kept = []
        for use in uses:
            shape_id = self.text_of(use.child_by_field_name("shape_id"))
            if shape_id.rsplit("#", 1)[-1] in referenced:
                kept.append(use)
        return sorted(kept, key=lambda u: self.text_of(u.child_by_field_name("shape_id")))

    # ------------------------------------------------------------------ shapes

    def header(self, node: tree_sitter.Node, until: int) -> Doc:
        """Doc comments, comments and traits before ``until``, one a line."""
        items: list[tuple[int, str, Doc]] = []
        for child in node.children:
            if child.start_byte >= until:
                break
            if child.type == "trait":
                items.append((child.start_byte, "trait", self.trait(child)))
            elif child.type == "doc_comment" and child.id not in self.trailing_docs:
                # Documentation after a trait documents nothing: it becomes a plain comment.
                after_trait = any(kind == "trait" for _, kind, _ in items)
                items.append((child.start_byte, "doc", text(_normalize_comment(self.text_of(child), not after_trait))))
        traits = [c for c in node.children if c.type == "trait" and c.start_byte < until]
        for comment in self.comments_in(node.start_byte, until):
            if comment.id in self.trailing_docs:
                continue
            if any(t.start_byte <= comment.start_byte < t.end_byte for t in traits):
                continue  # rendered inside the trait's value
            if comment.type == "comment" or comment.parent != node:
                items.append((comment.start_byte, "comment", self.comment_doc(comment)))
        items.sort(key=lambda item: item[0])
        if not items:
            return EMPTY
        return cat(join(LINE, [doc for _, _, doc in items]), LINE)

    def keyword(self, node: tree_sitter.Node) -> tree_sitter.Node:
        for child in node.children:
            if child.type not in ("trait", "doc_comment", "comment"):
                return child
        raise FormatError("a shape without a keyword")

    def shape_statement(self, node: tree_sitter.Node) -> Doc:
        if node.type == "apply_statement":
            return self.apply(node)
        # A statement starts at column 0 after a line break and no group spans two
        # statements, so its layout depends on its own text only: keep it for the next run.
        pending = self.flush()
        return cat(pending, text(self.statement_text(node)))

    def statement_text(self, node: tree_sitter.Node) -> str:
        """A shape statement laid out at the start of a line, without the comments above it."""
        first = node.child(0)
        key = (self.source[node.start_byte : node.end_byte], first is not None and first.id in self.trailing_docs)
        rendered = _STATEMENT_CACHE.get(key)
        if rendered is None:
            keyword = self.keyword(node)
            rendered = render(cat(self.header(node, keyword.start_byte), self.shape(node, keyword)), WIDTH)
            expected = [
                _normalize_comment(self.text_of(c), False).lstrip("/ ").rstrip()
                for c in self.comments[bisect.bisect_left(self.comment_starts, node.start_byte):
                                       bisect.bisect_left(self.comment_starts, node.end_byte)]
                if c.id not in self.trailing_docs
            ]
            _check_statement(key[0], rendered, expected)
            if len(_STATEMENT_CACHE) >= _STATEMENT_CACHE_SIZE:
                _STATEMENT_CACHE.pop(next(iter(_STATEMENT_CACHE)))
            _STATEMENT_CACHE[key] = rendered
            # Formatting is idempotent: the formatted statement formats to itself.
            _STATEMENT_CACHE[(rendered.encode("utf-8"), False)] = rendered
        return rendered

    def shape(self, node: tree_sitter.Node, keyword: tree_sitter.Node) -> Doc:
        kind = node.type
        body = node.child_by_field_name("body")
        body_start = body.start_byte if body is not None else node.end_byte
        skipped = self.skipped(self.comments_in(keyword.start_byte, body_start))
        if kind == "simple_shape":
            return cat(skipped, self.format_shape(node, text(self.text_of(keyword)), None))
        if kind in ("enum_shape", "int_enum_shape"):
            members = self.render_members(body, ("enum_member",))
            return cat(skipped, self.format_shape(node, text(self.text_of(keyword)), members))
        if kind in ("service_shape", "resource_shape"):
            entity = self.bracket_children(body, ("node_object_kvp",), self.entity_kvp)
            doc = self.bracket_write(entity, "{", "}", force=self.has_hard_line(body))
            return cat(skipped, self.format_shape(node, text(self.text_of(keyword)), cat(LINE_OR_SPACE, doc)))
        if kind == "operation_shape":
            members = self.render_members(body, ("operation_property",))
            return cat(skipped, self.format_shape(node, text("operation"), members))
        members = self.render_members(body, ("shape_member", "elided_member"))
        return cat(skipped, self.format_shape(node, text(self.text_of(keyword)), members))

    def format_shape(self, node: tree_sitter.Node, type_doc: Doc, members: Doc | None) -> Doc:
        docs = [type_doc]
        name = node.child_by_field_name("name")
        if name is not None:
            docs.append(text(self.text_of(name)))
        resource = node.child_by_field_name("resource")
        if resource is not None:
            docs.append(text("for " + self.text_of(resource)))
        mixins = node.child_by_field_name("mixins")
        if mixins is not None:
            docs.append(self.mixins(mixins))
        result = join(SPACE, [d for d in docs if not is_empty(d)])
        return cat(result, group(members)) if members is not None else result

    def mixins(self, node: tree_sitter.Node) -> Doc:
        children = self.bracket_children(node, ("shape_id",), lambda c: text(self.text_of(c)))
        return cat(text("with "), self.bracket_write(children, "[", "]", force=self.has_hard_line(node)))

    def _is_line_end_comment(self, comment: tree_sitter.Node) -> bool:
        """A comment after a member on the member's line (not one opening a body)."""
        line_start = self.source.rfind(b"\n", 0, comment.start_byte) + 1
        before = self.source[line_start : comment.start_byte].rstrip(b" \t,")
        return bool(before.strip()) and not before.endswith(b"{")

    def has_comment_or_trait(self, node: tree_sitter.Node) -> bool:
        if any(not self._is_line_end_comment(c) for c in self.comments_in(node.start_byte, node.end_byte)):
            return True
        stack = list(node.named_children)
        while stack:
            child = stack.pop()
            if child.type in ("trait", "doc_comment"):
                return True
            stack.extend(child.named_children)
        return False

    def render_members(self, container: tree_sitter.Node, member_types: tuple[str, ...]) -> Doc:
        no_comments = not self.has_comment_or_trait(container)
        separator = LINE if no_comments else cat(LINE, LINE)
        members = [c for c in container.named_children if c.type in member_types]
        if no_comments and not members:
            return group(cat(LINE_OR_SPACE, text("{}")))
        member_docs: list[Doc] = []
        current = self.flush()
        previous_end = container.start_byte + 1
        for index, member in enumerate(members):
            ws = self.comments_in(previous_end, member.start_byte)
            if ws:
                current = cat(current, join(LINE, [self.comment_doc(c) for c in ws]), LINE)
            limit = members[index + 1].start_byte if index + 1 < len(members) else container.end_byte - 1
            current = cat(current, self.member(member, limit))
            previous_end = member.end_byte
            after = self.comments_in(member.end_byte, limit)
            if after and not self.source[member.end_byte : after[0].start_byte].strip(b" \t"):
                current = cat(current, SPACE, self.comment_doc(after[0]))
                previous_end = after[0].end_byte
            member_docs.append(current)
            current = EMPTY
        ws = self.comments_in(previous_end, container.end_byte)
        if ws:
            current = cat(current, join(LINE, [self.comment_doc(c) for c in ws]))
        if not is_empty(current):
            member_docs.append(current)
        return render_block(cat(LINE_OR_SPACE, text("{")), text("}"), join(separator, member_docs))

    def member(self, node: tree_sitter.Node, limit: int) -> Doc:
        if node.type == "operation_property":
            return self.operation_property(node)
        name = node.child_by_field_name("name")
        start = name.start_byte if node.type != "elided_member" else name.start_byte - 1
        parts = [self.header(node, start)]
        if node.type == "elided_member":
            parts.append(text("$" + self.text_of(name)))
        elif node.type == "shape_member":
            parts.append(text(self.text_of(name) + ": " + self.text_of(node.child_by_field_name("target"))))
        else:
            parts.append(text(self.text_of(name)))
        default = node.child_by_field_name("default") or node.child_by_field_name("value")
        if default is not None:
            parts.append(cat(text(" = "), self.value(default)))
        return cat(*parts)

    def operation_property(self, node: tree_sitter.Node) -> Doc:
        key = self.text_of(node.child_by_field_name("key"))
        value = node.child_by_field_name("value")
        if value.type == "inline_structure":
            return cat(text(key), self.inline_structure(value))
        if key == "errors" and value.type == "node_array":
            children = self.bracket_children(value, ("shape_id",), lambda c: text(self.text_of(c)))
            return cat(text("errors: "), self.bracket_write(children, "[", "]", force=True))
        return cat(text(key + ": "), self.value(value))

    def inline_structure(self, node: tree_sitter.Node) -> Doc:
        body = node.child_by_field_name("body")
        members = self.render_members(body, ("shape_member", "elided_member"))
        first_other = next(
            (c for c in node.children if c.type not in ("trait", "doc_comment", "comment")), body
        )
        header = self.header(node, first_other.start_byte)
        docs = []
        resource = node.child_by_field_name("resource")
        if resource is not None:
            docs.append(text("for " + self.text_of(resource)))
        mixins = node.child_by_field_name("mixins")
        if mixins is not None:
            docs.append(self.mixins(mixins))
        if not is_empty(header):
            shape = cat(join(SPACE, docs), group(members))
            return indent(4, cat(text(" :="), LINE, header, shape))
        return cat(join(SPACE, [text(" :=")] + docs), group(members))

    def apply(self, node: tree_sitter.Node) -> Doc:
        target = node.child_by_field_name("target")
        traits = [c for c in node.named_children if c.type == "trait"]
        block = any(c.type == "{" for c in node.children)
        skipped = self.skipped(self.comments_in(node.start_byte, target.start_byte))
        if not block:
            return cat(
                self.flush(),
                skipped,
                text("apply " + self.text_of(target)),
                SPACE,
                self.trait(traits[0]),
            )
        open_brace = next(c for c in node.children if c.type == "{")
        inner = self.header(node, node.end_byte) if traits else EMPTY
        inner_comments = [] if traits else self.comments_in(open_brace.end_byte, node.end_byte)
        if inner_comments:
            inner = cat(join(LINE, [self.comment_doc(c) for c in inner_comments]), LINE)
        head = cat(
            skipped,
            text("apply " + self.text_of(target) + " {"),
            indent(4, cat(LINE, inner)),
        )
        return cat(self.flush(), text(render(head, WIDTH).strip()), LINE, text("}"))

    # ------------------------------------------------------------------ traits

    def trait(self, node: tree_sitter.Node) -> Doc:
        name = text("@" + self.text_of(node.child_by_field_name("id")))
        value = node.child_by_field_name("value")
        if value is None:
            return name
        if value.type == "trait_body":
            children = self.bracket_children(value, ("node_object_kvp",), self.kvp, within=node)
            force = self.has_hard_line(node) or self.too_wide(children, "(", ")")
            return cat(name, self.bracket_write(children, "(", ")", force=force))
        children = self.bracket_children(node, (value.type,), self.value, within=node)
        if self.comments_in(node.start_byte, value.start_byte) or self.comments_in(value.end_byte, node.end_byte):
            return cat(name, self.bracket_write(children, "(", ")", force=True))
        if value.type in ("node_array", "node_object"):
            return cat(name, self.bracket_write(children, "(", ")", inline=True))
        return cat(name, self.bracket_write(children, "(", ")", force=self.has_hard_line(node)))

    # ------------------------------------------------------------------ node values

    def bracket_children(self, container, types, visit, within=None) -> list[Doc]:
        """The docs of the children of the given types and of the comments between them, in order."""
        scope = within if within is not None else container
        items: list[tuple[int, Doc]] = []
        for child in container.named_children:
            if child.type in types:
                items.append((child.start_byte, visit(child)))
        covered = [c for c in container.named_children if c.type in types]
        for comment in self.comments_in(scope.start_byte, scope.end_byte):
            if any(c.start_byte <= comment.start_byte < c.end_byte for c in covered):
                continue  # rendered by the child it is in
            items.append((comment.start_byte, self.comment_doc(comment)))
        items.sort(key=lambda item: item[0])
        return [doc for _, doc in items if not is_empty(doc)]

    def too_wide(self, children, open_text, close_text) -> bool:
        """Whether the one-line form alone (without its indent) is wider than the page."""
        if not children:
            return False
        flat = self.bracket_write(children, open_text, close_text)
        return len(render(flat, 1 << 30)) > WIDTH

    def bracket_write(self, children, open_text, close_text, force=False, inline=False) -> Doc:
        if force and not inline:
            return render_block(text(open_text), text(close_text), join(LINE, children))
        if children and open_text == "{":
            line_doc = LINE_OR_SPACE
        elif len(children) > 1:
            line_doc = LINE_OR_EMPTY
        else:
            line_doc = EMPTY
        return bracket(0 if inline else 4, line_doc, text(open_text), text(close_text), join(LINE_OR_COMMA, children))

    def has_hard_line(self, node: tree_sitter.Node) -> bool:
        if self.comments_in(node.start_byte, node.end_byte):
            return True
        stack = list(node.named_children)
        while stack:
            child = stack.pop()
            if child.type in ("text_block", "node_array", "node_object"):
                return True
            if child.type == "string" and child.start_point.row != child.end_point.row:
                return True
            stack.extend(child.named_children)
        return False

    def value(self, node: tree_sitter.Node) -> Doc:
        kind = node.type
        if kind == "node_array":
            children = self.bracket_children(node, _VALUE_TYPES, self.value)
            force = self.has_hard_line(node) or self.too_wide(children, "[", "]")
            return self.bracket_write(children, "[", "]", force=force)
        if kind == "node_object":
            children = self.bracket_children(node, ("node_object_kvp",), self.kvp)
            if node.parent is not None and node.parent.type == "node_array":
                return self.bracket_write(children, "{", "}", force=bool(children))
            force = self.has_hard_line(node) or self.too_wide(children, "{", "}")
            return self.bracket_write(children, "{", "}", force=force)
        if kind == "text_block":
            return self.text_block(node)
        return text(self.text_of(node))

    def text_block(self, node: tree_sitter.Node) -> Doc:
        value = _text_block_value(self.text_of(node))
        end_on_next_line = value.endswith("\n")
        lines = [text('"""')]
        input_lines = value.split("\n")
        for index, line in enumerate(input_lines):
            last = index == len(input_lines) - 1
            if end_on_next_line and last:
                break
            line = line.rstrip()
            if last:
                line += '"""'
            lines.append(text(line))
        if end_on_next_line:
            lines.append(text('"""'))
        return join(LINE, lines)

    def object_key(self, node: tree_sitter.Node) -> Doc:
        raw = self.text_of(node)
        if node.type == "string":
            unquoted = raw[1:-1]
            if _IDENTIFIER.match(unquoted):
                return text(unquoted)
        return text(raw)

    def kvp(self, node: tree_sitter.Node, value_visit=None) -> Doc:
        key = node.child_by_field_name("key")
        value = node.child_by_field_name("value")
        skipped = self.skipped(
            [c for c in self.comments_in(node.start_byte, value.start_byte)]
        )
        value_doc = (value_visit or self.value)(value)
        if value.type == "text_block":
            value_doc = indent(4, value_doc)
        return cat(skipped, self.object_key(key), text(": "), value_doc)

    def entity_kvp(self, node: tree_sitter.Node) -> Doc:
        key = self.text_of(node.child_by_field_name("key"))
        if key.startswith('"'):
            key = key[1:-1]
        value = node.child_by_field_name("value")
        if key in _ENTITY_LIST_KEYS and value.type == "node_array":
            def hard_list(array):
                children = self.bracket_children(array, _VALUE_TYPES, self.value)
                return self.bracket_write(children, "[", "]", force=bool(children))

            return self.kvp(node, hard_list)
        if key in _ENTITY_OBJECT_KEYS and value.type == "node_object":
            def hard_object(obj):
                children = self.bracket_children(obj, ("node_object_kvp",), self.kvp)
                return self.bracket_write(children, "{", "}", force=bool(children))

            return self.kvp(node, hard_object)
        return self.kvp(node)


_VALUE_TYPES = ("node_array", "node_object", "number", "boolean", "null", "string", "text_block", "shape_id")
_DOC_OWNERS = _SHAPES | {"shape_member", "elided_member", "enum_member", "apply_statement", "inline_structure"}
