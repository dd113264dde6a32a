"""Smithy -> WIT migration, rule by rule, on small handwritten models."""

from __future__ import annotations

import pytest

from witsmith.diagnostics import Severity
from witsmith.features.diagnostics import file_diagnostics
from witsmith.features.migration import MigrationError, migrate
from witsmith.features.migration.names import escaped, kebab
from witsmith.workspace.project import Workspace

WASMBUS = "use org.wasmcloud.model#wasmbus\n"


def run(tmp_path, source: str, package: str | None = None, name: str = "model.smithy"):
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    workspace = Workspace()
    workspace.add_root(tmp_path)
    return migrate(workspace.smithy, [path], package)


def only(migration):
    """The one package of a migration, after checking its WIT has no error."""
    assert len(migration.packages) == 1, [p.package.id for p in migration.packages]
    package = migration.packages[0]
    assert wit_errors(package.text) == [], package.text
    return package


def wit_errors(text: str) -> list[str]:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.wit"
        path.write_text(text, encoding="utf-8")
        workspace = Workspace()
        workspace.add_root(path.parent)
        return [d.message for d in file_diagnostics(workspace, path) if d.severity <= Severity.ERROR]


def contract(body: str, version: str = "") -> str:
    head = f'$version: "{version}"\n' if version else ""
    return head + "namespace example.weather\n\n" + WASMBUS + "use org.wasmcloud.model#U32\n" \
        "use org.wasmcloud.model#U64\nuse org.wasmcloud.model#I8\n\n" \
        '@wasmbus(contractId: "example:weather", providerReceive: true)\n' \
        "service Weather {\n    version: \"0.1\"\n    operations: [Op]\n}\n\n" + body


@pytest.mark.parametrize(("smithy", "wit"), [
    ("listName", "list-name"), ("HTTPRequest", "http-request"), ("getV2", "get-v2"), ("U32", "u32"),
    ("snake_case_name", "snake-case-name"), ("x509Cert", "x509-cert"), ("ABC", "abc"), ("foo_2bar", "foo2bar"),
    ("_private", "private"), ("utf8String", "utf8-string"), ("already-kebab", "already-kebab"),
])
def test_names_become_kebab_case(smithy, wit):
    assert kebab(smithy) == wit


@pytest.mark.parametrize("word", ["type", "func", "list", "record", "string", "result", "use", "world", "u32",
                                  "interface", "resource", "own", "borrow", "future", "stream", "map"])
def test_keywords_are_escaped(word):
    assert escaped(word) == "%" + word
    assert escaped(word + "-x") == word + "-x"


def test_package_interface_function_and_world_from_the_contract(tmp_path):
    result = only(run(tmp_path, contract(
        "/// Looks the weather up.\noperation Op {\n    input: Request\n    output: Report\n}\n\n"
        "structure Request {\n    @required\n    city: String\n    days: U32\n}\n\n"
        "/// A report.\nstructure Report {\n    /// In Celsius.\n    @required\n    temperature: I8\n}\n")))
    text = result.text
    assert text.startswith("package example:weather@0.1.0;\n\ninterface weather {\n")
    # IDL 1: members of number type are never optional; other members are, unless @required.
    assert "  /// Looks the weather up.\n  op: func(city: string, days: u32) -> report;\n" in text
    assert "  /// A report.\n  record report {\n    /// In Celsius.\n    temperature: s8,\n  }\n" in text
    assert "world weather {\n  import weather;\n}" not in text  # names of worlds and interfaces never clash
    assert "world weather-component {\n  import weather;\n}\n" in text
    assert "world weather-provider {\n  export weather;\n}\n" in text
    assert result.advice is None


def test_package_option_overrides_the_contract(tmp_path):
    result = only(run(tmp_path, contract("operation Op {}\n"), package="acme:forecast@2.0.0"))
    assert result.text.startswith("package acme:forecast@2.0.0;\n")
    with pytest.raises(MigrationError, match="NAMESPACE:NAME@VERSION"):
        run(tmp_path, contract("operation Op {}\n"), package="nonsense")
    with pytest.raises(MigrationError, match="not a WIT identifier"):
        run(tmp_path, contract("operation Op {}\n"), package="Acme:x@1.0.0")


def test_package_from_the_namespace_without_a_contract(tmp_path):
    result = only(run(tmp_path, "namespace org.example.things\n\nservice Things {\n    operations: [Ping]\n}\n\n"
                                "operation Ping {}\n"))
    assert result.text.startswith("package org-example:things@0.1.0;\n")
    assert "ping: func();" in result.text
    assert result.package.worlds == []
    assert result.notes_of("no-world")


@pytest.mark.parametrize(("target", "wit"), [
    ("String", "string"), ("Boolean", "bool"), ("Byte", "s8"), ("Short", "s16"), ("Integer", "s32"),
    ("Long", "s64"), ("Float", "f32"), ("Double", "f64"), ("Blob", "list<u8>"),
    ("org.wasmcloud.model#U8", "u8"), ("org.wasmcloud.model#U16", "u16"), ("org.wasmcloud.model#U32", "u32"),
    ("org.wasmcloud.model#U64", "u64"), ("org.wasmcloud.model#I8", "s8"), ("org.wasmcloud.model#I16", "s16"),
    ("org.wasmcloud.model#I32", "s32"), ("org.wasmcloud.model#I64", "s64"), ("org.wasmcloud.model#F64", "f64"),
])
def test_simple_types(tmp_path, target, wit):
    result = only(run(tmp_path, contract(f"operation Op {{\n    input: {target}\n    output: {target}\n}}\n")))
    assert f"  op: func(input: {wit}) -> {wit};\n" in result.text


def test_aggregates(tmp_path):
    result = only(run(tmp_path, contract(
        "operation Op {\n    input: Everything\n}\n\n"
        "structure Everything {\n    @required\n    names: Names\n    @required\n    tags: Tags\n"
        "    @required\n    counts: Counts\n    @required\n    choice: Choice\n    @required\n    color: Color\n}\n\n"
        "list Names {\n    member: String\n}\n\nset Tags {\n    member: String\n}\n\n"
        "map Counts {\n    key: String\n    value: U64\n}\n\n"
        "union Choice {\n    number: Integer\n    word: String\n}\n\n"
        '@enum([{ value: "dark red", name: "DARK_RED" }, { value: "blue" }])\nstring Color\n')))
    text = result.text
    assert "  type names = list<string>;\n" in text
    assert "  type tags = list<string>;\n" in text
    assert "  type counts = list<tuple<string, u64>>;\n" in text
    assert "  variant choice {\n    number(s32),\n    word(string),\n  }\n" in text
    assert "  enum color {\n    dark-red,\n    blue,\n  }\n" in text
    assert "  op: func(names: names, tags: tags, counts: counts, choice: choice) -> " not in text  # 5 members
    assert "  op: func(input: everything);\n" in text


def test_optional_members_follow_the_idl_version(tmp_path):
    body = ("operation Op {\n    output: Out\n}\n\nstructure Out {\n    a: String\n    @required\n    b: String\n"
            "    c: Integer\n    @box\n    d: Integer\n}\n")
    (tmp_path / "one").mkdir()
    idl1 = only(run(tmp_path / "one", contract(body))).text
    assert "    a: option<string>,\n    b: string,\n    c: s32,\n    d: option<s32>,\n" in idl1
    body2 = ("operation Op {\n    output: Out\n}\n\nstructure Out {\n    a: String\n    @required\n    b: String\n"
             "    c: Integer\n    d: Integer = 0\n}\n")
    (tmp_path / "two").mkdir()
    idl2 = only(run(tmp_path / "two", contract(body2, version="2"))).text
    assert "    a: option<string>,\n    b: string,\n    c: option<s32>,\n    d: s32,\n" in idl2


def test_idl2_enums_and_int_enums(tmp_path):
    result = only(run(tmp_path, contract(
        "operation Op {\n    input: Level\n    output: Code\n}\n\n"
        "enum Level {\n    /// Quiet.\n    LOW = \"low\"\n    HIGH\n}\n\n"
        "intEnum Code {\n    OK = 0\n    NOT_FOUND = 404\n}\n", version="2")))
    assert "  enum level {\n    /// Quiet.\n    low,\n    high,\n  }\n" in result.text
    assert "  enum code {\n    ok,\n    not-found,\n  }\n" in result.text
    values = result.notes_of("int-enum")
    assert values and "ok = 0" in values[0].message and "not-found = 404" in values[0].message


def test_errors_become_results(tmp_path):
    result = only(run(tmp_path, contract(
        "operation Op {\n    input: String\n    output: String\n    errors: [NotFound]\n}\n\n"
        "operation Other {\n    errors: [NotFound, Denied]\n}\n\n"
        "/// Failure is documented here.\noperation Third {}\n\n"
        '@error("client")\nstructure NotFound {\n    message: String\n}\n\n'
        '@error("client")\nstructure Denied {\n    message: String\n}\n').replace(
            "operations: [Op]", "operations: [Op, Other, Third]")))
    text = result.text
    assert "  op: func(input: string) -> result<string, not-found>;\n" in text
    assert "  variant other-error {\n    not-found(not-found),\n    denied(denied),\n  }\n" in text
    assert "  other: func() -> result<_, other-error>;\n" in text
    assert "  third: func() -> result<_, string>;\n" in text
    assert result.notes_of("documented-failure")


def test_timestamp_becomes_a_record(tmp_path):
    result = only(run(tmp_path, contract("operation Op {\n    output: Timestamp\n}\n")))
    assert "  record timestamp {\n    seconds: u64,\n    nanoseconds: u32,\n  }\n" in result.text
    assert "  op: func() -> timestamp;\n" in result.text
    assert result.notes_of("timestamp")


@pytest.mark.parametrize("target", ["Document", "BigInteger", "BigDecimal"])
def test_unsupported_shapes_become_placeholders_with_a_todo(tmp_path, target):
    result = only(run(tmp_path, contract(f"operation Op {{\n    output: {target}\n}}\n")))
    name = kebab(target)
    assert f"TODO(migration)" in result.text
    assert f"  type {name} = string;\n" in result.text
    assert f"  op: func() -> {name};\n" in result.text
    assert any(target in n.shape for n in result.notes_of("unsupported"))


def test_recursive_shapes_are_cut(tmp_path):
    result = only(run(tmp_path, contract(
        "operation Op {\n    output: Tree\n}\n\nstructure Tree {\n    children: Trees\n}\n\n"
        "list Trees {\n    member: Tree\n}\n")))
    assert "  type trees = list<string>;\n" in result.text
    assert result.notes_of("recursive")


def test_names_that_meet_in_kebab_case_are_kept_apart(tmp_path):
    result = only(run(tmp_path, contract(
        "operation Op {\n    output: Out\n}\n\nstructure Out {\n    fooBar: String\n    foo_bar: String\n"
        "    type: String\n}\n")))
    assert "    foo-bar: option<string>,\n    foo-bar-v2: option<string>,\n    %type: option<string>,\n" \
        in result.text
    assert result.notes_of("renamed")


def test_worlds_follow_directions_and_shared_types(tmp_path):
    source = ("namespace example.chat\n\n" + WASMBUS +
              '@wasmbus(contractId: "example:chat", providerReceive: true)\nservice Sender {\n    operations: [Send]\n}\n\n'
              '@wasmbus(contractId: "example:chat", actorReceive: true)\nservice Receiver {\n'
              "    operations: [Receive]\n}\n\n"
              "operation Send {\n    output: Message\n}\n\noperation Receive {\n    output: Message\n}\n\n"
              "structure Message {\n    @required\n    body: Blob\n}\n")
    text = only(run(tmp_path, source)).text
    # Both services return a message: the record is shared.
    assert "interface types {\n  record message {\n    body: list<u8>,\n  }\n}\n" in text
    assert "interface sender {\n  use types.{message};\n\n  send: func() -> message;\n}\n" in text
    assert "interface receiver {\n  use types.{message};\n\n  receive: func() -> message;\n}\n" in text
    assert "world chat {\n  import types;\n  import sender;\n\n  export receiver;\n}\n" in text
    assert "world chat-provider {\n  import types;\n  import receiver;\n\n  export sender;\n}\n" in text


def test_traits_without_wit_meaning_are_reported(tmp_path):
    source = contract("operation Op {\n    output: Out\n}\n\n"
                      "structure Out {\n    @n(0)\n    @length(min: 1)\n    name: String\n}\n")
    result = only(run(tmp_path, source.replace(WASMBUS, WASMBUS + "use org.wasmcloud.model#n\n")))
    traits = {note.shape for note in result.notes_of("trait")}
    assert {"org.wasmcloud.model#n", "smithy.api#length", "org.wasmcloud.model#wasmbus"} <= traits


def test_phase2_advice_for_a_well_known_contract(tmp_path):
    source = ("namespace org.wasmcloud.interface.keyvalue\n\n" + WASMBUS +
              '@wasmbus(contractId: "wasmcloud:keyvalue", providerReceive: true)\n'
              "service KeyValue {\n    operations: [Get]\n}\n\noperation Get {\n    input: String\n"
              "    output: String\n}\n")
    result = only(run(tmp_path, source))
    assert result.package.id == "wasmcloud:keyvalue@0.1.0"
    assert result.advice is not None and result.advice.replacement.startswith("wasi:keyvalue")
    get = next(o for o in result.advice.operations if o.operation == "Get")
    assert get.replacement == "wasi:keyvalue/store.bucket.get"
    assert any(o.replacement is None for o in result.advice.operations)


def test_names_equal_without_hyphens_clash(tmp_path):
    result = only(run(tmp_path, contract(
        "operation Op {\n    output: Out\n}\n\nstructure Out {\n    timeStamp: String\n    timestamp: String\n}\n")))
    assert "    time-stamp: option<string>,\n    timestamp-v2: option<string>,\n" in result.text


def test_references_to_types_named_like_keywords_are_escaped(tmp_path):
    result = only(run(tmp_path, contract(
        "operation Op {\n    output: Choice\n}\n\nunion Choice {\n    option: Option\n    map: Map\n}\n\n"
        "structure Option {\n    value: String\n}\n\nmap Map {\n    key: String\n    value: String\n}\n")))
    assert "  record %option {\n" in result.text
    assert "  type %map = list<tuple<string, string>>;\n" in result.text
    assert "  variant choice {\n    %option(%option),\n    %map(%map),\n  }\n" in result.text


def test_broken_models_give_placeholders_not_crashes(tmp_path):
    result = only(run(tmp_path, contract(
        "operation Op {\n    input: Missing\n    output: Out\n    errors: [AlsoMissing]\n}\n\n"
        "structure Out {\n    a: Nowhere\n    b: \n}\n").replace("operations: [Op]", "operations: [Op, Ghost]")))
    assert "package example:weather@0.1.0;" in result.text
    assert any("`Nowhere` is not defined" in n.message for n in result.notes_of("unsupported"))
    assert any("Ghost" in n.message for n in result.notes_of("not-migrated"))


def test_long_parameter_lists_become_one_record_parameter(tmp_path):
    result = only(run(tmp_path, contract(
        "operation Op {\n    input: Request\n}\n\nstructure Request {\n"
        "    @required\n    aVeryLongParameterNameNumberOne: String\n"
        "    @required\n    aVeryLongParameterNameNumberTwo: String\n"
        "    @required\n    aVeryLongParameterNameNumberThree: String\n}\n")))
    assert "  op: func(input: request);\n" in result.text
    assert "  record request {\n" in result.text
    assert max(len(line) for line in result.text.splitlines()) <= 100


def test_docs_of_spread_members_move_into_the_function_docs(tmp_path):
    result = only(run(tmp_path, contract(
        "/// Sends it.\noperation Op {\n    input: Request\n}\n\nstructure Request {\n"
        "    /// Where to,\n    /// in full.\n    @required\n    city: String\n}\n")))
    assert "  /// Sends it.\n  ///\n  /// - `city`: Where to, in full.\n  op: func(city: string);\n" in result.text


def test_the_editor_translation_follows_edits(tmp_path):
    from witsmith.features.migration import translation_of

    path = tmp_path / "model.smithy"
    source = contract("operation Op {\n    output: Out\n}\n\nstructure Out {\n    @required\n    a: String\n}\n")
    path.write_text(source, encoding="utf-8")
    workspace = Workspace()
    workspace.add_root(tmp_path)

    def out_record() -> str:
        summary = workspace.smithy.summary(path)
        shape = next(s for s in summary.shapes if s.name.text == "Out")
        from witsmith.workspace.smithy import ShapeDef
        return translation_of(workspace.smithy, ShapeDef(summary, shape)).items["example.weather#Out"]

    assert out_record() == "record out {\n  a: string,\n}"
    assert out_record() == "record out {\n  a: string,\n}"  # asked again: the same answer
    workspace.files.set_buffer(path, source.replace("a: String", "b: Integer").encode())
    workspace.update(path)
    assert out_record() == "record out {\n  b: s32,\n}"


def test_documentation_traits_sparse_lists_and_streams(tmp_path):
    result = only(run(tmp_path, contract(
        'operation Op {\n    input: Upload\n    output: Maybe\n}\n\n@documentation("Some names, or gaps.")\n'
        "@sparse\nlist Maybe {\n    member: String\n}\n\n"
        'structure Upload {\n    @documentation("The bytes.")\n    @required\n    data: Data\n}\n\n'
        "@streaming\nblob Data\n")))
    assert "  /// Some names, or gaps.\n  type maybe = list<option<string>>;\n" in result.text
    assert "  /// - `data`: The bytes.\n  op: func(data: data) -> maybe;\n" in result.text
    assert "  type data = list<u8>;\n" in result.text
    assert any("streaming" in n.message for n in result.notes_of("not-migrated"))


def test_package_names_that_are_keywords_are_escaped(tmp_path):
    result = only(run(tmp_path, contract("operation Op {}\n").replace('"example:weather"', '"wasmcloud:interface"')))
    assert result.text.startswith("package wasmcloud:%interface@0.1.0;\n")
    assert result.package.id == "wasmcloud:interface@0.1.0"
