"""Smithy rules, each on a fixture written for it, and files with several problems at once."""

from __future__ import annotations

from witsmith.diagnostics import Severity
from smithy.helpers import codes, diagnostics, errors, one, text_at, workspace


def _by_code(ws, path):
    result = {}
    for d in diagnostics(ws, path):
        result.setdefault(d.code, []).append(text_at(path, d))
    return result


def _related(path, diagnostics_):
    """The first related location's text of each diagnostic: the written id a shape-level error is about."""
    source = path.read_bytes()
    return sorted(source[d.related[0].location.start:d.related[0].location.end].decode("utf-8")
                  for d in diagnostics_ if d.related)


def test_syntax_errors_have_readable_messages(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\n\nstructure Point {\n    x: Integer\n    y Integer\n}\n'})
    found = [d for d in diagnostics(ws, tmp_path / "a.smithy") if d.code == "smithy/syntax-error"]
    assert found
    assert all("ERROR" not in d.message for d in found)
    assert "structure `Point`" in found[0].message


def test_several_problems_in_one_file(tmp_path):
    source = """$version: "2"
namespace a

use b#Thing
use c#Thing

structure Order {
    id: Strin
    item: Thing
    count: Integer = "many"
}

@required
structure Misplaced {}

list Names {
    item: String
}

map Counts {
    key: Integer
    value: Integer
}

apply Ordr @documentation("x")

service Shop {
    version: "1"
    operations: [Order, Missing]
    errors: [Order]
}

@range(min: 10, max: 1)
integer Bad

@length(mn: 1, max: "two")
string Named
"""
    ws = workspace(tmp_path, {"a.smithy": source, "b.smithy": '$version: "2"\nnamespace b\nstring Thing\n',
                              "c.smithy": '$version: "2"\nnamespace c\nstring Thing\n'})
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)
    assert found["smithy/conflicting-use"] == ["c#Thing"]
    assert "Strin" in found["smithy/unresolved-shape"]
    # A service's broken relationship sits on the service, as Smithy reports it, and names the missing shape.
    assert "Shop" in found["smithy/unresolved-shape"]
    shop = next(d for d in diagnostics(ws, path) if d.code == "smithy/unresolved-shape" and text_at(path, d) == "Shop")
    assert "`Missing`" in shop.message
    assert [path.read_bytes()[r.location.start:r.location.end].decode() for r in shop.related] == ["Missing"]
    assert found["smithy/trait-target"] == ["required"]
    assert found["smithy/apply-to-unknown-shape"] == ["Ordr"]
    assert found["smithy/map-key-not-string"] == ["Integer"]
    assert sorted(found["smithy/invalid-member"]) == ["Names", "item"]
    # A wrong relationship is reported on the service holding it, as Smithy does; the id is related.
    assert sorted(found["smithy/invalid-relationship"]) == ["Shop", "Shop"]
    assert _related(path, [d for d in diagnostics(ws, path) if d.code == "smithy/invalid-relationship"]) == \
        ["Order", "Order"]
    assert '"many"' in found["smithy/trait-value"]
    assert "min: 10, max: 1" in found["smithy/trait-value"]
    assert '"two"' in found["smithy/trait-value"]
    assert found["smithy/unknown-trait-member"] == ["mn"]
    # Sorted by position, and every diagnostic has a page.
    starts = [d.start for d in diagnostics(ws, path)]
    assert starts == sorted(starts)
    assert all(d.url for d in diagnostics(ws, path))


def test_duplicate_shapes_ignore_case_across_files_of_a_namespace(tmp_path):
    ws = workspace(tmp_path, {"one.smithy": '$version: "2"\nnamespace a\nstructure Order {}\n',
                              "two.smithy": '$version: "2"\nnamespace a\nstring order\n',
                              "three.smithy": '$version: "2"\nnamespace other\nstring Order\n'})
    first = one(ws, tmp_path / "one.smithy", "smithy/duplicate-shape")
    assert text_at(tmp_path / "one.smithy", first) == "Order"
    assert first.related[0].location.path == tmp_path / "two.smithy"
    assert "smithy/duplicate-shape" in codes(ws, tmp_path / "two.smithy")
    assert "smithy/duplicate-shape" not in codes(ws, tmp_path / "three.smithy")


def test_identical_definitions_loaded_twice_are_not_duplicates(tmp_path):
    text = '$version: "2"\nnamespace a\nstructure Order { id: String }\n'
    ws = workspace(tmp_path, {"one.smithy": text, "copy/one.smithy": text})
    assert "smithy/duplicate-shape" not in codes(ws, tmp_path / "one.smithy")


def test_duplicate_members_and_shape_conflicting_with_use(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\nuse smithy.api#String\n\nstring String\n\n'
                                          'structure S {\n    id: Integer\n    ID: Integer\n}\n'})
    path = tmp_path / "a.smithy"
    assert text_at(path, one(ws, path, "smithy/duplicate-member")) == "ID"
    assert text_at(path, one(ws, path, "smithy/shape-conflicts-with-use")) == "String"


def test_versions(tmp_path):
    ws = workspace(tmp_path, {
        "bad.smithy": '$version: "3"\nnamespace a\n',
        "v1.smithy": 'namespace b\n\n@mixin\nstructure M { a: String = "x" }\n\nstructure S with [M] {}\n\nintEnum E { A = 1 }\n',
    })
    assert text_at(tmp_path / "bad.smithy", one(ws, tmp_path / "bad.smithy", "smithy/unsupported-version")) == '"3"'
    found = _by_code(ws, tmp_path / "v1.smithy")["smithy/idl-2-only"]
    assert found == ["mixin", '"x"', "M", "intEnum"]


def test_operations_take_plain_shapes_only_in_idl1(tmp_path):
    ws = workspace(tmp_path, {"v1.smithy": "namespace a\noperation Get { input: String }\n",
                              "v2.smithy": '$version: "2"\nnamespace b\noperation Get { input: String }\n'})
    assert errors(ws, tmp_path / "v1.smithy") == []
    wrong = one(ws, tmp_path / "v2.smithy", "smithy/invalid-relationship")
    assert text_at(tmp_path / "v2.smithy", wrong) == "Get"  # the operation, where Smithy reports it
    assert _related(tmp_path / "v2.smithy", [wrong])[0] == "String"


def test_trait_values_against_trait_shapes(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@trait(selector: "structure")
structure config {
    @required
    name: String
    @range(min: 1, max: 5)
    level: Integer
    mode: Mode
}

enum Mode { FAST = "fast" }

@config(level: 9, mode: "slow")
structure One {}

@config(name: 1)
structure Two {}

@http(method: "GET", uri: "/x", code: 1000)
operation Three {}
"""})
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)["smithy/trait-value"]
    assert "level: 9, mode: \"slow\"" in found  # missing required `name`
    assert "9" in found and '"slow"' in found and "1" in found and "1000" in found


def test_mixin_and_elision_errors(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

structure NotMixin {}

@mixin
string StringMixin

@mixin
structure A1 { a: String }

@mixin
structure A2 { a: Integer }

structure Uses with [NotMixin] {}
structure Kinds with [StringMixin] {}
structure Both with [A1, A2] {}

resource R { identifiers: { id: String } }

structure Elided for R {
    $id
    $nope
}

structure Targets { m: A1 }
"""})
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)
    # A shape using a wrong mixin is reported on the shape, as Smithy does; the mixin is related.
    # Two mixins giving `a` different targets: on the inherited member `a` of A2, where Smithy reports it.
    assert sorted(found["smithy/invalid-mixin"]) == ["A1", "Kinds", "Uses", "a"]
    on_shapes = [d for d in diagnostics(ws, path) if d.code == "smithy/invalid-mixin" and text_at(path, d) in ("Kinds", "Uses")]
    assert _related(path, on_shapes) == ["NotMixin", "StringMixin"]
    assert found["smithy/invalid-elision"] == ["nope"]


def test_enums_and_metadata(tmp_path):
    ws = workspace(tmp_path, {
        "a.smithy": '$version: "2"\nmetadata owner = "x"\nnamespace a\n\nenum E {\n    A = "a"\n    B = "a"\n}\n\n'
                    'intEnum I {\n    X = 1.5\n    Y\n}\n',
        "b.smithy": '$version: "2"\nmetadata owner = "y"\nnamespace b\n',
    })
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)
    assert sorted(found["smithy/invalid-enum-value"]) == ['"a"', "1.5", "Y"]
    assert found["smithy/metadata-conflict"] == ["owner"]


def test_unused_use_is_a_warning_with_a_fix(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\nuse smithy.api#Integer\nstructure S {}\n'})
    found = one(ws, tmp_path / "a.smithy", "smithy/unused-use")
    assert found.severity == Severity.WARNING and found.fixes and "unnecessary" in found.tags


def test_json_ast_models_load_with_ranges_into_the_json(tmp_path):
    model = """{
  "smithy": "2.0",
  "shapes": {
    "a#Order": {
      "type": "structure",
      "members": { "id": { "target": "a#Missing" }, "name": { "target": "smithy.api#String" } }
    },
    "a#Get": { "type": "operation", "input": "a#Order" }
  }
}
"""
    ws = workspace(tmp_path, {"model.json": model, "use.smithy": '$version: "2"\nnamespace a\nstructure Uses { o: Order }\n',
                              "package.json": '{"name": "not a model"}'})
    json_path = tmp_path / "model.json"
    assert json_path in ws.files() and tmp_path / "package.json" not in ws.files()
    found = _by_code(ws, json_path)
    # On the member, where Smithy reports it (in JSON the target may sit on a line of its own).
    assert found["smithy/unresolved-shape"] == ["id"]
    assert _related(json_path, [d for d in diagnostics(ws, json_path) if d.code == "smithy/unresolved-shape"]) == \
        ["a#Missing"]
    assert found["smithy/invalid-json-ast"] == ['"a#Order"']
    assert errors(ws, tmp_path / "use.smithy") == []
    location = ws.definition(tmp_path / "use.smithy", (tmp_path / "use.smithy").read_text().index("Order }"))
    assert location.path == json_path and text_at(json_path, _range(location)) == "a#Order"


def test_bad_input_never_raises(tmp_path):
    files = {
        "empty.smithy": "",
        "binary.smithy": "\x00\x01\x02 structure {{{{",
        "deep.json": '{"smithy": "2.0", "shapes": ' + "[" * 5000 + "]" * 5000 + "}",
        "broken.json": '{"smithy": "2.0", "shapes": {"a#B": {"type": "structure", "members": 3}}',
        "weird.smithy": "$version: 2\nnamespace a\n@trait(selector: \"> > :nope(\")\nstructure t {}\n@t\nstring S\n",
    }
    ws = workspace(tmp_path, files)
    for name in files:
        for d in diagnostics(ws, tmp_path / name):
            assert d.code != "smithy/internal-error", (name, d.message)


def _range(location):
    class _Range:
        start, end = location.start, location.end
    return _Range


def test_statements_out_of_order_are_explained(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": 'namespace a\n$version: "2"\nstring S\nuse b#T\n'})
    path = tmp_path / "a.smithy"
    found = [d for d in diagnostics(ws, path) if d.code == "smithy/statement-order"]
    assert [text_at(path, d) for d in found] == ["$", "use"]
    assert "must come before the `namespace` statement" in found[0].message


def test_id_ref_values_are_references_checked_against_their_selector(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@trait
structure handler {
    @idRef(failWhenMissing: true, selector: "operation")
    operation: String
}

operation Run {}
structure Data {}

@handler(operation: "a#Run")
structure Good {}

@handler(operation: "a#Data")
structure WrongKind {}

@handler(operation: "a#Gone")
structure Missing {}
"""})
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)
    assert found["smithy/trait-value"] == ["a#Data"]
    assert found["smithy/unresolved-shape"] == ["a#Gone"]
    source = path.read_bytes()
    refs = ws.references(path, source.index(b"operation Run") + 10, include_declaration=False)
    assert [text_at(path, r) for r in refs] == ["a#Run"]


def test_id_ref_values_are_found_below_the_trait_shape_and_only_there(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@trait
structure handlers {
    operations: OperationNames
    note: String
}

list OperationNames {
    member: OperationName
}

@idRef(failWhenMissing: true, selector: "operation")
string OperationName

@trait
list labels {
    member: String
}

operation Run {}

@handlers(operations: ["a#Run", "a#Gone"], note: "a#Lost")
@labels(["a#Missing"])
structure Configured {}
"""})
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)
    assert found.get("smithy/unresolved-shape") == ["a#Gone"]
    source = path.read_bytes()
    refs = ws.references(path, source.index(b"operation Run") + 10, include_declaration=False)
    assert [text_at(path, r) for r in refs] == ["a#Run"]


def test_definitions_in_different_projects_do_not_clash(tmp_path):
    ws = workspace(tmp_path, {
        "contract/codegen.toml": '[[models]]\npath = "."\nfiles = ["kv.smithy"]\n',
        "contract/kv.smithy": "namespace org.example.kv\nstring Key\nstructure Get { key: Key }\n",
        "docs/old-kv.smithy": "namespace org.example.kv\nstring Key\ninteger Size\n",
    })
    path = tmp_path / "contract" / "kv.smithy"
    assert "smithy/duplicate-shape" not in codes(ws, path)
    # Navigation prefers the definition of the file's own project.
    location = ws.definition(path, path.read_text().index("key: Key") + 6)
    assert location.path == path


def test_control_statements_namespace_and_properties(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\n$version: "2"\n$versoin: "2"\nnamespace a\nnamespace b\n',
                              "b.smithy": '$version: "2"\nnamespace c\noperation Get {\n    inputs: Unit\n}\n'
                                          'service S {\n    version: "1"\n    operation: [Get]\n}\n'})
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)
    assert found["smithy/duplicate-control"] == ["version"]
    assert found["smithy/unknown-control"] == ["versoin"]
    assert found["smithy/duplicate-namespace"] == ["namespace"]
    assert _by_code(ws, tmp_path / "b.smithy")["smithy/unknown-property"] == ["inputs", "operation"]


def test_default_out_of_range_is_a_warning_and_conflicting_traits(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@range(min: 1)
integer Count

structure Page {
    size: Count = 0
}

@documentation("one")
structure Doc {}

apply Doc @documentation("two")

@trait(conflicts: ["b"])
structure a {}

@trait
structure b {}

@a
@b
string Both
"""})
    path = tmp_path / "a.smithy"
    warning = one(ws, path, "smithy/default-out-of-range")
    assert warning.severity == Severity.WARNING and text_at(path, warning) == "0"
    # The `conflicts` clash is on the shape, as Smithy reports it; the trait is related.
    assert sorted(_by_code(ws, path)["smithy/duplicate-trait"]) == ["Both", "documentation"]
    assert _related(path, [d for d in diagnostics(ws, path)
                           if d.code == "smithy/duplicate-trait" and text_at(path, d) == "Both"]) == ["a"]


def test_wasmcloud_softens_checks_weld_does_not_make(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": '[[models]]\npath = "."\n', "a.smithy": """namespace org.example.a

use org.wasmcloud.model#unsignedInt
use org.wasmcloud.model#U64

@unsignedInt
string Value

structure Blob {
    size: u64
}

@enum([{ name: "ok" }])
string Status
"""})
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)
    assert found["wasmcloud/trait-target"] == ["unsignedInt"]
    assert found["wasmcloud/case-mismatch"] == ["u64"]
    assert "wasmcloud/trait-value" in found
    assert "smithy/trait-target" not in found and "smithy/unresolved-shape" not in found
    fix = one(ws, path, "wasmcloud/case-mismatch").fixes[0]
    assert fix.edits[0].new_text == "U64"


def test_unreadable_project_file(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": "[[models]\npath = '.'\n", "a.smithy": "namespace a\nstring S\n"})
    assert "smithy/invalid-project-file" in codes(ws, tmp_path / "codegen.toml")
    assert tmp_path / "a.smithy" in ws.files()


def test_invalid_recursion(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

structure A {
    @required
    b: B
}

structure B {
    @required
    a: A
    optional: A
}

structure Fine {
    next: Fine
}

list Loop {
    member: Loop
}

list Wrapped {
    member: Holder
}

structure Holder {
    items: Wrapped
}
"""})
    path = tmp_path / "a.smithy"
    assert sorted(_by_code(ws, path)["smithy/invalid-recursion"]) == ["A", "B", "Loop"]


def test_service_closure_names_and_single_binding(tmp_path):
    ws = workspace(tmp_path, {
        "a.smithy": """$version: "2"
namespace a

service Shop {
    version: "1"
    operations: [GetOrder, other#GetOrder, Ping]
    resources: [R]
}

service Renamed {
    version: "1"
    operations: [GetOrder, other#GetOrder]
    rename: { "other#GetOrder": "GetOtherOrder" }
}

operation GetOrder {}
operation Ping {}
resource R { operations: [Ping] }
""",
        "b.smithy": '$version: "2"\nnamespace other\noperation GetOrder {}\n',
    })
    path = tmp_path / "a.smithy"
    found = [d for d in diagnostics(ws, path) if d.code == "smithy/service-closure-conflict"]
    # Names clashing in the closure are on the service; an operation bound twice is on the operation
    # (where Smithy's SingleOperationBinding event is), with the service related.
    assert [text_at(path, d) for d in found] == ["Shop", "Ping"]
    assert any("a#GetOrder" in d.message and "other#GetOrder" in d.message for d in found)
    assert any("bound more than once" in d.message and "a#Ping" in d.message for d in found)


def test_default_coherence_and_json_names(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

structure Foo {
    bad1: PrimitiveInteger = 1
    bad2: PrimitiveInteger
    good: PrimitiveInteger = 0
    okNull: Integer = null
    id: String
    @jsonName("id")
    otherId: String
}
"""})
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)
    assert found["smithy/trait-value"] == ["1", "bad2"]
    # On the structure, as Smithy reports it; the colliding @jsonName is related.
    assert found["smithy/json-name-conflict"] == ["Foo"]
    conflict = one(ws, path, "smithy/json-name-conflict")
    source = path.read_bytes()
    assert [source[r.location.start:r.location.end].decode() for r in conflict.related] == ['"id"']


def test_service_renames(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

service S {
    version: "1"
    operations: [Op]
    rename: {
        "a#Op": "Op2"
        "a#Item": "no!"
        "a#Other": "Other"
        "a#Gone": "Gone2"
    }
}

operation Op { input := { item: Item, other: Other } }
structure Item {}
structure Other {}
"""})
    path = tmp_path / "a.smithy"
    # On the service, as Smithy reports it; each entry at fault is related.
    renames = [d for d in diagnostics(ws, path) if d.code == "smithy/invalid-rename"]
    assert [text_at(path, d) for d in renames] == ["S"] * 4
    assert _related(path, renames) == sorted(["a#Op", '"no!"', '"Other"', "a#Gone"])


def test_sibling_example_folders_do_not_clash(tmp_path):
    ws = workspace(tmp_path, {
        "java/model/order.smithy": '$version: "2"\nnamespace com.example\noperation GetOrder {}\n',
        "rust/model/order.smithy": '$version: "2"\nnamespace com.example\noperation GetOrder { input := {} }\n',
        "rust/model/nested/more.smithy": '$version: "2"\nnamespace com.example\nstring getorder\n',
    })
    assert "smithy/duplicate-shape" not in codes(ws, tmp_path / "java/model/order.smithy")
    assert "smithy/duplicate-shape" in codes(ws, tmp_path / "rust/model/order.smithy")


def test_a_mixin_passes_trait_on_and_a_mixin_trait_cannot_be_applied(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@mixin
@trait
structure mixinTrait {}

structure usesMixinTrait with [mixinTrait] {}

@usesMixinTrait
structure Fine {}

@mixinTrait
structure Invalid {}
"""})
    path = tmp_path / "a.smithy"
    found = [(d.code, text_at(path, d)) for d in errors(ws, path)]
    # `usesMixinTrait` is a trait through its mixin; applying the mixin itself is the error, on the shape.
    assert found == [("smithy/trait-target", "Invalid")]
    assert _related(path, errors(ws, path)) == ["mixinTrait"]
