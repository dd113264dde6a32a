"""Semantic tokens from each grammar's ``highlights.scm``.

Capture names map onto the protocol's standard token types; modifiers mark
declarations, documentation and built-ins.  Where captures overlap, the innermost
(and then the first-listed) wins, so a token is never reported twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter

from witsmith.syntax import SyntaxTree, query

TOKEN_TYPES = (
    "namespace", "type", "class", "enum", "interface", "struct", "typeParameter", "parameter",
    "variable", "property", "enumMember", "event", "function", "method", "macro", "keyword",
    "modifier", "comment", "string", "number", "regexp", "operator", "decorator",
)
TOKEN_MODIFIERS = ("declaration", "definition", "readonly", "static", "deprecated", "abstract",
                   "async", "modification", "documentation", "defaultLibrary")

# The first dotted prefix of a capture name found here decides the token type.
_CAPTURE_TYPES = {
    "comment": "comment",
    "keyword": "keyword",
    "string": "string",
    "number": "number",
    "boolean": "keyword",
    "constant.builtin": "keyword",
    "constant": "enumMember",
    "type": "type",
    "function.method": "method",
    "function": "function",
    "constructor": "method",
    "property": "property",
    "variable.member": "property",
    "variable.parameter": "parameter",
    "variable": "variable",
    "attribute": "decorator",
    "module": "namespace",
    "namespace": "namespace",
    "operator": "operator",
}


@dataclass(frozen=True, slots=True)
class SemanticToken:
    start: int
    end: int
    token_type: str
    modifiers: frozenset[str]


def _classify(capture: str) -> tuple[str, frozenset[str]] | None:
    parts = capture.split(".")
    for length in range(len(parts), 0, -1):
        token_type = _CAPTURE_TYPES.get(".".join(parts[:length]))
        if token_type is not None:
            modifiers = set()
            if "definition" in parts:
                modifiers.add("declaration")
            if "documentation" in parts:
                modifiers.add("documentation")
            if "builtin" in parts:
                modifiers.add("defaultLibrary")
            return token_type, frozenset(modifiers)
    return None  # punctuation and the like: left to the editor's own highlighting


def semantic_tokens(tree: SyntaxTree, start: int = 0, end: int | None = None) -> list[SemanticToken]:
    highlights = query(tree.lang_id, "highlights")
    cursor = tree_sitter.QueryCursor(highlights)
    cursor.set_byte_range(start, tree.root.end_byte if end is None else end)
    candidates: list[tuple[int, int, int, str]] = []  # (start, -end -> innermost later, pattern, capture)
    for pattern, captures in cursor.matches(tree.root):
        for capture, nodes in captures.items():
            if capture.startswith("_") or capture.startswith("injection"):
                continue
            for node in nodes:
                if node.start_byte < node.end_byte:
                    candidates.append((node.start_byte, node.end_byte, pattern, capture))
    # Innermost first, then the earliest pattern: keep one token per byte.
    candidates.sort(key=lambda c: (c[1] - c[0], c[2]))
    taken: list[tuple[int, int]] = []
    tokens: list[SemanticToken] = []
    for token_start, token_end, _, capture in candidates:
        classified = _classify(capture)
        if classified is None:
            continue
        if any(token_start < t_end and t_start < token_end for t_start, t_end in taken):
            continue
        taken.append((token_start, token_end))
        tokens.append(SemanticToken(token_start, token_end, *classified))
    tokens.sort(key=lambda t: t.start)
    return tokens
