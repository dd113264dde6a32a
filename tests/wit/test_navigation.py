"""Definitions and references, through `use` renames, files and deps/."""

from __future__ import annotations

from wit.helpers import project

PKG = "package my:app@1.0.0;\n"


def text(location) -> str:
    return location.path.read_bytes()[location.start:location.end].decode()


def test_definition_through_a_rename_into_deps(tmp_path):
    p = project(tmp_path, {
        "wit/api.wit": PKG + """
            interface api {
              use wasi:io/streams@0.2.0.{input-stream as input};
              read: func(s: borrow<inp‸ut>);
            }
            """,
        "wit/deps/io/streams.wit": "package wasi:io@0.2.0;\ninterface streams { resource input-stream; }\n",
    })
    target = p.workspace.definition(p.root / "api.wit", p.cursors["wit/api.wit"])
    assert target is not None and target.path.name == "streams.wit" and text(target) == "input-stream"


def test_definition_of_an_interface_in_another_file(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "world w { import ap‸i; }\n",
                           "wit/b.wit": "interface api {}\n"})
    target = p.workspace.definition(p.root / "a.wit", p.cursors["wit/a.wit"])
    assert target.path.name == "b.wit" and text(target) == "api"


def test_references_from_the_declaration_across_files(tmp_path):
    p = project(tmp_path, {
        "wit/types.wit": PKG + "interface types {\n  record us‸er { id: u64 }\n  f: func(u: user) -> list<user>;\n}\n",
        "wit/api.wit": "interface api {\n  use types.{user};\n  get: func() -> user;\n}\n",
    })
    offset = p.cursors["wit/types.wit"]
    found = p.workspace.references(p.root / "types.wit", offset, include_declaration=True)
    assert [text(loc) for loc in found] == ["user"] * 5  # the declaration, two uses, the `use` and its user
    assert {loc.path.name for loc in found} == {"types.wit", "api.wit"}
    without = p.workspace.references(p.root / "types.wit", offset, include_declaration=False)
    assert len(without) == 4


def test_references_follow_updates(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i {\n  type i‸d = u64;\n  f: func(x: id);\n}\n"})
    path = p.root / "a.wit"
    offset = p.cursors["wit/a.wit"]
    assert len(p.workspace.references(path, offset, False)) == 1
    path.write_text(PKG + "interface i {\n  type id = u64;\n  f: func(x: id, y: id);\n}\n")
    p.workspace.update(path)
    assert len(p.workspace.references(path, offset, False)) == 2


def test_nothing_at_a_keyword(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "inter‸face i {}\n"})
    assert p.workspace.definition(p.root / "a.wit", p.cursors["wit/a.wit"]) is None
    assert p.workspace.references(p.root / "a.wit", p.cursors["wit/a.wit"], True) == []


def test_package_part_of_a_path_leads_to_the_package_declaration(tmp_path):
    p = project(tmp_path, {
        "wit/a.wit": PKG + "world w { import wasi:i‸o/streams@0.2.0; }\n",
        "wit/deps/io/streams.wit": "package wasi:io@0.2.0;\ninterface streams {}\n",
    })
    target = p.workspace.definition(p.root / "a.wit", p.cursors["wit/a.wit"])
    assert target.path.name == "streams.wit" and text(target) == "wasi:io@0.2.0"


def test_context_and_resolution_for_features(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i { type t = u32; f: func(x: t); }\n",
                           "wit/deps/io.wit": "package wasi:io@0.2.0;\ninterface streams {}\n"})
    context = p.workspace.context_for(p.root / "a.wit")
    assert {package.label for package in context.packages.values() for package in package} == \
        {"my:app@1.0.0", "wasi:io@0.2.0"}
    assert p.workspace.group_for(p.root / "deps" / "io.wit").is_dep
    resolution = p.workspace.resolution(p.root / "a.wit")
    assert len(resolution.refs) == 1 and resolution.problems == []
    assert p.workspace.context_for(tmp_path / "elsewhere.wit") is None
