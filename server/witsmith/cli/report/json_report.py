"""One JSON object with every diagnostic, in the Language Server Protocol's range conventions."""

from __future__ import annotations

import json

from witsmith import __version__
from witsmith.cli.report.findings import CheckResult


def render_json(result: CheckResult, **_: object) -> str:
    diagnostics = [
        {
            "path": f.display_path,
            "range": {
                "start": {"line": f.start_utf16.line, "character": f.start_utf16.character},
                "end": {"line": f.end_utf16.line, "character": f.end_utf16.character},
            },
            "severity": f.diagnostic.severity.label,
            "code": f.diagnostic.code,
            "message": f.diagnostic.message,
            "url": f.diagnostic.url,
        }
        for f in result.findings
    ]
    document = {
        "version": 1,
        "tool": {"name": "witsmith", "version": __version__},
        "diagnostics": diagnostics,
        "summary": result.summary(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
