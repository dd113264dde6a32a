"""Offsets and positions agree in every encoding, whatever the text holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from witsmith.text import LineIndex, Position

SOURCE = "a🦀b\r\n日本 x\rlast\u2028same\fline\n".encode()


def test_only_lf_crlf_and_cr_end_lines():
    index = LineIndex(SOURCE)
    assert index.line_count == 4
    assert index.line_bytes(0) == "a🦀b".encode()
    assert index.line_bytes(1) == "日本 x".encode()
    # U+2028 and form feed are not line breaks in the protocol.
    assert index.line_bytes(2) == "last\u2028same\fline".encode()
    assert index.line_bytes(3) == b""


def test_columns_in_each_encoding():
    index = LineIndex(SOURCE)
    b_offset = SOURCE.index(b"b")
    assert index.position(b_offset, "utf-8") == Position(0, 5)
    assert index.position(b_offset, "utf-16") == Position(0, 3)  # the crab is a surrogate pair
    assert index.position(b_offset, "utf-32") == Position(0, 2)
    x_offset = SOURCE.index(b"x")
    assert index.position(x_offset, "utf-16") == Position(1, 3)
    assert index.position(x_offset, "utf-8") == Position(1, 7)


def test_positions_clamp_to_the_line_end():
    index = LineIndex(SOURCE)
    assert index.offset(Position(0, 99)) == SOURCE.index(b"\r\n")
    assert index.offset(Position(99, 0)) == len(SOURCE)
    # An offset between CR and LF belongs to the end of its line.
    assert index.position(SOURCE.index(b"\r\n") + 1) == Position(0, 4)


def test_a_column_inside_a_character_moves_to_its_end():
    index = LineIndex(SOURCE)
    crab_end = SOURCE.index(b"b")
    assert index.offset(Position(0, 2), "utf-16") == crab_end  # half of the surrogate pair
    assert index.offset(Position(0, 3), "utf-8") == crab_end  # inside the 4-byte sequence


def test_byte_order_mark_is_a_character_of_line_zero():
    source = "\ufeffpackage a:b;".encode()
    index = LineIndex(source)
    assert index.position(source.index(b"package"), "utf-16") == Position(0, 1)


text_with_breaks = st.lists(
    st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(["\r\n", "\r", "\n"])),
    max_size=60,
).map("".join)


@given(text=text_with_breaks, encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_every_character_boundary_round_trips(text, encoding):
    source = text.encode()
    index = LineIndex(source)
    offset = 0
    for ch in text:
        position = index.position(offset, encoding)
        target = index.offset(position, encoding)
        # Inside a CRLF pair the position is the line end, which maps back to the CR.
        if not (source[offset - 1 : offset] == b"\r" and source[offset : offset + 1] == b"\n"):
            assert target == offset
        offset += len(ch.encode())


_PIECES = st.sampled_from([b"a", b"xy", b" ", b"\n", b"\r", b"\r\n", "é".encode(), "🦀".encode()])


@given(st.lists(_PIECES, max_size=30).map(b"".join), st.data())
def test_an_edited_index_is_the_index_of_the_edited_text(source, data):
    start = data.draw(st.integers(0, len(source)))
    old_end = data.draw(st.integers(start, len(source)))
    new_text = data.draw(st.lists(_PIECES, max_size=3).map(b"".join))
    edited_source = source[:start] + new_text + source[old_end:]
    edited = LineIndex(source).edited(start, old_end, new_text, edited_source)
    fresh = LineIndex(edited_source)
    assert edited.source is edited_source
    assert edited.line_starts == fresh.line_starts
    assert edited.line_ends == fresh.line_ends
