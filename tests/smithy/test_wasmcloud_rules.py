"""wasmCloud contract rules, on a contract split over several files and namespaces."""

from __future__ import annotations

from witsmith.diagnostics import Severity
from smithy.helpers import codes, diagnostics, errors, one, text_at, workspace

CODEGEN = """[[models]]
url = "https://wasmcloud.example/interfaces/core/wasmcloud"
files = [ "wasmcloud-core.smithy", "wasmcloud-model.smithy" ]

[[models]]
path = "."
files = [ "types.smithy", "kv.smithy" ]
"""

TYPES = """// shared types of the contract, in their own namespace
metadata package = [{ namespace: "org.example.kv.types", crate: "kv_types" }]

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
use org.wasmcloud.core#LinkDefinition
use org.example.kv.types#Entry

@wasmbus(contractId: "wasmcloud:example:kv", providerReceive: true)
service KeyValue {
    version: "0.1"
    operations: [Get, Link]
}

operation Get {
    input: String
    output: Entry
}

operation Link {
    input: LinkDefinition
}
"""


def test_contract_over_files_and_namespaces_resolves_without_error(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN, "types.smithy": TYPES, "kv.smithy": KV})
    for name in ("types.smithy", "kv.smithy"):
        path = tmp_path / name
        assert errors(ws, path) == [], name
        assert all(r.target is not None for r in ws.resolved(path).references), name
    # Built-in wasmCloud shapes are reachable, so the standard `url` models are not reported missing.
    assert ws.definition(tmp_path / "kv.smithy", KV.index("LinkDefinition\n") + 1) is not None
    assert "smithy/models-not-loaded" not in codes(ws, tmp_path / "codegen.toml")


def test_wasmbus_rules(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": "[[models]]\npath = \".\"\n", "a.smithy": """namespace org.example.a

use org.wasmcloud.model#wasmbus

@wasmbus(providerReceive: true, protocol: "1")
service NoContract { version: "0.1" }

@wasmbus(contractId: "")
service Silent { version: "0.1" }

service Bare { version: "0.1" }
"""})
    path = tmp_path / "a.smithy"
    found = codes(ws, path)
    assert "wasmcloud/missing-contract-id" in found
    assert "wasmcloud/invalid-protocol" in found
    assert "wasmcloud/empty-contract-id" in found
    assert "wasmcloud/no-receiver" in found
    assert text_at(path, one(ws, path, "wasmcloud/missing-wasmbus")) == "Bare"
    assert text_at(path, one(ws, path, "wasmcloud/invalid-protocol")) == '"1"'


def test_actor_only_service_may_omit_contract_id(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """namespace org.example.a
use org.wasmcloud.model#wasmbus
@wasmbus(actorReceive: true)
service Actor { version: "0.1" }
"""})
    assert [c for c in codes(ws, tmp_path / "a.smithy") if c.startswith("wasmcloud/")] == []


def test_shapes_and_field_numbers(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": "[[models]]\npath = \".\"\n", "a.smithy": """namespace org.example.a

use org.wasmcloud.model#wasmbus
use org.wasmcloud.model#n

@wasmbus(contractId: "wasmcloud:a", providerReceive: true)
service A {
    version: "0.1"
    operations: [Send, Maybe]
}

operation Send { input: Choice }

@box
integer MaybeCount

operation Maybe { output: MaybeCount }

union Choice {
    a: String
    b: Integer
}

document Anything

set Tags { member: String }

map Counts {
    key: Integer
    value: Integer
}

structure Item {
    @n(0)
    name: String
    @n(0)
    other: String
    value: String
}
"""})
    path = tmp_path / "a.smithy"
    found = diagnostics(ws, path)
    by_code = {}
    for d in found:
        by_code.setdefault(d.code, []).append(text_at(path, d))
    assert by_code["wasmcloud/union-needs-protocol-2"] == ["A"]
    assert by_code["wasmcloud/optional-operation-io"] == ["MaybeCount"]
    # weld supports unions (numbered, under protocol "2"): the union itself is not "unsupported".
    assert by_code["wasmcloud/unsupported-shape"] == ["document"]
    assert by_code["wasmcloud/partially-supported-shape"] == ["set"]
    # One diagnostic for one bad key.
    assert by_code["wasmcloud/map-key-not-string"] == ["Integer"]
    assert "smithy/map-key-not-string" not in by_code
    assert sorted(by_code["wasmcloud/field-numbers"]) == ["@n(0)", "a", "b", "value"]


def test_idl2_syntax_is_reported_as_unsupported_by_weld(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": "[[models]]\npath = \".\"\n", "a.smithy": """namespace org.example.a

operation Get {
    input := { key: String }
}

enum Color { RED }
"""})
    path = tmp_path / "a.smithy"
    found = [d for d in diagnostics(ws, path) if d.code == "wasmcloud/idl-2-unsupported"]
    assert [text_at(path, d) for d in found] == ["input", "enum"]
    assert "smithy/idl-2-only" not in codes(ws, path)


def test_package_metadata_form(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """metadata package = { namespace: "org.example.a" }
namespace org.example.a
use org.wasmcloud.model#U32
structure S { size: U32 }
"""})
    assert "wasmcloud/package-metadata" in codes(ws, tmp_path / "a.smithy")


def test_wasmcloud_rules_are_off_outside_wasmcloud_projects(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\nservice S { version: "1" }\ndocument D\n'})
    assert [c for c in codes(ws, tmp_path / "a.smithy") if c.startswith("wasmcloud/")] == []


def test_weld_cache_is_used_for_url_models(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    (cache / "smithy" / "wasmcloud.example").mkdir(parents=True)
    (cache / "smithy" / "wasmcloud.example" / "extra.0123abcd.smithy").write_text(
        "namespace org.example.extra\nstring Extra\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    project = tmp_path / "p"
    ws = workspace(project, {"codegen.toml": '[[models]]\nurl = "https://wasmcloud.example/x"\nfiles = ["extra.smithy"]\n'
                             '[[models]]\npath = "."\nfiles = ["a.smithy"]\n',
                             "a.smithy": "namespace a\nuse org.example.extra#Extra\nstructure S { e: Extra }\n"})
    assert errors(ws, project / "a.smithy") == []
    assert "smithy/models-not-loaded" not in codes(ws, project / "codegen.toml")


def test_url_models_witsmith_lacks_are_still_reported(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": CODEGEN.replace('"wasmcloud-model.smithy" ]', '"wasmcloud-model.smithy", "extra.smithy" ]'),
                              "types.smithy": TYPES, "kv.smithy": KV})
    note = one(ws, tmp_path / "codegen.toml", "smithy/models-not-loaded")
    assert note.severity == Severity.INFORMATION
    assert "extra.smithy" in note.message


def test_malformed_models_entries(tmp_path):
    ws = workspace(tmp_path, {"codegen.toml": """[[models]]
files = ["a.smithy"]

[[models]]
path = 42

[[models]]
path = "."
files = "a.smithy"

[[models]]
path = "."
""", "a.smithy": "namespace a\nstring S\n"})
    config = tmp_path / "codegen.toml"
    found = [d for d in diagnostics(ws, config) if d.code == "smithy/invalid-project-file"]
    assert [text_at(config, d) for d in found] == ["[[models]]"] * 3
    assert "neither `url` nor `path`" in found[0].message
    assert "`path` must be a string" in found[1].message
    assert "`files` must be a list" in found[2].message
    assert tmp_path / "a.smithy" in ws.files()  # the good entry still loads
