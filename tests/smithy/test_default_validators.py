"""Validators Smithy runs by default: HTTP URI format and method semantics, idempotency tokens,
@idempotent, @examples, union recursion and the `EmitNoneSelector` linter.

Each model below is checked through the workspace; the expected events (Smithy event id and
line) are the ones Smithy's own validator reports on the same model, which the last test
confirms by running it when Java is present.
"""

from __future__ import annotations

import pytest

from smithy.helpers import diagnostics, text_at, workspace
from support.smithy_reference import Model, run_reference, scratch_folder, unavailable_reason
from witsmith.diagnostics import Severity, reference_id

# The event id families these validators report, and the rules that report them.
CODES = {
    "smithy/http-uri-pattern", "smithy/http-uri-format", "smithy/http-greedy-label-not-last",
    "smithy/http-method-case", "smithy/http-method-options", "smithy/http-method-missing-readonly",
    "smithy/http-method-unnecessary-readonly", "smithy/http-method-missing-idempotent",
    "smithy/http-method-unnecessary-idempotent", "smithy/http-method-payload", "smithy/idempotency-token-ignored",
    "smithy/idempotent-errors", "smithy/examples", "smithy/examples-unknown-member", "smithy/examples-constraint-allowed", "smithy/invalid-recursion",
    "smithy/selector-linter-no-match",
}


def _uri_model(uri: str) -> str:
    return f"""$version: "2"
namespace a

@http(method: "GET", uri: "{uri}")
@readonly
operation Op {{
    input := {{
        @required
        @httpLabel
        b: String
    }}
}}
"""


MODELS: dict[str, tuple[str, list[tuple[str, int]]]] = {
    "uri-empty-segment": (_uri_model("/a//{b}"), [("Model", 4)]),
    "uri-fragment": (_uri_model("/a/{b}#x"), [("Model", 4)]),
    "uri-trailing-question-mark": (_uri_model("/a/{b}?"), [("Model", 4)]),
    "uri-duplicate-label": (_uri_model("/a/{B}/{b}"), [("Model", 4)]),
    "uri-bad-label-name": (_uri_model("/a/{b-c}/{b}"), [("Model", 4)]),
    "uri-label-not-whole-segment": (_uri_model("/a/x{b}"), [("Model", 4)]),
    "uri-empty-label": (_uri_model("/a/{+}/{b}"), [("Model", 4)]),
    "uri-label-in-query": (_uri_model("/a/{b}?x={y}"), [("Model", 4)]),
    "uri-repeated-query-key": (_uri_model("/a/{b}?x&x"), [("Model", 4)]),
    "uri-non-ascii": (_uri_model("/añ/{b}"), [("HttpUriFormat", 4)]),
    "uri-greedy-not-last": (_uri_model("/a/{c+}/{b}").replace("b: String", "b: String\n        @required\n"
                                                            "        @httpLabel\n        c: String"),
                            [("HttpUriGreedyLabel.GreedyLabelIsNotLastLabel", 4)]),
    "uri-valid": (_uri_model("/a/{b}/c/?x=1&y"), []),
    "uri-trailing-slash-and-greedy-then-literal": (_uri_model("/a/{b+}/c/"), []),
    "method-semantics": ("""$version: "2"
namespace a

@http(method: "GET", uri: "/a")
operation GetA {
    input := {
        body: String
    }
}

@readonly
@http(method: "get", uri: "/b")
operation GetB {}

@idempotent
@http(method: "POST", uri: "/c")
operation PostC {}

@http(method: "PUT", uri: "/d")
operation PutD {}

@readonly
@http(method: "GET", uri: "/e")
operation GetE {
    input := {
        @httpPayload
        body: String
    }
}

@http(method: "OPTIONS", uri: "/f")
@readonly
operation OptF {}

@http(method: "DELETE", uri: "/g")
@idempotent
operation DelG {
    input := {
        @httpHeader("x")
        h: String
        @httpQuery("q")
        q: String
        @httpPrefixHeaders("x-")
        ph: StrMap
    }
}

@http(method: "FOO", uri: "/h")
operation FooH {}

@suppress(["HttpMethodSemantics"])
@http(method: "PUT", uri: "/i")
operation PutI {}

@idempotent
@http(method: "HEAD", uri: "/j")
operation HeadJ {}

@readonly
@http(method: "PATCH", uri: "/k")
operation PatchK {}

map StrMap { key: String, value: String }
""", [("HttpMethodSemantics.MissingReadonlyTrait", 4), ("HttpMethodSemantics.UnexpectedPayload", 4),
      ("HttpMethodSemantics", 12), ("HttpMethodSemantics.MissingIdempotentTrait", 19),
      ("HttpMethodSemantics.UnexpectedPayload", 23), ("HttpMethodSemantics.OPTIONS", 31),
      ("HttpMethodSemantics.MissingReadonlyTrait", 56), ("HttpMethodSemantics.UnnecessaryIdempotentTrait", 56),
      ("HttpMethodSemantics.UnnecessaryReadonlyTrait", 60)]),
    "applied-http": ("""$version: "2"
namespace a

operation Op {
    input := {
        body: String
    }
}

apply Op @http(method: "DELETE", uri: "/a")
""", [("HttpMethodSemantics.MissingIdempotentTrait", 10), ("HttpMethodSemantics.UnexpectedPayload", 10)]),
    "applied-uri": ("""$version: "2"
namespace a

@readonly
operation Op {}

apply Op @http(method: "GET", uri: "/a//b")
""", [("Model", 7)]),
    "idempotency-token": ("""$version: "2"
namespace a

operation Op {
    input: OpInput
    output: OpOutput
}

structure OpInput {
    @idempotencyToken
    token: String
    nested: Nested
}

structure OpOutput {
    @idempotencyToken
    token: String
}

structure Nested {
    @idempotencyToken
    token: String
}

structure Unused {
    @idempotencyToken
    token: String
}

@mixin
structure M {
    @idempotencyToken
    token: String
}

structure UsesM with [M] {}

@error("client")
structure E {
    @idempotencyToken
    token: String
}

operation Op2 {
    errors: [E]
}
""", [("IdempotencyTokenIgnored", 16), ("IdempotencyTokenIgnored", 21), ("IdempotencyTokenIgnored", 40)]),
    "idempotent": ("""$version: "2"
namespace a

@idempotent(exists: [E1], notFound: [E2])
operation Op {
    errors: [E1]
}

@idempotent(notFound: [E1])
operation Fine {
    errors: [E1]
}

@error("client")
structure E1 {}

@error("client")
structure E2 {}
""", [("IdempotentTrait", 4), ("IdempotentTrait", 4)]),
    "examples": ("""$version: "2"
namespace a

service S {
    operations: [Op]
    errors: [SE]
}

@examples([
    {
        title: "one"
        input: { name: "x", bogus: "x" }
        output: { count: "x" }
    }
    {
        title: "two"
        input: {}
        output: {}
        error: { shapeId: E, content: {} }
    }
    {
        title: "three"
        input: { name: "x" }
        error: { shapeId: Other, content: { message: "x" } }
    }
    {
        title: "four"
        allowConstraintErrors: true
        input: { name: "x" }
    }
    {
        title: "five"
        input: { name: "x" }
        error: { shapeId: SE, content: { message: 1 } }
    }
    {
        title: "six"
        input: { name: "x", n: 0 }
    }
    {
        title: "seven"
        allowConstraintErrors: true
        input: { name: "x", n: 0 }
        error: { shapeId: E, content: { message: "x" } }
    }
    {
        title: "eight"
        input: { name: "x" }
        output: { count: 1 }
    }
])
operation Op {
    input := {
        @required
        name: String
        @range(min: 1)
        n: Integer
    }
    output := {
        count: Integer
    }
    errors: [E]
}

@error("client")
structure E { message: String }

@error("client")
structure SE { message: String }

@error("client")
structure Other { message: String }
""", [("ExamplesTrait", 9), ("ExamplesTrait", 9), ("ExamplesTrait", 9), ("ExamplesTrait.UnknownMember", 12),
      ("ExamplesTrait", 13), ("ExamplesTrait", 17), ("ExamplesTrait", 34), ("ExamplesTrait", 38),
      ("ExamplesTrait", 43)]),
    "examples-constraints": ("""$version: "2"
namespace a

@examples([
    { title: "strict", input: { s: "toolong", p: "123", n: 0, l: [], m: 9, ss: "x" } }
    { title: "lenient", allowConstraintErrors: true, input: { s: "toolong", p: "123", n: 0, l: [], m: 9, ss: "x" }, error: { shapeId: E } }
])
operation Op {
    input := {
        @length(max: 3)
        s: String
        @pattern("^[a-z]+$")
        p: String
        @range(min: 1)
        n: Integer
        @length(min: 1)
        l: L
        m: Small
        ss: Short
    }
    errors: [E]
}

@error("client")
structure E {}

list L { member: String }

@range(max: 5)
integer Small

@length(min: 3)
string Short
""", [("ExamplesTrait", 5)] * 6 + [("ExamplesTrait", 6)] * 6),
    "union-recursion": ("""$version: "2"
namespace a

union U {
    a: U
    b: S
}

structure S {
    @required
    u: U
}

union Fine {
    a: Fine
    b: String
}

union ThroughList {
    l: Ls
}

list Ls { member: ThroughList }

union ThroughOptional {
    s: S3
}

structure S3 {
    @required
    b: ThroughOptional
    c: String
}
""", [("ShapeRecursion", 4)]),
}

EMIT_NONE = """$version: "2"
metadata validators = [
    {
        name: "EmitNoneSelector"
        id: "NeedsService"
        message: "This model needs a service"
        configuration: { selector: "service" }
    }
    {
        name: "EmitNoneSelector"
        configuration: { selector: "structure" }
    }
    {
        name: "EmitNoneSelector"
        id: "Quiet"
        configuration: { selector: "[id=a#Missing]" }
    }
    {
        name: "EmitNoneSelector"
        id: "Namespaced"
        configuration: { selector: "[id=a#Missing]" }
        namespaces: ["a"]
    }
]
metadata suppressions = [{ id: "Quiet", namespace: "*" }]

namespace a

structure S {}
"""
MODELS["emit-none-selector"] = (EMIT_NONE, [("Namespaced", 0), ("NeedsService", 0)])


def _events(tmp_path, name: str) -> list[tuple[str, int]]:
    text, _ = MODELS[name]
    ws = workspace(tmp_path, {"a.smithy": text})
    path = tmp_path / "a.smithy"
    source = path.read_bytes()
    found = []
    for d in diagnostics(ws, path):
        if d.code in CODES:
            event = reference_id(d.code) or d.message.split("`")[-2]
            found.append((event, source.count(b"\n", 0, d.start) + 1))
    return sorted(found)


@pytest.mark.parametrize("name", sorted(n for n in MODELS if n != "emit-none-selector"))
def test_events_where_smithy_reports_them(tmp_path, name):
    assert _events(tmp_path, name) == sorted(MODELS[name][1])


def test_uri_pattern_message_says_what_to_fix(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": MODELS["uri-empty-segment"][0]})
    path = tmp_path / "a.smithy"
    found = [d for d in diagnostics(ws, path) if d.code == "smithy/http-uri-pattern"]
    assert len(found) == 1 and found[0].severity == Severity.ERROR
    assert text_at(path, found[0]).startswith("@http(")
    assert "empty segment" in found[0].message
    # Smithy stops at the broken pattern: the labels of the URI are not checked against the input.
    assert not [d for d in diagnostics(ws, path) if d.code == "smithy/http-label"]


def test_method_semantics_severities_and_suppression(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": MODELS["method-semantics"][0]})
    path = tmp_path / "a.smithy"
    by_code = {}
    for d in diagnostics(ws, path):
        by_code.setdefault(d.code, []).append(d)
    assert all(d.severity == Severity.ERROR for d in by_code["smithy/http-method-payload"])
    assert all(d.severity == Severity.WARNING for d in by_code["smithy/http-method-missing-idempotent"])
    payloads = {d.message.split("`")[1]: d.message for d in by_code["smithy/http-method-payload"]}
    assert "`body` is the request body (@httpPayload)" in payloads["GetE"]
    assert "members `body` are sent in the request body" in payloads["GetA"]
    # PutI carries @suppress(["HttpMethodSemantics"]): the parent id covers MissingIdempotentTrait.
    assert all("PutI" not in d.message for d in diagnostics(ws, path))


def test_emit_none_selector(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": EMIT_NONE})
    path = tmp_path / "a.smithy"
    found = [d for d in diagnostics(ws, path) if d.code == "smithy/selector-linter-no-match"]
    assert [(text_at(path, d), d.severity) for d in found] == [('"EmitNoneSelector"', Severity.ERROR)] * 2
    assert "This model needs a service" in found[0].message and "NeedsService" in found[0].message
    assert "Namespaced" in found[1].message  # the event has no shape, so `namespaces` does not filter it


def test_emit_none_selector_is_quiet_once_a_shape_matches(tmp_path):
    text = EMIT_NONE.replace("structure S {}", "structure S {}\n\nservice Svc {}")
    ws = workspace(tmp_path, {"a.smithy": text})
    found = [d for d in diagnostics(ws, tmp_path / "a.smithy") if d.code == "smithy/selector-linter-no-match"]
    assert [d for d in found if "NeedsService" in d.message] == [] and len(found) == 1


def test_examples_allow_constraint_errors_only_with_an_error(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": MODELS["examples"][0]})
    path = tmp_path / "a.smithy"
    messages = [d.message for d in diagnostics(ws, path) if d.code == "smithy/examples"]
    assert any("`four`" in m and "allowConstraintErrors" in m for m in messages)
    assert not any("`seven`" in m for m in messages)  # out of @range, but constraint errors are allowed there
    allowed = [d for d in diagnostics(ws, path) if d.code == "smithy/examples-constraint-allowed"]
    assert [d.severity for d in allowed] == [Severity.WARNING] and "`seven`" in allowed[0].message
    assert any("`six`" in m and "@range" in m for m in messages)


def test_idempotency_token_message_names_the_other_uses(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": MODELS["idempotency-token"][0]})
    path = tmp_path / "a.smithy"
    found = [(text_at(path, d), d.message) for d in diagnostics(ws, path) if d.code == "smithy/idempotency-token-ignored"]
    messages = [message for _, message in found]
    assert {text for text, _ in found} == {"@idempotencyToken"}
    assert any("a member target of `a#OpInput$nested`" in m for m in messages)
    assert any("the output of `a#Op`" in m for m in messages)
    assert any("an error of `a#Op2`" in m for m in messages)


def _normalized(event_id: str) -> str:
    # Smithy appends the shape and member to UnknownMember ids; witsmith reports value constraint
    # failures (Smithy's ExamplesTrait.Member.InvalidRange and the like) as ExamplesTrait.
    if event_id.startswith("ExamplesTrait.UnknownMember."):
        return "ExamplesTrait.UnknownMember"
    return "ExamplesTrait" if event_id.startswith(("ExamplesTrait.Member.", "ExamplesTrait.Target.")) else event_id


def test_the_reference_reports_the_same_events():
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    scratch = scratch_folder()
    models = []
    for name, (text, _) in MODELS.items():
        folder = scratch / "src" / name
        folder.mkdir(parents=True)
        (folder / "a.smithy").write_text(text, encoding="utf-8")
        models.append(Model(name, folder / "a.smithy"))
    run_reference(models, scratch / "reference")
    families = ("Model", "HttpUriFormat", "HttpUriGreedyLabel", "HttpMethodSemantics",
                "IdempotencyTokenIgnored", "IdempotentTrait", "ExamplesTrait", "ShapeRecursion", "NeedsService",
                "Quiet", "Namespaced", "EmitNoneSelector")
    for model in models:
        events = sorted((_normalized(e.id), e.line) for e in model.events
                        if e.id.split(".")[0] in families and e.severity != "SUPPRESSED"
                        and (e.line != 0 or model.name == "emit-none-selector"))
        assert events == sorted(MODELS[model.name][1]), model.name


def test_examples_constraint_errors_allowed_are_warnings_except_collection_lengths(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": MODELS["examples-constraints"][0]})
    path = tmp_path / "a.smithy"
    source = path.read_bytes()
    on_lenient_line = [d for d in diagnostics(ws, path)
                       if d.code.startswith("smithy/examples") and source.count(b"\n", 0, d.start) == 5]
    assert sorted(d.severity.name for d in on_lenient_line) == ["ERROR"] + ["WARNING"] * 5
    assert [text_at(path, d) for d in on_lenient_line if d.severity == Severity.ERROR] == ["[]"]


def test_a_suppression_reaches_an_event_on_an_apply_statement(tmp_path):
    text = MODELS["applied-http"][0].replace("operation Op {", '@suppress(["HttpMethodSemantics.MissingIdempotentTrait"])\n'
                                                               "operation Op {")
    text = text.replace("namespace a\n", 'metadata suppressions = [{ id: "HttpMethodSemantics.UnexpectedPayload", '
                                         'namespace: "a" }]\n\nnamespace a\n')
    ws = workspace(tmp_path, {"a.smithy": text})
    assert not [d for d in diagnostics(ws, tmp_path / "a.smithy") if d.code.startswith("smithy/http-method")]
