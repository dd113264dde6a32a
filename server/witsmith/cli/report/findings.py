"""What ``check`` found, with positions computed once for every output format."""

from __future__ import annotations

from dataclasses import dataclass, field

from witsmith.diagnostics import Diagnostic, Severity
from witsmith.text import LineIndex, Position


@dataclass(frozen=True)
class Finding:
    """A diagnostic as a report shows it: the path as the user knows it, and positions."""

    display_path: str
    diagnostic: Diagnostic
    start_utf16: Position
    end_utf16: Position
    start_chars: Position  # code points: "characters" to people and to GitHub
    end_chars: Position
    source_line: str  # the text of the first line of the range, for --show-source

    @classmethod
    def of(cls, display_path: str, diagnostic: Diagnostic, index: LineIndex) -> Finding:
        line = index.position(diagnostic.start, "utf-8").line
        text = index.line_bytes(line).decode("utf-8", errors="replace")
        return cls(
            display_path,
            diagnostic,
            index.position(diagnostic.start, "utf-16"),
            index.position(diagnostic.end, "utf-16"),
            index.position(diagnostic.start, "utf-32"),
            index.position(diagnostic.end, "utf-32"),
            text,
        )


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.diagnostic.severity == severity)

    def summary(self) -> dict[str, int]:
        return {
            "files": self.files,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "information": self.count(Severity.INFORMATION),
            "hints": self.count(Severity.HINT),
        }
