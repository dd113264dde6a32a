"""The one place where byte ranges become protocol ranges and back, in the
position encoding negotiated with the client."""

from __future__ import annotations

from lsprotocol import types

from witsmith.text import Encoding, LineIndex, Position

_ENCODINGS: dict[str, Encoding] = {
    types.PositionEncodingKind.Utf8: "utf-8",
    types.PositionEncodingKind.Utf16: "utf-16",
    types.PositionEncodingKind.Utf32: "utf-32",
}


class PositionCodec:
    def __init__(self, negotiated: str | types.PositionEncodingKind = types.PositionEncodingKind.Utf16) -> None:
        self.encoding: Encoding = _ENCODINGS.get(negotiated, "utf-16")

    def position(self, index: LineIndex, offset: int) -> types.Position:
        p = index.position(offset, self.encoding)
        return types.Position(line=p.line, character=p.character)

    def range(self, index: LineIndex, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(index, start), end=self.position(index, end))

    def offset(self, index: LineIndex, position: types.Position) -> int:
        return index.offset(Position(position.line, position.character), self.encoding)

    def offsets(self, index: LineIndex, range_: types.Range) -> tuple[int, int]:
        return self.offset(index, range_.start), self.offset(index, range_.end)
