"""The two grammars witsmith ships, and their queries."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path, PurePath

import tree_sitter

from witsmith.syntax import _languages

LANGUAGE_IDS = ("smithy", "wit")
QUERY_NAMES = ("highlights", "folds", "locals", "indents", "injections", "tags")

_EXTENSIONS = {".smithy": "smithy", ".wit": "wit"}

# In a source checkout the queries live beside the grammar; an installed package
# carries a copy under witsmith/queries (see setup.py).
_CHECKOUT_GRAMMARS = Path(__file__).resolve().parents[3] / "grammars"


@cache
def language(lang_id: str) -> tree_sitter.Language:
    """The compiled tree-sitter language for ``"smithy"`` or ``"wit"``."""
    if lang_id not in LANGUAGE_IDS:
        raise ValueError(f"unknown language {lang_id!r}; expected one of {', '.join(LANGUAGE_IDS)}")
    return tree_sitter.Language(getattr(_languages, lang_id)())


def language_for_path(path: str | PurePath) -> str | None:
    """The language of a file by its extension, or None when witsmith does not read it."""
    return _EXTENSIONS.get(PurePath(path).suffix.lower())


def query_source(lang_id: str, name: str) -> str:
    """The text of ``queries/<name>.scm`` for a language."""
    packaged = resources.files("witsmith").joinpath("queries", lang_id, f"{name}.scm")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = _CHECKOUT_GRAMMARS / lang_id / "queries" / f"{name}.scm"
    if checkout.is_file():
        return checkout.read_text(encoding="utf-8")
    raise FileNotFoundError(f"no {name}.scm query for {lang_id}")


@cache
def query(lang_id: str, name: str) -> tree_sitter.Query:
    """A compiled query (``highlights``, ``folds``, ``locals``, ...) for a language."""
    return tree_sitter.Query(language(lang_id), query_source(lang_id, name))
