"""Rules that bring witsmith's verdicts to Smithy's own validator's, each on a fixture written for it."""

from __future__ import annotations

import pytest

from smithy.helpers import diagnostics, errors, text_at, workspace
from witsmith.diagnostics import REFERENCE_IDS
from witsmith.features.smithy.java_regex import java_regex_error


@pytest.mark.parametrize("regex", ["^[a-z+$", "(abc", "*abc", "a{2,1}", "[z-a]", "{abc}", "a{,3}", "a**", "\\"])
def test_patterns_java_refuses(regex):
    assert java_regex_error(regex)


@pytest.mark.parametrize("regex", ["^[a-zA-Z0-9]{1,64}$", "\\p{Alpha}+\\P{L}", "(?<n>a)\\k<n>", "a(?i)b",
                                   "[a-z&&[^b]]", "^\\{x\\}$", "a++b*+", "(?>ab)", "\\Qa(b{\\E", "\\w+\\h\\R",
                                   "(?<=ab|c)d", "\\1(a)", "^arn:aws:[a-z-]+:\\d{12}$", "[^\\s]{2,}?", "}"])
def test_patterns_java_accepts(regex):
    assert java_regex_error(regex) is None


def test_invalid_pattern_is_reported_on_its_value(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\n\n@pattern("^[a-z+$")\nstring Name\n\n'
                                          '@pattern("^[a-z]+$")\nstring Fine\n'})
    path = tmp_path / "a.smithy"
    found = [d for d in errors(ws, path) if d.code == "smithy/invalid-pattern"]
    assert [text_at(path, d) for d in found] == ['"^[a-z+$"']
    assert "does not compile" in found[0].message
    assert [d.code for d in diagnostics(ws, path)] == ["smithy/invalid-pattern"]


HTTP_MODEL = """$version: "2"
namespace a

@http(method: "GET", uri: "/cities/{cityId}/{unbound}")
operation GetCity {
    input := {
        @required
        @httpLabel
        cityId: String

        @required
        @httpLabel
        stray: String
    }
}

@http(method: "GET", uri: "/files/{bucket+}/{key+}")
operation GetFile {
    input := {
        @required
        @httpLabel
        bucket: String
        @required
        @httpLabel
        key: Integer
    }
}

@http(method: "GET", uri: "/things?code")
operation ListThings {
    input := {
        @httpQuery("code")
        code: String
    }
}

@http(method: "GET", uri: "/fine/{id}")
operation Fine {
    input := {
        @required
        @httpLabel
        @resourceIdentifier("id")
        thingId: String
    }
}

@http(method: "GET", uri: "/nothing/{id}")
operation NoInput {}
"""


def test_http_bindings_against_the_uri(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": HTTP_MODEL})
    path = tmp_path / "a.smithy"
    # An unbound label is reported on the operation and a query conflict on the input structure (an
    # inline input's `input`), as Smithy does; the label or binding at fault is related.
    found = sorted((d.code, text_at(path, d), _related_texts(path, d)[:1]) for d in errors(ws, path))
    assert found == [
        # Smithy also reports that the first greedy label is not the last label
        ("smithy/http-greedy-label-not-last", '@http(method: "GET", uri: "/files/{bucket+}/{key+}")', []),
        ("smithy/http-label", "GetCity", ["{unbound}"]),
        ("smithy/http-label", "NoInput", ["{id}"]),  # NoInput has no members at all
        ("smithy/http-label", "httpLabel", []),  # `key` is greedy but an Integer
        ("smithy/http-label", "httpLabel", ['"/cities/{cityId}/{unbound}"']),  # `stray` has no label
        ("smithy/http-query-conflict", "input", ['"code"']),
        ("smithy/http-uri", "{key+}", []),
    ]


def test_structurally_exclusive_traits_and_targets(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@streaming
blob Data

structure Upload {
    first: Data
    second: Data
}

structure Response {
    @httpPayload
    body: String
    @httpPayload
    other: String
    @httpHeader("x-one")
    one: String
}
"""})
    path = tmp_path / "a.smithy"
    # One error on the structure, as Smithy reports it; the members' uses are related.
    found = sorted((d.code, text_at(path, d), _related_texts(path, d)) for d in errors(ws, path))
    assert found == [("smithy/structurally-exclusive", "Response", ["httpPayload", "httpPayload"]),
                     ("smithy/structurally-exclusive", "Upload", ["Data", "Data"])]


def test_prelude_follows_smithy(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@title("A string may have a title")
string Named

@longPoll(timeoutMillis: 30000)
@readonly
@idempotent
operation Wait {}

@cors(origins: {dev: "https://dev.example.com"}, maxAge: -1)
service Api { version: "1" }

@sensitive
structure Secret {}

@noReplace
resource NoPut {}

structure Headers {
    @httpPrefixHeaders("x-")
    headers: SparseHeaders
}

@sparse
map SparseHeaders { key: String, value: String }

@input
structure WaitInput {
    @httpResponseCode
    code: Integer
}
"""})
    path = tmp_path / "a.smithy"
    # Conflicting traits are reported on the shape, as Smithy does; each trait is related.
    found = sorted((d.code, _pointed_at(path, d) if d.code == "smithy/duplicate-trait" else text_at(path, d))
                   for d in errors(ws, path))
    assert sorted(text_at(path, d) for d in errors(ws, path) if d.code == "smithy/duplicate-trait") == ["Wait", "Wait"]
    assert found == [
        ("smithy/duplicate-trait", "idempotent"),  # conflicts with @readonly
        ("smithy/duplicate-trait", "readonly"),
        ("smithy/trait-target", "httpPrefixHeaders"),  # not on a sparse map
        ("smithy/trait-target", "httpResponseCode"),  # not in an @input structure
        ("smithy/trait-target", "noReplace"),  # the resource has no `put`
    ]


def test_smithy_suppressions_and_overrides_apply_to_witsmith_diagnostics(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
metadata suppressions = [{id: "TraitValue.UnknownMember", namespace: "a", reason: "kept for old clients"}]
metadata severityOverrides = [{id: "DefaultTrait", namespace: "*", severity: "DANGER"}]

namespace a

@range(min: 1, maxx: 2)
integer Level

@suppress(["TraitValue"])
@length(minimum: 1)
string Name

structure Settings {
    level: Level = 0
    @suppress(["TraitTarget"])
    @length(min: 1)
    flag: Boolean
}
""", "b.smithy": """$version: "2"
namespace b

@length(minimum: 1)
string Other
"""})
    a, b = tmp_path / "a.smithy", tmp_path / "b.smithy"
    found = sorted((d.code, d.severity.name, text_at(a, d)) for d in diagnostics(ws, a))
    assert found == [
        ("smithy/default-out-of-range", "ERROR", "0"),  # raised to DANGER
        ("smithy/trait-target", "ERROR", "length"),  # an ERROR: never suppressed
    ]
    assert [d.code for d in diagnostics(ws, b)] == ["smithy/unknown-trait-member"]  # another namespace


def test_validation_metadata_must_be_readable(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
metadata suppressions = [true, {id: "X"}]
metadata severityOverrides = [{id: "X", namespace: "*", severity: "ERROR"}]
metadata validators = [{name: "EmitEachSelector"}, {
    name: "EmitNoneSelector"
    configuration: {}
}]

namespace a
"""})
    path = tmp_path / "a.smithy"
    found = sorted(text_at(path, d) for d in errors(ws, path) if d.code == "smithy/invalid-validation-metadata")
    # A validator without a selector is reported on its object (where Smithy fails to create it).
    assert found == sorted(['"ERROR"', '{id: "X"}', '{name: "EmitEachSelector"}',
                            '{\n    name: "EmitNoneSelector"', "true"])


def test_diagnostics_carry_the_smithy_event_id_to_the_editor(tmp_path):
    from lsprotocol import types

    from witsmith.lsp.convert import diagnostic
    from witsmith.lsp.positions import PositionCodec
    from witsmith.text.lines import LineIndex

    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\n\n@pattern("(")\nstring Name\n\nuse b#C\n'})
    path = tmp_path / "a.smithy"
    index = LineIndex(path.read_bytes())
    by_code = {d.code: diagnostic(PositionCodec(types.PositionEncodingKind.Utf16), index, lambda _: index, d)
               for d in diagnostics(ws, path)}
    assert by_code["smithy/invalid-pattern"].data == {"eventId": "Model"}
    assert by_code["smithy/statement-order"].data == {"eventId": "Model"}
    assert all(d.data is None for code, d in by_code.items() if not code.startswith("smithy/"))


def test_rules_listing_names_the_smithy_event_id(capsys):
    from witsmith.cli import main

    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("smithy/http-label ") and line.endswith("(Smithy event id: HttpLabelTrait)")
               for line in lines)


def test_typed_metadata_and_shape_closures(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"

metadata auditLevel = "unknown"
metadata level = "unknown"
metadata shapeClosures = [
    {id: "a#Foo", includeNamespaces: ["a"]}
    {id: "a#Empty"}
    {id: "a#Far", includeNamespaces: ["nowhere"], rename: {"a#Foo": "Foo", "Bad": "Name"}}
    {id: "a#Ok", includeBySelector: "structure", rename: {"a#Foo": "Renamed"}}
]

namespace a

@metadata(key: "auditLevel")
enum AuditLevel {
    LOW
    HIGH
}

@metadata(key: "auditLevel")
string OtherAuditLevel

@metadata(key: "level")
enum Level {
    LOW
    HIGH
}

structure Foo {}
"""})
    path = tmp_path / "a.smithy"
    # A closure's problem sits on the closure object (through its id), as Smithy reports it; the value is related.
    assert all(text_at(path, d).startswith("{id: ") for d in errors(ws, path)
               if d.code == "smithy/shape-closure" and d.related)
    found = sorted((d.code, _pointed_at(path, d)) for d in errors(ws, path))
    assert found == sorted([
        ("smithy/shape-closure", "Bad"),
        ("smithy/shape-closure", '"Foo"'),  # the rename keeps the name
        ("smithy/shape-closure", '"a#Empty"'),  # includes nothing
        ("smithy/shape-closure", '"a#Foo"'),  # a shape's id
        ("smithy/shape-closure", '"nowhere"'),
        ("smithy/typed-metadata", '"unknown"'),  # `level`; `auditLevel` has two shapes, so no one type
        ("smithy/typed-metadata", "metadata"),
        ("smithy/typed-metadata", "metadata"),
    ])


def test_operations_as_resources_and_traits_use_them(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

resource Thing {
    identifiers: {id: String}
    put: PutThing
    read: GetThing
    delete: DeleteThing
    list: ListThings
}

operation PutThing {
    input := {
        @required
        id: String
    }
}

@readonly
operation GetThing {
    input := {
        @required
        id: String
    }
}

@idempotent
operation DeleteThing {
    input := {
        @required
        id: String
    }
}

operation ListThings {}

@requestCompression(encodings: ["gzip"])
operation Compressed {}

@requestCompression(encodings: ["gzip"])
operation Upload {
    input := {
        @required
        data: Sized
    }
}

@streaming
@requiresLength
blob Sized

operation One { input: Shared }
operation Two { input: Shared }

@input
structure Shared {}
"""})
    path = tmp_path / "a.smithy"
    # Each sits on the shape Smithy reports it on; what it is about is related.
    found = sorted((d.code, text_at(path, d), _related_texts(path, d)) for d in errors(ws, path))
    assert found == sorted([
        ("smithy/resource-lifecycle", "Thing", ["PutThing"]),  # not @idempotent
        ("smithy/resource-lifecycle", "Thing", ["ListThings"]),  # not @readonly
        ("smithy/request-compression", "Compressed", ["requestCompression"]),  # no input
        ("smithy/request-compression", "Upload", ["requestCompression"]),  # a stream of required length
        ("smithy/input-output-reuse", "Shared", ["Shared", "Shared"]),  # the inputs of One and Two
    ])


def _related_texts(path, diagnostic):
    source = path.read_bytes()
    return [source[r.location.start:r.location.end].decode("utf-8") for r in diagnostic.related]


def _pointed_at(path, diagnostic):
    """The value a diagnostic is about: its related location when it is shown on the trait or shape."""
    if diagnostic.related:
        location = diagnostic.related[0].location
        return path.read_bytes()[location.start:location.end].decode("utf-8")
    return text_at(path, diagnostic)


def test_protocol_trait_values(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@cors(origin: "https://a.example", origins: {dev: "https://b.example"})
@httpApiKeyAuth(name: "key", in: "query", scheme: "Bearer")
@externalDocumentation(Homepage: "invalid!", Guide: "https://example.com/guide")
service Api { version: "1" }

structure Request {
    @httpHeader("Not valid!")
    header: String
    @httpHeader("X-Fine")
    fine: String
}
"""})
    path = tmp_path / "a.smithy"
    source = path.read_bytes()

    def related(d):
        return [source[r.location.start:r.location.end].decode() for r in d.related]

    # Trait validators report on the trait application, as Smithy does; the offending value is related.
    found = sorted((d.code, text_at(path, d), related(d)) for d in errors(ws, path))
    assert found == [
        ("smithy/cors", "@cors", ['{dev: "https://b.example"}']),
        ("smithy/external-documentation-url", "@externalDocumentation", ['"invalid!"']),
        ("smithy/http-api-key-auth", "@httpApiKeyAuth", ['"query"']),
        ("smithy/http-header-name", '"Not valid!"', []),
    ]


def test_idl_version_edges(tmp_path):
    ws = workspace(tmp_path, {
        "two.smithy": '$version: "2"\nnamespace a\n\nuse smithy.api#Unit$x\n\nset Tags {\n    member: String\n}\n\n'
                      '@box\ninteger Count\n\nstructure Box {\n    @box\n    n: Integer\n}\n',
        "number.smithy": "$version: 2\nnamespace b\n\nstring S\n",
        "one.smithy": '$version: "1.0"\nnamespace c\n\nset Tags {\n    member: String\n}\n\n@box\ninteger Count\n',
    })
    two = tmp_path / "two.smithy"
    assert sorted(text_at(two, d) for d in errors(ws, two) if d.code == "smithy/idl-version-edge") == \
        ["box", "box", "set", "smithy.api#Unit$x"]
    number = tmp_path / "number.smithy"
    assert [(d.code, text_at(number, d)) for d in errors(ws, number)] == [("smithy/idl-version-edge", "2")]
    assert errors(ws, tmp_path / "one.smithy") == []


def test_use_of_a_missing_shape_is_a_warning_until_something_needs_it(tmp_path):
    ws = workspace(tmp_path, {
        "a.smithy": '$version: "2"\nnamespace a\n\nuse smithy.api#Strin\n\nstring S\n',
        "b.smithy": '$version: "2"\nnamespace b\n\nuse smithy.api#Strin\n\nstructure S { s: Strin }\n',
        "c.smithy": '$version: "2"\nnamespace c\n\n@http(method: "GET", uri: "things")\noperation List {}\n',
    })
    a, b, c = tmp_path / "a.smithy", tmp_path / "b.smithy", tmp_path / "c.smithy"
    assert [(d.code, d.severity.name) for d in diagnostics(ws, a) if d.code != "smithy/unused-use"] == \
        [("smithy/use-of-unknown-shape", "WARNING")]
    assert [d.code for d in errors(ws, b)] == ["smithy/unresolved-shape"]
    assert [(d.code, text_at(c, d)) for d in errors(ws, c)] == [("smithy/http-uri-pattern", '@http(method: "GET", uri: "things")')]


def test_paginated_members(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@readonly
@paginated(inputToken: "token", outputToken: "page.next", items: "page.things", pageSize: "size")
operation Fine {
    input := {
        token: String
        size: Integer
    }
    output := {
        page: Page
    }
}

structure Page {
    next: String
    things: Things
}

list Things {
    member: String
}

@readonly
@paginated(inputToken: "missing", outputToken: "next", items: "next", pageSize: "size")
operation Broken {
    input := {
        size: Long
    }
    output := {
        @required
        next: Integer
    }
}
"""})
    path = tmp_path / "a.smithy"
    assert {text_at(path, d) for d in errors(ws, path)} == {"@paginated"}  # where Smithy reports
    found = sorted((d.code, _pointed_at(path, d)) for d in errors(ws, path))
    assert found == [
        ("smithy/paginated", '"missing"'),
        ("smithy/paginated", '"next"'),  # an integer token
        ("smithy/paginated", '"next"'),  # an integer, not a list
        ("smithy/paginated-discouraged-type", '"size"'),
    ]


def test_event_stream_members_are_structures(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@streaming
union Events {
    message: Message
    text: String
}

structure Message {}
"""})
    path = tmp_path / "a.smithy"
    # On the union, as Smithy reports it; the member's target is related.
    assert [(d.code, text_at(path, d), _related_texts(path, d)) for d in errors(ws, path)] == \
        [("smithy/event-stream-member", "Events", ["String"])]


def test_references_bind_every_identifier(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

resource Forecast {
    identifiers: {cityId: String, day: String}
}

@references([
    {resource: Forecast, ids: {cityId: "city"}}
    {resource: Forecast, ids: {cityId: "city", day: "nothing"}}
    {resource: Forecast}
    {resource: Forecast, ids: {cityId: "city", day: "day"}}
])
structure Link {
    city: String
    day: String
}

@references([{resource: Forecast, ids: {cityId: "city"}}])
string ForecastId
"""})
    path = tmp_path / "a.smithy"
    assert {text_at(path, d) for d in errors(ws, path) if d.code == "smithy/references"} == {"@references"}
    found = sorted((d.code, _pointed_at(path, d)) for d in errors(ws, path))
    assert found == sorted([
        ("smithy/references", '{cityId: "city"}'),  # `day` is not bound
        ("smithy/references", '"nothing"'),
        ("smithy/references", "{resource: Forecast}"),  # no member `cityId`
        ("smithy/references", '{cityId: "city"}'),  # a string takes no ids
    ])


def test_http_uri_conflicts_within_a_service(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

service Api { version: "1", operations: [GetThing, FetchThing, FullThing, PutThing] }

@readonly
@http(method: "GET", uri: "/things/{id}")
operation GetThing { input := { @required @httpLabel id: String } }

@readonly
@http(method: "GET", uri: "/things/{thingId}")
operation FetchThing { input := { @required @httpLabel thingId: String } }

@readonly
@http(method: "GET", uri: "/things/{id}?full")
operation FullThing { input := { @required @httpLabel id: String } }

@idempotent
@http(method: "PUT", uri: "/things/{id}")
operation PutThing { input := { @required @httpLabel id: String } }

@readonly
@http(method: "GET", uri: "/things/{id}")
operation Unbound { input := { @required @httpLabel id: String } }
"""})
    path = tmp_path / "a.smithy"
    # On each operation, as Smithy reports it; its URI is the first related location.
    found = sorted((d.code, _related_texts(path, d)[0]) for d in errors(ws, path))
    assert found == [("smithy/http-uri-conflict", '"/things/{id}"'), ("smithy/http-uri-conflict", '"/things/{thingId}"')]
    assert sorted(text_at(path, d) for d in errors(ws, path)) == ["FetchThing", "GetThing"]


def test_trait_validator_keys_are_event_ids(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": """$version: "2"
namespace a

@trait
@traitValidators(
    "Foo.bar": {selector: "~> string", message: "fine"}
    "_foo": {selector: "~> string", message: "fine"}
    "foo.": {selector: "~> string", message: "empty segment"}
    "a.1": {selector: "~> string", message: "digit first"}
)
structure myTrait {}
"""})
    path = tmp_path / "a.smithy"
    assert sorted(_pointed_at(path, d) for d in errors(ws, path) if d.code == "smithy/trait-validators") == ["a.1", "foo."]
    assert {text_at(path, d) for d in errors(ws, path) if d.code == "smithy/trait-validators"} == {"@traitValidators"}


RESOURCE_BINDINGS = """$version: "2"
namespace a

resource City {
    identifiers: {cityId: String}
    read: GetCity
    list: ListCities
    operations: [Ping]
}

@readonly
operation GetCity {
    input := {
        @required
        cityId: String
    }
}

@readonly
operation ListCities {
    input := {
        @required
        cityId: String
    }
}

operation Ping {
    input := {
        cityId: String
    }
}

resource Station {
    identifiers: {stationId: String}
    read: GetStation
}

@readonly
operation GetStation {
    input := {
        @required
        @resourceIdentifier("stationId")
        id: String
    }
}
"""


def test_resource_operations_bind_their_identifiers(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": RESOURCE_BINDINGS})
    path = tmp_path / "a.smithy"
    found = [d for d in errors(ws, path) if d.code == "smithy/resource-identifier-binding"]
    # Ping's `cityId` is not @required, so it binds nothing; ListCities binds them all.
    assert sorted(text_at(path, d) for d in found) == ["ListCities", "Ping"]
    assert REFERENCE_IDS["smithy/resource-identifier-binding"] == "ResourceIdentifierBinding"
    suppressed = RESOURCE_BINDINGS.replace("operation Ping", '@suppress(["ResourceIdentifierBinding"])\noperation Ping')
    ws = workspace(tmp_path, {"a.smithy": suppressed})
    # An ERROR cannot be suppressed, in Smithy as in witsmith.
    assert sorted(text_at(path, d) for d in errors(ws, path)
                  if d.code == "smithy/resource-identifier-binding") == ["ListCities", "Ping"]
    fixed = RESOURCE_BINDINGS.replace("    input := {\n        cityId", "    input := {\n        @required\n        cityId")
    fixed = fixed.replace("operation ListCities {\n    input := {\n        @required\n        cityId: String",
                          "operation ListCities {\n    input := {\n        nextToken: String")
    ws = workspace(tmp_path, {"a.smithy": fixed})
    assert [d for d in errors(ws, path) if d.code == "smithy/resource-identifier-binding"] == []


RESOURCE_PROPERTIES = """$version: "2"
namespace a

resource Forecast {
    identifiers: {forecastId: String}
    properties: {chanceOfRain: Float, summary: String, unused: String}
    read: GetForecast
}

@readonly
operation GetForecast {
    input := {
        @required
        forecastId: String
        @notProperty
        verbose: Boolean
    }
    output := {
        chanceOfRain: Float
        @property(name: "chanceOfRain")
        rainChance: Float
        summary: Integer
        stray: String
    }
}
"""


def test_resource_operations_use_declared_properties(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": RESOURCE_PROPERTIES})
    path = tmp_path / "a.smithy"
    found = [d for d in errors(ws, path) if d.code == "smithy/resource-property-binding"]
    by_text = {text_at(path, d): d.message for d in found}
    assert set(by_text) == {"Forecast", "output", "summary", "stray"}
    assert REFERENCE_IDS["smithy/resource-property-binding"] == "ResourceOperationInputOutput"
    assert "`unused`" in by_text["Forecast"]
    assert "`chanceOfRain`, `rainChance`" in by_text["output"]
    assert "must target `smithy.api#String`" in by_text["summary"]
    assert "neither a property nor an identifier" in by_text["stray"]
    fixed = (RESOURCE_PROPERTIES.replace(", unused: String", "").replace("        @property(name: \"chanceOfRain\")\n        rainChance: Float\n", "")
             .replace("summary: Integer", "summary: String").replace("        stray: String\n", ""))
    ws = workspace(tmp_path, {"a.smithy": fixed})
    assert errors(ws, path) == []


def test_resources_without_properties_are_not_checked_for_them(tmp_path):
    model = RESOURCE_PROPERTIES.replace("    properties: {chanceOfRain: Float, summary: String, unused: String}\n", "")
    ws = workspace(tmp_path, {"a.smithy": model})
    assert [d for d in errors(ws, tmp_path / "a.smithy") if d.code == "smithy/resource-property-binding"] == []


LINTED = """$version: "2"
metadata validators = [
    {name: "EmitEachSelector", id: "NoLists", message: "lists are not allowed", configuration: {selector: "list"}}
    {name: "EmitEachSelector", id: "Style.Members", severity: "WARNING",
     configuration: {selector: "list > member", messageTemplate: "member `@{id}` of a list"}}
    {name: "EmitEachSelector", id: "Unknown", configuration: {selector: "operation -[input]-> $s(*) > member"}}
]
metadata suppressions = [{id: "Style", namespace: "a"}]
namespace a

list Names {
    member: String
}

@suppress(["NoLists"])
list Tolerated {
    member: String
}

string Name
"""


def test_emit_each_selector_linters_run(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": LINTED})
    path = tmp_path / "a.smithy"
    found = [d for d in diagnostics(ws, path) if d.code == "smithy/selector-linter"]
    # `Tolerated` is suppressed; `Style.Members` is a suppressed WARNING; the selector witsmith
    # cannot evaluate reports nothing.
    assert [(text_at(path, d), d.severity.name) for d in found] == [("Names", "ERROR")]
    assert "lists are not allowed" in found[0].message and "`NoLists`" in found[0].message
    ws = workspace(tmp_path, {"a.smithy": LINTED.replace('metadata suppressions = [{id: "Style", namespace: "a"}]\n', "")})
    found = [d for d in diagnostics(ws, path) if d.code == "smithy/selector-linter"]
    assert [(text_at(path, d), d.severity.name) for d in found] == [
        ("Names", "ERROR"), ("member", "WARNING"), ("member", "WARNING")]
    assert "member `a#Names$member` of a list" in found[1].message


STREAMS = """$version: "2"
namespace a

@streaming
@requiresLength
blob Upload

operation Put {
    input := {
        @required
        body: Upload
    }
}

operation Get {
    output := {
        @required
        body: Upload
    }
}
"""


def test_streams_of_required_length_are_inputs_only(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": STREAMS})
    path = tmp_path / "a.smithy"
    found = [d for d in errors(ws, path) if d.code == "smithy/requires-length-output"]
    assert [text_at(path, d) for d in found] == ["output"]
    assert "`Get`" in found[0].message and "`body`" in found[0].message
    ws = workspace(tmp_path, {"a.smithy": STREAMS.replace("@requiresLength\n", "")})
    assert errors(ws, path) == []


DOCUMENTS = """$version: "2"
namespace a

@trait
@protocolDefinition(noInlineDocumentSupport: true)
structure strictProtocol {}

@trait
@protocolDefinition
structure looseProtocol {}

@strictProtocol
service Strict {
    operations: [Echo]
}

@looseProtocol
service Loose {
    operations: [Echo]
}

operation Echo {
    input := {
        payload: Payload
    }
}

structure Payload {
    data: Document
}
"""


def test_protocols_without_documents_reject_document_shapes(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": DOCUMENTS})
    path = tmp_path / "a.smithy"
    found = [d for d in errors(ws, path) if d.code == "smithy/no-inline-document-support"]
    assert [text_at(path, d) for d in found] == ["@strictProtocol"]
    assert "`smithy.api#Document`" in found[0].message
    ws = workspace(tmp_path, {"a.smithy": DOCUMENTS.replace("data: Document", "data: String")})
    assert errors(ws, path) == []


def test_empty_enum_values_and_decimal_member_ranges(tmp_path):
    model = """$version: "2"
namespace a

enum Colour {
    RED
    @enumValue("")
    NONE
}

enum Shade {
    BLUE = ""
}

structure Order {
    @range(min: 0.5, max: 10)
    quantity: Integer
    @range(min: 0.5, max: 10)
    weight: Float
    @range(min: 1, max: 10.0)
    count: Long
}
"""
    ws = workspace(tmp_path, {"a.smithy": model})
    path = tmp_path / "a.smithy"
    assert [text_at(path, d) for d in errors(ws, path) if d.code == "smithy/invalid-enum-value"] == ["NONE", "BLUE"]
    found = [d for d in errors(ws, path) if d.code == "smithy/range-not-integral"]
    assert [text_at(path, d) for d in found] == ["range"]
    assert "`min` of `quantity`" in found[0].message and "0.5" in found[0].message
    assert REFERENCE_IDS["smithy/range-not-integral"] == "RangeTrait"


def test_shape_closure_selectors_must_select_something(tmp_path):
    model = """$version: "2"
metadata shapeClosures = [
    {id: "a#Nothing", includeBySelector: "[id = 'a#Missing']"}
    {id: "a#Inside", includeBySelector: "[id='a#Foo']", includeNamespaces: ["a"]}
    {id: "a#Found", includeBySelector: "[id='a#Foo']"}
    {id: "a#Prelude", includeBySelector: "[id='smithy.api#String']"}
    {id: "a#Unknown", includeBySelector: "structure ~> string"}
]
namespace a

structure Foo {}
"""
    ws = workspace(tmp_path, {"a.smithy": model})
    path = tmp_path / "a.smithy"
    found = [d for d in errors(ws, path) if d.code == "smithy/shape-closure-empty-selector"]
    assert [_pointed_at(path, d) for d in found] == ['"[id = \'a#Missing\']"', '"[id=\'a#Foo\']"']
    assert [text_at(path, d) for d in found] == ['{id: "a#Nothing"', '{id: "a#Inside"']  # the closure, as Smithy
    assert "outside its `includeNamespaces`" in found[1].message


@pytest.mark.parametrize("selector", ["", "!!!!", "[a=b", ":is(string", ":nay()", "[id='a"])
def test_validator_selectors_that_cannot_parse(tmp_path, selector):
    model = ('$version: "2"\nmetadata validators = [\n'
             f'    {{name: "EmitEachSelector", configuration: {{selector: "{selector}"}}}}\n'
             f'    {{name: "UnreferencedShape", configuration: {{rootShapeSelector: "{selector}"}}}}\n'
             ']\nnamespace a\n')
    ws = workspace(tmp_path, {"a.smithy": model})
    path = tmp_path / "a.smithy"
    found = [d for d in errors(ws, path) if d.code == "smithy/invalid-validation-metadata"]
    assert [text_at(path, d) for d in found] == [f'"{selector}"'] * 2
    assert "not a valid selector" in found[0].message


@pytest.mark.parametrize("selector", ["list", "[id='a:b!']", ":not(:is([trait|error], simpleType))",
                                      "[@trait|foo: @{x} != 'a']", ":root(-[input]-> ~> *)", "$s(*) > member"])
def test_validator_selectors_that_parse(tmp_path, selector):
    model = ('$version: "2"\nmetadata validators = [\n'
             f'    {{name: "EmitNoneSelector", configuration: {{selector: "{selector}"}}}}\n'
             ']\nnamespace a\n')
    ws = workspace(tmp_path, {"a.smithy": model})
    assert [d for d in errors(ws, tmp_path / "a.smithy") if d.code == "smithy/invalid-validation-metadata"] == []



def test_http_uri_events_as_smithy_files_them(tmp_path):
    # A relative URI stops the trait's creation (Model, an error no suppression silences);
    # two greedy labels are HttpUriGreedyLabel.MultipleGreedyLabels, a DANGER a suppression silences.
    ws = workspace(tmp_path, {
        "relative.smithy": '$version: "2"\nnamespace r\n\n@suppress(["Model"])\n@http(method: "GET", uri: "things")\n'
                           '@readonly\noperation List {}\n',
        "greedy.smithy": '$version: "2"\nnamespace g\n\n@http(method: "GET", uri: "/{a+}/{b+}")\n@readonly\n'
                         'operation Get {\n    input := {\n        @required\n        @httpLabel\n        a: String\n'
                         '        @required\n        @httpLabel\n        b: String\n    }\n}\n',
        "suppressed.smithy": '$version: "2"\nnamespace s\n\n@suppress(["HttpUriGreedyLabel"])\n'
                             '@http(method: "GET", uri: "/{a+}/{b+}")\n@readonly\n'
                             'operation Get {\n    input := {\n        @required\n        @httpLabel\n        a: String\n'
                             '        @required\n        @httpLabel\n        b: String\n    }\n}\n',
    })
    from witsmith.features.smithy.rules import SMITHY_EVENTS

    relative = [(d.code, SMITHY_EVENTS[d.code]) for d in errors(ws, tmp_path / "relative.smithy")]
    assert relative == [("smithy/http-uri-pattern", ("Model", "ERROR"))]
    greedy = {d.code for d in errors(ws, tmp_path / "greedy.smithy")}
    assert "smithy/http-uri" in greedy
    assert SMITHY_EVENTS["smithy/http-uri"] == ("HttpUriGreedyLabel.MultipleGreedyLabels", "DANGER")
    assert "smithy/http-uri" not in {d.code for d in diagnostics(ws, tmp_path / "suppressed.smithy")}
