"""Semantic tokens from each grammar's ``highlights.scm``.

Capture names map onto the protocol's standard token types; modifiers mark
declarations, documentation and built-ins.  Where captures overlap, the innermost
(and then the first-listed) wins, so a token is never reported twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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


@cache  # a grammar has a few dozen capture names; files have tens of thousands of captures
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
    # (start, -end, pattern, capture): sorted, nodes come by start and widest first.
    candidates: list[tuple[int, int, int, str]] = []
    append = candidates.append
    for pattern, captures in cursor.matches(tree.root):
        for capture, nodes in captures.items():
            if _classify(capture) is None:
                continue  # punctuation, injections, helper captures
            for node in nodes:
                node_start, node_end = node.start_byte, node.end_byte
                if node_start < node_end:
                    append((node_start, -node_end, pattern, capture))
    return _innermost(candidates)


def _innermost(candidates: list[tuple[int, int, int, str]]) -> list[SemanticToken]:
    """One token per byte: where captures overlap, the innermost wins, and among
    captures of one node the earliest pattern.

    Captures are tree nodes, so two of them either nest or are disjoint.  A capture
    therefore loses exactly when another capture lies inside it, or covers the same
    bytes from an earlier pattern.  Sorted by start, then widest first, a range has
    another inside it exactly when the next different range starts before it ends:
    one sort and one pass, however many tokens a file has.
    """
    candidates.sort(key=_sort_key)  # stable: among equals, the first captured wins
    tokens: list[SemanticToken] = []
    count = len(candidates)
    index = 0
    while index < count:
        token_start, negative_end, _, capture = candidates[index]
        following = index + 1
        while (following < count and candidates[following][0] == token_start
               and candidates[following][1] == negative_end):
            following += 1
        if following == count or candidates[following][0] >= -negative_end:
            tokens.append(SemanticToken(token_start, -negative_end, *_classify(capture)))
        index = following
    return tokens


def _sort_key(candidate: tuple[int, int, int, str]) -> tuple[int, int, int]:
    return candidate[0], candidate[1], candidate[2]
