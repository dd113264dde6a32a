"""Smithy rename: shapes and members across files and namespaces, and the renames
that must be refused; fixtures marked `|`."""

from __future__ import annotations

from pathlib import Path

from smithy.helpers import errors, workspace
from witsmith.features.editing import RenameEdits, RenameRefused, RenameTarget
from witsmith.features.smithy.rename import prepare_rename, rename
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.smithy import SmithyWorkspace

MARKER = "|"

CODEGEN = """[[models]]
url = "https://wasmcloud.example/interfaces/core/wasmcloud"
files = [ "wasmcloud-core.smithy", "wasmcloud-model.smithy" ]

[[models]]
path = "."
files = [ "types.smithy", "kv.smithy" ]
"""

TYPES = """metadata package = [{ namespace: "org.example.kv.types", crate: "kv_types" }]

namespace org.example.kv.types

use org.wasmcloud.model#n
use org.wasmcloud.model#U32

structure Entry {
    @n(0)
    key: String
    @n(1)
    size: U32
}
"""

KV = """metadata package = [{ namespace: "org.example.kv", crate: "kv_interface" }]

namespace org.example.kv

use org.wasmcloud.model#wasmbus
use org.example.kv.types#Entry

@wasmbus(contractId: "wasmcloud:example:kv", providerReceive: true)
service KeyValue {
    version: "0.1"
    operations: [Get]
}

operation Get {
    input: String
    output: Entry
}

apply org.example.kv.types#Entry$size @documentation("Bytes.")
"""


def setup(tmp_path: Path, files: dict[str, str], name: str) -> tuple[SmithyWorkspace, Path, int]:
    text = files[name]
    assert text.count(MARKER) == 1, "one cursor marker per fixture"
    offset = len(text[:text.index(MARKER)].encode("utf-8"))
    ws = workspace(tmp_path, {**files, name: text.replace(MARKER, "", 1)})
    return ws, tmp_path / name, offset


def applied(result: RenameEdits) -> dict[str, str]:
    """Each edited file's text after the edits (written back to disk)."""
    assert isinstance(result, RenameEdits), result
    by_path: dict[Path, list] = {}
    for edit in result.edits:
        by_path.setdefault(edit.path, []).append(edit)
    texts = {}
    for path, edits in by_path.items():
        source = path.read_bytes()
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            source = source[:edit.start] + edit.new_text.encode("utf-8") + source[edit.end:]
        path.write_bytes(source)
        texts[path.name] = source.decode("utf-8")
    return texts


def reloaded(tmp_path: Path) -> SmithyWorkspace:
    ws = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    ws.add_root(tmp_path)
    return ws


def test_shape_rename_across_files_and_namespaces_of_a_wasmcloud_contract(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES, "kv.smithy": KV.replace("output: Entry", "output: En|try")}
    ws, path, offset = setup(tmp_path, files, "kv.smithy")
    target = prepare_rename(ws, path, offset)
    assert target == RenameTarget(offset - 2, offset + 3, "Entry")
    texts = applied(rename(ws, path, offset, "Item"))
    assert "structure Item {" in texts["types.smithy"]
    assert "use org.example.kv.types#Item\n" in texts["kv.smithy"]
    assert "output: Item\n" in texts["kv.smithy"]
    assert "apply org.example.kv.types#Item$size" in texts["kv.smithy"]
    fresh = reloaded(tmp_path)
    assert errors(fresh, tmp_path / "kv.smithy") == [] and errors(fresh, tmp_path / "types.smithy") == []


def test_prepare_on_an_absolute_id_selects_the_part_under_the_cursor(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES,
             "kv.smithy": KV.replace("types#Entry$size @", "types#Entry$si|ze @")}
    ws, path, offset = setup(tmp_path, files, "kv.smithy")
    target = prepare_rename(ws, path, offset)
    assert target.placeholder == "size"
    source = path.read_bytes()
    assert source[target.start:target.end] == b"size"
    files["kv.smithy"] = KV.replace("use org.example.kv.types#Entry", "use org.example.kv.|types#Entry")
    ws, path, offset = setup(tmp_path / "ns", files, "kv.smithy")
    target = prepare_rename(ws, path, offset)
    assert target.placeholder == "Entry"


def test_member_rename_covers_apply_trait_keys_and_elided_members(tmp_path):
    text = """$version: "2"
namespace a

@mixin
structure Base {
    i|d: String
}

@mixin
structure Thing with [Base] {
    $id
}

structure Other with [Thing] {}

apply Other$id @documentation("The id.")
"""
    ws, path, offset = setup(tmp_path, {"a.smithy": text}, "a.smithy")
    texts = applied(rename(ws, path, offset, "key"))
    assert "    key: String" in texts["a.smithy"]
    assert "    $key\n" in texts["a.smithy"]
    assert "apply Other$key @" in texts["a.smithy"]
    assert errors(reloaded(tmp_path), path) == []


def test_trait_member_rename_renames_the_keys_of_its_values(tmp_path):
    files = {
        "traits.smithy": '$version: "2"\nnamespace t\n\n@trait\nstructure audited {\n    lev|el: Integer\n}\n',
        "use.smithy": '$version: "2"\nnamespace u\n\nuse t#audited\n\n@audited(level: 2)\nstring S\n',
    }
    ws, path, offset = setup(tmp_path, files, "traits.smithy")
    texts = applied(rename(ws, path, offset, "depth"))
    assert "@audited(depth: 2)" in texts["use.smithy"]
    assert "    depth: Integer" in texts["traits.smithy"]


def test_idref_strings_are_renamed(tmp_path):
    text = """$version: "2"
namespace a

@trait
structure pointsTo {
    @idRef(failWhenMissing: true)
    target: String
}

@pointsTo(target: "a#Target")
string Source

string Tar|get
"""
    ws, path, offset = setup(tmp_path, {"a.smithy": text}, "a.smithy")
    texts = applied(rename(ws, path, offset, "Goal"))
    assert '@pointsTo(target: "a#Goal")' in texts["a.smithy"]
    assert "string Goal" in texts["a.smithy"]


def test_operation_rename_carries_its_inline_structures(tmp_path):
    text = """$version: "2"
namespace a

operation Ge|t {
    input := {
        name: String
    }
}

apply GetInput$name @documentation("The name.")
"""
    ws, path, offset = setup(tmp_path, {"a.smithy": text}, "a.smithy")
    texts = applied(rename(ws, path, offset, "Fetch"))
    assert "operation Fetch {" in texts["a.smithy"]
    assert "apply FetchInput$name" in texts["a.smithy"]
    assert errors(reloaded(tmp_path), path) == []
    inline = setup(tmp_path / "inline", {"a.smithy": text.replace("Ge|t", "Get").replace("apply GetInput$", "apply GetIn|put$")},
                   "a.smithy")
    refused = prepare_rename(*inline)
    assert isinstance(refused, RenameRefused) and "rename the operation" in refused.message


def test_builtin_shapes_are_refused(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES, "kv.smithy": KV.replace("input: String", "input: Str|ing")}
    ws, path, offset = setup(tmp_path, files, "kv.smithy")
    refused = prepare_rename(ws, path, offset)
    assert isinstance(refused, RenameRefused) and "Smithy prelude" in refused.message
    assert isinstance(rename(ws, path, offset, "Text"), RenameRefused)
    files["kv.smithy"] = KV.replace("use org.wasmcloud.model#wasmbus", "use org.wasmcloud.model#wasm|bus")
    ws, path, offset = setup(tmp_path / "wc", files, "kv.smithy")
    refused = rename(ws, path, offset, "bus")
    assert isinstance(refused, RenameRefused) and "org.wasmcloud.model" in refused.message


def test_new_names_are_validated(tmp_path):
    text = '$version: "2"\nnamespace a\n\nstring Other\n\nstructure Th|ing {\n    a: String\n    b: String\n}\n'
    ws, path, offset = setup(tmp_path, {"a.smithy": text}, "a.smithy")
    for bad in ("1st", "has-dash", "_", "", "a b"):
        refused = rename(ws, path, offset, bad)
        assert isinstance(refused, RenameRefused) and "identifier" in refused.message, bad
    clash = rename(ws, path, offset, "OTHER")
    assert isinstance(clash, RenameRefused) and "a#Other" in clash.message
    prelude = rename(ws, path, offset, "Integer")
    assert isinstance(prelude, RenameRefused) and "prelude" in prelude.message
    assert rename(ws, path, offset, "Thing") == RenameEdits(())
    member = setup(tmp_path / "member", {"a.smithy": text.replace("Th|ing", "Thing").replace("a: String", "|a: String")},
                   "a.smithy")
    refused = rename(*member, "B")
    assert isinstance(refused, RenameRefused) and "member" in refused.message


def test_a_use_that_would_clash_is_refused(tmp_path):
    files = {
        "common.smithy": '$version: "2"\nnamespace c\n\nstring I|d\n',
        "user.smithy": '$version: "2"\nnamespace u\n\nuse c#Id\n\nstring Key\n\nstructure S {\n    id: Id\n}\n',
    }
    ws, path, offset = setup(tmp_path, files, "common.smithy")
    refused = rename(ws, path, offset, "Key")
    assert isinstance(refused, RenameRefused) and "user.smithy" in refused.message


def test_references_in_json_ast_models_refuse_the_rename(tmp_path):
    files = {
        "a.smithy": '$version: "2"\nnamespace a\n\nstring Na|me\n',
        "model.json": '{"smithy": "2.0", "shapes": {"b#Holder": {"type": "structure", '
                      '"members": {"x": {"target": "a#Name"}}}}}',
    }
    ws, path, offset = setup(tmp_path, files, "a.smithy")
    assert isinstance(prepare_rename(ws, path, offset), RenameTarget)
    refused = rename(ws, path, offset, "Title")
    assert isinstance(refused, RenameRefused) and "model.json" in refused.message and "JSON" in refused.message


def test_definitions_outside_the_workspace_folders_are_refused(tmp_path):
    files = {"dep/dep.smithy": '$version: "2"\nnamespace d\n\nstring Dep\n',
             "app/a.smithy": '$version: "2"\nnamespace a\n\nuse d#Dep\n\nstructure S {\n    x: De|p\n}\n'}
    ws, path, offset = setup(tmp_path, files, "app/a.smithy")
    refused = prepare_rename(ws, path, offset, roots=[tmp_path / "app"])
    assert isinstance(refused, RenameRefused) and "outside the workspace folders" in refused.message
    assert isinstance(prepare_rename(ws, path, offset, roots=[tmp_path]), RenameTarget)


def test_nothing_to_rename(tmp_path):
    ws, path, offset = setup(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\n\nstruc|ture S {}\n'}, "a.smithy")
    assert prepare_rename(ws, path, offset) is None
    assert isinstance(rename(ws, path, offset, "X"), RenameRefused)
    assert prepare_rename(ws, tmp_path / "missing.smithy", 0) is None
    assert prepare_rename(ws, path, 10_000) is None


def test_trait_shapes_rename_from_where_they_are_applied(tmp_path):
    files = {
        "traits.smithy": '$version: "2"\nnamespace t\n\n@trait\nstructure audited {\n    level: Integer\n}\n',
        "use.smithy": '$version: "2"\nnamespace u\n\nuse t#audited\n\n@audi|ted(level: 2)\nstring S\n',
    }
    ws, path, offset = setup(tmp_path, files, "use.smithy")
    texts = applied(rename(ws, path, offset, "reviewed"))
    assert "use t#reviewed\n\n@reviewed(level: 2)" in texts["use.smithy"]
    assert "structure reviewed {" in texts["traits.smithy"]
    key = setup(tmp_path / "key", {**files, "use.smithy": files["use.smithy"].replace("@audi|ted(level", "@audited(lev|el")},
                "use.smithy")
    assert prepare_rename(*key).placeholder == "level"
    texts = applied(rename(*key, "depth"))
    assert "    depth: Integer" in texts["traits.smithy"]


def test_models_from_the_model_paths_setting_are_dependencies(tmp_path):
    from smithy.helpers import write

    write(tmp_path, {"deps/dep.smithy": '$version: "2"\nnamespace d\n\nstring Dep\n',
                     "app/a.smithy": '$version: "2"\nnamespace a\n\nuse d#Dep\n\nstructure S {\n    x: Dep\n}\n'})
    ws = SmithyWorkspace(FileStore(), ParseCache(), Settings(smithy_model_paths=(tmp_path / "deps",)))
    ws.add_root(tmp_path / "app")
    path = tmp_path / "app" / "a.smithy"
    offset = path.read_bytes().index(b"x: Dep") + 4
    refused = rename(ws, path, offset, "Other")
    assert isinstance(refused, RenameRefused) and "smithy.modelPaths" in refused.message


def test_a_new_name_already_imported_by_the_defining_file_is_refused(tmp_path):
    files = {"a.smithy": '$version: "2"\nnamespace a\n\nuse b#Bar\n\nstring Fo|o\n\nstructure S {\n    b: Bar\n}\n',
             "b.smithy": '$version: "2"\nnamespace b\n\nstring Bar\n'}
    ws, path, offset = setup(tmp_path, files, "a.smithy")
    refused = rename(ws, path, offset, "Bar")
    assert isinstance(refused, RenameRefused) and "b#Bar" in refused.message


def test_names_in_unrelated_projects_do_not_clash(tmp_path):
    files = {"one/codegen.toml": '[[models]]\npath = "."\nfiles = ["a.smithy"]\n',
             "one/a.smithy": '$version: "2"\nnamespace shared\n\nstring Fi|rst\n',
             "two/codegen.toml": '[[models]]\npath = "."\nfiles = ["b.smithy"]\n',
             "two/b.smithy": '$version: "2"\nnamespace shared\n\nstring Second\n'}
    ws, path, offset = setup(tmp_path, files, "one/a.smithy")
    texts = applied(rename(ws, path, offset, "Second"))
    assert "string Second" in texts["a.smithy"]
