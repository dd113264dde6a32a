"""Format Selection in a file with syntax errors: the selected top-level declarations that are
whole and error-free are formatted; the rest of the file is left exactly as it is."""

from __future__ import annotations

from witsmith.features.formatting.edits import ByteEdit
from witsmith.features.formatting.errors import FormatError
from witsmith.features.formatting.smithy import _SHAPES, _SmithyFormatter
from witsmith.features.formatting.wit import _ITEMS, _WitFormatter, detect_indent
from witsmith.syntax import SyntaxTree, parse


def clean_declaration_edits(tree: SyntaxTree, start: int, end: int, wit_indent: str | None = None) -> list[ByteEdit]:
    """Edits formatting each error-free top-level declaration that starts a line and touches
    ``[start, end)``; a declaration that cannot be formatted safely is left alone."""
    edits: list[ByteEdit] = []
    if tree.lang_id == "smithy":
        formatter = _SmithyFormatter(tree)
        kinds, prefix = _SHAPES, b"namespace a\n"
    else:
        formatter = _WitFormatter(tree, wit_indent if wit_indent is not None else detect_indent(tree))
        kinds, prefix = _ITEMS, b""
    for node in tree.root.named_children:
        if node.type not in kinds or node.has_error or node.start_point.column != 0:
            continue
        if node.end_byte <= start or node.start_byte >= end:
            continue
        original = tree.source[node.start_byte : node.end_byte]
        if parse(tree.lang_id, prefix + original).has_errors:
            continue  # the error-free node is only a piece of what the author wrote
        try:
            if tree.lang_id == "smithy":
                formatted = formatter.statement_text(node)
            else:
                formatted = "\n".join(formatter.top_level_item(node))
        except FormatError:
            continue
        if formatted.encode("utf-8") != original:
            edits.append(ByteEdit(node.start_byte, node.end_byte, formatted))
    return edits
