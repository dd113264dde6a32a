"""Maven dependencies of a Smithy project, resolved from local repositories only.

A Smithy user's build (the Smithy CLI, Gradle, Maven, Coursier) has already put the
jars on their machine; witsmith finds them there and never contacts a remote
repository.  Searched, in order: the repositories the project names by path or
``file:`` URL, those configured in witsmith (``[smithy] maven-repositories``, the
client setting ``smithy.mavenRepositories``) and in ``SMITHY_MAVEN_REPOS``, the local
Maven repository, Gradle's module cache and Coursier's cache.

Each artifact's ``.pom`` dependencies are followed transitively, with versions as
written (the nearest declaration of an artifact wins, as in Maven); version ranges,
``LATEST`` and ``RELEASE`` are reported as unsupported rather than guessed.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import xml.etree.ElementTree as ElementTree
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

# A pom larger than this is not a pom.
MAX_POM_BYTES = 2 * 1024 * 1024
# A dependency graph larger than this is cut short (a cycle or a runaway pom).
MAX_ARTIFACTS = 500

_COORDINATE = re.compile(r"^([A-Za-z0-9_.\-]+):([A-Za-z0-9_.\-]+):([^:\s]+)$")
_PROPERTY = re.compile(r"\$\{([^}]+)\}")
_VERSION = re.compile(r"[A-Za-z0-9_.+\-]+")


@dataclass(frozen=True, slots=True)
class Coordinate:
    group: str
    artifact: str
    version: str

    def __str__(self) -> str:
        return f"{self.group}:{self.artifact}:{self.version}"

    @property
    def key(self) -> tuple[str, str]:
        return (self.group, self.artifact)

    def file_name(self, extension: str) -> str:
        return f"{self.artifact}-{self.version}.{extension}"


def parse_coordinate(text: str) -> Coordinate | str:
    """``group:artifact:version``, or why the text cannot be resolved."""
    match = _COORDINATE.match(text.strip())
    if match is None:
        return f"`{text}` is not a Maven coordinate of the form `group:artifact:version`"
    coordinate = Coordinate(*match.groups())
    problem = unsupported_version(coordinate.version)
    return problem if problem is not None else coordinate


def unsupported_version(version: str) -> str | None:
    if version in ("LATEST", "RELEASE"):
        return f"the version `{version}` asks a remote repository for its newest artifact, which witsmith does not do; name an exact version"
    if version[:1] in "[(" or version[-1:] in "])" or "," in version:
        return f"the version range `{version}` is not supported (witsmith never asks a remote repository which versions exist); name an exact version"
    if "${" in version:
        return f"the version `{version}` uses a property witsmith cannot resolve; name an exact version"
    if not _VERSION.fullmatch(version):
        return f"`{version}` is not a version witsmith can look up (letters, digits, `.`, `-`, `_` and `+`)"
    return None


# ----- repositories -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Repository:
    """A folder of artifacts: ``maven`` layout (group folders), ``gradle``'s module cache
    (``group/artifact/version/<hash>/file``), or ``coursier``'s cache (a Maven layout per host)."""

    path: Path
    layout: str  # "maven", "gradle" or "coursier"
    origin: str  # where it was named, in words

    def describe(self) -> str:
        return f"{self.path} ({self.origin})"

    def find(self, coordinate: Coordinate, extension: str) -> Path | None:
        name = coordinate.file_name(extension)
        if self.layout == "maven":
            return _regular(self.path / Path(*coordinate.group.split(".")) / coordinate.artifact / coordinate.version / name)
        if self.layout == "gradle":
            folder = self.path / coordinate.group / coordinate.artifact / coordinate.version
            for hashed in _children(folder):
                found = _regular(hashed / name)
                if found is not None:
                    return found
            return None
        for base in _coursier_bases(self.path):
            found = Repository(base, "maven", self.origin).find(coordinate, extension)
            if found is not None:
                return found
        return None


    def versions(self, group: str, artifact: str) -> list[str]:
        """The versions of an artifact this repository holds (folder names)."""
        if self.layout == "maven":
            return [p.name for p in _children(self.path / Path(*group.split(".")) / artifact)]
        if self.layout == "gradle":
            return [p.name for p in _children(self.path / group / artifact)]
        return sorted({v for base in _coursier_bases(self.path) for v in Repository(base, "maven", self.origin).versions(group, artifact)})


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []


def _coursier_bases(cache: Path) -> list[Path]:
    """Coursier keeps each remote repository's files under ``<protocol>/<host>/<path>``;
    the repository's path is usually one folder deep (``maven2``) or none."""
    bases = []
    for protocol in ("https", "http"):
        for host in _children(cache / protocol):
            bases.append(host)
            bases.extend(_children(host))
    return bases


def _regular(path: Path) -> Path | None:
    """The path if it names a regular file (never a FIFO or a device)."""
    try:
        return path if stat.S_ISREG(os.stat(path).st_mode) else None
    except (OSError, ValueError):
        return None


def repository_from_text(text: str, base: Path, origin: str) -> Repository | None:
    """A repository named by a ``file:`` URL or a path (relative to ``base``); None for remote URLs."""
    parsed = urlparse(text)
    if parsed.scheme == "file":
        return Repository(Path(os.path.abspath(unquote(parsed.path))), "maven", origin)
    if parsed.scheme and len(parsed.scheme) > 1:  # not a Windows drive letter
        return None
    return Repository(Path(os.path.abspath(base / os.path.expanduser(text))), "maven", origin)


def _home() -> Path | None:
    home = os.environ.get("HOME") or os.environ.get("USERPROFILE")
    return Path(home) if home else None


def _maven_local(home: Path | None) -> Repository | None:
    """Maven's local repository: ``-Dmaven.repo.local`` in ``MAVEN_OPTS``, else
    ``localRepository`` of ``~/.m2/settings.xml``, else ``~/.m2/repository``."""
    options = os.environ.get("MAVEN_OPTS", "")
    match = re.search(r"-Dmaven\.repo\.local=(\"[^\"]+\"|\S+)", options)
    if match:
        return Repository(Path(match.group(1).strip('"')), "maven", "maven.repo.local in MAVEN_OPTS")
    if home is None:
        return None
    settings = home / ".m2" / "settings.xml"
    local = _settings_local_repository(settings, home)
    if local is not None:
        return Repository(local, "maven", f"localRepository of {settings}")
    return Repository(home / ".m2" / "repository", "maven", "Maven's local repository")


def _settings_local_repository(settings: Path, home: Path) -> Path | None:
    root = _parse_xml(settings)
    if root is None:
        return None
    for element in root.iter():
        if _local_name(element.tag) == "localRepository" and element.text and element.text.strip():
            text = element.text.strip().replace("${user.home}", str(home))
            text = _PROPERTY.sub(lambda m: os.environ.get(m.group(1)[4:], "") if m.group(1).startswith("env.") else m.group(0), text)
            return Path(os.path.abspath(os.path.expanduser(text)))
    return None


def _gradle_cache(home: Path | None) -> Repository | None:
    gradle_home = os.environ.get("GRADLE_USER_HOME")
    base = Path(gradle_home) if gradle_home else (home / ".gradle" if home else None)
    if base is None:
        return None
    return Repository(base / "caches" / "modules-2" / "files-2.1", "gradle", "Gradle's module cache")


def _coursier_cache(home: Path | None) -> Repository | None:
    configured = os.environ.get("COURSIER_CACHE")
    if configured:
        return Repository(Path(configured), "coursier", "COURSIER_CACHE")
    if sys.platform == "darwin" and home is not None:
        return Repository(home / "Library" / "Caches" / "Coursier" / "v1", "coursier", "Coursier's cache")
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Repository(Path(local) / "Coursier" / "Cache" / "v1", "coursier", "Coursier's cache") if local else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else (home / ".cache" if home else None)
    return Repository(base / "coursier" / "v1", "coursier", "Coursier's cache") if base else None


def user_repositories() -> list[Repository]:
    """The machine's local caches, from the environment (``HOME`` and the tools' own variables)."""
    home = _home()
    result = []
    for text in os.environ.get("SMITHY_MAVEN_REPOS", "").split("|"):
        if text.strip():
            found = repository_from_text(text.strip(), Path.cwd(), "SMITHY_MAVEN_REPOS")
            if found is not None:
                result.append(found)
    for found in (_maven_local(home), _gradle_cache(home), _coursier_cache(home)):
        if found is not None:
            result.append(found)
    return result


# ----- poms ---------------------------------------------------------------------------------


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_xml(path: Path) -> ElementTree.Element | None:
    if _regular(path) is None:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_POM_BYTES + 1)
        if len(data) > MAX_POM_BYTES:
            return None
        return ElementTree.fromstring(data)
    except (OSError, ElementTree.ParseError, ValueError):
        return None


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    for child in element:
        if _local_name(child.tag) == name:
            return child
    return None


def _text(element: ElementTree.Element | None, name: str) -> str | None:
    child = _child(element, name) if element is not None else None
    return child.text.strip() if child is not None and child.text and child.text.strip() else None


def pom_packaging(pom: Path) -> str:
    """The pom's packaging (`jar` unless it says otherwise; `pom` for BOMs and aggregators)."""
    root = _parse_xml(pom)
    return (_text(root, "packaging") or "jar") if root is not None else "jar"


@dataclass(frozen=True, slots=True)
class PomDependency:
    group: str
    artifact: str
    version: str | None  # None when the pom leaves it to a parent's dependencyManagement


def pom_dependencies(pom: Path) -> list[PomDependency]:
    """The compile and runtime dependencies a pom declares (test, provided, system and
    optional ones are not on a consumer's model path), properties substituted."""
    root = _parse_xml(pom)
    if root is None:
        return []
    parent = _child(root, "parent")
    properties = {}
    version = _text(root, "version") or _text(parent, "version")
    group = _text(root, "groupId") or _text(parent, "groupId")
    for key, value in (("project.version", version), ("version", version), ("pom.version", version),
                       ("project.groupId", group), ("groupId", group), ("project.parent.version", _text(parent, "version"))):
        if value is not None:
            properties[key] = value
    declared = _child(root, "properties")
    if declared is not None:
        for element in declared:
            if element.text is not None:
                properties[_local_name(element.tag)] = element.text.strip()

    def substitute(value: str | None) -> str | None:
        if value is None:
            return None
        for _ in range(8):
            replaced = _PROPERTY.sub(lambda m: properties.get(m.group(1), m.group(0)), value)
            if replaced == value:
                break
            value = replaced
        return value

    result = []
    dependencies = _child(root, "dependencies")
    for element in dependencies if dependencies is not None else ():
        if _local_name(element.tag) != "dependency":
            continue
        scope = _text(element, "scope") or "compile"
        if scope not in ("compile", "runtime") or (_text(element, "optional") or "").lower() == "true":
            continue
        if (_text(element, "type") or "jar") != "jar" or _text(element, "classifier"):
            continue
        dep_group, artifact = substitute(_text(element, "groupId")), substitute(_text(element, "artifactId"))
        if dep_group and artifact:
            result.append(PomDependency(dep_group, artifact, substitute(_text(element, "version"))))
    return result


# ----- resolution ---------------------------------------------------------------------------


@dataclass(slots=True)
class Artifact:
    coordinate: Coordinate
    jar: Path
    requested_by: Coordinate | None  # None for a dependency the project names


@dataclass(slots=True)
class Unresolved:
    """A dependency that could not be resolved, and why."""

    text: str
    reason: str
    requested_by: Coordinate | None  # None for a dependency the project names


@dataclass(slots=True)
class Resolution:
    artifacts: list[Artifact] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    repositories: list[Repository] = field(default_factory=list)

    def direct_unresolved(self) -> list[Unresolved]:
        return [u for u in self.unresolved if u.requested_by is None]


def resolve(dependencies: list[str], repositories: list[Repository]) -> Resolution:
    """Find each dependency's jar and those of its pom dependencies, breadth first."""
    resolution = Resolution(repositories=list(repositories))
    queue: deque[tuple[Coordinate, Coordinate | None]] = deque()
    chosen: set[tuple[str, str]] = set()
    for text in dependencies:
        parsed = parse_coordinate(text)
        if isinstance(parsed, str):
            resolution.unresolved.append(Unresolved(text, parsed, None))
        else:
            queue.append((parsed, None))
    while queue and len(chosen) < MAX_ARTIFACTS:
        coordinate, requested_by = queue.popleft()
        if coordinate.key in chosen:
            continue  # nearest wins
        chosen.add(coordinate.key)
        jar = next((found for r in repositories if (found := r.find(coordinate, "jar")) is not None), None)
        # The pom may sit in another repository than the jar; a pom-only module (a BOM or
        # an aggregator) still has dependencies.
        pom = next((found for r in repositories if (found := r.find(coordinate, "pom")) is not None), None)
        if jar is not None:
            resolution.artifacts.append(Artifact(coordinate, jar, requested_by))
        elif pom is None:
            resolution.unresolved.append(Unresolved(str(coordinate), "not found in any local repository", requested_by))
        elif pom_packaging(pom) != "pom":
            resolution.unresolved.append(Unresolved(
                str(coordinate), f"only its pom was found ({pom}), not its jar (an interrupted download?)", requested_by))
        for dependency in pom_dependencies(pom) if pom is not None else ():
            if dependency.version is None:
                resolution.unresolved.append(Unresolved(
                    f"{dependency.group}:{dependency.artifact}",
                    "its version comes from a parent pom's dependencyManagement, which witsmith does not read", coordinate))
                continue
            problem = unsupported_version(dependency.version)
            if problem is not None:
                resolution.unresolved.append(Unresolved(f"{dependency.group}:{dependency.artifact}:{dependency.version}",
                                                        problem, coordinate))
                continue
            queue.append((Coordinate(dependency.group, dependency.artifact, dependency.version), coordinate))
    return resolution
