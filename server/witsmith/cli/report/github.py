"""GitHub Actions workflow commands, which annotate the pull request's files."""

from __future__ import annotations

from witsmith.cli.report.findings import CheckResult
from witsmith.diagnostics import Severity

_COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFORMATION: "notice",
    Severity.HINT: "notice",
}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult, **_: object) -> str:
    lines = []
    for f in result.findings:
        d = f.diagnostic
        properties = ",".join(
            [
                f"file={_escape_property(f.display_path)}",
                f"line={f.start_chars.line + 1}",
                f"col={f.start_chars.character + 1}",
                f"endLine={f.end_chars.line + 1}",
                f"endColumn={f.end_chars.character + 1}",
                f"title={_escape_property(d.code)}",
            ]
        )
        lines.append(f"::{_COMMANDS[d.severity]} {properties}::{_escape_data(d.message)}")
    return "".join(line + "\n" for line in lines)
