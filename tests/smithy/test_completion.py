"""Smithy completion from the context before the cursor, with fixtures marked `|`,
including half-typed lines and a wasmCloud contract over two files and namespaces."""

from __future__ import annotations

from pathlib import Path

from smithy.helpers import workspace
from witsmith.features.editing import COMPLETION_KINDS
from witsmith.features.smithy.completion import completions

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

/// One stored value.
structure Entry {
    @n(0)
    key: String
    @n(1)
    size: U32
}

@error("client")
structure NotFound {
    @n(0)
    key: String
}
"""

KV = """metadata package = [{ namespace: "org.example.kv", crate: "kv_interface" }]

namespace org.example.kv

use org.wasmcloud.model#wasmbus

@wasmbus(contractId: "wasmcloud:example:kv", providerReceive: true)
service KeyValue {
    version: "0.1"
    operations: [Get]
}

operation Get {
    input: String
}
"""


class Result:
    def __init__(self, items, source: bytes, offset: int, path: Path) -> None:
        self.items = items
        self.source = source
        self.offset = offset
        self.path = path

    @property
    def labels(self) -> list[str]:
        return [item.label for item in self.items]

    def get(self, label: str):
        found = [item for item in self.items if item.label == label]
        assert len(found) == 1, f"{label!r} in {self.labels}"
        return found[0]

    def applied(self, label: str) -> str:
        """The file's text after accepting `label` (its insert and additional edits)."""
        item = self.get(label)
        edits = [(item.replace_start, item.replace_end, item.insert_text or item.label)]
        edits += [(edit.start, edit.end, edit.new_text) for edit in item.additional_edits if edit.path == self.path]
        source = self.source
        for start, end, text in sorted(edits, reverse=True):
            source = source[:start] + text.encode("utf-8") + source[end:]
        return source.decode("utf-8")


def complete(tmp_path: Path, files: dict[str, str], name: str) -> Result:
    text = files[name]
    assert text.count(MARKER) == 1, "one cursor marker per fixture"
    offset = len(text[:text.index(MARKER)].encode("utf-8"))
    files = {**files, name: text.replace(MARKER, "", 1)}
    ws = workspace(tmp_path, files)
    path = tmp_path / name
    items = completions(ws, path, offset)
    for item in items:
        assert item.kind in COMPLETION_KINDS, item
        assert item.replace_start <= item.replace_end == offset
    return Result(items, path.read_bytes(), offset, path)


def test_statement_keywords_after_the_namespace_depend_on_the_idl_version(tmp_path):
    v2 = complete(tmp_path / "v2", {"a.smithy": '$version: "2"\nnamespace a\n\n|'}, "a.smithy")
    assert {"use", "apply", "structure", "enum", "intEnum", "string", "operation", "service"} <= set(v2.labels)
    assert "set" not in v2.labels and "namespace" not in v2.labels
    assert v2.get("structure").documentation
    v1 = complete(tmp_path / "v1", {"a.smithy": 'namespace a\n\nstructure S {}\n\n|'}, "a.smithy")
    assert "set" in v1.labels and "enum" not in v1.labels
    assert "use" not in v1.labels  # `use` comes before the shapes


def test_before_the_namespace_control_metadata_and_namespace(tmp_path):
    result = complete(tmp_path, {"a.smithy": "|\n"}, "a.smithy")
    assert {"$version", "metadata", "namespace"} <= set(result.labels)
    assert "structure" not in result.labels
    dollar = complete(tmp_path / "dollar", {"a.smithy": "$ver|\nnamespace a\n"}, "a.smithy")
    assert "version" in dollar.labels
    assert dollar.applied("version").startswith('$version: "2"')


def test_declaration_snippets(tmp_path):
    result = complete(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\n\nstru|'}, "a.smithy")
    structure = result.get("structure {…}")
    assert structure.is_snippet and structure.insert_text.startswith("structure ${1:Name} {")
    operation = result.get("operation {…}")
    assert "input := {" in operation.insert_text and "output := {" in operation.insert_text
    v1 = complete(tmp_path / "v1", {"a.smithy": "namespace a\n\n|"}, "a.smithy")
    assert "structure ${1:Name}Input {" in v1.get("operation {…}").insert_text


def test_wasmcloud_service_snippet_adds_the_use_of_wasmbus(tmp_path):
    files = {"codegen.toml": CODEGEN, "kv.smithy": KV, "types.smithy": TYPES + "\n|"}
    result = complete(tmp_path, files, "types.smithy")
    text = result.applied("service @wasmbus {…}")
    assert "use org.wasmcloud.model#U32\nuse org.wasmcloud.model#wasmbus\n" in text
    assert '@wasmbus(contractId: "${2:wasmcloud:example}", providerReceive: true)\nservice ${1:Name} {' in text


def test_half_typed_member_target_offers_shapes_in_scope_and_adds_uses(tmp_path):
    files = {
        "a.smithy": '$version: "2"\nnamespace a\n\nstring Local\n\nstructure S {\n    name: Str|\n}\n',
        "b.smithy": '$version: "2"\nnamespace b\n\n/// Strong text.\nstring Strong\n\n@private\nstring Hidden\n',
    }
    result = complete(tmp_path, files, "a.smithy")
    assert {"String", "Local", "S", "Strong", "Integer"} <= set(result.labels)
    assert "Hidden" not in result.labels and "required" not in result.labels  # private shapes, traits
    string = result.get("String")
    assert string.replace_start == result.source.index(b"Str") and string.replace_end == result.offset
    assert string.detail == "smithy.api#String" and string.additional_edits == ()
    strong = result.get("Strong")
    assert strong.detail == "b#Strong"
    assert strong.documentation == "Strong text.\n\nAdds `use b#Strong`."
    assert result.applied("Strong") == ('$version: "2"\nnamespace a\n\nuse b#Strong\n\nstring Local\n\n'
                                        'structure S {\n    name: Strong\n}\n')
    assert strong.sort_text > string.sort_text


def test_new_use_goes_after_the_last_use_and_clashing_names_are_written_in_full(tmp_path):
    files = {
        "a.smithy": '$version: "2"\nnamespace a\n\nuse c#Other\n\nstring Thing\n\nstructure S {\n    x: |\n}\n',
        "b.smithy": '$version: "2"\nnamespace b\n\nstring Thing\nstring Extra\n',
        "c.smithy": '$version: "2"\nnamespace c\n\nstring Other\n',
    }
    result = complete(tmp_path, files, "a.smithy")
    assert "use c#Other\nuse b#Extra\n" in result.applied("Extra")
    assert result.get("b#Thing").insert_text == "b#Thing" and result.get("b#Thing").additional_edits == ()
    assert result.get("Other").additional_edits == ()  # already imported


def test_absolute_ids_when_a_namespace_is_typed(tmp_path):
    files = {"a.smithy": '$version: "2"\nnamespace a\n\nstructure S {\n    x: b#|\n}\n',
             "b.smithy": '$version: "2"\nnamespace b\n\nstring Thing\n'}
    result = complete(tmp_path, files, "a.smithy")
    assert "b#Thing" in result.labels
    assert result.applied("b#Thing").count("x: b#Thing\n") == 1


def test_trait_names_after_at_with_wasmcloud_traits_and_auto_use(tmp_path):
    files = {"codegen.toml": CODEGEN, "kv.smithy": KV,
             "types.smithy": TYPES.replace("    @n(1)\n    size", "    @|\n    @n(1)\n    size")}
    result = complete(tmp_path, files, "types.smithy")
    assert {"required", "documentation", "n", "serialization"} <= set(result.labels)
    assert result.get("required").kind == "trait"
    assert "Applies to `structure > member`." in result.get("required").documentation
    assert result.get("n").additional_edits == ()  # already imported
    assert "use org.wasmcloud.model#U32\nuse org.wasmcloud.model#serialization\n" in result.applied("serialization")


def test_trait_names_are_filtered_by_their_selector(tmp_path):
    text = '$version: "2"\nnamespace a\n\nstructure S {\n    @ht|\n    a: String\n}\n'
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert "httpHeader" in result.labels and "httpQuery" in result.labels
    assert "http" not in result.labels  # only for operations
    shape_level = complete(tmp_path / "shape", {"a.smithy": '$version: "2"\nnamespace a\n\n@ht|\noperation O {}\n'}, "a.smithy")
    assert "http" in shape_level.labels and "httpHeader" not in shape_level.labels


def test_workspace_traits_are_offered(tmp_path):
    files = {"a.smithy": '$version: "2"\nnamespace a\n\n@|\nstructure S {}\n',
             "b.smithy": '$version: "2"\nnamespace b\n\n/// Marks audited shapes.\n@trait\nstructure audited {}\n'}
    result = complete(tmp_path, files, "a.smithy")
    assert result.get("audited").documentation.startswith("Marks audited shapes.")
    assert result.get("audited").detail == "b#audited"
    assert "use b#audited" in result.applied("audited")


def test_trait_value_keys_and_values(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES,
             "kv.smithy": KV.replace("providerReceive: true", "providerReceive: true, |")}
    result = complete(tmp_path, files, "kv.smithy")
    assert sorted(result.labels) == ["actorReceive", "protocol"]
    assert result.get("actorReceive").insert_text == "actorReceive: "
    assert "Actors receive" in result.get("actorReceive").documentation

    files["kv.smithy"] = KV.replace("providerReceive: true", "providerReceive: t|")
    values = complete(tmp_path / "values", files, "kv.smithy")
    assert sorted(values.labels) == ["false", "true"]

    empty = complete(tmp_path / "empty", {"a.smithy": '$version: "2"\nnamespace a\n\n@deprecated(|)\nstring S\n'}, "a.smithy")
    assert sorted(empty.labels) == ["message", "since"]
    enum = complete(tmp_path / "enum", {"a.smithy": '$version: "2"\nnamespace a\n\n@error(|)\nstructure E {}\n'}, "a.smithy")
    assert sorted(enum.labels) == ['"client"', '"server"']


def test_nested_trait_values_follow_the_trait_shape(tmp_path):
    text = ('$version: "2"\nnamespace a\n\n@trait\nstructure config {\n    inner: Inner\n}\n\n'
            'structure Inner {\n    enabled: Boolean\n    level: Integer\n}\n\n@config(inner: { enabled: true, | })\nstring S\n')
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert result.labels == ["level"]


def test_use_offers_namespaces_and_shapes_of_other_namespaces(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES,
             "kv.smithy": KV.replace("use org.wasmcloud.model#wasmbus", "use org.wasmcloud.model#wasmbus\nuse |")}
    result = complete(tmp_path, files, "kv.smithy")
    assert {"org.example.kv.types", "org.wasmcloud.model", "org.wasmcloud.core"} <= set(result.labels)
    assert result.get("org.example.kv.types").insert_text == "org.example.kv.types#"
    assert "org.example.kv.types#Entry" in result.labels and "org.wasmcloud.model#U32" in result.labels
    assert "org.wasmcloud.model#wasmbus" not in result.labels  # already imported
    assert "org.example.kv" not in result.labels  # the file's own namespace


def test_apply_targets_and_their_members(tmp_path):
    text = '$version: "2"\nnamespace a\n\nstructure S {\n    name: String\n    size: Integer\n}\n\napply S$|\n'
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert sorted(result.labels) == ["S$name", "S$size"]
    assert result.applied("S$size").endswith("apply S$size\n")
    shapes = complete(tmp_path / "shapes", {"a.smithy": text.replace("apply S$|", "apply |")}, "a.smithy")
    assert "S" in shapes.labels and "String" not in shapes.labels


def test_operation_bodies(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES,
             "kv.smithy": KV.replace("    input: String\n", "    input: String\n    |\n")}
    keys = complete(tmp_path, files, "kv.smithy")
    assert sorted(keys.labels) == ["errors", "output"]
    files["kv.smithy"] = KV.replace("    input: String\n", "    input: String\n    output: |\n")
    output = complete(tmp_path / "output", files, "kv.smithy")
    assert "Entry" in output.labels and "NotFound" not in output.labels and "String" not in output.labels
    assert "use org.example.kv.types#Entry" in output.applied("Entry")
    files["kv.smithy"] = KV.replace("    input: String\n", "    input: String\n    errors: [|]\n")
    errors = complete(tmp_path / "errors", files, "kv.smithy")
    assert errors.labels == ["NotFound"]


def test_service_bodies(tmp_path):
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES,
             "kv.smithy": KV.replace('    version: "0.1"\n', '    version: "0.1"\n    |\n')}
    keys = complete(tmp_path, files, "kv.smithy")
    assert sorted(keys.labels) == ["errors", "rename", "resources"]
    files["kv.smithy"] = KV.replace("operations: [Get]", "operations: [Get, |]")
    operations = complete(tmp_path / "operations", files, "kv.smithy")
    assert "Get" in operations.labels and "org.wasmcloud.core#HealthRequest" not in operations.labels
    assert {item.kind for item in operations.items} == {"function"}


def test_mixins_and_elided_members(tmp_path):
    text = ('$version: "2"\nnamespace a\n\n@mixin\nstructure Base {\n    id: String\n    tag: String\n}\n\n'
            'structure Plain {}\n\nstructure S with [|] {\n}\n')
    mixins = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert mixins.labels == ["Base"]
    elided = text.replace("with [|] {\n}", "with [Base] {\n    $id\n    $|\n}")
    result = complete(tmp_path / "elided", {"a.smithy": elided}, "a.smithy")
    assert result.labels == ["tag"]


def test_list_and_map_member_names(tmp_path):
    result = complete(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\n\nmap M {\n    key: String\n    |\n}\n'}, "a.smithy")
    assert result.labels == ["value"]


def test_no_completion_inside_comments_strings_or_json_models(tmp_path):
    comment = complete(tmp_path / "c", {"a.smithy": '$version: "2"\nnamespace a\n\n// Str|\nstring S\n'}, "a.smithy")
    assert comment.items == []
    string = complete(tmp_path / "s", {"a.smithy": '$version: "2"\nnamespace a\n\n@documentation("Str|")\nstring S\n'},
                      "a.smithy")
    assert string.items == []
    json_model = complete(tmp_path / "j", {"m.json": '{"smithy": "2.0", "shapes": {"a#S": {"type": "string"|}}}'}, "m.json")
    assert json_model.items == []


def test_bad_input_gives_nothing(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": "namespace a\n"})
    assert completions(ws, tmp_path / "a.smithy", 10_000) == []
    assert completions(ws, tmp_path / "a.smithy", -1) == []
    assert completions(ws, tmp_path / "missing.smithy", 0) == []
    garbage = complete(tmp_path / "g", {"a.smithy": 'namespace a\n}}} ]) @( |'}, "a.smithy")
    assert isinstance(garbage.items, list)


def test_after_traits_only_shape_keywords(tmp_path):
    text = '$version: "2"\nnamespace a\n\n@documentation("x")\n@sensitive\n|\n'
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert "structure" in result.labels and "string" in result.labels
    assert "use" not in result.labels and "apply" not in result.labels
    after_apply = complete(tmp_path / "apply", {"a.smithy": '$version: "2"\nnamespace a\n\nstring S\n\n'
                                                             'apply S @documentation("x")\n|\n'}, "a.smithy")
    assert "apply" in after_apply.labels


def test_resource_after_for(tmp_path):
    text = '$version: "2"\nnamespace a\n\nresource Forecast {}\nstring Plain\n\nstructure S for |\n'
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert result.labels == ["Forecast"]


def test_traits_in_apply_blocks(tmp_path):
    text = '$version: "2"\nnamespace a\n\nstring S\n\napply S {\n    @docu|\n}\n'
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert "documentation" in result.labels


def test_targets_leave_out_mixins_and_traits_but_apply_offers_them(tmp_path):
    text = ('$version: "2"\nnamespace a\n\n@mixin\nstructure Base {}\n\n@trait\nstructure marker {}\n\n'
            'structure S {\n    x: |\n}\n')
    targets = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert "S" in targets.labels and "Base" not in targets.labels and "marker" not in targets.labels
    applied_to = complete(tmp_path / "apply", {"a.smithy": text.replace("    x: |\n", "") + "\napply |\n"}, "a.smithy")
    assert {"S", "Base", "marker"} <= set(applied_to.labels)


def test_broken_lines_around_the_cursor(tmp_path):
    text = ('$version: "2"\nnamespace a\n\nstring Local\n\nstructure S {\n    a: \n    b: Loc|\n\n'
            'structure T {\n    c: String\n}\n')
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert "Local" in result.labels and "String" in result.labels
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES,
             "kv.smithy": KV.replace('@wasmbus(contractId: "wasmcloud:example:kv", providerReceive: true)',
                                     "@wasmbus(contractId: \"x\", prov|")}
    unclosed = complete(tmp_path / "unclosed", files, "kv.smithy")
    assert "providerReceive" in unclosed.labels and "contractId" not in unclosed.labels
    files["kv.smithy"] = KV.replace("operations: [Get]", "operations: [Get, |")
    open_list = complete(tmp_path / "list", files, "kv.smithy")
    assert "Get" in open_list.labels


def test_resource_bodies(tmp_path):
    text = ('$version: "2"\nnamespace a\n\nstring ForecastId\n\noperation GetForecast {}\n\n'
            'resource Forecast {\n    identifiers: { forecastId: Fore| }\n}\n')
    identifiers = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert "ForecastId" in identifiers.labels and "GetForecast" not in identifiers.labels
    lifecycle = complete(tmp_path / "read", {"a.smithy": text.replace("Fore| }", "ForecastId }\n    read: |")}, "a.smithy")
    assert lifecycle.labels == ["GetForecast"]
    keys = complete(tmp_path / "keys", {"a.smithy": text.replace("Fore| }", "ForecastId }\n    |")}, "a.smithy")
    assert {"read", "create", "operations", "resources"} <= set(keys.labels) and "identifiers" not in keys.labels


def test_member_defaults_offer_enum_values_and_booleans(tmp_path):
    text = ('$version: "2"\nnamespace a\n\nenum Status {\n    ACTIVE = "active"\n    GONE = "gone"\n}\n\n'
            'structure S {\n    status: Status = |\n}\n')
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert sorted(result.labels) == ['"active"', '"gone"']
    flag = complete(tmp_path / "flag", {"a.smithy": text.replace("status: Status = |", "on: Boolean = |")}, "a.smithy")
    assert sorted(flag.labels) == ["false", "true"]


def test_idref_strings_offer_shape_ids_matching_the_selector(tmp_path):
    text = ('$version: "2"\nnamespace a\n\n@trait\nstructure pointsTo {\n'
            '    @idRef(selector: "structure")\n    target: String\n    note: String\n}\n\n'
            'structure Goal {}\nstring Plain\n\n@pointsTo(target: "|")\nstring Source\n')
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert "a#Goal" in result.labels and "a#Plain" not in result.labels
    assert result.applied("a#Goal").count('@pointsTo(target: "a#Goal")') == 1
    plain = complete(tmp_path / "plain", {"a.smithy": text.replace('target: "|"', 'note: "|"')}, "a.smithy")
    assert plain.items == []
    mixin = complete(tmp_path / "mixin", {"a.smithy": '$version: "2"\nnamespace a\n\n@trait\nstructure t {}\n\n'
                                                       '@mixin(localTraits: ["|"])\nstructure M {}\n'}, "a.smithy")
    assert "a#t" in mixin.labels and "a#M" not in mixin.labels


def test_a_space_follows_a_colon_typed_just_before(tmp_path):
    result = complete(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\n\nstructure S {\n    name:|\n}\n'}, "a.smithy")
    assert "    name: String\n" in result.applied("String")
    files = {"codegen.toml": CODEGEN, "types.smithy": TYPES,
             "kv.smithy": KV.replace("providerReceive: true", "providerReceive:|")}
    values = complete(tmp_path / "values", files, "kv.smithy")
    assert "providerReceive: true)" in values.applied("true")


def test_elided_members_from_the_bound_resource(tmp_path):
    text = ('$version: "2"\nnamespace a\n\nresource Forecast {\n    identifiers: { forecastId: String }\n'
            '    properties: { chance: Float }\n}\n\nstructure Summary for Forecast {\n    $|\n}\n')
    result = complete(tmp_path, {"a.smithy": text}, "a.smithy")
    assert sorted(result.labels) == ["chance", "forecastId"]
    assert result.get("forecastId").detail == "a#Forecast identifier: String"


def test_the_shapes_offered_follow_edits_to_the_file_and_to_the_rest_of_the_model(tmp_path):
    """The list of shapes a file may name is kept between requests: a new shape elsewhere,
    one taken away, and a new `use` in the file each show in the next completion."""
    head = 'namespace a\n\n'
    body = "structure S {\n    m: \n}\n"
    ws = workspace(tmp_path, {"a.smithy": head + body, "b.smithy": "namespace b\n\nstructure Other {}\n"})
    a, b = tmp_path / "a.smithy", tmp_path / "b.smithy"

    def offered() -> dict[str, bool]:
        """Label -> whether taking it adds a `use`."""
        text = a.read_text()
        return {c.label: bool(c.additional_edits) for c in completions(ws, a, text.index("m: ") + 3)}

    assert offered()["Other"] is True and "Added" not in offered()
    b.write_text("namespace b\n\nstructure Other {}\nstructure Added {}\n")
    ws.update(b)
    assert offered()["Added"] is True
    a.write_text(head + "use b#Other\n\n" + body)
    ws.update(a)
    assert offered()["Other"] is False and offered()["Added"] is True
    b.write_text("namespace b\n\nstructure Other {}\n")
    ws.update(b)
    assert "Added" not in offered() and offered()["Other"] is False


def test_the_shape_list_of_a_long_model_is_made_ahead_once_the_model_is_indexed(tmp_path):
    from witsmith.features.smithy import lookup
    from witsmith.features.smithy.completion import Preparation

    ws = workspace(tmp_path, {"a.smithy": "namespace a\n\nstructure S {\n    m: \n}\n", "b.smithy": "namespace b\n\nstructure Other {}\n"})
    a = tmp_path / "a.smithy"
    list(Preparation(ws, a, types=False).steps())  # while the model is still being indexed
    assert ws not in lookup._nameable_made
    list(Preparation(ws, a).steps())
    path, summary, generation, made = lookup._nameable_made[ws]
    assert (path, summary, generation) == (a, ws.summary(a), ws.definitions_generation)
    assert [n.written for n in made] == [n.written for n in lookup._nameable_shapes(ws, a, ws.summary(a))]
    assert "Other" in {n.written for n in made}
    # ... and the ranked list a member's target is completed from.
    from witsmith.features.smithy import completion
    nameables, _, ranked = completion._ranked_made[ws][(False, False, False)]
    assert nameables is made
    offset = a.read_bytes().index(b"m: ") + 3
    assert [c.label for c in ranked.candidates] == [c.label for c in completion.completions(ws, a, offset)
                                                    if c.kind != "snippet" and c.kind != "keyword"]
