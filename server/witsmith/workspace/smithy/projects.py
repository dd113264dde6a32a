"""Which files form a Smithy project: `codegen.toml`, `smithy-build.json`, or loose files.

Nothing here touches the network: `url` models of a `codegen.toml` come from
weld's download cache when it is there, and otherwise from witsmith's
built-in knowledge, with an information diagnostic saying what is missing.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from witsmith.diagnostics import Diagnostic, Severity, report, rule
from witsmith.workspace.files import FileStore, normalize, walk_files
from witsmith.workspace.smithy import jars, jsonc
from witsmith.workspace.smithy.dependencies import MAVEN_UNRESOLVED, resolve_maven

MODEL_SUFFIXES = (".smithy", ".json")
SMITHY_PROJECT_FILE = ".smithy-project.json"  # the Smithy language server's own project file
PROJECT_FILES = ("codegen.toml", "smithy-build.json", SMITHY_PROJECT_FILE)

UNLOADED_MODELS = rule("smithy/models-not-loaded", Severity.INFORMATION,
                       "a model listed by the project could not be loaded from disk")
BAD_PROJECT = rule("smithy/invalid-project-file", Severity.ERROR,
                   "a codegen.toml or smithy-build.json that cannot be read")
OUTSIDE = rule("smithy/path-outside-workspace", Severity.ERROR,
               "a project file names a model path outside the workspace, which witsmith does not read")

# File stems of wasmCloud's shared models, which witsmith knows built in.
BUILTIN_STEMS = {"wasmcloud-model": "org.wasmcloud.model", "wasmcloud-core": "org.wasmcloud.core"}


@dataclass
class Project:
    config: Path | None  # None for loose files
    kind: str  # "codegen", "smithy-build" or "loose"
    files: set[Path] = field(default_factory=set)
    problems: list[Diagnostic] = field(default_factory=list)
    # Models read from the jars of Maven dependencies (paths `<jar>!/META-INF/smithy/...`).
    jar_models: set[Path] = field(default_factory=set)
    # Whether a Maven dependency the project names could not be resolved: its
    # namespaces are unknown, so uses of unknown namespaces are not reported one by one.
    dependency_missing: bool = False
    # A `.smithy-project.json` read together with the `smithy-build.json` beside it.
    companions: list[Path] = field(default_factory=list)

    @property
    def wasmcloud(self) -> bool:
        return self.kind == "codegen"


def weld_cache_dirs() -> list[Path]:
    """Where weld keeps downloaded models ($XDG_CACHE_HOME/smithy or ~/.cache/smithy)."""
    result = []
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        result.append(Path(xdg) / "smithy")
    home = os.environ.get("HOME")
    if home:
        result.append(Path(home) / ".cache" / "smithy")
    return result


def _plain_name(name: str) -> bool:
    """A single file or folder name: no separators, no `..`, nothing a glob expands."""
    return bool(name) and name not in (".", "..") and not any(c in name for c in "/\\*?[]")


def cached_model(url: str, file_name: str) -> Path | None:
    """weld names a cached file `<host>/<stem>.<hash>.<ext>`; the hash is not ours to compute.

    Only plain names are looked up, and only files inside the cache folder are
    returned, so a `files` entry cannot reach elsewhere on the machine.
    """
    host = urlparse(url).hostname or ""
    stem, _, ext = file_name.rpartition(".")
    if not host or not stem or not _plain_name(host) or not _plain_name(file_name):
        return None
    for base in weld_cache_dirs():
        folder = base / host
        try:
            candidates = sorted(folder.glob(f"{stem}.*.{ext}"))
        except OSError:
            continue
        for candidate in candidates:
            if candidate.is_file() and _inside(normalize(candidate), (normalize(folder),)):
                return normalize(candidate)
    return None


def _value_range(source: bytes, needle: str) -> tuple[int, int]:
    index = source.find(needle.encode("utf-8"))
    return (index, index + len(needle.encode("utf-8"))) if index >= 0 else (0, 0)


def _model_files(base: Path, files: FileStore) -> list[Path]:
    result = []
    for path in walk_files(base, MODEL_SUFFIXES, stopped=files.walks_stopped):
        if path.suffix == ".json":
            source = files.read(path)
            if source is None or not is_smithy_json(path, source):
                continue
        result.append(path)
    return result


def is_smithy_json(path: Path, source: bytes) -> bool:
    from witsmith.model.smithy import looks_like_ast

    return path.name not in PROJECT_FILES and looks_like_ast(source)


def _inside(folder: Path, allowed: tuple[Path, ...] | None) -> bool:
    """Whether a project may read ``folder``: only under the workspace roots and the
    configured model paths, never elsewhere on the machine."""
    return allowed is None or any(folder == root or root in folder.parents for root in allowed)


def _outside_problem(config: Path, source: bytes, text: str) -> Diagnostic:
    start, end = _value_range(source, text)
    return report(OUTSIDE, config, start, end,
                  f"`{text}` is outside the workspace, so witsmith does not read it; move the models into the "
                  "workspace, or add the folder to the model paths (the `smithy.modelPaths` setting, or "
                  "`[smithy] model-paths` in witsmith.toml)")


def _model_headers(source: bytes) -> list[tuple[int, int]]:
    """The ranges of the `[[models]]` headers, in order: where each entry is reported."""
    return [(m.start(1), m.end(1)) for m in re.finditer(rb"^[ \t]*(\[\[[ \t]*models[ \t]*\]\])", source, re.MULTILINE)]


def _malformed_model_entry(entry: object) -> str | None:
    """What is wrong with one `[[models]]` entry of codegen.toml, as weld reads it, or None."""
    if not isinstance(entry, dict):
        return "each `models` entry is a table with a `url` or a `path` (and optionally `files`)"
    url, path, listed = entry.get("url"), entry.get("path"), entry.get("files")
    if url is None and path is None:
        return "this `[[models]]` entry has neither `url` nor `path`; add `path = \".\"` for local models or the `url` they come from"
    for key, value in (("url", url), ("path", path)):
        if value is not None and not isinstance(value, str):
            return f"`{key}` must be a string, not {type(value).__name__} `{value!r}`; e.g. {key} = \".\""
    if listed is not None and not (isinstance(listed, list) and all(isinstance(f, str) for f in listed)):
        return "`files` must be a list of file names, e.g. files = [\"my-interface.smithy\"]"
    return None


def read_codegen(config: Path, files: FileStore, allowed: tuple[Path, ...] | None = None) -> Project:
    project = Project(config, "codegen")
    source = files.read(config) or b""
    try:
        data = tomllib.loads(source.decode("utf-8", errors="replace"))
    except tomllib.TOMLDecodeError as error:
        project.problems.append(report(BAD_PROJECT, config, 0, 0, f"codegen.toml cannot be read: {error}"))
        return project
    base = config.parent
    models = data.get("models", [])
    if not isinstance(models, list):
        models = []
    headers = _model_headers(source)
    outside: set[str] = set()
    for index, entry in enumerate(models):
        problem = _malformed_model_entry(entry)
        if problem is not None:
            start, end = headers[index] if index < len(headers) else _value_range(source, "models")
            project.problems.append(report(BAD_PROJECT, config, start, end, problem))
            continue
        listed = [f for f in entry.get("files", []) if isinstance(f, str)] if isinstance(entry.get("files"), list) else []
        url = entry.get("url")
        if isinstance(url, str):
            missing, builtin = [], []
            for name in listed:
                if not _plain_name(name):
                    project.problems.append(_outside_problem(config, source, name))
                    continue
                found = cached_model(url, name)
                if found is not None:
                    project.files.add(found)
                    continue
                stem = name.rsplit(".", 1)[0]
                if stem in BUILTIN_STEMS:
                    builtin.append(f"{name} (using witsmith's built-in {BUILTIN_STEMS[stem]})")
                else:
                    missing.append(name)
            # Models witsmith has built in are not missing: report only what really is.
            if missing:
                start, end = _value_range(source, url)
                parts = []
                if missing:
                    parts.append(f"could not load {', '.join(missing)}: shapes from them will not resolve")
                if builtin:
                    parts.append(", ".join(builtin))
                project.problems.append(report(
                    UNLOADED_MODELS, config, start, end,
                    f"models from {url} are not downloaded (witsmith never fetches them); " + "; ".join(parts)
                    + ". Run weld's code generator once to fill its cache, or copy the files into the project."))
            continue
        path = entry.get("path")
        if not isinstance(path, str):
            continue
        folder = normalize(base / path)
        if not _inside(folder, allowed):
            if path not in outside:  # one diagnostic per folder, not one per entry naming it
                outside.add(path)
                project.problems.append(_outside_problem(config, source, path))
            continue
        if listed:
            for name in listed:
                candidate = normalize(folder / name)
                if not _inside(candidate, allowed):
                    project.problems.append(_outside_problem(config, source, name))
                    continue
                if files.read(candidate) is not None:
                    project.files.add(candidate)
                else:
                    start, end = _value_range(source, name)
                    project.problems.append(report(UNLOADED_MODELS, config, start, end,
                                                   f"the model file {name} does not exist under {path}; fix the name or the path"))
        else:
            project.files.update(_model_files(folder, files))
    return project


def _read_jsonc(config: Path, files: FileStore, project: Project) -> tuple[bytes, dict | None]:
    source = files.read(config) or b""
    try:
        # Smithy and its language server read their project files as JSON with comments.
        data = jsonc.loads(source.decode("utf-8", errors="replace"))
    except jsonc.JsoncError as error:
        at = len(source.decode("utf-8", errors="replace")[:error.offset].encode("utf-8"))
        project.problems.append(report(BAD_PROJECT, config, at, at, f"{config.name} cannot be read: {error}"))
        return source, None
    return source, data if isinstance(data, dict) else None


def _read_sources(project: Project, config: Path, source: bytes, data: dict, files: FileStore,
                  allowed: tuple[Path, ...] | None) -> None:
    for key in ("sources", "imports"):
        entries = data.get(key, [])
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if isinstance(entry, str):
                folder = normalize(config.parent / entry)
                if not _inside(folder, allowed):
                    project.problems.append(_outside_problem(config, source, entry))
                    continue
                if folder.suffix == ".jar" and folder.is_file():
                    _read_jar(project, config, source, entry, folder)  # Smithy reads a jar's models too
                    continue
                project.files.update(_model_files(folder, files))


def _read_jar(project: Project, config: Path, source: bytes, written: str, jar: Path) -> None:
    try:
        project.jar_models.update(jars.models(jar).sources)
    except jars.JarError as error:
        start, end = _value_range(source, written)
        project.problems.append(report(MAVEN_UNRESOLVED, config, start, end,
                                       f"the dependency `{written}` cannot be read: {error}; fix the path"))
        project.dependency_missing = True


def _read_jar_dependencies(project: Project, config: Path, source: bytes, data: dict) -> None:
    """`.smithy-project.json` names jars by path: `"dependencies": [{"name": ..., "path": "x.jar"}]`."""
    entries = data.get("dependencies")
    for entry in entries if isinstance(entries, list) else ():
        path = entry.get("path") if isinstance(entry, dict) else None
        if isinstance(path, str):
            _read_jar(project, config, source, path, normalize(config.parent / path))


def _maven_section(data: dict) -> object:
    """`maven`, or the older top-level `mavenDependencies`/`mavenRepositories` the Smithy
    language server still reads."""
    maven = data.get("maven")
    if isinstance(maven, dict) or not isinstance(data.get("mavenDependencies"), list):
        return maven
    repositories = data.get("mavenRepositories")
    return {"dependencies": data["mavenDependencies"],
            "repositories": [{"url": r} for r in repositories if isinstance(r, str)] if isinstance(repositories, list) else []}


def read_smithy_build(config: Path, files: FileStore, allowed: tuple[Path, ...] | None = None,
                      maven_repositories: tuple[Path, ...] = ()) -> Project:
    """A `smithy-build.json` project, with the `.smithy-project.json` beside it if any
    (or a `.smithy-project.json` alone)."""
    project = Project(config, "smithy-build")
    source, data = _read_jsonc(config, files, project)
    if data is None:
        return project
    if config.name == SMITHY_PROJECT_FILE:
        _read_jar_dependencies(project, config, source, data)
    else:
        resolve_maven(project, _maven_section(data), source, maven_repositories)
    _read_sources(project, config, source, data, files, allowed)
    companion = config.parent / SMITHY_PROJECT_FILE
    if config.name != SMITHY_PROJECT_FILE and files.read(companion) is not None:
        project.companions.append(companion)
        companion_source, companion_data = _read_jsonc(companion, files, project)
        if companion_data is not None:
            _read_jar_dependencies(project, companion, companion_source, companion_data)
            _read_sources(project, companion, companion_source, companion_data, files, allowed)
    return project


def discover(root: Path, files: FileStore, allowed: tuple[Path, ...] | None = None,
             maven_repositories: tuple[Path, ...] = ()) -> list[Project]:
    """Projects under `root`; files claimed by no project file form one loose project.

    Project files read models only inside `allowed` (the workspace roots and model
    paths; by default, the folder searched).
    """
    root = normalize(root)
    if root.is_file() or files.is_open(root):
        allowed = allowed or (root.parent,)
        if root.name == "codegen.toml":
            return [read_codegen(root, files, allowed)]
        if root.name == "smithy-build.json":
            return [read_smithy_build(root, files, allowed, maven_repositories)]
        if root.name == SMITHY_PROJECT_FILE:
            build = root.parent / "smithy-build.json"
            main = build if files.read(build) is not None else root
            return [read_smithy_build(main, files, allowed, maven_repositories)]
        return [Project(None, "loose", {root})]
    allowed = allowed or (root,)
    projects: list[Project] = []
    loose: list[Path] = []
    for path in walk_files(root, PROJECT_FILES + MODEL_SUFFIXES, stopped=files.walks_stopped):
        if path.name == "codegen.toml":
            projects.append(read_codegen(path, files, allowed))
        elif path.name == "smithy-build.json":
            projects.append(read_smithy_build(path, files, allowed, maven_repositories))
        elif path.name == SMITHY_PROJECT_FILE:
            if files.read(path.parent / "smithy-build.json") is None:  # else read with it
                projects.append(read_smithy_build(path, files, allowed, maven_repositories))
        elif path.suffix in MODEL_SUFFIXES:
            loose.append(path)
    claimed = set().union(*(p.files for p in projects)) if projects else set()
    rest = set()
    for path in loose:
        if path in claimed:
            continue
        if path.suffix == ".json":
            source = files.read(path)
            if source is None or not is_smithy_json(path, source):
                continue
        rest.add(path)
    if rest:
        projects.append(Project(None, "loose", rest))
    return projects


def project_of_file(path: Path, files: FileStore, tops: list[Path],
                    allowed: tuple[Path, ...] | None = None,
                    maven_repositories: tuple[Path, ...] = ()) -> Project:
    """The project one model file belongs to, found without walking the workspace: the
    nearest `codegen.toml` or `smithy-build.json` in its folder or above (up to the
    workspace folder holding it) that lists it, or else a loose project of the model
    files beside it.  This is what a file's verdict depends on, small enough to read
    when the file is opened while the whole workspace is still being indexed."""
    path = normalize(path)
    top = max((t for t in tops if t == path.parent or t in path.parents), key=lambda t: len(t.parts), default=path.parent)
    folder = path.parent
    while True:
        for name in PROJECT_FILES:
            config = folder / name
            if files.read(config) is None:
                continue
            if name == "codegen.toml":
                project = read_codegen(config, files, allowed or (top,))
            else:
                project = read_smithy_build(config, files, allowed or (top,), maven_repositories)
            if path in project.files:
                return project
        if folder == top or folder == folder.parent:
            break
        folder = folder.parent
    beside = {p for p in _model_files_beside(path.parent, files)}
    return Project(None, "loose", beside | {path})


def _model_files_beside(folder: Path, files: FileStore) -> list[Path]:
    """Model files directly in ``folder`` (not below it)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if not entry.name.lower().endswith(MODEL_SUFFIXES) or entry.name in PROJECT_FILES:
            continue
        try:
            if not entry.is_file():
                continue
        except OSError:
            continue
        path = normalize(entry.path)
        if path.suffix == ".json":
            source = files.read(path)
            if source is None or not is_smithy_json(path, source):
                continue
        found.append(path)
    return found
