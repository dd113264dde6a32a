"""Diagnostics as plain data, and the registry of rules that produce them.

Every layer may report problems, so this module depends on nothing else in
witsmith but ``rule_pages`` (which depends on nothing).  Ranges are byte offsets into the file's source; the front ends convert
them (the language server to the negotiated position encoding, ``check`` to its
output formats).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum
from pathlib import Path

from witsmith.rule_pages import page_uri


class Severity(IntEnum):
    """The Language Server Protocol's severities, with its numbering."""

    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        names = {"error": cls.ERROR, "warning": cls.WARNING, "warn": cls.WARNING,
                 "information": cls.INFORMATION, "info": cls.INFORMATION, "hint": cls.HINT}
        try:
            return names[text.strip().lower()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; use error, warning, information or hint") from None


@dataclass(frozen=True, slots=True)
class Rule:
    """A stable diagnostic code, its default severity and a one-line summary."""

    code: str  # "<language or tool>/<kebab-case name>", e.g. "wit/unknown-type"
    severity: Severity
    summary: str

    @property
    def doc_path(self) -> str:
        """The rule's page, relative to the repository root."""
        return f"docs/rules/{self.code}.md"

    @property
    def url(self) -> str | None:
        """The rule's page on this machine, as a ``file:`` URI (None if it has no page)."""
        return page_uri(self.code)


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity, summary: str) -> Rule:
    """Declare a rule (once, at import time of the module that reports it)."""
    if code in RULES and RULES[code] != Rule(code, severity, summary):
        raise ValueError(f"rule {code} declared twice, differently")
    RULES[code] = declared = Rule(code, severity, summary)
    return declared


# The id a language's own reference tool gives the problem a rule reports (Smithy's
# validation event ids), by rule code: what suppressions written for that tool name.
REFERENCE_IDS: dict[str, str] = {}


def reference_id(code: str) -> str | None:
    """The reference tool's id for the problems of rule ``code``, when it has one."""
    return REFERENCE_IDS.get(code)


@dataclass(frozen=True, slots=True)
class Location:
    path: Path
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a diagnostic (the first definition of a duplicate, say)."""

    location: Location
    message: str


@dataclass(frozen=True, slots=True)
class TextEdit:
    path: Path
    start: int
    end: int
    new_text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A quick fix: a title for the menu and the edits that make it."""

    title: str
    edits: tuple[TextEdit, ...]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: Path
    start: int
    end: int
    code: str
    message: str
    severity: Severity
    related: tuple[Related, ...] = ()
    fixes: tuple[Fix, ...] = ()
    # "unnecessary" and/or "deprecated", which editors render specially.
    tags: frozenset[str] = field(default_factory=frozenset)

    @property
    def url(self) -> str | None:
        found = RULES.get(self.code)
        return found.url if found else None

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)


def report(
    rule_: Rule,
    path: Path,
    start: int,
    end: int,
    message: str,
    *,
    related: tuple[Related, ...] = (),
    fixes: tuple[Fix, ...] = (),
    tags: frozenset[str] = frozenset(),
) -> Diagnostic:
    """A diagnostic of ``rule_`` at its default severity."""
    return Diagnostic(path, start, end, rule_.code, message, rule_.severity, related, fixes, tags)
