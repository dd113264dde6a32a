"""User settings shared by the language server and the command line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Settings:
    # Rule code -> severity, or None to turn the rule off.
    severities: Mapping[str, Severity | None] = field(default_factory=dict)
    # WIT `@unstable(feature = ...)` features that are enabled.
    wit_features: frozenset[str] = frozenset()
    wit_all_features: bool = False
    # Extra folders of Smithy models and of WIT packages to resolve against.
    smithy_model_paths: tuple[Path, ...] = ()
    wit_search_paths: tuple[Path, ...] = ()
    # The wasmCloud host version components are checked against (None: the project's, else the newest).
    wasmcloud_version: str | None = None
    # Local Maven repositories (folders in Maven's layout) for smithy-build.json dependencies.
    smithy_maven_repositories: tuple[Path, ...] = ()
    # Limits on what is read from disk (None: witsmith's defaults).
    max_file_bytes: int | None = None
    max_files: int | None = None

    def wit_feature_enabled(self, feature: str) -> bool:
        return self.wit_all_features or feature in self.wit_features

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Diagnostics with configured severities, and without those of rules turned off."""
        result = []
        for diagnostic in diagnostics:
            if diagnostic.code in self.severities:
                severity = self.severities[diagnostic.code]
                if severity is None:
                    continue
                diagnostic = diagnostic.with_severity(severity)
            result.append(diagnostic)
        return result


def parse_severities(raw: Mapping[str, str]) -> dict[str, Severity | None]:
    """Read ``{"wit/unknown-type": "warning", "wasmcloud/x": "off"}`` style settings."""
    result: dict[str, Severity | None] = {}
    for code, value in raw.items():
        result[code] = None if str(value).strip().lower() in ("off", "none", "ignore") else Severity.parse(str(value))
    return result
