"""Which files form a Smithy project: `codegen.toml`, `smithy-build.json`, or loose files.

Nothing here touches the network: `url` models of a `codegen.toml` come from
weld's download cache when it is there, and otherwise from witsmith's
built-in knowledge, with an information diagnostic saying what is missing.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from witsmith.diagnostics import Diagnostic, Severity, report, rule
from witsmith.workspace.files import FileStore, normalize, walk_files

MODEL_SUFFIXES = (".smithy", ".json")
PROJECT_FILES = ("codegen.toml", "smithy-build.json")

UNLOADED_MODELS = rule("smithy/models-not-loaded", Severity.INFORMATION,
                       "a model listed by the project could not be loaded from disk")
BAD_PROJECT = rule("smithy/invalid-project-file", Severity.ERROR,
                   "a codegen.toml or smithy-build.json that cannot be read")

# File stems of wasmCloud's shared models, which witsmith knows built in.
BUILTIN_STEMS = {"wasmcloud-model": "org.wasmcloud.model", "wasmcloud-core": "org.wasmcloud.core"}


@dataclass
class Project:
    config: Path | None  # None for loose files
    kind: str  # "codegen", "smithy-build" or "loose"
    files: set[Path] = field(default_factory=set)
    problems: list[Diagnostic] = field(default_factory=list)

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


def cached_model(url: str, file_name: str) -> Path | None:
    """weld names a cached file `<host>/<stem>.<hash>.<ext>`; the hash is not ours to compute."""
    host = urlparse(url).hostname or ""
    stem, _, ext = file_name.rpartition(".")
    if not host or not stem:
        return None
    for base in weld_cache_dirs():
        folder = base / host
        try:
            candidates = sorted(folder.glob(f"{stem}.*.{ext}"))
        except OSError:
            continue
        for candidate in candidates:
            if candidate.is_file():
                return normalize(candidate)
    return None


def _value_range(source: bytes, needle: str) -> tuple[int, int]:
    index = source.find(needle.encode("utf-8"))
    return (index, index + len(needle.encode("utf-8"))) if index >= 0 else (0, 0)


def _model_files(base: Path, files: FileStore) -> list[Path]:
    result = []
    for path in walk_files(base, MODEL_SUFFIXES):
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
    return report(BAD_PROJECT, config, start, end,
                  f"`{text}` is outside the workspace, so witsmith does not read it; move the models into the "
                  "workspace or add the folder to the `smithy.modelPaths` setting")


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
    for entry in models:
        if not isinstance(entry, dict):
            continue
        listed = [f for f in entry.get("files", []) if isinstance(f, str)] if isinstance(entry.get("files"), list) else []
        url = entry.get("url")
        if isinstance(url, str):
            missing, builtin = [], []
            for name in listed:
                found = cached_model(url, name)
                if found is not None:
                    project.files.add(found)
                    continue
                stem = name.rsplit(".", 1)[0]
                if stem in BUILTIN_STEMS:
                    builtin.append(f"{name} (using witsmith's built-in {BUILTIN_STEMS[stem]})")
                else:
                    missing.append(name)
            if missing or builtin:
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
            project.problems.append(_outside_problem(config, source, path))
            continue
        if listed:
            for name in listed:
                candidate = normalize(folder / name)
                if files.read(candidate) is not None:
                    project.files.add(candidate)
                else:
                    start, end = _value_range(source, name)
                    project.problems.append(report(UNLOADED_MODELS, config, start, end,
                                                   f"the model file {name} does not exist under {path}; fix the name or the path"))
        else:
            project.files.update(_model_files(folder, files))
    return project


def read_smithy_build(config: Path, files: FileStore, allowed: tuple[Path, ...] | None = None) -> Project:
    project = Project(config, "smithy-build")
    source = files.read(config) or b""
    try:
        data = json.loads(source.decode("utf-8", errors="replace"))
    except ValueError as error:
        project.problems.append(report(BAD_PROJECT, config, 0, 0, f"smithy-build.json cannot be read: {error}"))
        return project
    if not isinstance(data, dict):
        return project
    maven = data.get("maven")
    dependencies = maven.get("dependencies") if isinstance(maven, dict) else None
    if isinstance(dependencies, list) and dependencies:
        names = [d for d in dependencies if isinstance(d, str)]
        start, end = _value_range(source, '"maven"')
        project.problems.append(report(
            UNLOADED_MODELS, config, start, end,
            f"Maven dependencies are not downloaded by witsmith ({', '.join(names[:5])}"
            f"{', ...' if len(names) > 5 else ''}); shapes from them are not checked. Add their model files "
            "to the `smithy.modelPaths` setting to check against them."))
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
                project.files.update(_model_files(folder, files))
    return project


def discover(root: Path, files: FileStore, allowed: tuple[Path, ...] | None = None) -> list[Project]:
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
            return [read_smithy_build(root, files, allowed)]
        return [Project(None, "loose", {root})]
    allowed = allowed or (root,)
    projects: list[Project] = []
    loose: list[Path] = []
    for path in walk_files(root, PROJECT_FILES + MODEL_SUFFIXES):
        if path.name == "codegen.toml":
            projects.append(read_codegen(path, files, allowed))
        elif path.name == "smithy-build.json":
            projects.append(read_smithy_build(path, files, allowed))
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
                    allowed: tuple[Path, ...] | None = None) -> Project:
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
            reader = read_codegen if name == "codegen.toml" else read_smithy_build
            project = reader(config, files, allowed or (top,))
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
