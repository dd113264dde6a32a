"""A JSON reader that gives the byte range of every value and key.

The standard library's reader gives values without positions; diagnostics in
JSON AST models need them, but only for the few values they point at.  So values
come from the standard library's (C) reader and ranges are found on first read:
a container's children are located, in order and only as far as needed, by
scanning its text (`JsonNode`).  Text the standard reader refuses, or that this
module's own rules would refuse (nesting depth, `NaN`), is read by `_Reader`, a
scanner that keeps every range at once and says precisely what is wrong.

Texts are scanned as Latin-1 so that one character is one byte; strings are
decoded as UTF-8.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from json.decoder import scanstring

from witsmith.model.smithy.lazy_ranges import UNKNOWN
from witsmith.model.smithy.summary import Entry, Node

MAX_DEPTH = 256
# Service models run to megabytes: whitespace, strings and numbers are matched by
# regular expressions and decoded by the standard library's C string scanner.
_SPACE = re.compile("[ \t\r\n\ufeff\xef\xbb\xbf]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NUMBER = re.compile(r"[+\-0-9.eE]*")


class JsonError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class _Reader:
    def __init__(self, source: bytes) -> None:
        self.text = source.decode("latin-1")
        self.pos = 0

    def skip(self) -> None:
        self.pos = _SPACE.match(self.text, self.pos).end()

    def fail(self, message: str) -> JsonError:
        return JsonError(message, self.pos)

    def value(self, depth: int = 0) -> Node:
        if depth > MAX_DEPTH:
            raise self.fail("JSON nested too deeply")
        self.skip()
        if self.pos >= len(self.text):
            raise self.fail("unexpected end of the JSON text")
        char = self.text[self.pos]
        start = self.pos
        if char == "{":
            self.pos += 1
            node = Node("object", None, start, start)
            self.skip()
            if self.text.startswith("}", self.pos):
                self.pos += 1
            else:
                while True:
                    self.skip()
                    if not self.text.startswith('"', self.pos):
                        raise self.fail("expected a quoted key")
                    key_start = self.pos
                    key = self.string()
                    key_end = self.pos
                    self.skip()
                    if not self.text.startswith(":", self.pos):
                        raise self.fail("expected `:` after the key")
                    self.pos += 1
                    node.entries.append(Entry(key, key_start + 1, key_end - 1, self.value(depth + 1)))
                    self.skip()
                    if self.text.startswith(",", self.pos):
                        self.pos += 1
                        continue
                    if self.text.startswith("}", self.pos):
                        self.pos += 1
                        break
                    raise self.fail("expected `,` or `}`")
            node.end = self.pos
            return node
        if char == "[":
            self.pos += 1
            node = Node("array", None, start, start)
            self.skip()
            if self.text.startswith("]", self.pos):
                self.pos += 1
            else:
                while True:
                    node.items.append(self.value(depth + 1))
                    self.skip()
                    if self.text.startswith(",", self.pos):
                        self.pos += 1
                        continue
                    if self.text.startswith("]", self.pos):
                        self.pos += 1
                        break
                    raise self.fail("expected `,` or `]`")
            node.end = self.pos
            return node
        if char == '"':
            value = self.string()
            return Node("string", value, start, self.pos)
        for word, kind, value in (("true", "boolean", True), ("false", "boolean", False), ("null", "null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return Node(kind, value, start, self.pos)
        end = _NUMBER.match(self.text, self.pos).end()
        raw = self.text[self.pos:end]
        try:
            number = json.loads(raw)
        except ValueError:
            raise self.fail(f"unexpected `{char}`") from None
        if not isinstance(number, (int, float)):
            raise self.fail(f"unexpected `{char}`")
        self.pos = end
        return Node("number", number, start, end)

    def string(self) -> str:
        start = self.pos
        text = self.text
        found = _STRING.match(text, start)
        if found is None:
            raise self.fail("unterminated string")
        self.pos = found.end()
        raw = found.group()
        if raw.isascii():
            try:
                return scanstring(raw, 1)[0]
            except ValueError:
                raise JsonError("invalid string escape", start) from None
        raw = raw.encode("latin-1").decode("utf-8", errors="replace")
        try:
            return json.loads(raw)
        except ValueError:
            raise JsonError("invalid string escape", start) from None


def scan_json(source: bytes) -> Node:
    """The document's root value with every range found at once; raises `JsonError`
    with the offset of the problem."""
    reader = _Reader(source)
    value = reader.value()
    reader.skip()
    if reader.pos != len(reader.text):
        raise reader.fail("unexpected text after the JSON value")
    return value


def read_json(source: bytes) -> Node:
    """The document's root value, its ranges found on first read; raises `JsonError`
    with the offset of the problem (the same value and ranges as `scan_json`)."""
    try:
        text = source.decode("utf-8")
        values = _DECODER.decode(text[1:] if text.startswith("\ufeff") else text)
        document = _Document(source.decode("latin-1"))
        return document.root(values)
    except (ValueError, RecursionError):
        # Not JSON as the standard reader sees it (or nested deeper than MAX_DEPTH): the
        # scanner accepts exactly what it should and reports what is wrong, and where.
        return scan_json(source)


class _Pairs(list):
    """An object's (key, value) pairs as read, in order, duplicates kept."""

    __slots__ = ()


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(object_pairs_hook=_Pairs, parse_constant=_no_constant)
# Ends of values (in text already read once), and keys.
_SCAN_ONCE = json.JSONDecoder().scan_once
_KEY = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


class _TooDeep(ValueError):
    pass


class _Document:
    """The Latin-1 text of a document read by the standard reader, for finding ranges."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Two threads may ask for ranges in one summary (the server shares them).
        self.lock = threading.RLock()

    def root(self, values: object) -> JsonNode:
        node = _node(values, self, 0)
        # The standard reader took the whole text: the value spans it, blanks aside.
        node.start = _SPACE.match(self.text, 0).end()
        node.end = len(self.text.rstrip(" \t\r\n"))
        return node

    def locate(self, container: JsonNode, found: Callable[[], bool]) -> None:
        """Find the ranges of ``container``'s children, in order, until ``found()``."""
        with self.lock:
            text = self.text
            children = container.entries if container.kind == "object" else container.items
            done, pos = getattr(container, "_scanned", None) or (0, container.start + 1)
            while done < len(children) and not found():
                pos = _SPACE.match(text, pos).end()
                if done:
                    pos = _SPACE.match(text, pos + 1).end()  # past the `,`
                if container.kind == "object":
                    entry = children[done]
                    key_end = _KEY.match(text, pos).end()
                    entry.key_start, entry.key_end = pos + 1, key_end - 1
                    pos = _SPACE.match(text, key_end).end()
                    pos = _SPACE.match(text, pos + 1).end()  # past the `:`
                    child = entry.value
                else:
                    child = children[done]
                if text[pos] == '"':
                    end = _KEY.match(text, pos).end()
                else:
                    end = _SCAN_ONCE(text, pos)[1]
                child.start, child.end = pos, end
                pos = end
                done += 1
                container._scanned = (done, pos)


_node_start, _node_end = Node.__dict__["start"], Node.__dict__["end"]
_key_start, _key_end = Entry.__dict__["key_start"], Entry.__dict__["key_end"]


def _located(slot):
    """A range field read from its slot, found first if unset (`_Document.locate`)."""
    def read(self) -> int:
        try:
            return slot.__get__(self)
        except AttributeError:
            pass
        parent = self._parent
        parent_document(parent).locate(parent, lambda: _is_set(slot, self))
        return slot.__get__(self)

    return property(read, slot.__set__)


def _is_set(slot, obj) -> bool:
    try:
        slot.__get__(obj)
    except AttributeError:
        return False
    return True


class JsonNode(Node):
    """A value read by the standard reader: its range is found on first read (see
    `_Document.locate`).  Compares equal to a `Node` with the same fields."""

    __slots__ = ("_parent", "_scanned")
    start = _located(_node_start)
    end = _located(_node_end)

    def __eq__(self, other: object) -> bool:
        return Node.__eq__(_plain(self), _plain(other)) if isinstance(other, Node) else NotImplemented

    __hash__ = None


class JsonEntry(Entry):
    """An object entry read by the standard reader: its key's range is found on first read."""

    __slots__ = ("_parent",)
    key_start = _located(_key_start)
    key_end = _located(_key_end)

    def __eq__(self, other: object) -> bool:
        return Entry.__eq__(_plain(self), _plain(other)) if isinstance(other, Entry) else NotImplemented

    __hash__ = None


def _plain(value):
    """A plain `Node` or `Entry` with the same fields (for comparing across classes)."""
    if isinstance(value, Node):
        return Node(value.kind, value.value, value.start, value.end, list(value.entries), list(value.items))
    if isinstance(value, Entry):
        return Entry(value.key, value.key_start, value.key_end, value.value)
    return value


def parent_document(node: JsonNode | _Document) -> _Document:
    while not isinstance(node, _Document):
        node = node._parent
    return node


_SCALAR_KINDS = {str: "string", bool: "boolean", int: "number", float: "number", type(None): "null"}
_new = object.__new__


def _node(value: object, parent: JsonNode | _Document, depth: int) -> JsonNode:
    """The node of a value from the standard reader, its range left to find (slots unset:
    making a few hundred thousand nodes is most of the cost of reading a large model)."""
    if depth > MAX_DEPTH:
        raise _TooDeep("JSON nested too deeply")
    node = _new(JsonNode)
    node._parent = parent
    node.value = None
    kind = type(value)
    # What a value cannot hold is an empty tuple, not a list of its own (hundreds of
    # thousands of empty lists were a third of the objects the collector walks).
    if kind is _Pairs:
        node.kind = "object"
        node.items = ()
        node.entries = entries = []
        depth += 1
        for key, item in value:
            entry = _new(JsonEntry)
            entry.key = key
            entry._parent = node
            entry.value = _node(item, node, depth)
            entries.append(entry)
    elif kind is list:
        node.kind = "array"
        node.entries = ()
        depth += 1
        node.items = [_node(item, node, depth) for item in value]
    else:
        node.kind = _SCALAR_KINDS[kind]
        node.value = value
        node.entries = ()
        node.items = ()
    return node
