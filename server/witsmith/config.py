"""witsmith's configuration file: ``witsmith.toml``, or ``[tool.witsmith]`` in a
``pyproject.toml``, found upward from the files it applies to.

    exclude = ["generated/**"]
    max-file-size = 8388608   # bytes; larger files get a diagnostic instead of a check
    max-files = 50000         # files read into one workspace at most

    [rules]
    "wit/unknown-type" = "warning"
    "wasmcloud/stubbed-wasi-import" = "off"

    [wit]
    features = ["active"]
    all-features = false
    search-paths = ["../shared-wit"]

    [smithy]
    model-paths = ["../models"]
    maven-repositories = ["../maven-repo"]

    [wasmcloud]
    version = "1.0"     # the host the components run on (default: the newest)

Relative paths are relative to the folder of the file that names them.  The
language server and ``witsmith check`` read the same file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from witsmith.settings import Settings, parse_severities

CONFIG_FILE = "witsmith.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used, with a message for people."""


@dataclass(frozen=True)
class Configuration:
    settings: Settings = field(default_factory=Settings)
    exclude: tuple[str, ...] = ()
    source: Path | None = None  # the file it came from, if any


def find_config_file(start: Path) -> Path | None:
    """The nearest ``witsmith.toml``, or ``pyproject.toml`` with ``[tool.witsmith]``, upward from ``start``."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            try:
                table = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue  # someone else's broken pyproject is not ours to report
            if "witsmith" in table.get("tool", {}):
                return pyproject
    return None


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ConfigError(f"{where} must be a string or a list of strings")


def _table(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table")
    return value


def parse_config(table: dict, base: Path, source: Path | None = None) -> Configuration:
    """Read a configuration table (the file's top level, or ``[tool.witsmith]``)."""
    where = str(source) if source else "configuration"
    known = {"exclude", "rules", "wit", "smithy", "wasmcloud", "max-file-size", "max-files"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown setting {unknown[0]!r}; expected one of {', '.join(sorted(known))}")
    rules = _table(table.get("rules", {}), f"{where}: [rules]")
    for code, value in rules.items():
        if not isinstance(value, str):
            raise ConfigError(f"{where}: rules.{code!r} must be a severity (error, warning, information, hint) or \"off\"")
    try:
        severities = parse_severities(rules)
    except ValueError as error:
        raise ConfigError(f"{where}: [rules]: {error}") from None
    wit = _table(table.get("wit", {}), f"{where}: [wit]")
    smithy = _table(table.get("smithy", {}), f"{where}: [smithy]")
    wasmcloud = _table(table.get("wasmcloud", {}), f"{where}: [wasmcloud]")
    host_version = wasmcloud.get("version")
    if host_version is not None and not isinstance(host_version, str):
        raise ConfigError(f"{where}: wasmcloud.version must be a string such as \"1.0\"")
    all_features = wit.get("all-features", False)
    if not isinstance(all_features, bool):
        raise ConfigError(f"{where}: wit.all-features must be true or false")
    limits = {}
    for key in ("max-file-size", "max-files"):
        value = table.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            raise ConfigError(f"{where}: {key} must be a positive whole number")
        limits[key] = value
    settings = Settings(
        max_file_bytes=limits["max-file-size"],
        max_files=limits["max-files"],
        severities=severities,
        wit_features=frozenset(_strings(wit.get("features", []), f"{where}: wit.features")),
        wit_all_features=all_features,
        wit_search_paths=tuple(
            (base / p).resolve() for p in _strings(wit.get("search-paths", []), f"{where}: wit.search-paths")
        ),
        wasmcloud_version=host_version,
        smithy_model_paths=tuple(
            (base / p).resolve() for p in _strings(smithy.get("model-paths", []), f"{where}: smithy.model-paths")
        ),
        smithy_maven_repositories=tuple(
            (base / p).resolve()
            for p in _strings(smithy.get("maven-repositories", []), f"{where}: smithy.maven-repositories")
        ),
    )
    exclude = tuple(_strings(table.get("exclude", []), f"{where}: exclude"))
    return Configuration(settings, exclude, source)


def load_config(path: Path) -> Configuration:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    if path.name == "pyproject.toml":
        table = _table(table.get("tool", {}).get("witsmith", {}), f"{path}: [tool.witsmith]")
    return parse_config(table, path.parent, path)
