"""Common first mistakes get a message that says what to write, once."""

from __future__ import annotations

from wit.helpers import project


def test_package_without_namespace(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package greeter;\n\ninterface i {\n  f: func();\n}\n"})
    (d,) = p.diagnostics()
    assert d.code == "wit/syntax-error" and p.text_at(d) == "greeter"
    assert "a package name is `namespace:name`, e.g. `example:greeter`" in d.message


def test_top_level_record(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package a:b;\n\nrecord r {\n  x: u32,\n}\n"})
    (d,) = p.diagnostics()
    assert p.text_at(d) == "record"
    assert "`record` must be inside an `interface`" in d.message


def test_two_part_versions_with_a_fix(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package a:b@1.0;\n\ninterface i {}\n"})
    (d,) = p.diagnostics()
    assert p.text_at(d) == "@1.0" and "write `@1.0.0`" in d.message
    (fix,) = d.fixes
    assert fix.edits[0].new_text == "@1.0.0"


def test_records_inside_interfaces_are_not_touched(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package a:b;\n\ninterface i {\n  record r {\n    x: u32\n    y: u32,\n  }\n}\n"})
    assert all("must be inside an `interface`" not in d.message for d in p.diagnostics())
