"""Rules that bring witsmith's verdicts to Smithy's own validator's, each on a fixture written for it."""

from __future__ import annotations

from smithy.helpers import errors, text_at, workspace


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
    found = sorted((d.code, text_at(path, d)) for d in errors(ws, path))
    assert found == [
        ("smithy/duplicate-trait", "idempotent"),  # conflicts with @readonly
        ("smithy/duplicate-trait", "readonly"),
        ("smithy/trait-target", "httpPrefixHeaders"),  # not on a sparse map
        ("smithy/trait-target", "httpResponseCode"),  # not in an @input structure
        ("smithy/trait-target", "noReplace"),  # the resource has no `put`
    ]
