"""Each WIT rule, on small fixtures written as text."""

from __future__ import annotations

from wit.helpers import project

PKG = "package my:app@1.0.0;\n"


def only(p, code):
    found = [d for d in p.diagnostics() if d.code == code]
    assert found, p.codes()
    return found


def test_valid_package_has_no_diagnostics(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface types {
          record user { id: u64, name: string }
          resource conn {
            constructor(addr: string);
            send: func(data: list<u8>) -> result<_, string>;
            open: static func() -> conn;
          }
        }
        """, "wit/b.wit": """
        interface api {
          use types.{user as person, conn};
          get: func(c: borrow<conn>) -> option<person>;
        }
        world app {
          import api;
          export run: func();
        }
        """})
    assert p.diagnostics() == []


def test_syntax_error_message_is_readable(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i {\n  type id = u64\n  f: func();\n}\n"})
    (diagnostic,) = p.diagnostics()
    assert diagnostic.code == "wit/syntax-error"
    assert "type alias" in diagnostic.message and "ERROR" not in diagnostic.message


def test_keyword_as_name_suggests_escape(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i {\n  type option = u32;\n}\n"})
    (d,) = p.diagnostics()
    assert "%option" in d.message and p.text_at(d) == "option"
    assert d.fixes[0].edits[0].new_text == "%option"


def test_keyword_where_a_statement_goes_gets_no_escape_hint(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface x {\n  resource z {\n    async constructor();\n  }\n}\n"})
    assert p.diagnostics() and all("%" not in d.message for d in p.diagnostics())


def test_unknown_type_with_suggestion_on_the_name(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i {\n  type user = u32;\n  f: func() -> usr;\n}\n"})
    (d,) = only(p, "wit/unknown-type")
    assert p.text_at(d) == "usr" and "did you mean `user`" in d.message


def test_unknown_interface_and_use_name(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface types { type id = u64; }
        interface api { use typs.{id}; use types.{idd}; }
        """})
    (iface,) = only(p, "wit/unknown-interface")
    assert p.text_at(iface) == "typs" and "`types`" in iface.message
    (name,) = only(p, "wit/unknown-use-name")
    assert p.text_at(name) == "idd" and "`id`" in name.message


def test_several_errors_in_one_file(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface i {
          type a = nope;
          record r {}
          getUser: func(x: u32, x: u32);
          type b = list<
        }
        """})
    codes = set(p.codes())
    assert {"wit/unknown-type", "wit/empty-type", "wit/invalid-identifier", "wit/duplicate-name",
            "wit/syntax-error"} <= codes
    starts = [d.start for d in p.diagnostics()]
    assert starts == sorted(starts)


def test_duplicates_case_insensitive_and_across_files(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface api {\n  get-user: func();\n  GET-USER: func();\n}\n",
                           "wit/b.wit": "interface api {}\n"})
    found = only(p, "wit/duplicate-name")
    assert any("conflicts with previous name `get-user`" in d.message for d in found)
    assert any(d.path.name == "b.wit" for d in found) or any(d.path.name == "a.wit" and "package" in d.message
                                                              for d in found)


def test_package_declarations(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package my:app;\ninterface a {}\n", "wit/b.wit": "package my:other;\n"})
    (d,) = only(p, "wit/package-mismatch")
    assert d.path.name == "b.wit"
    p = project(tmp_path / "x", {"wit/a.wit": "interface a {}\n"})
    only(p, "wit/missing-package-declaration")


def test_deps_resolution_nested_packages_and_renames(tmp_path):
    p = project(tmp_path, {
        "wit/world.wit": PKG + """
            use wasi:io/streams@0.2.0 as s;
            interface api {
              use s.{input-stream as input};
              use my:shared/types.{id};
              read: func(i: borrow<input>) -> id;
            }
            """,
        "wit/deps/io/streams.wit": "package wasi:io@0.2.0;\ninterface streams { resource input-stream; }\n",
        "wit/deps/shared.wit": "package my:host;\npackage my:shared {\n  interface types { type id = u64; }\n}\n",
    })
    assert p.diagnostics() == []


def test_nested_blocks_alone_still_need_a_package_header(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "world w {}\n",
                           "wit/deps/only.wit": "package my:shared {\n  interface types {}\n}\n"})
    (d,) = p.diagnostics()
    assert d.code == "wit/missing-package-declaration" and p.text_at(d) == "my:shared"


def test_missing_package_once_naming_present_versions(tmp_path):
    p = project(tmp_path, {
        "wit/world.wit": PKG + """
            world app {
              import wasi:io/streams@0.2.1;
              import wasi:io/poll@0.2.1;
              import wasi:http/types@0.2.0;
            }
            """,
        "wit/deps/io/streams.wit": "package wasi:io@0.2.0;\ninterface streams {}\ninterface poll {}\n",
    })
    found = only(p, "wit/missing-package")
    assert len(found) == 2
    io = next(d for d in found if "wasi:io@0.2.1" in d.message)
    assert "wasi:io@0.2.0" in io.message
    assert set(p.codes()) == {"wit/missing-package"}


def test_deps_of_deps_resolve_against_root_deps(tmp_path):
    p = project(tmp_path, {
        "wit/world.wit": PKG + "world app { import wasi:http/types@0.2.0; }\n",
        "wit/deps/http/types.wit": "package wasi:http@0.2.0;\ninterface types { use wasi:io/streams@0.2.0.{s}; }\n",
        "wit/deps/io/streams.wit": "package wasi:io@0.2.0;\ninterface streams { type s = u8; }\n",
    })
    assert p.diagnostics() == []


def test_wrong_kinds(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface i { f: func(); type t = f; use w.{x}; }
        world w { include i; }
        """})
    assert len(only(p, "wit/wrong-kind")) == 3


def test_cycles(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface t { type foo = bar; type bar = option<foo>; }
        interface a { use b.{y}; type x = u32; }
        interface b { use a.{x}; type y = u32; }
        world w1 { include w2; }
        world w2 { include w1; }
        """})
    assert len(only(p, "wit/type-cycle")) == 2
    assert len(only(p, "wit/use-cycle")) == 4


def test_handles_map_keys_constructors_and_borrows(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface i {
          record rec { a: u32 }
          type m = map<f32, u32>;
          f: func(x: own<rec>);
          resource r {
            constructor() -> u32;
            constructor();
            get: func() -> borrow<r>;
          }
        }
        """})
    for code in ("wit/handle-not-resource", "wit/invalid-map-key", "wit/constructor-result",
                 "wit/duplicate-constructor", "wit/return-borrow"):
        only(p, code)


def test_world_conflicts_and_include_with(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface foo {}
        world a { import foo; import x: func(); }
        world b {
          import x: func();
          import x: func();
          export foo;
          export foo;
          include a with { foo as foo2 }
        }
        """})
    assert len(only(p, "wit/world-name-conflict")) >= 3
    only(p, "wit/include-with")


def test_gates(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package my:app@0.1.0;\n" + """
        @since(version = 0.2.0)
        interface later {}
        @since(version = 0.1.0)
        @unstable(feature = x)
        interface both {}
        @deprecated(version = 0.1.0)
        interface old {}
        @unstable(feature = fancy)
        interface fancy {}
        world w { import fancy; }
        """})
    for code in ("wit/unreleased-since", "wit/conflicting-gates", "wit/deprecated-without-since",
                 "wit/unstable-reference"):
        only(p, code)


def test_enabled_feature_makes_unstable_reference_valid(tmp_path):
    files = {"wit/a.wit": PKG + "@unstable(feature = fancy)\ninterface fancy {}\nworld w { import fancy; }\n"}
    assert project(tmp_path, files, features=["fancy"]).diagnostics() == []


def test_invalid_identifiers_and_versions(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package my:app@01.0.0;\ninterface snake_case { fooBar: func(); }\n"})
    only(p, "wit/invalid-version")
    found = only(p, "wit/invalid-identifier")
    assert any("`foo-bar`" in d.message for d in found)


def test_legacy_named_results(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i {\n  f: func() -> (a: u32, b: u32);\n}\n"})
    assert "wit/legacy-named-results" in p.codes()


def test_duplicate_and_cyclic_packages(tmp_path):
    p = project(tmp_path, {
        "wit/a.wit": PKG + "world w { import foo:a/i; }\n",
        "wit/deps/a.wit": "package foo:a;\ninterface i { use foo:b/j.{}; }\n",
        "wit/deps/b.wit": "package foo:b;\ninterface j { use foo:a/i.{}; }\n",
        "wit/deps/b2.wit": "package foo:b;\ninterface j { }\n",
    })
    only(p, "wit/duplicate-package")
    only(p, "wit/package-cycle")


def test_export_reaching_an_export_through_an_import(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface foo { type t = u32; }
        interface bar { use foo.{t}; }
        interface baz { use bar.{t}; }
        world w { export foo; export baz; }
        world fine { export foo; export bar; export baz; }
        world also-fine { export foo; import bar; }
        """})
    (d,) = only(p, "wit/import-export-conflict")
    assert p.text_at(d) == "w"


def test_lexical_details_follow_wit_parser(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        use w as top;
        world w {}
        interface foo-1a {
          type k = string;
          type m = map<k, u32>;
          type n = map<string, u32>;
        }
        """})
    (d,) = p.diagnostics()
    assert d.code == "wit/invalid-map-key" and p.text_at(d) == "k"


def test_wasmcloud_guidance_is_information(tmp_path):
    p = project(tmp_path, {"wasmcloud.toml": "name = 'x'\n", "wit/a.wit": PKG + """
        world w { import wasi:filesystem/types@0.2.0; }
        """, "wit/deps/fs.wit": "package wasi:filesystem@0.2.0;\ninterface types {}\n"})
    found = only(p, "wasmcloud/stubbed-wasi-import")
    assert found[0].severity.name == "INFORMATION"


def test_project_files_map_packages_to_local_folders(tmp_path):
    p = project(tmp_path, {
        "wkg.toml": '[overrides]\n"acme:events" = { path = "../events/wit" }\n',
        "wkg.lock": 'version = 1\n[[packages]]\nname = "wasi:http"\n',
        "wit/world.wit": PKG + "world w {\n  import acme:events/sink@0.1.0;\n  import wasi:http/types@0.2.0;\n}\n",
        "../events/wit/sink.wit": "package acme:events@0.1.0;\ninterface sink {}\n",
    }, search_paths=[tmp_path.parent / "events"])  # project files read only inside the workspace
    (d,) = p.diagnostics()
    assert d.code == "wit/missing-package" and "wasi:http@0.2.0" in d.message and "wkg.lock" in d.message


def test_deps_toml_paths_and_wash_config(tmp_path):
    p = project(tmp_path, {
        "wit/deps.toml": 'local = { path = "../../shared/wit" }\nhttp = "https://example.invalid/http.tar.gz"\n',
        ".wash/config.yaml": "wit:\n  wit_dir: ./wit\n  sources:\n    \"my:extra\": ./extra\n",
        "wit/world.wit": PKG + "world w {\n  import my:shared/api;\n  import my:extra/x;\n}\n",
        "../shared/wit/api.wit": "package my:shared;\ninterface api {}\n",
        "extra/x.wit": "package my:extra;\ninterface x {}\n",
    }, search_paths=[tmp_path.parent / "shared", tmp_path / "extra"])  # the workspace root is wit/
    assert p.diagnostics() == []


def test_search_paths_provide_packages(tmp_path):
    from witsmith.settings import Settings
    from witsmith.workspace.files import FileStore, ParseCache
    from witsmith.workspace.wit import WitWorkspace
    from wit.helpers import write_files

    write_files(tmp_path, {"app/a.wit": PKG + "world w { import lib:x/y; }\n",
                           "lib/pkg/y.wit": "package lib:x;\ninterface y {}\n"})
    workspace = WitWorkspace(FileStore(), ParseCache(), Settings(wit_search_paths=(tmp_path / "lib",)))
    workspace.add_root(tmp_path / "app")
    from witsmith.features.wit.diagnostics import file_diagnostics
    assert file_diagnostics(workspace, tmp_path / "app" / "a.wit") == []


def test_wasmcloud_host_coverage_and_drafts(tmp_path):
    p = project(tmp_path, {".wash/config.yaml": "wit:\n  wit_dir: ./wit\n", "wit/a.wit": PKG + """
        world w {
          import wasi:webgpu/webgpu@0.0.1;
          import wasi:keyvalue/store@0.2.0-draft;
          import acme:events/sink@0.1.0;
        }
        """, "wit/deps/gpu.wit": "package wasi:webgpu@0.0.1;\ninterface webgpu {}\n",
        "wit/deps/kv.wit": "package wasi:keyvalue@0.2.0-draft;\ninterface store {}\n",
        "wit/deps/ev.wit": "package acme:events@0.1.0;\ninterface sink {}\n"})
    # The current host provides wasi:webgpu and the keyvalue draft (it has no released keyvalue): nothing to say.
    assert p.codes() == []
    # wasmCloud 1.0 did not provide wasi:webgpu.
    old = project(tmp_path / "v1", {".wash/config.yaml": "wit:\n  wit_dir: ./wit\n",
                                    "wasmcloud.toml": 'wasmcloud_version = "1.0.4"\n',
                                    "wit/a.wit": PKG + "world w { import wasi:webgpu/webgpu@0.0.1; }\n",
                                    "wit/deps/gpu.wit": "package wasi:webgpu@0.0.1;\ninterface webgpu {}\n"})
    assert old.codes() == ["wasmcloud/not-host-provided"]
    assert all(d.severity.name == "INFORMATION" for d in old.diagnostics())


def test_no_wasmcloud_guidance_outside_wasmcloud_projects(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "world w { import wasi:sockets/tcp@0.2.0; }\n",
                           "wit/deps/s.wit": "package wasi:sockets@0.2.0;\ninterface tcp {}\n"})
    assert p.diagnostics() == []


def test_gates_where_wit_parser_refuses_them(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        @since(version = 1.0.0)
        use my:app/i@1.0.0 as j;
        interface i {
          record r { @since(version = 1.0.0) a: u32 }
          enum e { @unstable(feature = x) a }
        }
        """})
    assert p.codes().count("wit/misplaced-gate") == 3


def test_method_named_like_its_resource(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i {\n  resource r { r: static func(); }\n}\n"})
    (d,) = p.diagnostics()
    assert d.code == "wit/duplicate-name" and p.text_at(d) == "r" and d.start > 40


def test_package_naming_itself_is_a_cycle(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i { use my:app/j@1.0.0.{t}; }\ninterface j { type t = u32; }\n"})
    (d,) = p.diagnostics()
    assert d.code == "wit/package-cycle" and p.text_at(d) == "my:app/j@1.0.0"


def test_quick_fixes_for_close_names_and_bad_case(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i {\n  type user = u32;\n  getUser: func() -> usr;\n}\n"})
    fixes = {d.code: d.fixes[0] for d in p.diagnostics()}
    (edit,) = fixes["wit/unknown-type"].edits
    assert edit.new_text == "user"
    (edit,) = fixes["wit/invalid-identifier"].edits
    assert edit.new_text == "get-user"


def test_gated_out_items_are_still_resolved(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface i {
          @unstable(feature = off)
          type t = nonexistent;
          @unstable(feature = off)
          use wasi:absent/x@1.0.0.{y};
          @unstable(feature = off)
          use my:app/k@1.0.0.{z};
        }
        interface k {}
        """})
    # The absent package is reported; the interface and names inside it are not looked at.
    assert sorted(p.codes()) == ["wit/missing-package", "wit/package-cycle", "wit/unknown-type"]


def test_live_items_inside_a_gated_interface(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface j { type t = u32; }
        @unstable(feature = off)
        interface i {
          use j.{t};
          type u = u32;
          @unstable(feature = off)
          type fine = u32;
        }
        """})
    found = [p.text_at(d) for d in p.diagnostics() if d.code == "wit/unstable-reference"]
    assert found == ["t", "u"]


def test_names_from_a_gated_use_and_keyword_versions(tmp_path):
    p = project(tmp_path, {"wit/a.wit": "package a:b@0.1.0-func;\n" + """
        interface foo {
          @unstable(feature = off)
          use bar.{r};
          x: func(y: borrow<r>);
        }
        interface bar { resource r; }
        """})
    assert sorted(p.codes()) == ["wit/invalid-version", "wit/unstable-reference"]


def test_syntax_messages_for_common_slips(tmp_path):
    cases = {
        "interface i {\n  f: fun();\n}\n": ("fun", "did you mean `func`?"),
        "interface i {\n  enum e { a, b c }\n}\n": ("c", "expected `,` before `c`"),
        "interface i {\n  record r { a u32 }\n}\n": ("u32", "unexpected `u32`"),
        "package c:d;\ninterface i {}\n": ("package", "one `package` declaration"),
    }
    for n, (text, (at, message)) in enumerate(cases.items()):
        p = project(tmp_path / str(n), {"wit/a.wit": PKG + text})
        (d,) = p.diagnostics()
        assert d.code == "wit/syntax-error" and p.text_at(d) == at and message in d.message, d.message


def test_use_after_a_type_of_the_same_name_is_a_warning(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + """
        interface s { type a = u32; }
        interface x { type a = string; use s.{a}; }
        interface y { use s.{a}; type a = string; }
        """})
    warning, error = sorted(p.diagnostics(), key=lambda d: d.start)
    assert warning.code == "wit/use-shadows-type" and warning.severity.name == "WARNING"
    assert error.code == "wit/duplicate-name"


def test_block_with_the_main_package_name(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "package my:app@1.0.0 {\n  interface i {}\n}\n"})
    assert p.codes() == ["wit/duplicate-package"]


def test_long_chains_resolve_without_deep_recursion(tmp_path):
    aliases = "\n".join(f"  type t{n} = t{n - 1};" for n in range(1, 3000))
    uses = "\n".join(f"interface i{n} {{ use i{n + 1}.{{t}}; f: func(x: t); }}" for n in range(1500))
    p = project(tmp_path, {"wit/a.wit": PKG + f"""
interface chain {{
  resource t0;
{aliases}
  f: func(x: own<t2999>) -> list<t2999>;
}}
{uses}
interface i1500 {{ type t = u32; }}
"""})
    assert p.diagnostics() == []


def test_compiled_deps_turn_missing_packages_into_hints(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "world w { import acme:events/sink@0.1.0; }\n",
                           "wit/deps/events.wat": "(component)\n"})
    (d,) = p.diagnostics()
    assert d.code == "wit/unverified-package" and d.severity.name == "HINT" and "events.wat" in d.message


def test_wasmcloud_world_must_exist_and_focuses_guidance(tmp_path):
    p = project(tmp_path, {"wasmcloud.toml": '[component]\nwit_world = "hello"\n', "wit/a.wit": PKG + """
        world other { import wasi:sockets/tcp@0.2.0; }
        """, "wit/deps/s.wit": "package wasi:sockets@0.2.0;\ninterface tcp {}\n"})
    (d,) = p.diagnostics()
    assert d.code == "wasmcloud/unknown-wit-world" and "other" in d.message and p.text_at(d) == "my:app@1.0.0"
    fixed = project(tmp_path / "b", {"wasmcloud.toml": '[component]\nwit_world = "other"\n', "wit/a.wit": PKG + """
        world other { import wasi:filesystem/types@0.2.0; }
        world unrelated { import wasi:filesystem/types@0.2.0; }
        """, "wit/deps/s.wit": "package wasi:filesystem@0.2.0;\ninterface types {}\n"})
    assert fixed.codes() == ["wasmcloud/stubbed-wasi-import"]


def test_feature_names_are_identifiers(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "@unstable(feature = fooBar)\ninterface i {}\n"})
    (d,) = p.diagnostics()
    assert d.code == "wit/invalid-identifier" and p.text_at(d) == "fooBar"


def test_a_method_parameter_named_self(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "interface i {\n  resource r { m: func(self: u32); s: static func(self: u32); }\n}\n"})
    (d,) = p.diagnostics()
    assert d.code == "wit/duplicate-name" and p.text_at(d) == "self"


def test_an_unseen_interface_imported_twice(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "world w {\n  import x:y/z@1.0.0;\n  import x:y/z@1.0.0;\n}\n",
                           "wit/deps/x.wat": ""})
    assert sorted(p.codes()) == ["wit/unverified-package", "wit/world-name-conflict"]
