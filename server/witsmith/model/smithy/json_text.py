"""A JSON reader that gives the byte range of every value and key.

The standard library's reader gives values without positions; diagnostics in
JSON AST models need them, but only for the few values they point at.  So values
come from the standard library's (C) reader and ranges are found on first read:
a container's children are located, in order and only as far as needed, by
scanning its text (`_Document.child`).  Text the standard reader refuses, or that this
module's own rules would refuse (nesting depth, `NaN`), is read by `_Reader`, a
scanner that keeps every range at once and says precisely what is wrong.

Texts are scanned as Latin-1 so that one character is one byte; strings are
decoded as UTF-8.
"""

from __future__ import annotations

import json
import re
import threading
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


# Where a child is: the path of its container (the ordinals of the containers from the
# root down, `()` for the root) and its ordinal in it.
ContainerPath = tuple[int, ...]


class _Document:
    """The Latin-1 text of a document read by the standard reader, and the ranges found in
    it so far, by container path.  Nodes point here, never to each other upwards: a tree
    without cycles is freed as soon as its summary is dropped, not at the collector's
    next full pass (a large model re-read on each edit would pile up until then)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Container path -> [offset after the last child found, the children's
        # (start, end, key start, key end)], filled in order and only as far as asked.
        self._found: dict[ContainerPath, list] = {}
        # Two threads may ask for ranges in one summary (the server shares them).
        self.lock = threading.RLock()

    def root(self, values: object) -> JsonNode:
        node = _node(values, self, (), 0, 0)
        # The standard reader took the whole text: the value spans it, blanks aside.
        node.start = self.root_start = _SPACE.match(self.text, 0).end()
        node.end = len(self.text.rstrip(" \t\r\n"))
        return node

    def child(self, container: ContainerPath, index: int) -> tuple[int, int, int, int]:
        """(start, end, key start, key end) of the ``index``-th child of a container; the
        key range is (-1, -1) in arrays.  Children before it are found on the way."""
        with self.lock:
            text = self.text
            found = self._found.get(container)
            if found is None:
                start = self.child(container[:-1], container[-1])[0] if container else self.root_start
                found = self._found[container] = [start + 1, [], text[start] == "{"]
            pos, ranges, is_object = found
            while len(ranges) <= index:
                pos = _SPACE.match(text, pos).end()
                if ranges:
                    pos = _SPACE.match(text, pos + 1).end()  # past the `,`
                key_start = key_end = -1
                if is_object:
                    key_stop = _KEY.match(text, pos).end()
                    key_start, key_end = pos + 1, key_stop - 1
                    pos = _SPACE.match(text, key_stop).end()
                    pos = _SPACE.match(text, pos + 1).end()  # past the `:`
                end = _KEY.match(text, pos).end() if text[pos] == '"' else _SCAN_ONCE(text, pos)[1]
                ranges.append((pos, end, key_start, key_end))
                pos = end
                found[0] = pos
            return ranges[index]


_node_start, _node_end = Node.__dict__["start"], Node.__dict__["end"]
_key_start, _key_end = Entry.__dict__["key_start"], Entry.__dict__["key_end"]


def _located(slot, first: int):
    """A range field read from its slot, found first if unset (`_Document.child`);
    ``first`` is where the pair it belongs to sits in what `child` returns."""
    def read(self) -> int:
        try:
            return slot.__get__(self)
        except AttributeError:
            pass
        found = self._document.child(self._container, self._index)
        self._set(found[first], found[first + 1])
        return slot.__get__(self)

    return property(read, slot.__set__)


class JsonNode(Node):
    """A value read by the standard reader: its range is found on first read (see
    `_Document.child`).  Compares equal to a `Node` with the same fields."""

    __slots__ = ("_document", "_container", "_index")
    start = _located(_node_start, 0)
    end = _located(_node_end, 0)

    def _set(self, start: int, end: int) -> None:
        _node_start.__set__(self, start)
        _node_end.__set__(self, end)

    def __eq__(self, other: object) -> bool:
        return Node.__eq__(_plain(self), _plain(other)) if isinstance(other, Node) else NotImplemented

    __hash__ = None


class JsonEntry(Entry):
    """An object entry read by the standard reader: its key's range is found on first read."""

    __slots__ = ("_document", "_container", "_index")
    key_start = _located(_key_start, 2)
    key_end = _located(_key_end, 2)

    def _set(self, start: int, end: int) -> None:
        _key_start.__set__(self, start)
        _key_end.__set__(self, end)

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


_SCALAR_KINDS = {str: "string", bool: "boolean", int: "number", float: "number", type(None): "null"}
_new = object.__new__


def _node(value: object, document: _Document, container: ContainerPath, index: int, depth: int) -> JsonNode:
    """The node of a value from the standard reader, its range left to find (slots unset:
    making a few hundred thousand nodes is most of the cost of reading a large model)."""
    if depth > MAX_DEPTH:
        raise _TooDeep("JSON nested too deeply")
    node = _new(JsonNode)
    node._document = document
    node._container = container
    node._index = index
    node.value = None
    kind = type(value)
    # What a value cannot hold is an empty tuple, not a list of its own (hundreds of
    # thousands of empty lists were a third of the objects the collector walks).
    if kind is _Pairs:
        node.kind = "object"
        node.items = ()
        node.entries = entries = []
        path = container + (index,) if depth else ()
        depth += 1
        for ordinal, (key, item) in enumerate(value):
            entry = _new(JsonEntry)
            entry.key = key
            entry._document = document
            entry._container = path
            entry._index = ordinal
            scalar = _SCALAR_KINDS.get(type(item))
            if scalar is None:
                entry.value = _node(item, document, path, ordinal, depth)
            else:  # `_node`'s scalar case inline: most values are scalars
                child = entry.value = _new(JsonNode)
                child._document = document
                child._container = path
                child._index = ordinal
                child.kind = scalar
                child.value = item
                child.entries = child.items = ()
            entries.append(entry)
    elif kind is list:
        node.kind = "array"
        node.entries = ()
        path = container + (index,) if depth else ()
        depth += 1
        node.items = [_node(item, document, path, ordinal, depth) for ordinal, item in enumerate(value)]
    else:
        node.kind = _SCALAR_KINDS[kind]
        node.value = value
        node.entries = ()
        node.items = ()
    return node
