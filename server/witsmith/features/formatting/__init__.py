"""Formatting of Smithy and WIT files: whole files, ranges, and the minimal edits between texts.

``format_text(lang_id, text)`` is the one entry point for both languages; it raises
FormatError (with a message for the user) when a file cannot be formatted safely.
"""

from __future__ import annotations

from witsmith.features.formatting.edits import ByteEdit, apply_edits, minimal_edits
from witsmith.features.formatting.errors import FormatError
from witsmith.features.formatting.smithy import format_smithy, format_smithy_tree
from witsmith.features.formatting.wit import detect_indent, format_wit, format_wit_tree
from witsmith.features.formatting.ranges import clean_declaration_edits
from witsmith.syntax import SyntaxTree, parse


def format_text(
    lang_id: str, text: str, *, wit_indent: str | None = None, tree: SyntaxTree | None = None
) -> str:
    """The formatted text; a byte order mark and Windows line ends are kept.

    ``tree``, when given, is the tree already parsed from ``text`` (it saves a parse).
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    crlf = "\r\n" in body
    if crlf:
        body = body.replace("\r\n", "\n")
    if tree is not None and not bom and not crlf and tree.lang_id == lang_id:
        if lang_id == "smithy":
            return format_smithy_tree(tree)
        if lang_id == "wit":
            return format_wit_tree(tree, wit_indent)
    if lang_id == "smithy":
        formatted = format_smithy(body)
    elif lang_id == "wit":
        formatted = format_wit(body, wit_indent)
    else:
        raise FormatError(f"witsmith does not format {lang_id!r} files")
    if crlf:
        formatted = formatted.replace("\n", "\r\n")
    return bom + formatted


def format_edits(
    lang_id: str, text: str, *, wit_indent: str | None = None, tree: SyntaxTree | None = None
) -> list[ByteEdit]:
    """The line edits that format the whole text."""
    return minimal_edits(text, format_text(lang_id, text, wit_indent=wit_indent, tree=tree))


def format_range(
    lang_id: str,
    text: str,
    start: int,
    end: int,
    *,
    wit_indent: str | None = None,
    tree: SyntaxTree | None = None,
) -> list[ByteEdit]:
    """The edits of formatting the whole file that touch the bytes ``[start, end)``.

    In a file with syntax errors, the error-free top-level declarations the range touches
    are formatted, and nothing else.
    """
    try:
        edits = format_edits(lang_id, text, wit_indent=wit_indent, tree=tree)
    except FormatError:
        if tree is None:
            tree = parse(lang_id, text.encode("utf-8"))
        if not tree.has_errors or "\r\n" in text or text.startswith("\ufeff"):
            raise
        return clean_declaration_edits(tree, start, end, wit_indent)
    return [edit for edit in edits if edit.start < end and edit.end > start or edit.start == edit.end == start]


__all__ = [
    "ByteEdit",
    "format_edits",
    "format_range",
    "FormatError",
    "apply_edits",
    "detect_indent",
    "format_smithy",
    "format_text",
    "format_wit",
    "minimal_edits",
]
