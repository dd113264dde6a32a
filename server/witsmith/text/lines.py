"""A line index over UTF-8 source bytes.

Only ``\\n``, ``\\r\\n`` and ``\\r`` end a line, as the Language Server Protocol says:
not the form feeds, vertical tabs and Unicode separators ``str.splitlines`` breaks on.
Columns count code units of the chosen encoding; a position past the end of its
line clamps to the line's end, as the protocol asks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Literal

Encoding = Literal["utf-8", "utf-16", "utf-32"]

_LINE_END = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True, slots=True, order=True)
class Position:
    line: int
    character: int


def _units(text: str, encoding: Encoding) -> int:
    if encoding == "utf-16":
        # Characters outside the Basic Multilingual Plane take two UTF-16 units.
        return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-8", errors="surrogateescape"))


def _pieces(data: bytes):
    """Characters of possibly invalid UTF-8 with the bytes each takes, counted as an
    editor counts them: a surrogate (which a client's UTF-16 text may hold alone, and
    which arrives encoded as three bytes) is one character, and each maximal invalid
    subsequence is one U+FFFD, as the WHATWG and Unicode decoders do."""
    index, size = 0, len(data)
    while index < size:
        lead = data[index]
        if lead < 0x80:
            yield chr(lead), 1
            index += 1
            continue
        length = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
        chunk = data[index:index + length] if length else data[index:index + 1]
        try:
            if length:
                yield chunk.decode("utf-8"), length
                index += length
                continue
        except UnicodeDecodeError as error:
            if lead == 0xED and len(chunk) == 3 and 0xA0 <= chunk[1] <= 0xBF and 0x80 <= chunk[2] <= 0xBF:
                yield chunk.decode("utf-8", errors="surrogatepass"), 3
                index += 3
                continue
            bad = max(1, error.end)
            yield "\ufffd", bad
            index += bad
            continue
        yield "\ufffd", 1
        index += 1


def _decoded(data: bytes) -> str:
    """The text an editor holds for these bytes (see `_pieces`)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(char for char, _ in _pieces(data))


class LineIndex:
    """Byte offsets of each line's start; a line ends before its line break."""

    __slots__ = ("source", "_starts", "_ends")

    def __init__(self, source: bytes) -> None:
        self.source = source
        self._ends: list[int] | None = None
        if b"\r" not in source or source.count(b"\r") == source.count(b"\r\n"):
            # No lone CR (the usual case, CRLF included): splitting on LF in C is
            # an order of magnitude faster than a regex walk in Python.
            lengths = map(len, source.split(b"\n")[:-1])
            self._starts = [0, *accumulate(map((1).__add__, lengths))]
        else:
            self._starts = [0, *(match.end() for match in _LINE_END.finditer(source))]

    def edited(self, start: int, old_end: int, new_text: bytes, source: bytes) -> LineIndex:
        """The index of ``source``, which is this index's text with ``[start, old_end)``
        replaced by ``new_text``.  A keystroke within a line moves the starts of the
        lines after it; splitting the text of a long file again took milliseconds.  An
        edit that adds, removes or may join a line break is indexed afresh."""
        old = self.source
        removed = old[start:old_end]
        if (b"\n" in new_text or b"\r" in new_text or b"\n" in removed or b"\r" in removed
                or (start > 0 and old[start - 1] == 0x0D)):  # after a CR: a CRLF may form or split
            return LineIndex(source)
        delta = len(new_text) - len(removed)
        made = LineIndex.__new__(LineIndex)
        made.source = source
        made._ends = None
        if delta == 0:
            made._starts = self._starts  # never changed once made (see `line_starts`)
        else:
            line = bisect.bisect_right(self._starts, start) - 1
            made._starts = self._starts[:line + 1] + list(map(delta.__add__, self._starts[line + 1:]))
        return made

    @property
    def line_count(self) -> int:
        return len(self._starts)

    @property
    def line_starts(self) -> list[int]:
        """Each line's start offset, ascending (the index's own list: read it, never change it)."""
        return self._starts

    @property
    def line_ends(self) -> list[int]:
        """Each line's `line_end`, computed once (bulk conversions read every line)."""
        if self._ends is None:
            if b"\r" in self.source:
                self._ends = [self.line_end(line) for line in range(len(self._starts))]
            else:  # every line but the last ends just before the LF that starts the next
                self._ends = [*map((-1).__add__, self._starts[1:]), len(self.source)]
        return self._ends

    def line_of(self, offset: int) -> int:
        offset = max(0, min(offset, len(self.source)))
        return bisect.bisect_right(self._starts, offset) - 1

    def line_start(self, line: int) -> int:
        return self._starts[line]

    def line_end(self, line: int) -> int:
        """The offset of the line's break (or of the end of the source)."""
        if line + 1 >= len(self._starts):
            return len(self.source)
        end = self._starts[line + 1]
        if self.source[end - 1] == 0x0A:  # LF, maybe after a CR
            end -= 1
        if end > self._starts[line] and self.source[end - 1] == 0x0D:
            end -= 1
        return end

    def line_bytes(self, line: int) -> bytes:
        return self.source[self._starts[line] : self.line_end(line)]

    def position(self, offset: int, encoding: Encoding = "utf-16") -> Position:
        """The position of a byte offset; an offset inside a line break maps to the line's end."""
        offset = max(0, min(offset, len(self.source)))
        line = self.line_of(offset)
        start = self._starts[line]
        column_bytes = min(offset, self.line_end(line)) - start
        if encoding == "utf-8":
            return Position(line, column_bytes)
        prefix = _decoded(self.source[start : start + column_bytes])
        return Position(line, _units(prefix, encoding))

    def offset(self, position: Position, encoding: Encoding = "utf-16") -> int:
        """The byte offset of a position, clamped to the document and to the line's end.

        A column that falls inside a character (half of a UTF-16 surrogate pair,
        part of a UTF-8 sequence) moves to that character's end.
        """
        if position.line < 0:
            return 0
        if position.line >= len(self._starts):
            return len(self.source)
        start, end = self._starts[position.line], self.line_end(position.line)
        if encoding == "utf-8":
            column = max(0, min(position.character, end - start))
            # Never split a UTF-8 sequence: continuation bytes are 0b10xxxxxx.
            while start + column < end and column > 0 and (self.source[start + column] & 0xC0) == 0x80:
                column += 1
            return start + column
        line = self.source[start:end]
        try:
            pieces = [(ch, len(ch.encode("utf-8"))) for ch in line.decode("utf-8")]
        except UnicodeDecodeError:
            pieces = list(_pieces(line))
        remaining = max(0, position.character)
        consumed = 0
        for ch, length in pieces:
            if remaining <= 0:
                break
            remaining -= _units(ch, encoding)
            consumed += length
        return start + consumed
