"""Each grammar's editor queries compile and capture what they should on a sample."""

from __future__ import annotations

import pytest
import tree_sitter

from witsmith.syntax import parse, query

QUERY_NAMES = ("highlights", "folds", "locals", "indents", "injections", "tags")

SMITHY_SAMPLE = b'''$version: "2"

namespace example.weather

use smithy.api#String

/// A city with *weather*.
@documentation("unused")
structure City {
    /// The city's name.
    @required
    name: String

    population: Integer = 0
}

list Cities {
    member: City
}

operation GetCity {
    input := {
        cityId: String
    }
    output: City
}
'''

WIT_SAMPLE = b'''package example:weather@1.0.0;

/// Forecasts for a *city*.
interface forecast {
    use types.{city as town};

    record report {
        town: town,
        celsius: f32,
    }

    /// Today's report.
    today: func(where: town) -> result<report, string>;
}

world weather {
    export forecast;
}
'''

SAMPLES = {"smithy": SMITHY_SAMPLE, "wit": WIT_SAMPLE}


def captured(lang: str, name: str) -> set[tuple[str, str]]:
    tree = parse(lang, SAMPLES[lang])
    assert not tree.has_errors
    found = tree_sitter.QueryCursor(query(lang, name)).captures(tree.root)
    return {(capture, node.text.decode()) for capture, nodes in found.items() for node in nodes}


@pytest.mark.parametrize("lang", ["smithy", "wit"])
@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_compiles_and_matches_the_sample(lang, name):
    assert captured(lang, name), f"{lang}/{name}.scm captures nothing on the sample"


EXPECTED = {
    "smithy": {
        "highlights": [
            ("keyword", "structure"),
            ("keyword", "namespace"),
            ("type.builtin", "Integer"),
            ("comment.documentation", "/// A city with *weather*."),
            ("number", "0"),
        ],
        "folds": [("fold", "{\n        cityId: String\n    }")],
        "locals": [("local.definition", "City"), ("local.reference", "City")],
        "indents": [("indent.end", "}")],
        "tags": [("name", "City"), ("definition.class", None), ("definition.method", None)],
    },
    "wit": {
        "highlights": [
            ("keyword", "interface"),
            ("type.builtin", "f32"),
            ("comment.documentation", "/// Forecasts for a *city*."),
            ("function", "today"),
            ("property", "celsius"),
        ],
        "folds": [("fold", "{\n    export forecast;\n}")],
        "locals": [("local.definition", "report"), ("local.reference", "report")],
        "indents": [("indent.end", "}")],
        "tags": [("name", "forecast"), ("definition.interface", None), ("definition.function", None)],
    },
}


@pytest.mark.parametrize(
    "lang,name,capture,text",
    [
        (lang, name, capture, text)
        for lang, queries in EXPECTED.items()
        for name, expectations in queries.items()
        for capture, text in expectations
    ],
)
def test_query_captures(lang, name, capture, text):
    found = captured(lang, name)
    if text is None:
        assert any(c == capture for c, _ in found), f"no @{capture} in {lang}/{name}.scm"
    else:
        assert (capture, text) in found, f"@{capture} does not capture {text!r} in {lang}/{name}.scm"


@pytest.mark.parametrize("lang", ["smithy", "wit"])
def test_doc_comments_are_injected_as_markdown(lang):
    tree = parse(lang, SAMPLES[lang])
    injections = query(lang, "injections")
    markdown = []
    for pattern, captures in tree_sitter.QueryCursor(injections).matches(tree.root):
        if injections.pattern_settings(pattern).get("injection.language") == "markdown":
            markdown += [node.text.decode() for node in captures.get("injection.content", [])]
    docs = [text for text in markdown if text.startswith("///")]
    assert docs, f"{lang}: no doc comment is injected as Markdown"
