"""wasmCloud rules agree with each other: advice that one rule gives, no other rule flags."""

from __future__ import annotations

from smithy.helpers import codes, diagnostics, text_at, workspace

CODEGEN = "[[models]]\npath = \".\"\n"


def _by_code(ws, path):
    found = {}
    for d in diagnostics(ws, path):
        found.setdefault(d.code, []).append(text_at(path, d))
    return found


UNION_CONTRACT = """namespace org.example.u

use org.wasmcloud.model#wasmbus
use org.wasmcloud.model#n

@wasmbus(contractId: "wasmcloud:u", providerReceive: true, protocol: "2")
service U {
    version: "0.1"
    operations: [Send]
}

operation Send { input: Choice }

union Choice {
    @n(0)
    a: String
    @n(1)
    b: Integer
}
"""


def test_numbered_union_under_protocol_2_is_clean(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "a.smithy": UNION_CONTRACT})
    assert codes(ws, tmp_path / "a.smithy") == []


def test_numbered_union_is_clean_with_a_local_copy_of_the_model(tmp_path):
    # wasmCloud's own copy of its model declares @n for `structure > member`; weld still numbers unions with it.
    model = """namespace org.wasmcloud.model

@trait(selector: "structure > member")
@range(min: 0)
short n

@trait(selector: "service")
@protocolDefinition
structure wasmbus {
    contractId: String
    actorReceive: Boolean
    providerReceive: Boolean
    protocol: String
}
"""
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "model.smithy": model, "a.smithy": UNION_CONTRACT})
    assert codes(ws, tmp_path / "a.smithy") == []


def test_union_from_protocol_0_is_reported_once(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "a.smithy": UNION_CONTRACT.replace(', protocol: "2"', "")})
    found = _by_code(ws, tmp_path / "a.smithy")
    assert found == {"wasmcloud/union-needs-protocol-2": ["U"]}


def test_map_keys_one_diagnostic_and_string_shapes_allowed(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "a.smithy": """namespace org.example.m

string Name

map ByName { key: Name, value: Integer }

map ByNumber { key: Integer, value: Integer }
"""})
    path = tmp_path / "a.smithy"
    found = [d for d in diagnostics(ws, path) if "map-key" in d.code]
    assert [(d.code, text_at(path, d)) for d in found] == [("wasmcloud/map-key-not-string", "Integer")]


def test_use_matched_ignoring_case_is_not_unused(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "a.smithy": """namespace org.example.c

use org.wasmcloud.model#U32
use org.wasmcloud.model#U64

structure Sizes {
    small: u32
}
"""})
    path = tmp_path / "a.smithy"
    found = _by_code(ws, path)
    assert found["wasmcloud/case-mismatch"] == ["u32"]
    # U32 is used (weld resolves `u32` to it); U64 really is unused.
    assert found["smithy/unused-use"] == ["org.wasmcloud.model#U64"]


def test_versioned_idl2_file_in_a_weld_project(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "a.smithy": """$version: "2"

namespace org.example.v

enum Color { RED }
"""})
    assert _by_code(ws, tmp_path / "a.smithy").get("wasmcloud/idl-2-unsupported") == ["enum"]


def test_guide_rules(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "a.smithy": """namespace org.example.g

use org.wasmcloud.model#wasmbus
use org.wasmcloud.model#unsignedInt
use org.wasmcloud.model#U32

@wasmbus(contractId: "wasmcloud keyvalue", providerReceive: true)
service G {
    version: "0.1"
    operations: [Both]
}

operation Both {
    input: [Left, Right]
}

structure Left {}

structure Right {}

@unsignedInt
@range(min: -1, max: 10)
integer Small

/// Documented twice.
@documentation("Twice.")
structure Limits {
    @range(min: -5)
    count: U32

    @required
    @box
    name: String
}
"""})
    found = _by_code(ws, tmp_path / "a.smithy")
    assert found["wasmcloud/invalid-contract-id"] == ['"wasmcloud keyvalue"']
    assert found["wasmcloud/operation-io-list"] == ["[Left, Right]"]
    assert sorted(found["wasmcloud/unsigned-negative-range"]) == ["-1", "-5"]
    assert found["wasmcloud/required-and-box"] == ["@box"]
    assert found["wasmcloud/duplicate-documentation"] == ['@documentation("Twice.")']


def test_well_formed_contract_ids_pass(tmp_path):
    for contract in ("wasmcloud:keyvalue", "wasmcloud:builtin:logging", "wasmcloud:example:factorial"):
        ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "a.smithy": f"""namespace org.example.g

use org.wasmcloud.model#wasmbus

@wasmbus(contractId: "{contract}", providerReceive: true)
service G {{
    version: "0.1"
}}
"""})
        assert "wasmcloud/invalid-contract-id" not in codes(ws, tmp_path / "a.smithy")


def test_optional_input_fix_wraps_it_in_a_structure(tmp_path):
    source = """namespace org.example.o

use org.wasmcloud.model#wasmbus

@wasmbus(contractId: "wasmcloud:o", providerReceive: true)
service O {
    version: "0.1"
    operations: [Count]
}

@box
integer MaybeCount

operation Count {
    input: MaybeCount
}
"""
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "a.smithy": source})
    path = tmp_path / "a.smithy"
    found = [d for d in diagnostics(ws, path) if d.code == "wasmcloud/optional-operation-io"]
    assert len(found) == 1 and found[0].fixes, found
    fix = found[0].fixes[0]
    text = source
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.new_text + text[edit.end:]
    assert "input: CountInput" in text
    assert "structure CountInput {\n    maybeCount: MaybeCount\n}" in text
    (path).write_text(text)
    ws = workspace(tmp_path, {})
    after = codes(ws, path)
    assert "wasmcloud/optional-operation-io" not in after
    assert not [c for c in after if c.startswith("smithy/")], after


def test_shapes_without_a_namespace_say_so(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": "structure A {\n    x: String\n}\n"})
    (d,) = diagnostics(ws, tmp_path / "a.smithy")
    assert d.code == "smithy/syntax-error" and "shapes need a namespace" in d.message
