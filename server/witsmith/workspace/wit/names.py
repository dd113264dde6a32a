"""Lexical rules of WIT names and versions, as wit-parser applies them after parsing."""

from __future__ import annotations

import re

_SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)


def identifier_problem(text: str) -> str | None:
    """Why ``text`` (without its `%`) is not a valid WIT identifier, or None."""
    if not text:
        return "an identifier cannot be empty"
    if not (text[0].isascii() and text[0].isalpha()):
        return f"an identifier must start with a letter, not `{text[0]}`"
    for part in text.split("-"):
        if not part:
            return "identifiers cannot start or end with `-` or contain `--`"
        if not part.isascii() or not part.isalnum():
            bad = next(c for c in part if not (c.isascii() and c.isalnum()))
            return f"identifiers may contain only ASCII letters, digits and `-`, not `{bad}`"
        if part.lower() != part and part.upper() != part:
            return f"the word `{part}` mixes lower and upper case; each word must be all lower or all upper case"
    return None


def to_kebab(text: str) -> str | None:
    """A suggested valid spelling of ``text`` (camelCase, snake_case...), or None."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text)
    spaced = re.sub(r"[^A-Za-z0-9]+", "-", spaced).strip("-").lower()
    spaced = re.sub(r"-(\d)", r"\1", spaced)
    if spaced and identifier_problem(spaced) is None:
        return spaced
    return None


# Words wit-parser's lexer reads as keywords even inside a version.
_KEYWORDS = frozenset(
    "as async bool borrow char constructor enum export f32 f64 flags from func future import include interface "
    "list map option own package record resource result s8 s16 s32 s64 static stream string tuple type u8 u16 "
    "u32 u64 use variant with world".split())


def version_problem(text: str) -> str | None:
    if _SEMVER.fullmatch(text):
        # wit-parser lexes a version as tokens; a pre-release or build word that is a
        # keyword (`1.0.0-func`) is not an identifier to it.
        extra = text.partition("-")[2] + "+" + text.partition("+")[2]
        for word in re.findall(r"[A-Za-z][A-Za-z0-9-]*", extra):
            for part in re.split(r"-(?=[A-Za-z])", word):
                if part in _KEYWORDS:
                    return f"`{text}` cannot be read by wit-parser: `{part}` is a WIT keyword; choose another " \
                           "pre-release or build word"
        return None
    return f"`{text}` is not a valid semantic version (MAJOR.MINOR.PATCH without leading zeros)"


def version_key(text: str) -> tuple | None:
    """A sort key for comparing versions by semver precedence."""
    match = _SEMVER.fullmatch(text)
    if not match:
        return None
    major, minor, patch, pre, _build = match.groups()
    if pre is None:
        pre_key: tuple = (1,)
    else:
        pre_key = (0, *[(0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split(".")])
    return (int(major), int(minor), int(patch), pre_key)


def version_greater(a: str, b: str) -> bool:
    key_a, key_b = version_key(a), version_key(b)
    return key_a is not None and key_b is not None and key_a > key_b
