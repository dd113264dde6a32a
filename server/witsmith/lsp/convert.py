"""witsmith's plain data as protocol types (ranges through ``PositionCodec`` only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsprotocol import types
from pygls.uris import from_fs_path

from witsmith.diagnostics import Diagnostic, Location, Severity, reference_id
from witsmith.features.outline import OutlineSymbol
from witsmith.features.semantic_tokens import TOKEN_MODIFIERS, TOKEN_TYPES, SemanticToken
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
    """The protocol's relative encoding; a token spanning lines is split per line.

    Columns on an ASCII line (nearly every line of a model) are byte columns in any
    encoding, so only other lines pay for decoding: a whole-file request stays linear
    and cheap however many tokens the file has.
    """
    type_ids = {name: i for i, name in enumerate(TOKEN_TYPES)}
    modifier_bits = {name: 1 << i for i, name in enumerate(TOKEN_MODIFIERS)}
    byte_columns: dict[int, bool] = {}  # line -> whether its columns are its byte offsets
    source = index.source
    data: list[int] = []
    previous_line = previous_char = 0
    for token in tokens:
        bits = 0
        for modifier in token.modifiers:
            bits |= modifier_bits.get(modifier, 0)
        first = index.line_of(token.start)
        last = first if token.end <= index.line_end(first) else index.line_of(token.end)
        for line in range(first, last + 1):
            line_start, line_end = index.line_start(line), index.line_end(line)
            segment_start = max(token.start, line_start)
            segment_end = min(token.end, line_end)
            if segment_end <= segment_start:
                continue
            simple = byte_columns.get(line)
            if simple is None:
                simple = byte_columns[line] = codec.encoding == "utf-8" or source[line_start:line_end].isascii()
            if simple:
                character, length = segment_start - line_start, segment_end - segment_start
            else:
                character = codec.position(index, segment_start).character
                length = codec.position(index, segment_end).character - character
            delta_line = line - previous_line
            delta_char = character - (previous_char if delta_line == 0 else 0)
            data.extend((delta_line, delta_char, length, type_ids[token.token_type], bits))
            previous_line, previous_char = line, character
    return data
