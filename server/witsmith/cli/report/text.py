"""``path:line:column: severity[code]: message``, optionally with the source line and a caret."""

from __future__ import annotations

import unicodedata

from witsmith.cli.report.findings import CheckResult, Finding


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _columns(text: str) -> int:
    """How many terminal columns text takes: wide (CJK, emoji) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _source_excerpt(finding: Finding) -> list[str]:
    line_number = str(finding.start_chars.line + 1)
    gutter = " " * len(line_number)
    text = finding.source_line.replace("\t", " ")  # one column per tab keeps the caret aligned
    start = finding.start_chars.character
    end = finding.end_chars.character if finding.end_chars.line == finding.start_chars.line else len(text)
    indent = _columns(text[:start])
    width = max(1, _columns(text[start:end]))
    return [f" {line_number} | {text}", f" {gutter} | {' ' * indent}{'^' * width}"]


def render_text(result: CheckResult, *, show_source: bool = False) -> str:
    lines = []
    for finding in result.findings:
        d = finding.diagnostic
        lines.append(
            f"{finding.display_path}:{finding.start_chars.line + 1}:{finding.start_chars.character + 1}: "
            f"{d.severity.label}[{d.code}]: {d.message}"
        )
        if show_source:
            lines.extend(_source_excerpt(finding))
    summary = result.summary()
    problems = [
        _plural(summary["errors"], "error"),
        _plural(summary["warnings"], "warning"),
        _plural(summary["information"], "information message"),
        _plural(summary["hints"], "hint"),
    ]
    lines.append(f"checked {_plural(summary['files'], 'file')}: {', '.join(problems)}")
    return "\n".join(lines) + "\n"
