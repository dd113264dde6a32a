"""The keystroke path: syntax errors from the current tree, other diagnostics carried across edits."""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Severity
from witsmith.diagnostics import Diagnostic
from witsmith.features.diagnostics import is_syntax_diagnostic, shifted, syntax_diagnostics
from witsmith.syntax import SourceEdit, parse

PATH = Path("/w/a.smithy")


def diagnostic(start: int, end: int) -> Diagnostic:
    return Diagnostic(PATH, start, end, "smithy/unresolved-shape", "x", Severity.ERROR)


def test_diagnostics_before_an_edit_stay_after_it_move_and_inside_it_go():
    found = [diagnostic(0, 4), diagnostic(10, 14), diagnostic(20, 24)]
    edit = SourceEdit(12, 13, b"abc")  # replaces one byte inside the second with three
    assert [(d.start, d.end) for d in shifted(found, edit)] == [(0, 4), (22, 26)]
    insert_at_end = SourceEdit(4, 4, b"zz")
    assert [(d.start, d.end) for d in shifted(found, insert_at_end)] == [(0, 4), (12, 16), (22, 26)]


def test_syntax_diagnostics_come_from_the_tree_with_readable_messages():
    smithy = parse("smithy", b"namespace a\n\nstructure A {\n    b String\n}\n")
    found = syntax_diagnostics(PATH, smithy)
    assert found and all(is_syntax_diagnostic(d) for d in found)
    assert all("ERROR" not in d.message for d in found)
    wit = parse("wit", b"package a:b;\n\ninterface i {\n    f: func(;\n}\n")
    found = syntax_diagnostics(Path("/w/a.wit"), wit)
    assert [d.code for d in found] == ["wit/syntax-error"]
