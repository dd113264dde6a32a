"""Where Smithy's own parser stops inside text the grammar could not parse.

Tree-sitter marks a whole broken statement as an ERROR node, from its first token.
Smithy's IDL parser reads tokens left to right and stops at the first one that cannot
continue what it has read: the brace missing after `structure Foo` is reported on the
token after the name, an unclosed `@trait(` where the next token breaks it, a statement
cut off by the end of the file at the end of the file.  Reporting at that token puts
witsmith's syntax error where `smithy build` puts its own, and says what was expected.

The recognizer below replays the tokens of an ERROR node with the IDL's statement and
node-value grammar; it answers only for the contexts it knows (top level, shape bodies)
and only when the statement's beginning is sound, so odd input keeps the plain report.
"""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter

AGGREGATE_SHAPES = {"structure", "union", "list", "set", "map"}
SIMPLE_SHAPES = {"string", "blob", "boolean", "byte", "short", "integer", "long", "float", "double",
                 "bigInteger", "bigDecimal", "timestamp", "document"}
ENUM_SHAPES = {"enum", "intEnum"}
ENTITY_SHAPES = {"service", "resource"}
ATOMIC = {"shape_id", "identifier", "string", "text_block", "number", "boolean", "null", "namespace"}
VALUE_KINDS = {"IDENT", "STRING", "NUMBER"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # IDENT, STRING, NUMBER or the punctuation itself
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Stop:
    """The byte offset Smithy's parser stops at, what it expected there, and what it found."""

    offset: int
    end: int
    expected: str
    found: str  # the token's text, or "" at the end of the file


MAX_DEPTH = 64  # nesting deeper than this is not replayed (the reader recurses)


class _TooDeep(Exception):
    pass


class _Stuck(Exception):
    def __init__(self, index: int, expected: str):
        self.index = index
        self.expected = expected


def _tokens(node: tree_sitter.Node) -> list[Token]:
    result: list[Token] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in ("comment", "doc_comment") or current.start_byte == current.end_byte:
            continue
        if current.type in ATOMIC or current.child_count == 0:
            text = (current.text or b"").decode("utf-8", "replace")
            if current.type in ("string", "text_block"):
                kind = "STRING"
            elif current.type == "number":
                kind = "NUMBER"
            elif current.type in ATOMIC or text[:1].isalpha() or text[:1] == "_":
                kind = "IDENT"
            else:
                kind = text
            result.append(Token(kind, text, current.start_byte, current.end_byte))
            continue
        stack.extend(reversed(current.children))
    return result


class _Reader:
    """A recursive-descent reading of the IDL, raising `_Stuck` at the first token that does not fit."""

    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def peek(self, ahead: int = 0) -> Token | None:
        position = self.index + ahead
        return self.tokens[position] if position < len(self.tokens) else None

    def expect(self, kind: str, what: str) -> Token:
        token = self.peek()
        if token is None or token.kind != kind:
            raise _Stuck(self.index, what)
        self.index += 1
        return token

    def accept(self, kind: str, text: str | None = None) -> bool:
        token = self.peek()
        if token is not None and token.kind == kind and (text is None or token.text == text):
            self.index += 1
            return True
        return False

    # -- node values

    def value(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep
        try:
            self._value()
        finally:
            self.depth -= 1

    def _value(self) -> None:
        token = self.peek()
        if token is None:
            raise _Stuck(self.index, "a value")
        if token.kind in VALUE_KINDS:
            self.index += 1
        elif token.kind == "[":
            self.index += 1
            while not self.accept("]"):
                if self.peek() is None:
                    raise _Stuck(self.index, "`]` to close the list")
                self.value()
        elif token.kind == "{":
            self.index += 1
            self.entries("}")
        else:
            raise _Stuck(self.index, "a value")

    def entries(self, close: str) -> None:
        while not self.accept(close):
            key = self.peek()
            if key is None:
                raise _Stuck(self.index, f"`{close}` to close the object")
            if key.kind not in ("IDENT", "STRING"):
                raise _Stuck(self.index, f"a key or `{close}`")
            self.index += 1
            self.expect(":", "`:` after the key")
            self.value()

    # -- traits and statements

    def trait(self) -> None:
        self.expect("@", "`@`")
        self.expect("IDENT", "a trait name")
        if not self.accept("("):
            return
        if self.accept(")"):
            return
        first, second = self.peek(), self.peek(1)
        if first is not None and first.kind in ("IDENT", "STRING") and second is not None and second.kind == ":":
            self.entries(")")
            return
        self.value()
        self.expect(")", "`)` to close the trait value")

    def traits(self) -> None:
        while self.peek() is not None and self.peek().kind == "@":
            self.trait()

    def mixins(self) -> None:
        if self.accept("IDENT", "with"):
            self.expect("[", "`[` after `with`")
            while not self.accept("]"):
                self.expect("IDENT", "a mixin shape id or `]`")

    def statement(self) -> None:
        self.traits()
        keyword = self.expect("IDENT", "a shape or `apply` after the traits")
        if keyword.text == "apply":
            self.expect("IDENT", "the shape id to apply traits to")
            if self.accept("{"):
                self.traits()
                self.expect("}", "`}` to close the apply block")
            elif self.peek() is not None and self.peek().kind == "@":
                self.trait()
            else:
                raise _Stuck(self.index, "`@` or `{` after the shape id")
            return
        shape_kinds = AGGREGATE_SHAPES | SIMPLE_SHAPES | ENUM_SHAPES | ENTITY_SHAPES | {"operation"}
        if keyword.text not in shape_kinds:
            raise _Stuck(self.index - 1, "a shape or `apply`")
        self.expect("IDENT", f"a name for the {keyword.text}")
        if keyword.text in SIMPLE_SHAPES:
            self.mixins()
            return
        if keyword.text in AGGREGATE_SHAPES and self.accept("IDENT", "for"):
            self.expect("IDENT", "a resource after `for`")
        self.mixins()
        self.expect("{", f"`{{` to open the {keyword.text}'s body")
        if keyword.text in ENTITY_SHAPES:
            self.entries("}")
        elif keyword.text in ENUM_SHAPES:
            self.enum_members()
        elif keyword.text == "operation":
            self.operation_properties()
        else:
            self.members()

    def members(self) -> None:
        while not self.accept("}"):
            if self.peek() is None:
                raise _Stuck(self.index, "`}` to close the body")
            self.member()

    def member(self) -> None:
        self.traits()
        if self.accept("$"):
            self.expect("IDENT", "a member name after `$`")
        else:
            self.expect("IDENT", "a member name")
            self.expect(":", "`:` after the member name")
            self.expect("IDENT", "the member's target")
        if self.accept("="):
            self.value()

    def enum_members(self) -> None:
        while not self.accept("}"):
            if self.peek() is None:
                raise _Stuck(self.index, "`}` to close the enum")
            self.traits()
            self.expect("IDENT", "an enum member name")
            if self.accept("="):
                self.value()

    def operation_properties(self) -> None:
        while not self.accept("}"):
            if self.peek() is None:
                raise _Stuck(self.index, "`}` to close the operation")
            self.expect("IDENT", "an operation property")
            if self.accept(":="):
                self.traits()
                self.mixins()
                self.expect("{", "`{` to open the inline structure")
                self.members()
            else:
                self.expect(":", "`:` after the property name")
                self.value()


def _after(source: bytes, offset: int) -> tuple[int, int]:
    """The byte range of the first token at or after `offset`, past spaces, commas and comments."""
    position = offset
    while position < len(source):
        if source[position:position + 1] in (b" ", b"\t", b"\r", b"\n", b","):
            position += 1
        elif source.startswith(b"//", position):
            newline = source.find(b"\n", position)
            position = len(source) if newline < 0 else newline
        else:
            break
    end = position
    while end < len(source) and (source[end:end + 1].isalnum() or source[end:end + 1] in (b"_", b".", b"#", b"$")):
        end += 1
    if end == position and position < len(source):
        end = position + 1  # one punctuation character
    return position, end


def _stop_at(source: bytes, tokens: list[Token], index: int, expected: str, after: int) -> Stop:
    if index < len(tokens):
        token = tokens[index]
        return Stop(token.start, token.end, expected, token.text)
    start, end = _after(source, after)
    return Stop(start, end, expected, source[start:end].decode("utf-8", "replace"))


def error_stop(source: bytes, error: tree_sitter.Node) -> Stop | None:
    """Where Smithy's parser stops inside (or just after) an ERROR node; None when it is at its start
    or the context is not one the recognizer reads."""
    parent = error.parent
    if parent is None:
        return None
    # An ERROR right after a shape's traits hangs under that (otherwise empty) shape node.
    statement_level = parent.type == "source_file" or (
        parent.type.endswith("_shape") and parent.parent is not None and parent.parent.type == "source_file")
    if not statement_level and parent.type != "shape_body":
        return None
    if statement_level and not _after_namespace(error if parent.type == "source_file" else parent):
        return None  # before the namespace, Smithy stops at the first token of any shape or trait
    tokens = _tokens(error)
    reader = _Reader(tokens)
    try:
        while reader.peek() is not None:
            if statement_level:
                reader.statement()
            else:
                reader.member()
        return None
    except _TooDeep:
        return None
    except _Stuck as stuck:
        if stuck.index == 0:
            return None
        return _stop_at(source, tokens, stuck.index, stuck.expected, error.end_byte)


def _after_namespace(node: tree_sitter.Node) -> bool:
    sibling = node.prev_sibling
    while sibling is not None:
        if sibling.type == "namespace_statement":
            return True
        sibling = sibling.prev_sibling
    return False


def missing_stop(source: bytes, offset: int) -> tuple[int, int]:
    """The token Smithy's parser finds where tree-sitter inserted a missing one."""
    return _after(source, offset)
