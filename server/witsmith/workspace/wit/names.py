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


def version_problem(text: str) -> str | None:
    if _SEMVER.fullmatch(text):
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
