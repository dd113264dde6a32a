"""Seeded mistakes in valid WIT packages, for comparing verdicts with wasm-tools.

A mutant is a valid corpus case with one edit to one of its files: a name misspelt,
a delimiter dropped, an item duplicated, a keyword swapped...  The edits are the
mistakes people make while typing; which edit, where, is drawn from a seeded
`random.Random`, so a seed names the same mutants on every machine.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from support.corpus import CorpusCase, select

_WORD = re.compile(rb"(?<![\w%@.-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![\w-])")
_KEYWORDS = {
    b"interface", b"world", b"package", b"use", b"type", b"record", b"variant", b"enum", b"flags",
    b"resource", b"func", b"import", b"export", b"include", b"with", b"as", b"static", b"constructor",
    b"own", b"borrow", b"list", b"option", b"result", b"tuple", b"future", b"stream", b"async",
    b"u8", b"u16", b"u32", b"u64", b"s8", b"s16", b"s32", b"s64", b"f32", b"f64", b"bool",
    b"char", b"string", b"since", b"unstable", b"deprecated", b"version", b"feature", b"map",
}
_PRIMITIVES = [b"u8", b"u32", b"string", b"bool", b"f64", b"char"]


@dataclass(frozen=True)
class Mutant:
    case: CorpusCase
    file: Path  # the mutated file, inside the case
    operator: str
    offset: int
    source: bytes  # the whole mutated file

    @property
    def label(self) -> str:
        return f"{self.case.path}:{self.file.name}:{self.operator}@{self.offset}"

    def write(self, into: Path) -> tuple[Path, Path]:
        """Copy the case into ``into`` with the edit applied; the root and the edited file."""
        if self.case.kind == "package-dir":
            root = into / self.case.location.name
            shutil.copytree(self.case.location, root, ignore=shutil.ignore_patterns("*.md"))
            edited = root / self.file.relative_to(self.case.location)
        else:
            root = edited = into / self.file.name
        edited.write_bytes(self.source)
        return root, edited


def _comment_spans(source: bytes) -> list[tuple[int, int]]:
    spans = [m.span() for m in re.finditer(rb"//[^\n]*", source)]
    spans += [m.span() for m in re.finditer(rb"/\*.*?\*/", source, re.S)]
    return spans


def _outside_comments(source: bytes, offsets: list[int]) -> list[int]:
    spans = _comment_spans(source)
    return [o for o in offsets if not any(s <= o < e for s, e in spans)]


def _words(source: bytes) -> list[re.Match]:
    spans = _comment_spans(source)
    return [m for m in _WORD.finditer(source) if not any(s <= m.start() < e for s, e in spans)]


def _misspell(source: bytes, rng: random.Random):
    words = [m for m in _words(source) if m.group() not in _KEYWORDS and len(m.group()) > 2]
    if not words:
        return None
    match = rng.choice(words)
    word = match.group()
    i = rng.randrange(1, len(word))
    typo = word[:i] + word[i + 1:] if word[i:i + 1] != b"-" else word + b"x"
    return match.start(), source[:match.start()] + typo + source[match.end():]


def _drop_char(chars: bytes):
    def operator(source: bytes, rng: random.Random):
        found = _outside_comments(source, [i for i, c in enumerate(source) if c in chars])
        if not found:
            return None
        at = rng.choice(found)
        return at, source[:at] + source[at + 1:]
    return operator


def _duplicate_line(source: bytes, rng: random.Random):
    """Repeat a type or function line: a duplicate name."""
    lines = list(re.finditer(rb"(?m)^[ \t]*(?:type|[a-z][a-z0-9-]*:\s*(?:async\s+)?func)\b[^\n{}]*;[ \t]*\n",
                             source))
    lines = [m for m in lines if _outside_comments(source, [m.start()])]
    if not lines:
        return None
    match = rng.choice(lines)
    return match.end(), source[:match.end()] + match.group() + source[match.end():]


def _swap_primitive_for_unknown(source: bytes, rng: random.Random):
    """A primitive type turned into a name nothing declares."""
    found = [m for m in _words(source) if m.group() in _PRIMITIVES]
    if not found:
        return None
    match = rng.choice(found)
    return match.start(), source[:match.start()] + b"undeclared-thing" + source[match.end():]


def _camel_case(source: bytes, rng: random.Random):
    """A declared name in camelCase: not a valid identifier."""
    found = [m for m in re.finditer(rb"\b(?:interface|world|record|variant|enum|flags|resource|type)\s+"
                                    rb"([a-z][a-z0-9]*-[a-z])", source)]
    found = [m for m in found if _outside_comments(source, [m.start()])]
    if not found:
        return None
    match = rng.choice(found)
    start, end = match.span(1)
    name = source[start:end]
    fixed = name[:-2] + name[-1:].upper()
    return start, source[:start] + fixed + source[end:]


def _empty_record(source: bytes, rng: random.Random):
    found = [m for m in re.finditer(rb"\b(record|enum|flags|variant)\s+[%\w-]+\s*\{", source)
             if _outside_comments(source, [m.start()])]
    if not found:
        return None
    match = rng.choice(found)
    close = source.find(b"}", match.end())
    if close < 0:
        return None
    return match.start(), source[:match.end()] + source[close:]


def _remove_package_line(source: bytes, rng: random.Random):
    match = re.search(rb"(?m)^package [^;{\n]*;[ \t]*\n", source)
    if match is None:
        return None
    return match.start(), source[:match.start()] + source[match.end():]


def _use_unknown_name(source: bytes, rng: random.Random):
    found = [m for m in re.finditer(rb"\buse\s+[^;{]*\.\{\s*([a-z][\w-]*)", source)
             if _outside_comments(source, [m.start()])]
    if not found:
        return None
    match = rng.choice(found)
    start, end = match.span(1)
    return start, source[:start] + b"no-such-" + source[start:end] + source[end:]


def _stray_token(source: bytes, rng: random.Random):
    """An extra token between items, as a half-finished edit leaves."""
    found = _outside_comments(source, [m.end() for m in re.finditer(rb";[ \t]*\n", source)])
    if not found:
        return None
    at = rng.choice(found)
    token = rng.choice([b"  func\n", b"  record\n", b"  use\n", b"  type x =\n", b"  :\n"])
    return at, source[:at] + token + source[at:]


def _drop_package_version(source: bytes, rng: random.Random):
    """A versioned package loses its version: its `@since` gates become errors."""
    match = re.search(rb"(?m)^package [%\w-]+:[%\w-]+(@[0-9A-Za-z.+-]+)\s*;", source)
    if match is None:
        return None
    start, end = match.span(1)
    return start, source[:start] + source[end:]


def _gate_unstable(source: bytes, rng: random.Random):
    """An interface or type gated behind a feature nobody enables: its users break."""
    found = [m for m in re.finditer(rb"(?m)^([ \t]*)(interface|record|variant|enum|resource|type) [%\w-]+", source)
             if _outside_comments(source, [m.start()])]
    if not found:
        return None
    match = rng.choice(found)
    gate = match.group(1) + b"@unstable(feature = not-enabled)\n"
    return match.start(), source[:match.start()] + gate + source[match.start():]


def _rename_definition(source: bytes, rng: random.Random):
    """A type's definition renamed, its references left as they were."""
    found = [m for m in re.finditer(rb"\b(?:record|variant|enum|flags|resource|type) ([a-z][a-z0-9-]*)", source)
             if _outside_comments(source, [m.start()])]
    if not found:
        return None
    match = rng.choice(found)
    start, end = match.span(1)
    return start, source[:start] + source[start:end] + b"-renamed" + source[end:]


def _world_for_interface(source: bytes, rng: random.Random):
    """`interface x` turned into `world x`: what used it now names a world."""
    found = [m for m in re.finditer(rb"(?m)^interface ([%\w-]+) \{\s*\}", source)]
    found += [m for m in re.finditer(rb"(?m)^interface ([%\w-]+) \{", source)]
    if not found:
        return None
    match = rng.choice(found)
    return match.start(), source[:match.start()] + b"world" + source[match.start() + len(b"interface"):]


OPERATORS = {
    "drop-package-version": _drop_package_version,
    "gate-unstable": _gate_unstable,
    "rename-definition": _rename_definition,
    "world-for-interface": _world_for_interface,
    "misspell-name": _misspell,
    "drop-semicolon": _drop_char(b";"),
    "drop-brace": _drop_char(b"{}"),
    "drop-angle": _drop_char(b"<>"),
    "drop-paren": _drop_char(b"()"),
    "drop-comma": _drop_char(b","),
    "duplicate-line": _duplicate_line,
    "unknown-primitive": _swap_primitive_for_unknown,
    "camel-case-name": _camel_case,
    "empty-type": _empty_record,
    "remove-package": _remove_package_line,
    "use-unknown-name": _use_unknown_name,
    "stray-token": _stray_token,
}


def valid_cases() -> list[CorpusCase]:
    """Valid corpus cases that resolve on their own (no foreign packages left out)."""
    return [c for c in select("wit", "valid") if "not vendored" not in (c.raw.get("notes") or "")
            and not c.raw.get("features") and c.raw["reference"]["ok"]]


def mutants(seed: int, count: int) -> list[Mutant]:
    rng = random.Random(seed)
    cases = sorted(valid_cases(), key=lambda c: c.path)
    found: list[Mutant] = []
    attempts = 0
    while cases and len(found) < count and attempts < count * 20:
        attempts += 1
        case = rng.choice(cases)
        files = case.source_files()
        if case.kind == "package-dir":  # the package's own files, not its deps/
            files = [f for f in files if f.parent == case.location]
        if not files:
            continue
        file = rng.choice(files)
        name = rng.choice(sorted(OPERATORS))
        edit = OPERATORS[name](file.read_bytes(), rng)
        if edit is None:
            continue
        offset, source = edit
        found.append(Mutant(case, file, name, offset, source))
    return found
