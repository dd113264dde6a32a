"""Each `check` output format, exactly, for known diagnostics (positions in every unit)."""

from __future__ import annotations

import json
from pathlib import Path

from witsmith import __version__
from witsmith.cli.report import RENDERERS, CheckResult, Finding
from witsmith.diagnostics import Rule, Severity, report
from witsmith.text import LineIndex

SOURCE = "package a:b;\n\ninterface i {\n  /* 🦀 */ f: func() -> frob;\n}\n".encode()
UNKNOWN = Rule("test/unknown-type", Severity.ERROR, "a type name that is not defined or imported")
CASE = Rule("test/identifier-case", Severity.WARNING, "an identifier that is not kebab-case")


def result() -> CheckResult:
    index = LineIndex(SOURCE)
    start = SOURCE.index(b"frob")
    diagnostics = [
        report(UNKNOWN, Path("/w/wit/a.wit"), start, start + 4, "unknown type `frob`; did you mean `from`?"),
        report(CASE, Path("/w/wit/a.wit"), 0, 7, "line one,\nline two: 100%"),
    ]
    return CheckResult([Finding.of("wit/a.wit", d, index) for d in diagnostics], files=1)


def test_text_format_counts_characters_and_shows_a_caret():
    out = RENDERERS["text"](result(), show_source=True)
    assert out == (
        "wit/a.wit:4:24: error[test/unknown-type]: unknown type `frob`; did you mean `from`?\n"
        " 4 |   /* 🦀 */ f: func() -> frob;\n"
        "   | " + " " * 24 + "^^^^\n"  # 23 characters, the crab two columns wide
        "wit/a.wit:1:1: warning[test/identifier-case]: line one,\nline two: 100%\n"
        " 1 | package a:b;\n"
        "   | ^^^^^^^\n"
        "checked 1 file: 1 error, 1 warning, 0 information messages, 0 hints\n"
    )
    assert RENDERERS["text"](result()).count("\n") == 4  # no source lines unless asked


def test_json_format_uses_protocol_ranges_in_utf16():
    document = json.loads(RENDERERS["json"](result()))
    assert document["version"] == 1
    assert document["tool"] == {"name": "witsmith", "version": __version__}
    first = document["diagnostics"][0]
    assert first == {
        "path": "wit/a.wit",
        "range": {"start": {"line": 3, "character": 24}, "end": {"line": 3, "character": 28}},
        "severity": "error",
        "code": "test/unknown-type",
        "message": "unknown type `frob`; did you mean `from`?",
        "url": None,  # these rules are not registered; registered ones carry their page
    }
    assert document["summary"] == {"files": 1, "errors": 1, "warnings": 1, "information": 0, "hints": 0}


def test_github_format_escapes_data_and_properties():
    assert RENDERERS["github"](result()) == (
        "::error file=wit/a.wit,line=4,col=24,endLine=4,endColumn=28,title=test/unknown-type"
        "::unknown type `frob`; did you mean `from`?\n"
        "::warning file=wit/a.wit,line=1,col=1,endLine=1,endColumn=8,title=test/identifier-case"
        "::line one,%0Aline two: 100%25\n"
    )


def test_sarif_format_lists_rules_and_results():
    document = json.loads(RENDERERS["sarif"](result()))
    run = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["test/identifier-case", "test/unknown-type"]
    first = run["results"][0]
    assert first["ruleId"] == "test/unknown-type" and first["ruleIndex"] == 1 and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "wit/a.wit"},
        "region": {"startLine": 4, "startColumn": 25, "endLine": 4, "endColumn": 29},
    }
    assert run["columnKind"] == "utf16CodeUnits"
