"""Columns counted as the client counts them, also in text that is not valid UTF-8:
a lone surrogate (which an editor's UTF-16 text can hold) is one character, and each
maximal invalid byte sequence is one U+FFFD, as editors decode it."""

from __future__ import annotations

import subprocess
import sys

from witsmith.text import LineIndex
from witsmith.text.lines import Position


def test_a_lone_surrogate_is_one_utf16_unit():
    source = "a\ud800b x".encode("utf-8", errors="surrogatepass")
    index = LineIndex(source)
    assert index.position(source.index(b"x"), "utf-16") == Position(0, 4)
    assert index.offset(Position(0, 4), "utf-16") == source.index(b"x")


def test_a_truncated_sequence_is_one_character():
    source = b"a\xe2\x82b x\n\xff\xfe y"
    index = LineIndex(source)
    assert index.position(source.index(b"x"), "utf-32") == Position(0, 4)
    assert index.position(source.index(b"x"), "utf-16") == Position(0, 4)
    assert index.offset(Position(0, 4), "utf-32") == source.index(b"x")
    # Two invalid bytes that begin no sequence are two characters.
    assert index.position(source.index(b"y"), "utf-32") == Position(1, 3)


def test_check_columns_after_a_truncated_sequence_match_an_editor(tmp_path):
    (tmp_path / "a.wit").write_bytes(b"package a:b;\ninterface i { /* \xe2\x82 */ type t = nope; }\n")
    result = subprocess.run([sys.executable, "-m", "witsmith", "check", "a.wit"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    unknown = [line for line in result.stdout.splitlines() if "wit/unknown-type" in line]
    assert unknown and unknown[0].startswith("a.wit:2:32:"), result.stdout
