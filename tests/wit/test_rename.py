"""Rename: across the package's files and through `use`, aliases kept local, refused
in deps/ and for built-ins, names validated, clashes refused."""

from __future__ import annotations

import textwrap

from witsmith.features.editing import RenameEdits, RenameRefused, RenameTarget
from witsmith.features.wit.rename import prepare_rename, rename
from wit.helpers import project

PKG = "package my:app@1.0.0;\n"

TYPES = PKG + """
    interface types {
      record user { id: u64, name: string }
      type uid = user;
      resource conn {
        constructor(addr: string);
        send: func(data: list<u8>);
        open: static func() -> conn;
      }
      lookup: func(id: uid) -> option<user>;
    }
    """

API = """
    interface api {
      use types.{user, user as person};
      get: func() -> user;
      find: func() -> list<person>;
    }
    world app {
      import api;
      import types;
      export run: func();
    }
    """

STREAMS = "package wasi:io@0.2.0;\ninterface streams {\n  resource input-stream;\n}\n"


def renamed(tmp_path, files, new_name, at=None):
    """The files after the rename (by relative path), or the refusal."""
    p = project(tmp_path, files)
    at = at or next(iter(p.cursors))
    path = p.root.parent / at
    result = rename(p.workspace, path, p.cursors[at], new_name)
    if isinstance(result, RenameRefused):
        return result
    assert isinstance(result, RenameEdits)
    out = {}
    for relative in files:
        file = p.root.parent / relative
        source = file.read_bytes()
        for edit in sorted((e for e in result.edits if e.path == file), key=lambda e: e.start, reverse=True):
            source = source[:edit.start] + edit.new_text.encode() + source[edit.end:]
        out[relative] = source.decode()
    return out


def test_prepare_gives_the_name_under_the_cursor(tmp_path):
    p = project(tmp_path, {"wit/types.wit": TYPES.replace("record user", "record us‸er")})
    target = prepare_rename(p.workspace, p.root / "types.wit", p.cursors["wit/types.wit"])
    assert isinstance(target, RenameTarget) and target.placeholder == "user"
    assert (p.root / "types.wit").read_bytes()[target.start:target.end] == b"user"


def test_type_renamed_across_files_but_not_under_an_alias(tmp_path):
    out = renamed(tmp_path, {"wit/types.wit": TYPES.replace("record user", "record us‸er"), "wit/api.wit": API},
                  "account")
    assert "record account { id: u64, name: string }" in out["wit/types.wit"]
    assert "type uid = account;" in out["wit/types.wit"] and "option<account>" in out["wit/types.wit"]
    assert "use types.{account, account as person};" in out["wit/api.wit"]
    assert "get: func() -> account;" in out["wit/api.wit"]
    assert "list<person>" in out["wit/api.wit"]  # the alias keeps its name


def test_rename_from_a_reference_in_another_file(tmp_path):
    out = renamed(tmp_path, {"wit/types.wit": TYPES, "wit/api.wit": API.replace("-> user", "-> us‸er")},
                  "member", at="wit/api.wit")
    assert "record member {" in out["wit/types.wit"] and "get: func() -> member;" in out["wit/api.wit"]


def test_alias_renames_only_its_local_uses(tmp_path):
    out = renamed(tmp_path, {"wit/types.wit": TYPES, "wit/api.wit": API.replace("list<person>", "list<pers‸on>")},
                  "who", at="wit/api.wit")
    assert "use types.{user, user as who};" in out["wit/api.wit"] and "list<who>" in out["wit/api.wit"]
    assert out["wit/types.wit"] == project_text(TYPES)  # the original is untouched


def test_alias_taken_by_another_interface_follows(tmp_path):
    out = renamed(tmp_path, {
        "wit/types.wit": TYPES,
        "wit/api.wit": API.replace("list<person>", "list<pers‸on>"),
        "wit/more.wit": "interface more {\n  use api.{person};\n  all: func() -> list<person>;\n}\n",
    }, "who", at="wit/api.wit")
    assert "use api.{who};" in out["wit/more.wit"] and "list<who>" in out["wit/more.wit"]


def test_world_item_renamed_in_include_with(tmp_path):
    out = renamed(tmp_path, {"wit/a.wit": PKG + """
        world base {
          import lo‸g: func(msg: string);
        }
        world app {
          include base with { log as base-log }
          import log: func();
        }
        """}, "trace")
    assert "import trace: func(msg: string);" in out["wit/a.wit"]
    assert "include base with { trace as base-log }" in out["wit/a.wit"]
    assert "import log: func();" in out["wit/a.wit"]


def test_world_item_renamed_from_an_include_with(tmp_path):
    out = renamed(tmp_path, {"wit/a.wit": PKG + """
        world base {
          import log: func(msg: string);
        }
        world app {
          include base with { lo‸g as base-log }
        }
        """}, "trace")
    assert "import trace: func(msg: string);" in out["wit/a.wit"]
    assert "include base with { trace as base-log }" in out["wit/a.wit"]


def project_text(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_interface_renamed_in_uses_and_world_imports(tmp_path):
    out = renamed(tmp_path, {"wit/types.wit": TYPES.replace("interface types", "interface ty‸pes"),
                             "wit/api.wit": API}, "model")
    assert "interface model {" in out["wit/types.wit"]
    assert "use model.{user, user as person};" in out["wit/api.wit"] and "import model;" in out["wit/api.wit"]


def test_top_level_use_alias_is_renamed_in_its_file(tmp_path):
    out = renamed(tmp_path, {
        "wit/a.wit": PKG + "use wasi:io/streams@0.2.0 as io‸s;\ninterface api {\n  use ios.{input-stream};\n}\n"
                           "world w {\n  import ios;\n}\n",
        "wit/deps/io/streams.wit": STREAMS,
    }, "byte-streams")
    text = out["wit/a.wit"]
    assert "as byte-streams;" in text and "use byte-streams.{input-stream};" in text
    assert "import byte-streams;" in text


def test_functions_methods_fields_and_world_items(tmp_path):
    out = renamed(tmp_path, {"wit/types.wit": TYPES.replace("lookup:", "look‸up:")}, "find-user")
    assert "find-user: func(id: uid) -> option<user>;" in out["wit/types.wit"]
    out = renamed(tmp_path / "m", {"wit/types.wit": TYPES.replace("send:", "se‸nd:")}, "write")
    assert "write: func(data: list<u8>);" in out["wit/types.wit"]
    out = renamed(tmp_path / "f", {"wit/types.wit": TYPES.replace("name: string", "na‸me: string")}, "full-name")
    assert "record user { id: u64, full-name: string }" in out["wit/types.wit"]
    assert "lookup: func(id: uid)" in out["wit/types.wit"]  # a parameter of the same name is another thing
    out = renamed(tmp_path / "w", {"wit/types.wit": TYPES, "wit/api.wit": API.replace("run:", "r‸un:")}, "start")
    assert "export start: func();" in out["wit/api.wit"]


def test_keyword_names_need_the_escape(tmp_path):
    files = {"wit/types.wit": TYPES.replace("record user", "record us‸er"), "wit/api.wit": API}
    refused = renamed(tmp_path, files, "record")
    assert isinstance(refused, RenameRefused) and "%record" in refused.message
    out = renamed(tmp_path / "ok", files, "%record")
    assert "record %record {" in out["wit/types.wit"] and "-> %record;" in out["wit/api.wit"]


def test_invalid_names_are_refused(tmp_path):
    files = {"wit/types.wit": TYPES.replace("record user", "record us‸er")}
    for bad in ("userName", "user_name", "user--name", "-user", "user-", "1user", "user-2x", "", "%"):
        result = renamed(tmp_path / f"n{abs(hash(bad))}", files, bad)
        assert isinstance(result, RenameRefused), bad
    for good in ("user-name", "USER", "user2", "user-v2", "HTTP-client"):
        assert not isinstance(renamed(tmp_path / f"g{abs(hash(good))}", files, good), RenameRefused), good


def test_clashes_in_the_same_scope_are_refused(tmp_path):
    cases = [
        (TYPES.replace("record user", "record us‸er"), "conn", "already a name"),
        (TYPES.replace("record user", "record us‸er"), "UID", "already a name"),  # case-insensitive
        (TYPES.replace("name: string", "na‸me: string"), "id", "already has `id`"),
        (TYPES.replace("send:", "se‸nd:"), "open", "already has a function"),
        (TYPES.replace("send:", "se‸nd:"), "conn", "name of its resource"),
        (TYPES.replace("interface types", "interface ty‸pes") + "interface other {}\n", "other", "already has"),
    ]
    for index, (text, new_name, message) in enumerate(cases):
        result = renamed(tmp_path / str(index), {"wit/types.wit": text}, new_name)
        assert isinstance(result, RenameRefused) and message in result.message, (new_name, result)


def test_clash_in_a_body_that_uses_the_type(tmp_path):
    result = renamed(tmp_path, {
        "wit/types.wit": TYPES.replace("record user", "record us‸er"),
        "wit/api.wit": "interface api {\n  use types.{user};\n  type account = u32;\n}\n",
    }, "account")
    assert isinstance(result, RenameRefused) and "`api`" in result.message


def test_refused_in_deps_and_for_built_ins(tmp_path):
    files = {"wit/a.wit": PKG + "interface api {\n  use wasi:io/streams@0.2.0.{input-str‸eam};\n}\n",
             "wit/deps/io/streams.wit": STREAMS}
    p = project(tmp_path, files)
    path = p.root / "a.wit"
    for result in (prepare_rename(p.workspace, path, p.cursors["wit/a.wit"]),
                   rename(p.workspace, path, p.cursors["wit/a.wit"], "reader")):
        assert isinstance(result, RenameRefused) and "dependenc" in result.message
    dep = project(tmp_path / "d", {"wit/a.wit": PKG, "wit/deps/io/streams.wit": STREAMS.replace("input", "in‸put")})
    dep_path = dep.root / "deps/io/streams.wit"
    assert isinstance(prepare_rename(dep.workspace, dep_path, dep.cursors["wit/deps/io/streams.wit"]), RenameRefused)
    builtin = project(tmp_path / "b", {"wit/a.wit": PKG + "interface i {\n  f: func(a: u3‸2);\n}\n"})
    result = prepare_rename(builtin.workspace, builtin.root / "a.wit", builtin.cursors["wit/a.wit"])
    assert isinstance(result, RenameRefused) and "built into WIT" in result.message


def test_nothing_to_rename_on_punctuation_or_unknown_names(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i {‸\n  f: func(a: missing);\n}\n"})
    path = p.root / "a.wit"
    assert prepare_rename(p.workspace, path, p.cursors["wit/a.wit"]) is None
    source = path.read_bytes()
    unknown = source.index(b"missing") + 2
    assert isinstance(prepare_rename(p.workspace, path, unknown), RenameRefused)
    assert isinstance(rename(p.workspace, path, unknown, "other"), RenameRefused)
    assert prepare_rename(p.workspace, path, -1) is None
    assert isinstance(rename(p.workspace, path, 10**6, "x"), RenameRefused)


def test_same_name_changes_nothing(tmp_path):
    p = project(tmp_path, {"wit/types.wit": TYPES.replace("record user", "record us‸er")})
    result = rename(p.workspace, p.root / "types.wit", p.cursors["wit/types.wit"], "user")
    assert result == RenameEdits(())
