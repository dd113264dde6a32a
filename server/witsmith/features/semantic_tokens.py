"""Semantic tokens from each grammar's ``highlights.scm``.

Capture names map onto the protocol's standard token types; modifiers mark
declarations, documentation and built-ins.  Where captures overlap, the innermost
(and then the first-listed) wins, so a token is never reported twice.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import chain, compress, islice, repeat
from operator import add, and_, attrgetter, eq, ge, lshift, ne, not_, or_, rshift, sub
from typing import NamedTuple

import tree_sitter

from witsmith.syntax import SyntaxTree, query
from witsmith.syntax.languages import language, query_source

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


class TokenSpans(NamedTuple):
    """Tokens as three columns, sorted by start (a large file has tens of thousands of
    tokens, and one object per token cost more than finding them).  A kind is
    ``type index << 16 | modifier bits``, indexes into `TOKEN_TYPES` and `TOKEN_MODIFIERS`."""

    starts: list[int]
    ends: list[int]
    kinds: list[int]


def semantic_tokens(tree: SyntaxTree, start: int = 0, end: int | None = None) -> list[SemanticToken]:
    spans = semantic_token_spans(tree, start, end)
    return [SemanticToken(s, e, *_kind_names(k)) for s, e, k in zip(*spans)]


def semantic_token_spans(tree: SyntaxTree, start: int = 0, end: int | None = None) -> TokenSpans:
    """The tokens of a tree, or of the nodes overlapping ``[start, end)`` (read the lists, never change them)."""
    global _last_whole
    whole = start == 0 and end is None
    last = _last_whole
    if whole and last is not None and last[0] is tree:
        return last[1]  # editors ask again for an unchanged document (a tab shown again, a refresh)
    found = _spans(tree, start, end)
    if whole:
        _last_whole = (tree, found)
    return found


# The last whole tree's tokens, kept with the tree itself so that identity means the same text.
_last_whole: tuple[SyntaxTree, TokenSpans] | None = None


def _spans(tree: SyntaxTree, start: int, end: int | None) -> TokenSpans:
    lean, splits = _lean_query(tree.lang_id)
    cursor = tree_sitter.QueryCursor(lean)
    cursor.set_byte_range(start, tree.root.end_byte if end is None else end)
    # Captures without their matches: building a dictionary per match cost more than the
    # query itself.  Which pattern captured a node only matters where one node has two
    # capture names; `_by_capture` settles those from the grammar's pattern order, or says
    # it cannot, and then the matches are read after all.
    found = (_by_capture(tree.lang_id, cursor.captures(tree.root), tree.source, splits)
             if tree.root.end_byte < _LOW else None)
    if found is not None:
        return found
    highlights = _token_query(tree.lang_id)
    cursor = tree_sitter.QueryCursor(highlights)
    cursor.set_byte_range(start, tree.root.end_byte if end is None else end)
    return _by_match(cursor.matches(tree.root))


@cache
def _token_query(lang_id: str) -> tree_sitter.Query:
    """The highlights query without the captures no token comes from (punctuation and
    helpers): a fifth of a file's captures, which the query then neither records nor
    turns into Python objects, and without the patterns that capture nothing else.  Its
    own copy, so other users of the query see them all."""
    return _only_token_captures(query_source(lang_id, "highlights").encode("utf-8"), lang_id, set())


def _only_token_captures(source: bytes, lang_id: str, kept: set[str]) -> tree_sitter.Query:
    """A query of ``source`` that captures only names giving tokens, and ``kept``."""
    compiled = tree_sitter.Query(language(lang_id), source.decode("utf-8"))
    for index in range(compiled.capture_count):
        name = compiled.capture_name(index)
        if _classify(name) is None and name not in kept:
            compiled.disable_capture(name)
    # A pattern that captures only other names is not run at all (pattern numbers stay).
    for pattern in range(compiled.pattern_count):
        text = source[compiled.start_byte_for_pattern(pattern):compiled.end_byte_for_pattern(pattern)]
        names = {name.decode("ascii") for name in re.findall(rb"@(" + _NAME + rb")", text)}
        if names and all(_classify(name) is None and name not in kept for name in names):
            compiled.disable_pattern(pattern)
    return compiled


class _Split(NamedTuple):
    """Two neighbouring patterns of the highlights query that differ only in a test of a
    node's text, run as one pattern (see `_lean_query`)."""

    values: frozenset[bytes]
    inside: str  # the name the first pattern gives a node whose text is one of the values
    outside: str  # the name the second pattern gives the others


_NAME = rb"[A-Za-z_][A-Za-z0-9_.\-]*"
_TEXT_TEST = re.compile(rb'\(#(not-)?any-of\?\s+@(' + _NAME + rb')((?:\s+"[^"\\]*")+)\s*\)')


@cache
def _lean_query(lang_id: str) -> tuple[tree_sitter.Query, dict[str, _Split]]:
    """`_token_query` for reading captures alone, with each pair of patterns that name a
    node by whether its text is one of some values (``#any-of?``, then ``#not-any-of?``
    with the same values) run as one pattern without the test, under a name of its own;
    `_by_capture` reads the text and gives each node its name.

    The query engine tests the text in Python objects, once per pattern and node, and
    its ``#not-any-of?`` holds for any text (it asks whether the text differs from *some*
    value), so every node matched both patterns: Smithy's prelude types were a tenth of a
    model's captures twice over.  Pattern numbers change here, so the matches, when
    needed, are read from `_token_query`."""
    source = query_source(lang_id, "highlights").encode("utf-8")
    highlights = query(lang_id, "highlights")
    bounds = [(highlights.start_byte_for_pattern(p), highlights.end_byte_for_pattern(p))
              for p in range(highlights.pattern_count)]
    splits: dict[str, _Split] = {}
    lean = bytearray()
    copied = 0
    pattern = 0
    while pattern + 1 < len(bounds):
        (first_start, first_end), (second_start, second_end) = bounds[pattern], bounds[pattern + 1]
        name = f"_split{len(splits)}"
        merged = _merged(source[first_start:first_end], source[second_start:second_end], name)
        if merged is None:
            pattern += 1
            continue
        body, splits[name] = merged
        lean += source[copied:first_start] + body
        copied = second_end
        pattern += 2
    lean += source[copied:]
    return _only_token_captures(bytes(lean), lang_id, set(splits)), splits


def _merged(first: bytes, second: bytes, name: str) -> tuple[bytes, _Split] | None:
    """The one pattern ``first`` and ``second`` make, capturing under ``name``, if they
    differ only in an ``#any-of?`` and a ``#not-any-of?`` of the same values on the
    one node they name, both names giving tokens."""
    tests = list(_TEXT_TEST.finditer(first)), list(_TEXT_TEST.finditer(second))
    if len(tests[0]) != 1 or len(tests[1]) != 1:
        return None
    any_of, not_any_of = tests[0][0], tests[1][0]
    if any_of.group(1) or not not_any_of.group(1):
        return None
    inside, outside = any_of.group(2), not_any_of.group(2)
    values = re.findall(rb'"([^"]*)"', any_of.group(3))
    if set(values) != set(re.findall(rb'"([^"]*)"', not_any_of.group(3))):
        return None
    if _kind(inside.decode("ascii")) is None or _kind(outside.decode("ascii")) is None:
        return None
    bodies = []
    for text, test, capture in ((first, any_of, inside), (second, not_any_of, outside)):
        body = text[:test.start()] + text[test.end():]
        mention = re.compile(rb"@" + re.escape(capture) + rb"(?![A-Za-z0-9_.\-])")
        if b"(#" in body or len(mention.findall(body)) != 1:
            return None  # other tests, or the name on more than one node
        bodies.append(mention.sub(b"@" + name.encode("ascii"), body))
    if re.sub(rb"\s+", b" ", bodies[0]) != re.sub(rb"\s+", b" ", bodies[1]):
        return None
    return bodies[0], _Split(frozenset(values), inside.decode("ascii"), outside.decode("ascii"))


@cache
def _kind(capture: str) -> int | None:
    classified = _classify(capture)
    if classified is None:
        return None
    token_type, modifiers = classified
    bits = 0
    for bit, modifier in enumerate(TOKEN_MODIFIERS):
        if modifier in modifiers:
            bits |= 1 << bit
    return TOKEN_TYPES.index(token_type) << 16 | bits


@cache
def _kind_names(kind: int) -> tuple[str, frozenset[str]]:
    return TOKEN_TYPES[kind >> 16], frozenset(m for bit, m in enumerate(TOKEN_MODIFIERS) if kind >> bit & 1)


def _by_match(matches) -> TokenSpans:
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


def _by_capture(lang_id: str, captures: dict[str, list[tree_sitter.Node]], source: bytes = b"",
                splits: dict[str, _Split] | None = None) -> TokenSpans | None:
    """The tokens `_by_match` would give, from captures alone; None when the patterns that
    captured some node under two names cannot be told apart that way.

    The earliest pattern wins on a node.  When every pattern that mentions name A comes
    before every pattern that mentions name B, A wins wherever both capture one node,
    whichever patterns matched; otherwise only the matches can say.
    """
    spans = _pattern_spans(lang_id)
    token_names = [capture for capture in captures if _kind(capture) is not None]
    if not all(map(spans.__contains__, token_names)):
        return None
    ranges = [(capture, _kind(capture), *_node_ranges(captures[capture])) for capture in token_names]
    for name, split in (splits or {}).items():
        if name in captures:
            starts, ends = _node_ranges(captures[name])
            inside = list(map(split.values.__contains__, map(source.__getitem__, map(slice, starts, ends))))
            outside = list(map(not_, inside))
            ranges.append((split.inside, _kind(split.inside), list(compress(starts, inside)), list(compress(ends, inside))))
            ranges.append((split.outside, _kind(split.outside), list(compress(starts, outside)), list(compress(ends, outside))))
    # Names whose patterns come last go first, so that where a node has two names the
    # earlier name's kind overwrites the later one's in one C-level dictionary update:
    # no Python statement per node, which cost more than the query that found the node.
    ranges.sort(key=lambda named: spans[named[0]], reverse=True)
    found = _by_start(ranges, spans)
    return _by_range(ranges, spans) if found is _SHARED_STARTS else found


def _node_ranges(nodes: list[tree_sitter.Node]) -> tuple[list[int], list[int]]:
    starts = list(map(_start_byte, nodes))
    ends = list(map(_end_byte, nodes))
    if any(map(eq, starts, ends)):  # a MISSING node: no bytes, no token
        sized = list(map(ne, starts, ends))
        starts, ends = list(compress(starts, sized)), list(compress(ends, sized))
    return starts, ends


class _SharedStarts:
    """`_by_start`'s answer when two different ranges start at one byte."""


_SHARED_STARTS = _SharedStarts()


def _by_start(ranges: list[tuple[str, int, list[int], list[int]]],
              spans: dict[str, tuple[int, int]]) -> TokenSpans | None | _SharedStarts:
    """`_by_capture` where no two different ranges start at one byte (the usual case):
    ranges put in order by their start alone, a small integer, through the positions of
    three flat columns, cheaper than dictionaries keyed by start."""
    starts = list(chain.from_iterable(name_starts for _, _, name_starts, _ in ranges))
    ends = list(chain.from_iterable(name_ends for _, _, _, name_ends in ranges))
    kinds = list(chain.from_iterable(repeat(kind, len(name_starts)) for _, kind, name_starts, _ in ranges))
    order = sorted(range(len(starts)), key=starts.__getitem__)
    in_order = list(map(starts.__getitem__, order))
    if any(map(eq, in_order, islice(in_order, 1, None))):  # some byte starts more than one capture
        end_at = dict(zip(starts, ends))
        # Built in one go, a later item overwriting an earlier one: names come latest
        # patterns first, so on a node with two names the earlier name's kind is what stays.
        kind_at = dict(zip(starts, kinds))
        if not all(map(eq, map(end_at.__getitem__, starts), ends)):
            return _SHARED_STARTS
        if not _settled(ranges, kind_at, spans):
            return None
        starts, ends, kinds = list(end_at), list(end_at.values()), list(kind_at.values())
        order = sorted(range(len(starts)), key=starts.__getitem__)
        in_order = list(map(starts.__getitem__, order))
    ends = list(map(ends.__getitem__, order))
    kinds = list(map(kinds.__getitem__, order))
    # Captures are tree nodes, which nest or are apart: another capture lies inside a
    # range exactly when the next range starts before this one ends (see `_innermost`).
    following = in_order[1:]
    following.append(_LOW)
    kept_flags = list(map(ge, following, ends))
    if not all(kept_flags):
        in_order, ends, kinds = (list(compress(column, kept_flags)) for column in (in_order, ends, kinds))
    # New integer objects, laid out in memory in the order they are read: the ones
    # read from the nodes lie in the order the query found them, and every later pass
    # over 40,000 scattered objects (the encoding makes several) missed the cache.
    return TokenSpans(list(map(add, in_order, repeat(0))), list(map(add, ends, repeat(0))), kinds)


def _settled(ranges: list[tuple[str, int, list[int], list[int]]], kind_at: dict[int, int],
             spans: dict[str, tuple[int, int]]) -> bool:
    """Whether, wherever a name lost its node to a name of another kind, every pattern
    order makes it lose: each name of the winning kind that came after it (and so might
    have won) is mentioned only by patterns before all of the losing name's."""
    for position, (capture, kind, starts, _) in enumerate(ranges):
        first = spans[capture][0]
        for winning_kind in set(map(kind_at.__getitem__, starts)) - {kind}:
            if any(spans[other][1] >= first for other, other_kind, _, _ in ranges[position + 1:]
                   if other_kind == winning_kind):
                return False
    return True


def _by_range(ranges: list[tuple[str, int, list[int], list[int]]],
              spans: dict[str, tuple[int, int]]) -> TokenSpans | None:
    """`_by_capture` for any ranges, nested ones with one start included."""
    # A range as one integer that sorts by start, then widest first (sorting integers is
    # several times cheaper than sorting tuples): start * 2**32 + (2**32 - 1 - end).
    kind_at: dict[int, int] = {}
    merged: dict[int, list[str]] = {}  # the names merged so far, by kind
    for capture, kind, starts, ends in ranges:
        keys = dict.fromkeys(map(or_, map(lshift, starts, repeat(32)), map(sub, repeat(_LOW), ends)), kind)
        if kind_at:
            shared = keys.keys() & kind_at.keys()
            if shared and not _overrides(capture, kind, set(map(kind_at.__getitem__, shared)), merged, spans):
                return None
        kind_at.update(keys)
        merged.setdefault(kind, []).append(capture)
    keys = sorted(kind_at)
    # Sorted by start, widest first: another capture lies inside a range exactly when the
    # next range starts before this one ends (see `_innermost`); the last always stays.
    following = keys[1:]
    following.append(_LOW << 32)
    range_ends = list(map(sub, repeat(_LOW), map(and_, keys, repeat(_LOW))))
    kept_flags = list(map(ge, map(rshift, following, repeat(32)), range_ends))
    kept = list(compress(keys, kept_flags))
    return TokenSpans(list(map(rshift, kept, repeat(32))), list(compress(range_ends, kept_flags)),
                      list(map(kind_at.__getitem__, kept)))


_start_byte = attrgetter("start_byte")
_end_byte = attrgetter("end_byte")
_LOW = (1 << 32) - 1


def _overrides(capture: str, kind: int, kinds_there: set[int], merged: dict[int, list[str]],
               spans: dict[str, tuple[int, int]]) -> bool:
    """Whether ``capture`` wins, in every pattern order, on nodes already captured under
    names of ``kinds_there``; names of its own kind need not be told apart."""
    last = spans[capture][1]
    return all(spans[other][0] > last for there in kinds_there if there != kind for other in merged[there])


def _innermost(candidates: list[tuple[int, int, int, str]]) -> TokenSpans:
    """One token per byte: where captures overlap, the innermost wins, and among
    captures of one node the earliest pattern.

    Captures are tree nodes, so two of them either nest or are disjoint.  A capture
    therefore loses exactly when another capture lies inside it, or covers the same
    bytes from an earlier pattern.  Sorted by start, then widest first, a range has
    another inside it exactly when the next different range starts before it ends:
    one sort and one pass, however many tokens a file has.
    """
    candidates.sort(key=_sort_key)  # stable: among equals, the first captured wins
    tokens = TokenSpans([], [], [])
    count = len(candidates)
    index = 0
    while index < count:
        token_start, negative_end, _, capture = candidates[index]
        following = index + 1
        while (following < count and candidates[following][0] == token_start
               and candidates[following][1] == negative_end):
            following += 1
        if following == count or candidates[following][0] >= -negative_end:
            tokens.starts.append(token_start)
            tokens.ends.append(-negative_end)
            tokens.kinds.append(_kind(capture))
        index = following
    return tokens


def _sort_key(candidate: tuple[int, int, int, str]) -> tuple[int, int, int]:
    return candidate[0], candidate[1], candidate[2]
