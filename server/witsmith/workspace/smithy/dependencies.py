"""The `maven` section of a `smithy-build.json`: its dependencies resolved from local
repositories, their models read from the jars, and one diagnostic per dependency that
cannot be resolved (instead of one per use of each namespace it would provide)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from witsmith.diagnostics import Severity, report, rule
from witsmith.workspace.smithy import jars
from witsmith.workspace.smithy.maven import Coordinate, Repository, repository_from_text, resolve, user_repositories

MAVEN_UNRESOLVED = rule("smithy/maven-dependency-not-found", Severity.WARNING,
                        "a Maven dependency of smithy-build.json is not in any local repository")

SETTING_ORIGIN = "the maven-repositories setting"
BUILD_ORIGIN = "maven.repositories of smithy-build.json"


def _entry_range(source: bytes, text: str) -> tuple[int, int]:
    """The quoted entry in the `dependencies` list (the key's first mention otherwise)."""
    quoted = ('"' + text + '"').encode("utf-8")
    after = source.find(b'"dependencies"')
    index = source.find(quoted, max(after, 0))
    if index < 0:
        index = source.find(quoted)
    if index >= 0:
        return index, index + len(quoted)
    index = source.find(b'"maven"')
    return (index, index + len(b'"maven"')) if index >= 0 else (0, 0)


def repositories_for(config: Path, maven: dict, configured: tuple[Path, ...]) -> tuple[list[Repository], list[str]]:
    """(local repositories to search, in order; remote URLs the project names, which are skipped)."""
    found: list[Repository] = []
    remote: list[str] = []
    entries = maven.get("repositories")
    for entry in entries if isinstance(entries, list) else ():
        url = entry.get("url") if isinstance(entry, dict) else entry
        if not isinstance(url, str) or not url.strip():
            continue
        repository = repository_from_text(url.strip(), config.parent, BUILD_ORIGIN)
        if repository is None:
            remote.append(url.strip())
        else:
            found.append(repository)
    found += [Repository(Path(path), "maven", SETTING_ORIGIN) for path in configured]
    found += user_repositories()
    return found, remote


def _advice(repositories: list[Repository], remote: list[str]) -> str:
    looked = "; ".join(r.describe() for r in repositories) or "no local repository"
    text = f"witsmith looked in: {looked}."
    if remote:
        text += f" It never contacts remote repositories ({', '.join(remote[:3])}{', ...' if len(remote) > 3 else ''})."
    return (text + " Run `smithy build` once (it downloads dependencies into ~/.m2/repository), or add a folder "
            "that holds the artifact to `maven.repositories` (a path or file: URL), to `[smithy] maven-repositories` "
            "in witsmith.toml or to the `smithy.mavenRepositories` setting. Until it resolves, uses of namespaces "
            "that no loaded model defines are not reported one by one in this project.")


def _other_versions(text: str, repositories: list[Repository]) -> str:
    """Versions of the same artifact that are on the machine, which the user may prefer to name."""
    parts = text.split(":")
    if len(parts) != 3:
        return ""
    found = []
    for repository in repositories:
        for version in repository.versions(parts[0], parts[1]):
            if version != parts[2] and version not in found:
                found.append(version)
    return f" Versions of {parts[0]}:{parts[1]} found locally: {', '.join(found[:8])}." if found else ""


def resolve_maven(project: Any, maven: Any, source: bytes, configured: tuple[Path, ...]) -> None:
    """Fill ``project.jar_models`` from the dependencies and report those that do not resolve."""
    if not isinstance(maven, dict):
        return
    dependencies = maven.get("dependencies")
    names = [d for d in dependencies if isinstance(d, str)] if isinstance(dependencies, list) else []
    if not names:
        return
    config = project.config
    repositories, remote = repositories_for(config, maven, configured)
    resolution = resolve(names, repositories)
    requested: dict[Coordinate, Coordinate | None] = {a.coordinate: a.requested_by for a in resolution.artifacts}

    def root_of(coordinate: Coordinate) -> Coordinate:
        for _ in range(len(requested) + 1):
            parent = requested.get(coordinate)
            if parent is None:
                return coordinate
            coordinate = parent
        return coordinate

    for artifact in resolution.artifacts:
        try:
            found = jars.models(artifact.jar)
        except jars.JarError as error:
            root = root_of(artifact.coordinate)
            start, end = _entry_range(source, str(root))
            via = "" if root == artifact.coordinate else f" (needed by {root})"
            project.problems.append(report(MAVEN_UNRESOLVED, config, start, end,
                                           f"the models of {artifact.coordinate}{via} cannot be read: {error}. "
                                           "Rebuild the artifact or remove the broken file so it is fetched again."))
            project.dependency_missing = True
            continue
        project.jar_models.update(found.sources)
    for unresolved in resolution.direct_unresolved():
        start, end = _entry_range(source, unresolved.text)
        project.problems.append(report(MAVEN_UNRESOLVED, config, start, end,
                                       f"`{unresolved.text}`: {unresolved.reason}.{_other_versions(unresolved.text, repositories)} "
                                       f"{_advice(repositories, remote)}"))
        project.dependency_missing = True
