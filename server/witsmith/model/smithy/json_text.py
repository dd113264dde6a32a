"""A small JSON reader that keeps the byte range of every value and key.

The standard library's reader gives values without positions; diagnostics in
JSON AST models need them.  The text is scanned as Latin-1 so that one character
is one byte, and strings are decoded as UTF-8 afterwards.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring

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


def read_json(source: bytes) -> Node:
    """The document's root value; raises `JsonError` with the offset of the problem."""
    reader = _Reader(source)
    value = reader.value()
    reader.skip()
    if reader.pos != len(reader.text):
        raise reader.fail("unexpected text after the JSON value")
    return value
