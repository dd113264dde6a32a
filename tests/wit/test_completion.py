"""Completion: keywords per body, types in scope and from other interfaces (with the
`use` they need), `use` paths and names, world targets, snippets; on half-typed lines."""

from __future__ import annotations

from witsmith.features.wit.completion import completions
from wit.helpers import project

PKG = "package my:app@1.0.0;\n"

TYPES = PKG + """
    interface types {
      /// A user of the app.
      record user { id: u64 }
      enum color { red, green }
      resource conn;
    }
    """

STREAMS = """
    package wasi:io@0.2.0;
    /// Byte streams.
    interface streams {
      resource input-stream;
      resource output-stream;
    }
    interface poll { resource pollable; }
    world imports { import streams; }
    """


def complete(tmp_path, text, extra=None, at="wit/a.wit"):
    files = {at: text, **(extra or {})}
    p = project(tmp_path, files)
    path = p.root.parent / at
    found = completions(p.workspace, path, p.cursors[at])
    by_label: dict = {}
    for candidate in found:  # a keyword comes before the snippet of the same name
        by_label.setdefault(candidate.label, candidate)
    return by_label, path.read_bytes(), p.cursors[at]


def kinds(tmp_path, text, extra=None) -> dict[str, set[str]]:
    """Labels by kind."""
    p = project(tmp_path, {"wit/a.wit": text, **(extra or {})})
    grouped: dict[str, set[str]] = {}
    for candidate in completions(p.workspace, p.root / "a.wit", p.cursors["wit/a.wit"]):
        grouped.setdefault(candidate.kind, set()).add(candidate.label)
    return grouped


def apply(source: bytes, edits) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        source = source[:edit.start] + edit.new_text.encode() + source[edit.end:]
    return source.decode()


def test_top_level_keywords_and_snippets(tmp_path):
    found, _, _ = complete(tmp_path, "‸")
    assert {"package", "interface", "world", "use"} <= set(found)
    assert found["interface"].kind == "keyword" and found["interface"].documentation
    assert kinds(tmp_path / "k", "‸")["snippet"] == {"interface", "world"}
    p = project(tmp_path / "s", {"wit/a.wit": "‸"})
    snippets = [c for c in completions(p.workspace, p.root / "a.wit", 0) if c.kind == "snippet"]
    assert snippets and all(c.is_snippet and "${1:name}" in c.insert_text for c in snippets)
    # A file that already declares its package is not offered a second one.
    again, _, _ = complete(tmp_path / "2", PKG + "\n‸")
    assert "package" not in again and "world" in again


def test_interface_body_keywords_and_declaration_snippets(tmp_path):
    found, _, _ = complete(tmp_path, PKG + "interface api {\n  re‸\n}\n")
    grouped = kinds(tmp_path / "k", PKG + "interface api {\n  re‸\n}\n")
    assert grouped["keyword"] == {"use", "type", "record", "variant", "enum", "flags", "resource"}
    assert {"record", "variant", "resource", "func"} <= grouped["snippet"]
    assert "import" not in found
    assert found["use"].replace_start == found["use"].replace_end - 2  # replaces the typed `re`


def test_world_body_keywords(tmp_path):
    grouped = kinds(tmp_path, PKG + "world app {\n  @since(version = 1.0.0)\n  ‸\n}\n")
    assert {"import", "export", "include", "use"} <= grouped["keyword"]
    assert "export func" in grouped["snippet"] and "func" not in grouped["keyword"]


def test_func_keywords_after_a_name_and_in_resources(tmp_path):
    found, _, _ = complete(tmp_path, PKG + "interface api {\n  get: ‸\n}\n")
    assert {"func", "async"} <= set(found) and "static" not in found
    found, _, _ = complete(tmp_path / "r", PKG + "interface api {\n  resource r {\n    ‸\n  }\n}\n")
    assert "constructor" in found and "method" in found
    found, _, _ = complete(tmp_path / "m", PKG + "interface api {\n  resource r {\n    m: ‸\n  }\n}\n")
    assert {"func", "async", "static"} <= set(found)


def test_types_in_scope_local_and_used_then_built_ins(tmp_path):
    found, source, offset = complete(tmp_path, PKG + """
        interface api {
          use types.{user as person};
          type id = u64;
          get: func(key: ‸) -> id;
        }
        """, {"wit/types.wit": TYPES})
    assert found["id"].kind == "type" and found["id"].sort_text < found["u32"].sort_text
    assert found["person"].detail == "use types.{user}"
    assert {"u8", "string", "error-context", "list", "option", "result", "borrow", "own", "future",
            "stream", "tuple", "char"} <= set(found)
    assert found["list"].insert_text == "list<$1>" and found["list"].is_snippet
    assert found["string"].documentation
    assert found["u32"].replace_start == found["u32"].replace_end == offset


def test_handles_take_resources_only(tmp_path):
    found, _, _ = complete(tmp_path, PKG + """
        interface api {
          use wasi:io/streams@0.2.0.{input-stream as input};
          use types.{user};
          resource local-thing;
          type id = u64;
          read: func(from: borrow<‸>);
        }
        """, {"wit/types.wit": TYPES, "wit/deps/io/streams.wit": STREAMS})
    assert {"input", "local-thing", "conn", "output-stream", "pollable"} <= set(found)
    assert not {"user", "id", "u32", "list", "color"} & set(found)
    assert found["input"].kind == "class" and found["input"].detail == "use wasi:io/streams@0.2.0.{input-stream}"


def test_type_from_another_interface_adds_to_its_existing_use(tmp_path):
    found, source, _ = complete(tmp_path, PKG + """
        interface api {
          use types.{user};
          paint: func(c: co‸) -> bool;
        }
        """, {"wit/types.wit": TYPES})
    color = found["color"]
    assert color.kind == "enum" and "from types" in color.detail
    assert "use types.{user, color};" in apply(source, color.additional_edits)
    assert found["user"].additional_edits == ()  # already in scope


def test_type_from_another_interface_inserts_a_use_line(tmp_path):
    found, source, _ = complete(tmp_path, PKG + "interface api {\n    get: func() -> ‸;\n}\n",
                                {"wit/types.wit": TYPES})
    edited = apply(source, found["user"].additional_edits)
    assert edited.startswith(PKG + "interface api {\n    use types.{user};\n    get: func() -> ;\n}")
    assert found["user"].documentation.startswith("```wit\nrecord user {")


def test_type_from_a_dependency_uses_its_full_path(tmp_path):
    found, source, _ = complete(tmp_path, PKG + """
        interface api {
          use wasi:io/streams@0.2.0.{input-stream};
          write: func(out: borrow<out‸>);
        }
        """, {"wit/deps/io/streams.wit": STREAMS, "wit/types.wit": TYPES})
    output = found["output-stream"]
    assert "from wasi:io/streams@0.2.0" in output.detail
    assert output.sort_text > found["conn"].sort_text  # the package's own types first
    assert "use wasi:io/streams@0.2.0.{input-stream, output-stream};" in apply(source, output.additional_edits)
    assert "use wasi:io/poll@0.2.0.{pollable};" in apply(source, found["pollable"].additional_edits)


def test_types_on_half_typed_lines(tmp_path):
    text = PKG + "interface api {\n  type id = u64;\n  record r {\n    a: tuple<u8, ‸\n  f: func();\n}\n"
    found, _, _ = complete(tmp_path, text)
    assert "id" in found and "u8" in found
    found, _, _ = complete(tmp_path / "v", PKG + "interface api {\n  type id = u64;\n  variant v { a(‸\n")
    assert "id" in found and "string" in found
    found, _, _ = complete(tmp_path / "r", PKG + "interface api {\n  type id = u64;\n  f: func() -> opt‸")
    assert "option" in found and "id" in found
    found, _, _ = complete(tmp_path / "a", PKG + "interface api {\n  type id = u64;\n  type x = ‸")
    assert "id" in found


def test_use_paths_local_and_from_deps(tmp_path):
    deps = {"wit/types.wit": TYPES, "wit/deps/io/streams.wit": STREAMS}
    found, source, offset = complete(tmp_path, PKG + "interface api {\n  use ‸\n}\n", deps)
    assert "types" in found and "api" not in found
    assert {"wasi:io/streams@0.2.0", "wasi:io/poll@0.2.0"} <= set(found)
    assert "wasi:io/imports@0.2.0" not in found  # a world cannot be used
    assert found["wasi:io/streams@0.2.0"].documentation == "Byte streams."
    found, source, offset = complete(tmp_path / "p", PKG + "interface api {\n  use wasi:io/str‸\n}\n", deps)
    candidate = found["wasi:io/streams@0.2.0"]
    assert source[candidate.replace_start:offset] == b"wasi:io/str"


def test_names_after_use_brace(tmp_path):
    deps = {"wit/deps/io/streams.wit": STREAMS}
    found, _, _ = complete(tmp_path, PKG + "interface api {\n  use wasi:io/streams@0.2.0.{input-stream, ‸\n}\n",
                           deps)
    assert set(found) == {"output-stream"}
    assert found["output-stream"].kind == "class"
    found, _, _ = complete(tmp_path / "l", PKG + "interface api {\n  use types.{‸};\n}\n", {"wit/types.wit": TYPES})
    assert set(found) == {"user", "color", "conn"}
    assert found["user"].documentation == "A user of the app."


def test_world_import_export_and_include_targets(tmp_path):
    deps = {"wit/types.wit": TYPES, "wit/deps/io/streams.wit": STREAMS}
    found, _, _ = complete(tmp_path, PKG + "world app {\n  import ‸\n}\nworld base {}\n", deps)
    assert {"types", "wasi:io/streams@0.2.0", "wasi:io/poll@0.2.0"} <= set(found)
    assert "base" not in found and "wasi:io/imports@0.2.0" not in found
    found, _, _ = complete(tmp_path / "n", PKG + "world app {\n  export run: ‸\n}\n", deps)
    assert {"func", "async", "interface", "types"} <= set(found)
    found, _, _ = complete(tmp_path / "i", PKG + "world app {\n  include ‸\n}\nworld base {}\n", deps)
    assert set(found) == {"base", "wasi:io/imports@0.2.0"}


def test_include_with_offers_the_named_items_of_the_world(tmp_path):
    found, _, _ = complete(tmp_path, PKG + """
        world base {
          import log: func(msg: string);
          export run: func();
          import types;
        }
        world app {
          include base with { ‸ }
        }
        """, {"wit/types.wit": TYPES})
    assert set(found) == {"log", "run"}
    assert found["log"].insert_text == "log as ${1:new-name}" and found["log"].detail == "imported function of base"


def test_inline_interface_of_a_world_gets_its_own_use_line(tmp_path):
    found, source, _ = complete(tmp_path, PKG + "world app {\n  import x: interface {\n    f: func(u: ‸);\n  }\n}\n",
                                {"wit/types.wit": TYPES})
    assert "  import x: interface {\n    use types.{user};\n    f: func(u: );" in apply(
        source, found["user"].additional_edits)


def test_gates_after_at(tmp_path):
    found, _, _ = complete(tmp_path, PKG + "interface api {\n  @‸\n}\n")
    assert set(found) == {"since", "unstable", "deprecated"}
    assert found["since"].insert_text.startswith("since(version = ")


def test_comments_do_not_confuse_the_context(tmp_path):
    found, _, _ = complete(tmp_path, PKG + "interface api {\n  // world { import\n  /* record { */\n  ‸\n}\n")
    assert "record" in found and "import" not in found


def test_bad_positions_give_nothing(tmp_path):
    p = project(tmp_path, {"wit/a.wit": TYPES})
    path = p.root / "a.wit"
    assert completions(p.workspace, path, -1) == []
    assert completions(p.workspace, path, 10**6) == []
    assert completions(p.workspace, p.root / "missing.wit", 0) == []


def test_edits_match_the_buffer_while_the_workspace_lags_behind(tmp_path):
    # The server reparses a file on each keystroke but may resolve it only when typing pauses.
    from witsmith.settings import Settings
    from witsmith.workspace.files import FileStore, ParseCache
    from witsmith.workspace.wit import WitWorkspace

    project(tmp_path, {"wit/types.wit": TYPES, "wit/a.wit": PKG + "interface api {\n  use types.{color};\n}\n"})
    files = FileStore()
    workspace = WitWorkspace(files, ParseCache(), Settings())
    workspace.add_root(tmp_path / "wit")
    path = tmp_path / "wit" / "a.wit"
    typed = PKG + "/// Lines typed above the use.\n\ninterface api {\n  use types.{color};\n  f: func(u: \n}\n"
    files.set_buffer(path, typed.encode())
    offset = len(typed.encode()) - len(b"\n}\n")
    found = {c.label: c for c in completions(workspace, path, offset)}
    assert "use types.{color, user};" in apply(typed.encode(), found["user"].additional_edits)
