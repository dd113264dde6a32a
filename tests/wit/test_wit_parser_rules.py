"""wit-parser's rules that witsmith follows, each on a small fixture: what the rule
finds and where (on the line wit-parser reports).  `docs/wit-parser-errors.md` maps
wit-parser's errors to these tests."""

from __future__ import annotations

from wit.helpers import project

PKG = "package my:app@1.0.0;\n"


def lines(p, code=None):
    """(file name, line, code) of each diagnostic, 1-based lines as wasm-tools prints them."""
    found = []
    for d in p.diagnostics():
        if code is None or d.code == code:
            found.append((d.path.name, d.path.read_bytes().count(b"\n", 0, d.start) + 1, d.code))
    return found


def test_package_docs_in_two_files(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "/// The app.\n" + PKG + "interface x {}\n",
                           "wit/b.wit": "/// Again.\n" + PKG + "interface y {}\n"})
    assert lines(p) == [("b.wit", 1, "wit/duplicate-package-docs")]
    (d,) = p.diagnostics()
    assert p.text_at(d) == "/// Again." and d.related[0].location.path.name == "a.wit"


def test_package_docs_in_one_file_and_plain_comments_elsewhere(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "/// The app.\n" + PKG + "interface x {}\n",
                           "wit/b.wit": "// not docs\n" + PKG + "interface y {}\n"})
    assert p.diagnostics() == []


def test_use_cannot_reach_a_sibling_nested_package_by_short_name(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package a:b;\npackage c:d {\n  interface i { type t = u32; }\n}\n"
                                        "package c:e {\n  interface j { use i.{t}; }\n}\n"})
    assert lines(p) == [("a.wit", 6, "wit/unknown-interface")]


def test_use_naming_a_world(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "world bar {}\ninterface x {\n  use bar.{t};\n}\n"})
    assert lines(p) == [("a.wit", 4, "wit/wrong-kind")]


def test_deprecated_takes_version_first(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface x {\n  @since(version = 1.0.0)\n"
                                              "  @deprecated(since = 1.0.0)\n  f: func();\n}\n"})
    assert lines(p) == [("a.wit", 4, "wit/syntax-error")]
    assert "`since`" in p.diagnostics()[0].message


def test_unterminated_declaration_at_end_of_file_is_reported_at_the_end(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface x {\n  f: func();\n\n"})
    ((name, line, code),) = lines(p)
    assert (name, line, code) == ("a.wit", 5, "wit/syntax-error")
    assert "expected `}`" in p.diagnostics()[0].message


def test_declaration_cut_between_two_files_is_reported_at_the_end_of_the_first(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface x {\n  type t = u32\n",
                           "wit/b.wit": "}\n"})
    assert ("a.wit", 4, "wit/syntax-error") in lines(p)
    assert "expected `;`" in p.diagnostics("a.wit")[0].message


def test_an_error_before_the_end_is_not_moved_to_the_end(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface x {\n  f: func(;\n  g: func();\n"})
    assert lines(p)[0][1] == 3


def test_unknown_type_offers_the_close_name_with_a_quick_fix(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface x {\n  record point { x: u32 }\n  f: func(p: poit);\n}\n"})
    (d,) = p.diagnostics()
    assert d.code == "wit/unknown-type" and "did you mean `point`" in d.message
    (edit,) = d.fixes[0].edits
    assert edit.new_text == "point" and p.text_at(d) == "poit"


def test_package_blocks_nested_deeply_are_reported_once_at_the_first_nested_block(tmp_path):
    depth = 100
    text = "package a:b;\n" + "".join(f"package a:c{i} {{\n" for i in range(depth)) + "}\n" * depth
    p = project(tmp_path, {"wit/a.wit": text})
    assert lines(p) == [("a.wit", 3, "wit/nested-package")]


def test_package_block_nested_once(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package a:b;\npackage a:c {\n  package a:d {\n    interface x {}\n  }\n}\n"})
    assert lines(p) == [("a.wit", 3, "wit/nested-package")]


def test_types_nested_too_deeply_are_reported_on_the_innermost_type(tmp_path):
    depth = 100
    text = PKG + "interface x {\n  type t =\n" + "    option<\n" * depth + "u8" + ">" * depth + ";\n}\n"
    p = project(tmp_path, {"wit/a.wit": text})
    assert lines(p) == [("a.wit", depth + 4, "wit/syntax-error")]
    (d,) = p.diagnostics()
    assert "nested too deeply" in d.message and p.text_at(d) == "u8"


def test_types_nested_just_below_the_limit_are_fine(tmp_path):
    depth = 99
    p = project(tmp_path, {"wit/a.wit": PKG + "interface x {\n  type t = " + "list<" * depth + "u8" + ">" * depth
                           + ";\n}\n"})
    assert p.diagnostics() == []
