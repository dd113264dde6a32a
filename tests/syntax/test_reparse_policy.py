"""A large broken file is reparsed incrementally on each edit, not from scratch (a
fresh parse of it would take seconds per keystroke); a small one is parsed again.  A
broken WIT file's reparse reuses only subtrees without errors."""

from __future__ import annotations

import pytest

from benchmarks.generators import smithy_model, wit_package
from witsmith.syntax import SourceEdit, parse, parsing


class CountingParser:
    """Wraps the real parser and records, for each parse, whether an old tree was reused."""

    def __init__(self, real) -> None:
        self.real = real
        self.calls: list[bool] = []

    def parse(self, source, old_tree=None):
        self.calls.append(old_tree is not None)
        return self.real.parse(source, old_tree) if old_tree is not None else self.real.parse(source)


@pytest.fixture
def counting(monkeypatch):
    made: dict[str, CountingParser] = {}
    real = parsing._parser

    def parser(lang_id):
        return made.setdefault(lang_id, CountingParser(real(lang_id)))

    monkeypatch.setattr(parsing, "_parser", parser)
    return made


def _broken(lang: str, lines: int) -> bytes:
    if lang == "wit":
        return wit_package(lines).replace("record", "recrd", 5).encode()
    return smithy_model(lines).replace("structure", "structur", 5).encode()


@pytest.mark.parametrize("lang, lines", [("wit", 4_000), ("smithy", 8_000)])
def test_a_broken_file_is_reparsed_incrementally(counting, lang, lines):
    source = _broken(lang, lines)
    tree = parse(lang, source)
    assert tree.has_errors
    assert len(source) > parsing.FRESH_REPARSE_MAX_BYTES
    counting[lang].calls.clear()
    edited = tree.edited(SourceEdit(len(source) // 2, len(source) // 2, b" "))
    assert counting[lang].calls == [True]
    assert edited.has_errors


@pytest.mark.parametrize("lang", ["wit", "smithy"])
def test_a_small_broken_file_is_parsed_again_from_scratch(counting, lang):
    # Error recovery can differ between incremental and fresh parses; small texts pay
    # a few milliseconds to always get the fresh tree.
    source = _broken(lang, 200)
    assert len(source) <= parsing.FRESH_REPARSE_MAX_BYTES
    tree = parse(lang, source)
    counting[lang].calls.clear()
    tree.edited(SourceEdit(10, 10, b" "))
    assert counting[lang].calls == [True, False]


# An edit after which plain incremental reparsing of this broken text (reusing the
# subtree `interface o{...}`, which holds an error) recovers otherwise than a fresh parse.
DIVERGING = (b"package foo:bar;\ninterface o{resource{interface o{}}", SourceEdit(2, 16, b""))


def test_a_wit_reparse_reuses_no_subtree_holding_an_error(monkeypatch):
    from witsmith.syntax.sexp import to_sexp

    source, edit = DIVERGING
    new_source = edit.apply(source)
    fresh = to_sexp(parse("wit", new_source).root)
    monkeypatch.setattr(parsing, "FRESH_REPARSE_MAX_BYTES", 0)  # the incremental tree itself
    assert to_sexp(parse("wit", source).edited(edit).root) == fresh

    # The same reparse without marking the errors edited: the tree differs.
    plain = parse("wit", source).tree.copy()
    point = (0, edit.start)
    plain.edit(start_byte=edit.start, old_end_byte=edit.old_end, new_end_byte=edit.start,
               start_point=point, old_end_point=(0, edit.old_end), new_end_point=point)
    assert to_sexp(parsing._parser("wit").parse(new_source, plain).root_node) != fresh


def test_an_unsettled_tree_settles_to_the_fresh_parse(monkeypatch):
    from witsmith.syntax.sexp import to_sexp

    source, edit = DIVERGING
    fresh = to_sexp(parse("wit", edit.apply(source)).root)
    # A large text's incremental tree, reparsed the plain way: its recovery differs from a fresh parse's.
    monkeypatch.setattr(parsing, "FRESH_REPARSE_MAX_BYTES", 0)
    monkeypatch.setattr(parsing, "REUSES_ONLY_CLEAN_SUBTREES", frozenset())
    edited = parse("wit", source).edited(edit)
    assert edited.unsettled and to_sexp(edited.root) != fresh
    settled = edited.settled()
    assert not settled.unsettled and to_sexp(settled.root) == fresh
    assert settled.settled() is settled


def test_clean_and_freshly_parsed_trees_are_settled():
    small = parse("wit", DIVERGING[0]).edited(DIVERGING[1])
    assert not small.unsettled  # parsed from scratch after the edit
    clean = parse("wit", b"package a:b;\n").edited(SourceEdit(0, 0, b"\n"))
    assert not clean.unsettled and clean.settled() is clean
