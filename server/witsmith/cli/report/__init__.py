"""Renderers of ``witsmith check`` results: text, JSON, GitHub workflow commands, SARIF."""

from witsmith.cli.report.findings import CheckResult, Finding
from witsmith.cli.report.github import render_github
from witsmith.cli.report.json_report import render_json
from witsmith.cli.report.sarif import render_sarif
from witsmith.cli.report.text import render_text

RENDERERS = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}

__all__ = ["RENDERERS", "CheckResult", "Finding"]
