"""Where the cursor is in a Smithy file, read from the text before it.

Completion runs while a line is half typed, when the tree has errors exactly
where the user is; so the context comes from a small lexer over the text from
the start of the enclosing top-level statement (found with the tree, which is
reliable there) to the cursor.  It tracks the open brackets and what opened
them: a shape body, an operation body, a trait's value, a `with [` list...
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tree_sitter

from witsmith.model.smithy.summary import ALL_KINDS

_TOKEN = re.compile(r'''
  (?P<nl>\n)
| (?P<ws>[ \t\r\f\v\ufeff,]+)
| (?P<comment>//[^\n]*)
| (?P<block>"""(?:[^"\\]|\\.|"(?!""))*(?P<block_end>""")?)
| (?P<string>"(?:[^"\\]|\\.)*(?P<string_end>")?)
| (?P<walrus>:=)
| (?P<punct>[{}\[\]():=@$])
| (?P<word>[A-Za-z0-9_][A-Za-z0-9_.#$]*)
| (?P<other>.)
''', re.X | re.S)

WORD_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.#$")
STATEMENT_NODES = frozenset({
    "control_statement", "metadata_statement", "namespace_statement", "use_statement", "apply_statement",
    "simple_shape", "enum_shape", "int_enum_shape", "list_shape", "set_shape", "map_shape", "structure_shape",
    "union_shape", "service_shape", "operation_shape", "resource_shape",
})
AGGREGATES = frozenset({"list", "set", "map", "structure", "union"})


@dataclass(slots=True)
class Token:
    kind: str  # word, string, punct (text is the character), group (a closed bracket pair), walrus, other
    text: str


@dataclass(slots=True)
class Frame:
    """An open bracket (or the top level) and what it belongs to.

    Kinds: top, shape_body, enum_body, operation_body, entity_body, apply_body, mixins,
    property_list, property_object, trait (the parentheses of `@t(...)`), trait_object,
    trait_array, value (anything else: defaults, metadata values).
    """

    kind: str
    shape_kind: str | None = None  # of bodies: structure, service, ...
    trait: str | None = None  # of trait frames: the trait's id as written
    path: tuple[str, ...] = ()  # inside a trait value: member names, "[]" for list items
    key: str | None = None  # of property lists and objects: the property
    target: str | None = None  # of apply bodies: the shape id as written
    tokens: list[Token] = field(default_factory=list)  # since the bracket opened
    line: list[Token] = field(default_factory=list)  # since the last line break in this frame


@dataclass(slots=True)
class Cursor:
    frames: list[Frame]
    word: str  # the word typed before the cursor (shape-id characters), without a leading `$`
    word_start: int  # byte offset where `word` starts
    after_at: bool  # the word follows `@`
    after_dollar: bool  # the word follows `$` (control key or elided member)
    in_string: bool = False  # the word is the start of a quoted string (a shape id for @idRef)

    @property
    def frame(self) -> Frame:
        return self.frames[-1]

    @property
    def line(self) -> list[Token]:
        return self.frames[-1].line


def _statement_start(root: tree_sitter.Node, offset: int) -> int:
    """Where the last whole statement starting at or before ``offset`` starts (0 if none).

    Steps back from the statement at ``offset``: listing the file's statements made a
    Python object of each, milliseconds per completion in a file of thousands.  (A tree
    cursor, not `Node.first_child_for_byte`, which crashes past the last child.)"""
    walker = root.walk()
    if walker.goto_first_child_for_byte(offset) is None:  # the first one ending after `offset`
        if not walker.goto_last_child():
            return 0
    elif walker.node.start_byte > offset and not walker.goto_previous_sibling():
        return 0
    while True:
        node = walker.node
        if node.type in STATEMENT_NODES and not node.has_error:
            return node.start_byte
        if not walker.goto_previous_sibling():
            return 0


def word_before(source: bytes, offset: int) -> int:
    start = offset
    while start > 0 and source[start - 1] in WORD_CHARS:
        start -= 1
    return start


def key_state(frame: Frame) -> tuple[str, str | None]:
    """("key", None) when the next token is a key of this object, ("value", key) after `key:`."""
    state, key = "key", None
    for token in frame.tokens:
        if state == "key" and token.kind in ("word", "string"):
            state, key = "colon", token.text.strip('"')
        elif state == "colon" and token.text == ":":
            state = "value"
        elif state == "value":
            state = "key"
        else:
            state = "key"
    if state == "colon":
        return "key", None
    return state, key


def is_object_like(frame: Frame) -> bool:
    """Whether a trait's parentheses hold `key: value` pairs (rather than a single value)."""
    if frame.kind == "trait_object":
        return True
    if frame.kind != "trait":
        return False
    first = frame.tokens[0] if frame.tokens else None
    return first is None or (first.kind == "word" and first.text not in ("true", "false", "null")
                             and not first.text[:1].isdigit() and not first.text.startswith("-"))


def _header(tokens: list[Token]) -> tuple[str | None, str | None]:
    """(shape kind or "apply", the name after it) of the statement a `{` opens, scanning back."""
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if token.kind != "word":
            continue
        if index > 0 and tokens[index - 1].text == "@":
            continue
        if token.text in ALL_KINDS or token.text == "apply":
            name = tokens[index + 1].text if index + 1 < len(tokens) and tokens[index + 1].kind == "word" else None
            return token.text, name
    return None, None


def _open(parent: Frame, bracket: str) -> Frame:
    line = parent.line
    if bracket == "(" and len(line) >= 2 and line[-1].kind == "word" and line[-2].text == "@":
        return Frame("trait", trait=line[-1].text)
    if parent.kind in ("trait", "trait_object", "trait_array"):
        if parent.kind == "trait_array":
            path = parent.path + ("[]",)
        elif is_object_like(parent):
            state, key = key_state(parent)
            path = parent.path + ((key,) if state == "value" and key else ())
        else:
            path = parent.path
        return Frame("trait_object" if bracket == "{" else "trait_array" if bracket == "[" else "value", path=path,
                     trait=parent.trait)
    if bracket == "[" and line and line[-1].kind == "word" and line[-1].text == "with":
        return Frame("mixins")
    if parent.kind == "top" and bracket == "{":
        kind, name = _header(parent.tokens)
        if kind == "apply":
            return Frame("apply_body", target=name)
        if kind in AGGREGATES:
            return Frame("shape_body", shape_kind=kind)
        if kind in ("enum", "intEnum"):
            return Frame("enum_body", shape_kind=kind)
        if kind in ("service", "resource"):
            return Frame("entity_body", shape_kind=kind)
        if kind == "operation":
            return Frame("operation_body", shape_kind=kind)
        return Frame("value")
    if parent.kind == "operation_body" and bracket == "{" and any(t.kind == "walrus" for t in line):
        return Frame("shape_body", shape_kind="structure")
    if parent.kind in ("operation_body", "entity_body") and len(line) >= 2 and line[-1].text == ":" and line[-2].kind == "word":
        return Frame("property_list" if bracket == "[" else "property_object", key=line[-2].text,
                     shape_kind=parent.shape_kind)
    return Frame("value")


def cursor_at(source: bytes, root: tree_sitter.Node | None, offset: int) -> Cursor | None:
    """The context at `offset`, or None inside a comment or a string."""
    offset = max(0, min(offset, len(source)))
    word_start = word_before(source, offset)
    word = source[word_start:offset].decode("utf-8", errors="replace")
    # `$` starts a control key or an elided member; it is not part of the name typed.
    after_dollar = word.startswith("$")
    if after_dollar:
        word, word_start = word[1:], word_start + 1
    start = _statement_start(root, word_start) if root is not None else 0
    text = source[start:word_start - 1 if after_dollar else word_start]
    frames = [Frame("top")]
    last_kind = ""
    in_string = False
    decoded = text.decode("utf-8", errors="replace")
    for match in _TOKEN.finditer(decoded):
        kind = match.lastgroup or "other"  # the outer group: `block` and `string` include their ends
        value = match.group()
        frame = frames[-1]
        last_kind = kind
        if kind == "nl":
            frame.line = []
            continue
        if kind in ("ws", "comment"):
            continue
        if kind == "block" and match.group("block_end") is None:
            return None
        if kind == "string" and match.group("string_end") is None:
            # Only the word right after the opening quote is completed (shape ids of @idRef values).
            if value != '"' or match.end() != len(decoded):
                return None
            in_string = True
            break
        if kind == "block":
            kind = "string"
        if kind == "punct" and value in "{[(":
            frames.append(_open(frame, value))
            continue
        if kind == "punct" and value in "}])":
            if len(frames) > 1:
                frames.pop()
            group = Token("group", value)
            frames[-1].tokens.append(group)
            frames[-1].line.append(group)
            continue
        token = Token(kind, value)
        frame.tokens.append(token)
        frame.line.append(token)
    if last_kind == "comment":
        return None
    after_at = word_start > 0 and source[word_start - 1:word_start] == b"@"
    if after_at:
        # The `@` was lexed as part of the line; the word belongs to it.
        line = frames[-1].line
        if line and line[-1].text == "@":
            line.pop()
            frames[-1].tokens.pop()
    return Cursor(frames, word, word_start, after_at, after_dollar, in_string)


def line_is_traits_only(tokens: list[Token]) -> bool:
    """Whether a line holds nothing but complete trait applications (`@a @b(...)`)."""
    index = 0
    while index < len(tokens):
        if tokens[index].text != "@" or index + 1 >= len(tokens) or tokens[index + 1].kind != "word":
            return False
        index += 2
        if index < len(tokens) and tokens[index].kind == "group" and tokens[index].text == ")":
            index += 1
    return True
