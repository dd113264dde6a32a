"""A linear pre-scan of bracket nesting, before a text is parsed.

tree-sitter's time grows with the square of the nesting depth (10,000 levels take
seconds), and no real model nests more than a few dozen levels.  A text whose
brackets nest deeper than `MAX_NESTING` is parsed only up to the bracket that goes
too deep: the rest is blanked (every byte but line breaks becomes a space, so offsets
and lines stay those of the real text), and the bracket gets a diagnostic.

Strings and comments are skipped, so brackets inside them do not count; a closing
bracket without an opening one is ignored.
"""

from __future__ import annotations

import re

MAX_NESTING = 1_500

# Strings and comments, removed (in C) before the brackets are counted.
_STRINGS_AND_COMMENTS = {
    # Text blocks, then strings (loops unrolled: a character class per run, not per byte), then comments.
    "smithy": re.compile(rb'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*(?:"""|\Z)|"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)|//[^\n\r]*',
                         re.DOTALL),
    "wit": re.compile(rb'//[^\n\r]*|/\*.*?(?:\*/|\Z)', re.DOTALL),  # WIT has no strings
}
_BRACKET_BYTES = {"smithy": b"{}[]()", "wit": b"{}[]()<>"}
# The same with the brackets, for finding the offset in the rare text that is too deep.
_BRACKETS = {
    "smithy": re.compile(_STRINGS_AND_COMMENTS["smithy"].pattern + rb'|([{\[(])|[}\])]', re.DOTALL),
    # `->` is an arrow, not a closing angle bracket.
    "wit": re.compile(_STRINGS_AND_COMMENTS["wit"].pattern + rb'|->|([{\[(<])|[}\])>]', re.DOTALL),
}
_OPENING = frozenset(b"{[(<")
_NOT_BRACKET = {lang: bytes(b for b in range(256) if b not in kept) for lang, kept in _BRACKET_BYTES.items()}
_BLANK = bytes(b if b in b"\r\n" else 0x20 for b in range(256))


def too_deep_at(lang_id: str, source: bytes, limit: int = MAX_NESTING) -> int | None:
    """The offset of the first opening bracket nested deeper than ``limit``, or None."""
    if lang_id not in _BRACKET_BYTES:
        return None
    if sum(source.count(bracket) for bracket in (b"{", b"[", b"(", b"<")) <= limit:
        return None  # too few brackets to nest that deep: the usual case costs four counts
    text = _STRINGS_AND_COMMENTS[lang_id].sub(b"", source)
    if lang_id == "wit":
        text = text.replace(b"->", b"")
    brackets = text.translate(None, _NOT_BRACKET[lang_id])
    depth = 0
    for byte in brackets:
        if byte in _OPENING:
            depth += 1
            if depth > limit:
                break
        elif depth:
            depth -= 1
    else:
        return None
    # Deeper than the limit somewhere: find where, with the offsets this time.
    depth = 0
    for match in _BRACKETS[lang_id].finditer(source):
        if match.group(1) is not None:
            depth += 1
            if depth > limit:
                return match.start()
        elif depth and len(match.group()) == 1:
            depth -= 1
    return None


# Bytes whose insertion or removal can change how deep a bracket elsewhere nests: the
# brackets, and what starts or ends a string or a comment (a line break ends `//`).
_STRUCTURAL = {"smithy": re.compile(rb'[{}\[\]()"\\/\n\r]'), "wit": re.compile(rb"[{}\[\]()<>/*\-\n\r]")}
# Bytes that form a token with a neighbour (`//`, `/*`, `*/`, `->`, an escape, `"""`): text
# put between two of them, or taken from between them, changes what they are.
_JOINING = {"smithy": frozenset(b'"\\/'), "wit": frozenset(b"/*->")}


def keeps_nesting(lang_id: str, source: bytes, start: int, old_end: int, new_text: bytes) -> bool:
    """Whether replacing ``source[start:old_end]`` by ``new_text`` leaves the depth of
    every bracket as it was (so the pre-scan's verdict on the text holds): neither text
    holds a byte that counts for nesting, and the edit does not split or join a token
    made of such bytes.  Typing a name or a word is such an edit; the pre-scan of a
    large file costs milliseconds, more than reparsing it after a keystroke."""
    structural = _STRUCTURAL.get(lang_id)
    if structural is None:
        return True
    if structural.search(new_text) or structural.search(source, start, old_end):
        return False
    joining = _JOINING[lang_id]
    return not ((start > 0 and source[start - 1] in joining) or (old_end < len(source) and source[old_end] in joining))


def blank_from(source: bytes, offset: int) -> bytes:
    """The text with every byte from ``offset`` on blanked, line breaks kept."""
    return source[:offset] + source[offset:].translate(_BLANK)
