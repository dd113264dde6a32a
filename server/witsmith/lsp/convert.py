"""witsmith's plain data as protocol types (ranges through ``PositionCodec`` only)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate, compress, repeat
from operator import and_, getitem, gt, mul, not_, rshift, sub, truth
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from witsmith.diagnostics import Diagnostic, Location, Severity, reference_id
from witsmith.features.outline import OutlineSymbol
from witsmith.features.semantic_tokens import TOKEN_MODIFIERS, TOKEN_TYPES, SemanticToken, TokenSpans
from witsmith.lsp.positions import PositionCodec
from witsmith.text import LineIndex

IndexOf = Callable[[Path], LineIndex | None]

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFORMATION: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}
_TAGS = {"unnecessary": types.DiagnosticTag.Unnecessary, "deprecated": types.DiagnosticTag.Deprecated}
_SYMBOL_KINDS = {
    "class": types.SymbolKind.Class,
    "interface": types.SymbolKind.Interface,
    "module": types.SymbolKind.Module,
    "type": types.SymbolKind.TypeParameter,
    "enum": types.SymbolKind.Enum,
    "function": types.SymbolKind.Function,
    "method": types.SymbolKind.Method,
    "field": types.SymbolKind.Field,
    "constant": types.SymbolKind.Constant,
}


def path_to_uri(path: Path) -> str:
    return from_fs_path(str(path)) or path.as_uri()


def location(codec: PositionCodec, index_of: IndexOf, where: Location) -> types.Location | None:
    index = index_of(where.path)
    if index is None:
        return None
    return types.Location(uri=path_to_uri(where.path), range=codec.range(index, where.start, where.end))


def diagnostic(codec: PositionCodec, index: LineIndex, index_of: IndexOf, d: Diagnostic) -> types.Diagnostic:
    related = []
    for item in d.related:
        where = location(codec, index_of, item.location)
        if where is not None:
            related.append(types.DiagnosticRelatedInformation(location=where, message=item.message))
    url = d.url
    return types.Diagnostic(
        range=codec.range(index, d.start, d.end),
        message=d.message,
        severity=_SEVERITIES[d.severity],
        code=d.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source="witsmith",
        related_information=related or None,
        tags=[_TAGS[t] for t in sorted(d.tags) if t in _TAGS] or None,
        data={"eventId": reference_id(d.code)} if reference_id(d.code) else None,
    )


def symbol_kind(kind: str) -> types.SymbolKind:
    return _SYMBOL_KINDS.get(kind, types.SymbolKind.Variable)


def document_symbols(codec: PositionCodec, index: LineIndex, symbols: list[OutlineSymbol]) -> list[types.DocumentSymbol]:
    return [
        types.DocumentSymbol(
            name=s.name or "(unnamed)",
            kind=symbol_kind(s.kind),
            range=codec.range(index, s.start, s.end),
            selection_range=codec.range(index, s.name_start, s.name_end),
            children=document_symbols(codec, index, s.children) or None,
        )
        for s in symbols
    ]


def semantic_tokens_data(codec: PositionCodec, index: LineIndex, tokens: list[SemanticToken]) -> list[int]:
    """The protocol's relative encoding of tokens (see `semantic_token_spans_data`)."""
    kinds = [_token_kind(token.token_type, token.modifiers) for token in tokens]
    return semantic_token_spans_data(codec, index, TokenSpans([t.start for t in tokens], [t.end for t in tokens], kinds))


def _token_kind(token_type: str, modifiers: frozenset[str]) -> int:
    bits = 0
    for bit, modifier in enumerate(TOKEN_MODIFIERS):
        if modifier in modifiers:
            bits |= 1 << bit
    return TOKEN_TYPES.index(token_type) << 16 | bits


def semantic_token_spans_data(codec: PositionCodec, index: LineIndex, spans: TokenSpans) -> list[int]:
    """The protocol's relative encoding; a token spanning lines is split per line.

    Column by column rather than token by token: every step is a C-level map over the
    whole file, written straight into its slice of the answer, so 40,000 tokens cost
    milliseconds.  Columns on an ASCII line (nearly every line of a model) are byte
    columns in any encoding, so only the tokens on other lines pay for decoding.
    """
    starts, ends, kinds = spans
    if not starts:
        return []
    # Line numbers from 1 (one subtraction fewer per token); the lists they index get a
    # first item to match.
    lines, line_deltas = _lines(index, starts)
    if any(map(gt, ends, map([0, *index.line_ends].__getitem__, lines))):
        starts, ends, kinds, lines = _split_at_line_breaks(index, starts, ends, kinds, lines)
        line_deltas = list(map(sub, lines, [1, *lines[:-1]]))
    token_line_starts = list(map([0, *index.line_starts].__getitem__, lines))
    data = [0] * (5 * len(starts))
    data[0::5] = line_deltas
    data[3::5] = map(rshift, kinds, repeat(16))
    data[4::5] = map(and_, kinds, repeat(0xFFFF))
    if codec.encoding == "utf-8" or index.source.isascii():
        # A column is relative to the previous token's start on its line, else to the
        # line's start: picked by whether the token starts a line, as an index into a pair.
        data[1::5] = map(sub, starts, map(getitem, zip([0, *starts[:-1]], token_line_starts), map(truth, line_deltas)))
        data[2::5] = map(sub, ends, starts)
        return data
    columns = list(map(sub, starts, token_line_starts))
    lengths = list(map(sub, ends, starts))
    _count_columns_as_the_client(codec, index, starts, ends, lines, columns, lengths)
    # On the line of the previous token a column is relative to that token's; on a new line, absolute.
    data[1::5] = map(sub, columns, map(mul, [0, *columns[:-1]], map(not_, line_deltas)))
    data[2::5] = lengths
    return data


def _lines(index: LineIndex, offsets: list[int]) -> tuple[list[int], list[int]]:
    """The line of each of ascending offsets, numbered from 1, and the lines each moves on."""
    source = index.source
    if b"\r" not in source or source.count(b"\r") == source.count(b"\r\n"):
        # Each line break holds one LF: counting them between neighbouring offsets scans
        # the text once, in C, at half the cost of searching the line starts per offset.
        deltas = list(map(source.count, repeat(b"\n"), [0, *offsets[:-1]], offsets))
        lines = list(accumulate(deltas, initial=1))
        del lines[0]
        return lines, deltas
    lines = list(map(bisect_right, repeat(index.line_starts), offsets))
    return lines, list(map(sub, lines, [1, *lines[:-1]]))


def _split_at_line_breaks(index: LineIndex, starts, ends, kinds, lines):
    """Tokens that cross line breaks (block comments, text blocks) become one token per
    line, without the breaks; a part left empty is dropped.  Lines are numbered from 1."""
    line_starts, line_ends = index.line_starts, index.line_ends
    new_starts: list[int] = []
    new_ends: list[int] = []
    new_kinds: list[int] = []
    new_lines: list[int] = []
    for start, end, kind, line_after in zip(starts, ends, kinds, lines):
        first = line_after - 1
        last = first if end <= line_ends[first] else index.line_of(end)
        for line in range(first, last + 1):
            segment_start = max(start, line_starts[line])
            segment_end = min(end, line_ends[line])
            if segment_end > segment_start:
                new_starts.append(segment_start)
                new_ends.append(segment_end)
                new_kinds.append(kind)
                new_lines.append(line + 1)
    return new_starts, new_ends, new_kinds, new_lines


def _count_columns_as_the_client(codec: PositionCodec, index: LineIndex, starts, ends, lines, columns, lengths) -> None:
    """Columns and lengths of tokens on lines that are not ASCII, in the client's units
    (in place); lines are numbered from 1.  Only those tokens are visited: a file with a
    few accented comments pays for those lines, not for every token."""
    line_starts = index.line_starts
    wide_lines = {bisect_right(line_starts, found.start()) for found in _NOT_ASCII.finditer(index.source)}
    for position in compress(range(len(lines)), map(wide_lines.__contains__, lines)):
        character = codec.position(index, starts[position]).character
        columns[position] = character
        lengths[position] = codec.position(index, ends[position]).character - character


# A line break is ASCII, so a run of other bytes lies within one line.
_NOT_ASCII = re.compile(rb"[\x80-\xff]+")
