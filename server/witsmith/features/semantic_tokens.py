"""Semantic tokens from each grammar's ``highlights.scm``.

Capture names map onto the protocol's standard token types; modifiers mark
declarations, documentation and built-ins.  Where captures overlap, the innermost
(and then the first-listed) wins, so a token is never reported twice.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import tree_sitter

from witsmith.syntax import SyntaxTree, query
from witsmith.syntax.languages import query_source

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


class SemanticToken(NamedTuple):
    """A token's byte range and classification (a named tuple: a large file has tens of
    thousands, and a frozen dataclass took a third of the time to build them)."""

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
    # Captures without their matches: building a dictionary per match cost more than the
    # query itself.  Which pattern captured a node only matters where one node has two
    # capture names; `_by_capture` settles those from the grammar's pattern order, or says
    # it cannot, and then the matches are read after all.
    found = _by_capture(tree.lang_id, cursor.captures(tree.root)) if tree.root.end_byte < _LOW else None
    if found is not None:
        return found
    cursor = tree_sitter.QueryCursor(highlights)
    cursor.set_byte_range(start, tree.root.end_byte if end is None else end)
    return _by_match(cursor.matches(tree.root))


def _by_match(matches) -> list[SemanticToken]:
    # (start, -end, pattern, capture): sorted, nodes come by start and widest first.
    candidates: list[tuple[int, int, int, str]] = []
    append = candidates.append
    for pattern, captures in matches:
        for capture, nodes in captures.items():
            if _classify(capture) is None:
                continue  # punctuation, injections, helper captures
            for node in nodes:
                node_start, node_end = node.start_byte, node.end_byte
                if node_start < node_end:
                    append((node_start, -node_end, pattern, capture))
    return _innermost(candidates)


@cache
def _pattern_spans(lang_id: str) -> dict[str, tuple[int, int]]:
    """For each capture name of the highlights query, the first and last pattern that mentions it.

    Read from the query's text, so a name written in a predicate or a string only widens a
    span, which makes `_by_capture` give up more often, never answer wrongly."""
    highlights = query(lang_id, "highlights")
    source = query_source(lang_id, "highlights").encode("utf-8")
    spans: dict[str, tuple[int, int]] = {}
    for pattern in range(highlights.pattern_count):
        text = source[highlights.start_byte_for_pattern(pattern):highlights.end_byte_for_pattern(pattern)]
        for name in set(re.findall(rb"@([A-Za-z_][A-Za-z0-9_.\-]*)", text)):
            name = name.decode("ascii")
            first, last = spans.get(name, (pattern, pattern))
            spans[name] = (min(first, pattern), max(last, pattern))
    return spans


def _by_capture(lang_id: str, captures: dict[str, list[tree_sitter.Node]]) -> list[SemanticToken] | None:
    """The tokens `_by_match` would give, from captures alone; None when the patterns that
    captured some node under two names cannot be told apart that way.

    The earliest pattern wins on a node.  When every pattern that mentions name A comes
    before every pattern that mentions name B, A wins wherever both capture one node,
    whichever patterns matched; otherwise only the matches can say.
    """
    spans = _pattern_spans(lang_id)
    # A range as one integer that sorts by start, then widest first (sorting integers is
    # several times cheaper than sorting tuples): start * 2**32 + (2**32 - 1 - end).
    names: dict[int, str] = {}
    several: dict[int, set[str]] = {}  # ranges that nodes captured under more than one name
    for capture, nodes in captures.items():
        if _classify(capture) is None:
            continue  # punctuation, injections, helper captures
        if capture not in spans:
            return None
        for node in nodes:
            node_start, node_end = node.start_byte, node.end_byte
            if node_start < node_end:
                key = (node_start << 32) | (_LOW - node_end)
                known = names.setdefault(key, capture)
                if known is not capture and known != capture:
                    several.setdefault(key, {known}).add(capture)
    ranges = sorted(names)
    tokens: list[SemanticToken] = []
    append = tokens.append
    last = len(ranges) - 1
    for index, key in enumerate(ranges):
        token_start, token_end = key >> 32, _LOW - (key & _LOW)
        # Sorted by start, widest first: another capture lies inside this one exactly
        # when the next range starts before this one ends (see `_innermost`).
        if index < last and ranges[index + 1] >> 32 < token_end:
            continue
        capture = names[key]
        if key in several:
            capture = _earliest(several[key], spans)
            if capture is None:
                return None
        append(SemanticToken(token_start, token_end, *_classify(capture)))
    return tokens


_LOW = (1 << 32) - 1


def _earliest(names: set[str], spans: dict[str, tuple[int, int]]) -> str | None:
    """The name that every pattern order makes win among names capturing one node, if any."""
    if len(names) == 1:
        return next(iter(names))
    winner = min(names, key=lambda name: spans[name])
    last = spans[winner][1]
    if all(spans[name][0] > last for name in names if name != winner):
        return winner
    return None


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
