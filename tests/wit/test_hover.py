"""Hover: signatures, qualified names, docs and gates; through `use` renames and into
deps/; built-in types and keywords; nothing (and no exception) elsewhere."""

from __future__ import annotations

from witsmith.features.wit.hover import hover
from wit.helpers import project

PKG = "package my:app@1.0.0;\n"

TYPES = PKG + """
    /// Shared types.
    interface types {
      /// A user of the app.
      @since(version = 1.0.0)
      record user {
        /// The stable id.
        id: u64,
        name: string,
      }
      @unstable(feature = fancy)
      resource conn {
        constructor(addr: string);
        send: func(data: list<u8>) -> result<_, string>;
      }
      type uid = user;
    }
    """

STREAMS = """
    /// I/O for components.
    package wasi:io@0.2.0;

    /// Byte streams.
    interface streams {
      /// A stream to read from.
      resource input-stream {
        read: func(len: u64) -> list<u8>;
      }
    }
    """


def hover_at(tmp_path, files, at="wit/a.wit", features=()):
    p = project(tmp_path, files, features=features)
    offset = p.cursors[at]
    info = hover(p.workspace, p.root.parent / at, offset)
    return info, p.root.parent.joinpath(at).read_bytes()


def test_record_declaration_shows_members_docs_and_since_gate(tmp_path):
    info, source = hover_at(tmp_path, {"wit/a.wit": TYPES.replace("record user", "record us‸er")})
    assert source[info.start:info.end] == b"user"
    assert "```wit\n@since(version = 1.0.0)\nrecord user {\n    id: u64,\n    name: string,\n}\n```" in info.markdown
    assert "`my:app/types@1.0.0.{user}`" in info.markdown
    assert "A user of the app." in info.markdown
    assert "since version 1.0.0" in info.markdown


def test_reference_in_another_file_resolves_to_the_declaration(tmp_path):
    info, source = hover_at(tmp_path, {
        "wit/types.wit": TYPES,
        "wit/a.wit": "interface api {\n  use types.{user};\n  get: func() -> option<us‸er>;\n}\n",
    })
    assert source[info.start:info.end] == b"user"
    assert "record user {" in info.markdown and "A user of the app." in info.markdown


def test_use_rename_into_deps_shows_the_original(tmp_path):
    info, source = hover_at(tmp_path, {
        "wit/a.wit": PKG + "interface api {\n  use wasi:io/streams@0.2.0.{input-stream as input};\n"
                           "  pull: func(s: borrow<inp‸ut>);\n}\n",
        "wit/deps/io/streams.wit": STREAMS,
    })
    assert source[info.start:info.end] == b"input"
    assert "resource input-stream {\n    read: func(len: u64) -> list<u8>;\n}" in info.markdown
    assert "`wasi:io/streams@0.2.0.{input-stream}`" in info.markdown
    assert "A stream to read from." in info.markdown
    assert "Imported here as `input`." in info.markdown


def test_hover_on_the_alias_itself_shows_the_original(tmp_path):
    info, _ = hover_at(tmp_path, {
        "wit/a.wit": PKG + "interface api {\n  use wasi:io/streams@0.2.0.{input-stream as in‸put};\n}\n",
        "wit/deps/io/streams.wit": STREAMS,
    })
    assert "resource input-stream" in info.markdown and "Imported here as `input`." in info.markdown


def test_unstable_gate_says_whether_the_feature_is_enabled(tmp_path):
    files = {"wit/a.wit": TYPES.replace("resource conn", "resource co‸nn")}
    off, _ = hover_at(tmp_path / "off", files)
    assert "@unstable(feature = fancy)\nresource conn {" in off.markdown
    assert "`fancy`, which is not enabled" in off.markdown
    on, _ = hover_at(tmp_path / "on", files, features={"fancy"})
    assert "`fancy`, which is enabled." in on.markdown


def test_deprecated_gate_is_shown(tmp_path):
    info, _ = hover_at(tmp_path, {"wit/a.wit": PKG + """
        interface i {
          @since(version = 0.1.0)
          @deprecated(version = 1.0.0)
          ol‸d: func();
        }
        """})
    assert "@deprecated(version = 1.0.0)\nold: func();" in info.markdown
    assert "**Deprecated** since version 1.0.0." in info.markdown


def test_function_signature_and_method(tmp_path):
    info, _ = hover_at(tmp_path, {"wit/a.wit": PKG + """
        interface i {
          /// Fetch things.
          fet‸ch: async func(url: string, limit: option<u32>) -> result<list<u8>, error-context>;
        }
        """})
    assert "fetch: async func(url: string, limit: option<u32>) -> result<list<u8>, error-context>;" in info.markdown
    assert "`my:app/i@1.0.0.{fetch}`" in info.markdown and "Fetch things." in info.markdown
    method, _ = hover_at(tmp_path / "m", {"wit/a.wit": TYPES.replace("send:", "se‸nd:")})
    assert "send: func(data: list<u8>) -> result<_, string>;" in method.markdown
    assert "method of resource `my:app/types@1.0.0.{conn}`" in method.markdown


def test_type_alias_names_its_target(tmp_path):
    info, _ = hover_at(tmp_path, {"wit/a.wit": TYPES.replace("type uid", "type u‸id")})
    assert "type uid = user;" in info.markdown
    assert "Alias of the record `my:app/types@1.0.0.{user}`" in info.markdown


def test_interface_and_world_summaries(tmp_path):
    files = {"wit/types.wit": TYPES,
             "wit/a.wit": "world app {\n  import ty‸pes;\n  import wasi:io/streams@0.2.0;\n"
                          "  export run: func(args: list<string>);\n  include other;\n}\nworld other {}\n",
             "wit/deps/io/streams.wit": STREAMS}
    info, _ = hover_at(tmp_path, files)
    assert "interface types {\n    record user { id, name }\n    resource conn { … }\n    type uid = user;\n}" \
        in info.markdown
    assert "`my:app/types@1.0.0`" in info.markdown and "Shared types." in info.markdown
    world, _ = hover_at(tmp_path / "w", {**files, "wit/a.wit": files["wit/a.wit"].replace("world app", "world a‸pp")
                                         .replace("ty‸pes", "types")})
    assert "world app {\n    import types;\n    import wasi:io/streams@0.2.0;\n" \
           "    export run: func(args: list<string>);\n    include other;\n}" in world.markdown


def test_include_with_name_shows_the_included_item(tmp_path):
    info, source = hover_at(tmp_path, {"wit/a.wit": PKG + """
        world base {
          /// Write a line to the log.
          import log: func(msg: string);
        }
        world app {
          include base with { l‸og as base-log }
        }
        """})
    assert source[info.start:info.end] == b"log"
    assert "import log: func(msg: string);" in info.markdown and "Write a line to the log." in info.markdown


def test_package_in_a_path_shows_the_dependency_package(tmp_path):
    info, source = hover_at(tmp_path, {
        "wit/a.wit": PKG + "world w { import wasi:i‸o/streams@0.2.0; }\n",
        "wit/deps/io/streams.wit": STREAMS,
    })
    assert source[info.start:info.end] == b"wasi:io"
    assert "package wasi:io@0.2.0;\ninterface streams { … }" in info.markdown
    assert "I/O for components." in info.markdown


def test_record_field_shows_its_owner_and_docs(tmp_path):
    info, _ = hover_at(tmp_path, {"wit/a.wit": TYPES.replace("id: u64", "i‸d: u64")})
    assert "```wit\nid: u64\n```" in info.markdown
    assert "field of record `my:app/types@1.0.0.{user}`" in info.markdown and "The stable id." in info.markdown


def test_builtin_types_and_keywords(tmp_path):
    cases = {"u3‸2": "unsigned 32-bit", "strin‸g": "Unicode scalar values", "bor‸row<": "lent",
             "opt‸ion<": "nothing", "res‸ult<": "Success", "error-con‸text": "opaque",
             "inter‸face api": "group of types", "fu‸nc(": "function type", "use‸ types": "Brings names"}
    for index, (marked, words) in enumerate(cases.items()):
        text = PKG + "interface types { type t = u32; }\ninterface api {\n  use types.{t};\n" \
                     "  f: func(a: u32, b: string, c: borrow<r>, d: option<t>) -> result<u8, error-context>;\n" \
                     "  resource r;\n}\n"
        plain = marked.replace("‸", "")
        info, source = hover_at(tmp_path / str(index), {"wit/a.wit": text.replace(plain, marked, 1)})
        assert info is not None, marked
        assert words in info.markdown, (marked, info.markdown)
        assert source[info.start:info.end].decode() in plain


def test_gates_explained_with_the_feature_state(tmp_path):
    text = PKG + "interface i {\n  @unstable(feature = fancy)\n  f: func();\n}\n"
    info, source = hover_at(tmp_path, {"wit/a.wit": text.replace("@unstable", "@unst‸able")}, features={"fancy"})
    assert source[info.start:info.end] == b"unstable"
    assert "Feature gate." in info.markdown and "The feature `fancy` is enabled." in info.markdown
    info, source = hover_at(tmp_path / "f", {"wit/a.wit": text.replace("= fancy", "= fan‸cy")})
    assert source[info.start:info.end] == b"fancy" and "`fancy` is not enabled" in info.markdown


def test_nothing_on_punctuation_unknown_names_and_broken_text(tmp_path):
    info, _ = hover_at(tmp_path, {"wit/a.wit": PKG + "interface i {\n  f: func(a: unkno‸wn);\n}\n"})
    assert info is None
    info, _ = hover_at(tmp_path / "p", {"wit/a.wit": PKG + "interface i {‸\n}\n"})
    assert info is None
    info, _ = hover_at(tmp_path / "b", {"wit/a.wit": PKG + "interface i {\n  record r { a: u3‸\n"})
    assert info is None or "Built-in" not in info.markdown


def test_bad_offsets_give_nothing(tmp_path):
    p = project(tmp_path, {"wit/a.wit": TYPES})
    path = p.root / "a.wit"
    assert hover(p.workspace, path, -5) is None
    assert hover(p.workspace, path, 10**6) is None
    assert hover(p.workspace, p.root / "missing.wit", 3) is None


def test_no_wrong_answer_while_the_workspace_lags_behind(tmp_path):
    from witsmith.settings import Settings
    from witsmith.workspace.files import FileStore, ParseCache
    from witsmith.workspace.wit import WitWorkspace

    text = PKG + "interface i {\n  type aa = u32;\n  type bb = aa;\n}\n"
    project(tmp_path, {"wit/a.wit": text})
    files = FileStore()
    workspace = WitWorkspace(files, ParseCache(), Settings())
    workspace.add_root(tmp_path / "wit")
    path = tmp_path / "wit" / "a.wit"
    # `aa` retyped as `cc`, not yet resolved: the stale reference still leads to `aa`.
    files.set_buffer(path, text.replace("= aa", "= cc").encode())
    info = hover(workspace, path, text.encode().rindex(b"aa") + 1)
    assert info is None


def test_hover_on_a_stubbed_import_says_so(tmp_path):
    files = {"wasmcloud.toml": "name = 'x'\n",
             "wit/a.wit": "package my:app@1.0.0;\n\nworld w {\n  import wasi:filesystem/ty‸pes@0.2.0;\n}\n",
             "wit/deps/fs.wit": "package wasi:filesystem@0.2.0;\ninterface types {}\n"}
    info, _ = hover_at(tmp_path, files)
    assert "**wasmCloud:**" in info.markdown and "only as a stub" in info.markdown
