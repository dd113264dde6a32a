"""Client settings (``initializationOptions`` and ``workspace/didChangeConfiguration``)
read into witsmith's settings, over any ``witsmith.toml`` of the workspace."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from witsmith.config import ConfigError, find_config_file, load_config
from witsmith.settings import Settings, parse_severities


def _section(raw: Any) -> dict:
    if isinstance(raw, dict) and isinstance(raw.get("witsmith"), dict):
        return raw["witsmith"]  # VS Code sends {"witsmith": {...}}
    return raw if isinstance(raw, dict) else {}


def settings_for(roots: list[Path], client: Any) -> tuple[Settings, list[str]]:
    """The effective settings and any problems reading them (for the log)."""
    problems: list[str] = []
    settings = Settings()
    for root in roots:
        source = find_config_file(root)
        if source is not None:
            try:
                settings = load_config(source).settings
            except ConfigError as error:
                problems.append(str(error))
            break
    section = _section(client)
    rules = section.get("rules")
    if isinstance(rules, dict):
        try:
            settings = replace(settings, severities={**settings.severities, **parse_severities({str(k): str(v) for k, v in rules.items()})})
        except ValueError as error:
            problems.append(f"witsmith.rules: {error}")
    wit = section.get("wit") if isinstance(section.get("wit"), dict) else {}
    features = wit.get("features")
    if isinstance(features, list):
        settings = replace(settings, wit_features=settings.wit_features | {str(f) for f in features})
    if isinstance(wit.get("allFeatures"), bool):
        settings = replace(settings, wit_all_features=wit["allFeatures"])
    if isinstance(wit.get("searchPaths"), list):
        settings = replace(settings, wit_search_paths=tuple(Path(str(p)) for p in wit["searchPaths"]))
    smithy = section.get("smithy") if isinstance(section.get("smithy"), dict) else {}
    if isinstance(smithy.get("modelPaths"), list):
        settings = replace(settings, smithy_model_paths=tuple(Path(str(p)) for p in smithy["modelPaths"]))
    if isinstance(smithy.get("mavenRepositories"), list):
        settings = replace(settings, smithy_maven_repositories=tuple(
            Path(str(p)).expanduser() for p in smithy["mavenRepositories"]))
    return settings, problems
