"""Smithy hover: shapes, members, traits and trait keys, built-ins and keywords,
from fixtures with a `|` cursor marker."""

from __future__ import annotations

from pathlib import Path

from smithy.helpers import workspace
from witsmith.features.smithy.hover import hover

MARKER = "|"

CODEGEN = """[[models]]
url = "https://wasmcloud.example/interfaces/core/wasmcloud"
files = [ "wasmcloud-core.smithy", "wasmcloud-model.smithy" ]

[[models]]
path = "."
files = [ "types.smithy", "kv.smithy" ]
"""

TYPES = """// shared types of the contract
metadata package = [{ namespace: "org.example.kv.types", crate: "kv_types" }]

namespace org.example.kv.types

use org.wasmcloud.model#n
use org.wasmcloud.model#U32

/// One stored value and its size.
structure Entry {
    /// The key it is stored under.
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

/// A key-value store.
@wasmbus(contractId: "wasmcloud:example:kv", providerReceive: true)
service KeyValue {
    version: "0.1"
    operations: [Get]
}

operation Get {
    input: String
    output: Entry
}
"""


def hover_at(tmp_path: Path, files: dict[str, str], name: str):
    """Hover at the `|` in `files[name]`; returns (info, the file's bytes)."""
    text = files[name]
    assert text.count(MARKER) == 1, "one cursor marker per fixture"
    offset = len(text[:text.index(MARKER)].encode("utf-8"))
    files = {**files, name: text.replace(MARKER, "", 1)}
    ws = workspace(tmp_path, files)
    path = tmp_path / name
    return hover(ws, path, offset), path.read_bytes()


def hovered(info, source: bytes) -> str:
    return source[info.start:info.end].decode("utf-8")


def test_member_target_in_prelude_shows_its_kind_and_documentation(tmp_path):
    info, source = hover_at(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\n\nstructure S {\n    name: Str|ing\n}\n'},
                            "a.smithy")
    assert hovered(info, source) == "String"
    assert info.markdown.startswith("```smithy\nstring smithy.api#String\n```")
    assert "A UTF-8 text value." in info.markdown
    assert "Smithy prelude" in info.markdown


def test_shape_declaration_shows_traits_members_mixins_docs_and_deprecation(tmp_path):
    text = """$version: "2"
namespace a

@mixin
structure Base {
    id: String
}

/// A thing with a name.
@deprecated(message: "use Other", since: "1.2")
structure Th|ing with [Base] {
    @required
    name: String
    count: Integer = 0
}
"""
    info, source = hover_at(tmp_path, {"a.smithy": text}, "a.smithy")
    assert hovered(info, source) == "Thing"
    block = info.markdown.split("```")[1]
    assert "structure a#Thing with [Base] {" in block
    assert '@deprecated(message: "use Other", since: "1.2")' in block
    assert "    @required\n    name: String" in block
    assert "    count: Integer = 0" in block
    assert "    id: String  // from Base" in block
    assert "A thing with a name." in info.markdown
    assert "**Deprecated** since 1.2: use Other" in info.markdown


def test_member_declaration_names_its_container_and_target(tmp_path):
    text = '$version: "2"\nnamespace a\n\n/// An id.\nstring Id\n\nstructure S {\n    /// Who it is.\n    @required\n    o|wner: Id\n}\n'
    info, source = hover_at(tmp_path, {"a.smithy": text}, "a.smithy")
    assert hovered(info, source) == "owner"
    assert "// member of structure a#S\n@required\nowner: Id" in info.markdown
    assert "Who it is." in info.markdown
    assert "Target `a#Id` (string): An id." in info.markdown


def test_trait_shows_its_documentation_and_selector(tmp_path):
    text = '$version: "2"\nnamespace a\n\nstructure S {\n    @requi|red\n    name: String\n}\n'
    info, source = hover_at(tmp_path, {"a.smithy": text}, "a.smithy")
    assert hovered(info, source) == "required"
    at_sign, source = hover_at(tmp_path / "at", {"a.smithy": text.replace("@requi|red", "|@required")}, "a.smithy")
    assert hovered(at_sign, source) == "required"
    assert "structure smithy.api#required" in info.markdown
    assert "applies to shapes matching `structure > member`" in info.markdown


def test_wasmcloud_contract_over_two_files_and_namespaces(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES, "kv.smithy": KV.replace("output: Entry", "output: En|try")}
    info, source = hover_at(tmp_path, files, "kv.smithy")
    assert hovered(info, source) == "Entry"
    assert "structure org.example.kv.types#Entry {" in info.markdown
    assert "    @n(1)\n    size: U32" in info.markdown
    assert "One stored value and its size." in info.markdown
    assert "Defined in `types.smithy`" in info.markdown


def test_wasmcloud_trait_and_its_value_keys(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES, "kv.smithy": KV.replace("@wasmbus(", "@wasm|bus(")}
    info, source = hover_at(tmp_path, files, "kv.smithy")
    assert hovered(info, source) == "wasmbus"
    assert "structure org.wasmcloud.model#wasmbus" in info.markdown
    assert "applies to shapes matching `service`" in info.markdown
    assert "wasmCloud's `org.wasmcloud.model`" in info.markdown

    files["kv.smithy"] = KV.replace("providerReceive:", "provider|Receive:")
    info, source = hover_at(tmp_path / "keys", files, "kv.smithy")
    assert hovered(info, source) == "providerReceive"
    assert "// member of structure org.wasmcloud.model#wasmbus\nproviderReceive: Boolean" in info.markdown
    assert "Capability providers receive" in info.markdown


def test_wasmcloud_model_types_show_their_builtin_documentation(tmp_path):
    files = {"codegen.toml": CODEGEN, "kv.smithy": KV, "types.smithy": TYPES.replace("size: U32", "size: U3|2")}
    info, source = hover_at(tmp_path, files, "types.smithy")
    assert hovered(info, source) == "U32"
    assert "@unsignedInt\ninteger org.wasmcloud.model#U32" in info.markdown
    assert "An unsigned 32-bit integer." in info.markdown


def test_use_statement_hovers_the_imported_shape(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES, "kv.smithy": KV.replace("types#Entry", "types#En|try")}
    info, source = hover_at(tmp_path, files, "kv.smithy")
    assert hovered(info, source) == "org.example.kv.types#Entry"
    assert "structure org.example.kv.types#Entry" in info.markdown


def test_enum_member_shows_its_value(tmp_path):
    text = '$version: "2"\nnamespace a\n\nenum Color {\n    /// The colour of fire.\n    R|ED = "red"\n    GREEN = "green"\n}\n'
    info, _ = hover_at(tmp_path, {"a.smithy": text}, "a.smithy")
    assert '// member of enum a#Color\nRED = "red"' in info.markdown
    assert "The colour of fire." in info.markdown


def test_documentation_trait_and_apply_are_used_when_there_are_no_doc_comments(tmp_path):
    text = ('$version: "2"\nnamespace a\n\n@documentation("Told by a trait.")\nstring Note\n\nstring Other\n\n'
            'apply Other @documentation("Told by apply.")\n\nstructure S {\n    a: No|te\n}\n')
    info, _ = hover_at(tmp_path, {"a.smithy": text}, "a.smithy")
    assert "Told by a trait." in info.markdown
    assert "@documentation" not in info.markdown.split("```")[1]
    info, _ = hover_at(tmp_path / "applied", {"a.smithy": text.replace("a: No|te", "a: Oth|er")}, "a.smithy")
    assert "Told by apply." in info.markdown


def test_keywords_and_properties_have_explanations(tmp_path):
    cases = {
        "stru|cture S {}": ("structure", "named members"),
        "$vers|ion": ("version", "IDL version"),
        "ap|ply S": ("apply", "Adds traits"),
        "op|erations: [Get]": ("operations", "operations the service offers"),
    }
    text = ('$version: "2"\nnamespace a\n\nstructure S {}\n\napply S @documentation("x")\n\n'
            'service Svc {\n    version: "1"\n    operations: [Get]\n}\n\noperation Get {}\n')
    for index, (marked, (word, phrase)) in enumerate(cases.items()):
        plain = marked.replace("|", "")
        fixture = text.replace(plain, marked, 1)
        info, source = hover_at(tmp_path / str(index), {"a.smithy": fixture}, "a.smithy")
        assert info is not None, marked
        assert word in hovered(info, source)
        assert phrase in info.markdown, (marked, info.markdown)


def test_nothing_to_show_gives_none(tmp_path):
    text = '$version: "2"\nnamespace a\n\n// a comm|ent\nstructure S {\n    a: Missing\n}\n'
    info, _ = hover_at(tmp_path, {"a.smithy": text}, "a.smithy")
    assert info is None
    info, _ = hover_at(tmp_path / "unresolved", {"a.smithy": text.replace("// a comm|ent", "").replace("Missing", "Miss|ing")},
                       "a.smithy")
    assert info is None


def test_bad_offsets_and_unknown_files_give_none(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": 'namespace a\nstring S\n'})
    assert hover(ws, tmp_path / "a.smithy", 10_000) is None
    assert hover(ws, tmp_path / "a.smithy", -5) is None
    assert hover(ws, tmp_path / "missing.smithy", 0) is None


def test_half_typed_file_still_hovers_what_resolved(tmp_path):
    text = '$version: "2"\nnamespace a\n\nstructure S {\n    a: Integ|er\n    b: \n}\n\nstructure T {\n'
    info, source = hover_at(tmp_path, {"a.smithy": text}, "a.smithy")
    assert hovered(info, source) == "Integer"
    assert "A signed 32-bit integer." in info.markdown


def test_builtin_model_documents_hover_their_declarations(tmp_path):
    from witsmith.model.smithy.builtin import BUILTIN_SOURCES

    ws = workspace(tmp_path, {"a.smithy": 'namespace a\nstring S\n'})
    path, text = BUILTIN_SOURCES["org.wasmcloud.model"]
    offset = len(text[:text.index("integer U32") + len("integer U")].encode("utf-8"))
    info = hover(ws, path, offset)
    assert info is not None and "An unsigned 32-bit integer." in info.markdown


def test_with_for_and_inline_keywords(tmp_path):
    text = ('$version: "2"\nnamespace a\n\n@mixin\nstructure M {}\n\nresource R {}\n\n'
            'structure S fo|r R with [M] {}\n\noperation O {\n    input := {}\n}\n')
    info, source = hover_at(tmp_path, {"a.smithy": text}, "a.smithy")
    assert hovered(info, source) == "for" and "resource" in info.markdown
    info, source = hover_at(tmp_path / "with", {"a.smithy": text.replace("fo|r", "for").replace("wi", "w|i", 1)}, "a.smithy")
    assert hovered(info, source) == "with" and "mixins" in info.markdown
    info, source = hover_at(tmp_path / "inline", {"a.smithy": text.replace("fo|r", "for").replace(":=", ":|=")}, "a.smithy")
    assert hovered(info, source) == ":=" and "inline" in info.markdown


def test_operations_and_services_show_their_properties(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES, "kv.smithy": KV.replace("operations: [Get]", "operations: [G|et]")}
    info, source = hover_at(tmp_path, files, "kv.smithy")
    assert hovered(info, source) == "Get"
    assert "operation org.example.kv#Get {\n    input: String\n    output: Entry\n}" in info.markdown
    files["kv.smithy"] = KV.replace("service KeyValue", "service Key|Value")
    info, _ = hover_at(tmp_path / "service", files, "kv.smithy")
    assert ('@wasmbus(contractId: "wasmcloud:example:kv", providerReceive: true)\nservice org.example.kv#KeyValue {\n'
            '    version: "0.1"\n    operations: [Get]\n}') in info.markdown
    assert "A key-value store." in info.markdown


def test_member_ids_hover_the_part_under_the_cursor(tmp_path):
    text = '$version: "2"\nnamespace a\n\n/// The shape.\nstructure S {\n    /// The member.\n    m: String\n}\n\napply |S$m @sensitive\n'
    info, source = hover_at(tmp_path, {"a.smithy": text}, "a.smithy")
    assert hovered(info, source) == "S" and "The shape." in info.markdown
    info, source = hover_at(tmp_path / "member", {"a.smithy": text.replace("|S$m", "S$|m")}, "a.smithy")
    assert hovered(info, source) == "S$m" and "The member." in info.markdown


def test_wasmcloud_hover_says_what_the_guides_say(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES, "kv.smithy": KV.replace("@wasmbus(", "@wasm|bus(")}
    info, _ = hover_at(tmp_path, files, "kv.smithy")
    assert "needs a `contractId`" in info.markdown and "capability providers receive" in info.markdown

    optional = TYPES.replace("    @n(0)\n    key: String", "    @n(0)\n    @box\n    k|ey: String")
    info, _ = hover_at(tmp_path / "boxed", {**files, "types.smithy": optional}, "types.smithy")
    assert "optional (`Option<T>` in Rust): it has @box" in info.markdown

    plain = TYPES + "\nstructure Flags {\n    en|abled: Boolean\n}\n"
    info, _ = hover_at(tmp_path / "plain", {**files, "types.smithy": plain}, "types.smithy")
    assert "always present: `Boolean` members without @box are plain values" in info.markdown

    stamped = TYPES + "\nstructure When {\n    at: Time|stamp\n}\n"
    info, _ = hover_at(tmp_path / "time", {**files, "types.smithy": stamped}, "types.smithy")
    assert "only weld's Rust generator encodes timestamps" in info.markdown


def test_no_wasmcloud_notes_outside_weld_projects(tmp_path):
    files = {"a.smithy": "namespace a\n\nstructure Flags {\n    en|abled: Boolean\n    at: Timestamp\n}\n"}
    info, _ = hover_at(tmp_path, files, "a.smithy")
    assert "wasmCloud" not in info.markdown
