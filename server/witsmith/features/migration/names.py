"""Smithy names as WIT identifiers: kebab-case words, `%` before keywords, unique in a scope."""

from __future__ import annotations

import re

# Words wit-parser's lexer reads as keywords: an identifier spelled like one needs `%`.
WIT_KEYWORDS = frozenset(
    "as async bool borrow char constructor enum error-context export f32 f64 flags float32 float64 from func "
    "future import include interface list map option own package record resource result s8 s16 s32 s64 static "
    "stream string tuple type u8 u16 u32 u64 use variant with world".split())

# One word of a camelCase, PascalCase or ACRONYMCase name: an acronym before a capitalised
# word (`HTTP` of `HTTPRequest`), a capitalised or lower-case word, an acronym, or digits.
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+[a-z]*")


def kebab_words(name: str) -> list[str]:
    """The lower-case words of a Smithy identifier (`listName` -> list, name)."""
    words: list[str] = []
    for chunk in re.split(r"[^A-Za-z0-9]+", name):
        for word in _WORD.findall(chunk):
            word = word.lower()
            if word[0].isdigit():
                # A WIT word starts with a letter: digits join the word before them.
                if words:
                    words[-1] += word
                    continue
                word = "n" + word
            words.append(word)
    return words


def kebab(name: str) -> str:
    """A WIT identifier for a Smithy name, without the keyword escape."""
    return "-".join(kebab_words(name)) or "unnamed"


def escaped(identifier: str) -> str:
    """The identifier as written in WIT: keywords take a `%`."""
    return "%" + identifier if identifier in WIT_KEYWORDS else identifier


def clash_key(identifier: str) -> str:
    """Two WIT names in one scope clash when they are equal without their hyphens and case
    (wit-parser rejects `time-stamp` beside `timestamp`)."""
    return identifier.replace("-", "").lower()


class Scope:
    """Names given in one WIT scope (an interface's items, a record's fields...): a name
    already taken gets a numeric suffix, so two Smithy names that meet in kebab-case
    (`fooBar`, `foo_bar`, `timeStamp`, `timestamp`) stay apart.  A package's interfaces and
    worlds only clash when equal (`exact`): they are not names in a component type."""

    def __init__(self, taken: set[str] | None = None, exact: bool = False) -> None:
        self.exact = exact
        self.taken: set[str] = set()
        for name in taken or ():
            self.taken.add(self._key(name))

    def _key(self, name: str) -> str:
        return name if self.exact else clash_key(name)

    def claim(self, wanted: str) -> str:
        name = wanted
        counter = 2
        while self._key(name) in self.taken:
            name = f"{wanted}-v{counter}"
            counter += 1
        self.taken.add(self._key(name))
        return name

    def copy(self) -> Scope:
        scope = Scope(exact=self.exact)
        scope.taken = set(self.taken)
        return scope

    def __contains__(self, name: str) -> bool:
        return self._key(name) in self.taken
