"""Workspace symbols: every definition in every known file, matched fuzzily."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from witsmith.features.outline import OutlineSymbol, outline
from witsmith.syntax import SyntaxTree


@dataclass(frozen=True)
class FoundSymbol:
    path: Path
    symbol: OutlineSymbol
    container: str | None
    score: int


def fuzzy_score(query: str, name: str) -> int | None:
    """None when ``query``'s characters do not appear in order in ``name``; higher is better.

    Case-insensitive; a prefix, a contiguous run and matches at word starts
    (after ``-``, ``_``, ``.`` or a capital) score higher.
    """
    if not query:
        return 0
    lowered_query, lowered = query.lower(), name.lower()
    if lowered.startswith(lowered_query):
        return 1000 - len(name)
    if lowered_query in lowered:
        return 500 - len(name)
    score = 0
    position = 0
    for ch in lowered_query:
        found = lowered.find(ch, position)
        if found < 0:
            return None
        word_start = found == 0 or name[found - 1] in "-_." or name[found].isupper()
        score += 10 if word_start else 1
        position = found + 1
    return score - len(name)


def _flatten(symbols: list[OutlineSymbol], container: str | None) -> Iterable[tuple[OutlineSymbol, str | None]]:
    for symbol in symbols:
        yield symbol, container
        yield from _flatten(symbol.children, symbol.name)


class OutlineCache:
    """Flattened outlines by file, recomputed only when the file's tree changes."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[SyntaxTree, list[tuple[OutlineSymbol, str | None]]]] = {}

    def symbols(self, path: Path, tree: SyntaxTree) -> list[tuple[OutlineSymbol, str | None]]:
        entry = self._entries.get(path)
        if entry is None or entry[0] is not tree:
            entry = (tree, list(_flatten(outline(tree), None)))
            self._entries[path] = entry
        return entry[1]


def file_symbols(path: Path, tree: SyntaxTree, query: str, cache: OutlineCache) -> list[FoundSymbol]:
    """The symbols of one file that match ``query`` (a unit of work a caller can interleave)."""
    found = []
    for symbol, container in cache.symbols(path, tree):
        score = fuzzy_score(query, symbol.name)
        if score is not None:
            found.append(FoundSymbol(path, symbol, container, score))
    return found


def best_symbols(found: list[FoundSymbol], limit: int = 500) -> list[FoundSymbol]:
    return sorted(found, key=lambda f: (-f.score, f.symbol.name, str(f.path)))[:limit]


def workspace_symbols(trees: Iterable[tuple[Path, SyntaxTree]], query: str, cache: OutlineCache,
                      limit: int = 500) -> list[FoundSymbol]:
    found = []
    for path, tree in trees:
        found.extend(file_symbols(path, tree, query, cache))
    return best_symbols(found, limit)
