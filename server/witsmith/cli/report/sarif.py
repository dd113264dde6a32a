"""SARIF 2.1.0: one run, the rules that fired with their help pages, and the results."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from urllib.parse import quote

from witsmith import __version__
from witsmith.cli.report.findings import CheckResult
from witsmith.diagnostics import RULES, Severity

_LEVELS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFORMATION: "note",
    Severity.HINT: "note",
}


def _artifact_uri(display_path: str) -> str:
    posix = display_path.replace("\\", "/")
    if posix.startswith("/"):
        return PurePosixPath(posix).as_uri()
    return quote(posix)


def render_sarif(result: CheckResult, **_: object) -> str:
    codes = sorted({f.diagnostic.code for f in result.findings})
    rule_index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        rule = RULES.get(code)
        entry: dict = {"id": code}
        if rule is not None:
            entry["shortDescription"] = {"text": rule.summary}
            if rule.url:
                entry["helpUri"] = rule.url
            entry["defaultConfiguration"] = {"level": _LEVELS[rule.severity]}
        rules.append(entry)
    results = []
    for f in result.findings:
        d = f.diagnostic
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": rule_index[d.code],
                "level": _LEVELS[d.severity],
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _artifact_uri(f.display_path)},
                            "region": {
                                "startLine": f.start_utf16.line + 1,
                                "startColumn": f.start_utf16.character + 1,
                                "endLine": f.end_utf16.line + 1,
                                "endColumn": f.end_utf16.character + 1,
                            },
                        }
                    }
                ],
            }
        )
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "witsmith",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
