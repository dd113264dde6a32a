"""Smithy models inside jars, read in place (never extracted to disk).

A jar lists its models in ``META-INF/smithy/manifest``, one path per line relative to
``META-INF/smithy/``; Smithy reads exactly those.  Each model gets a path that names
the jar and the entry, ``<jar>!/META-INF/smithy/<entry>``, which exists nowhere on
disk: front ends ask ``jar_source`` for its text.  Contents and summaries are cached
per jar path, modification time and size, so a server re-indexing, or several
projects naming one jar, read it once.
"""

from __future__ import annotations

import os
import stat
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from witsmith.model.smithy import FileSummary, Problem, looks_like_ast, summarize_ast, summarize_idl
from witsmith.syntax import parse

MANIFEST = "META-INF/smithy/manifest"
PREFIX = "META-INF/smithy/"
SEPARATOR = "!/"
# Larger jars or models are not read (a model jar is kilobytes to a few megabytes).
MAX_JAR_BYTES = 256 * 1024 * 1024
MAX_MODEL_BYTES = 32 * 1024 * 1024
MAX_MODELS_BYTES = 128 * 1024 * 1024


class JarError(Exception):
    """A jar that cannot be read, with a message for people."""


@dataclass
class JarModels:
    jar: Path
    sources: dict[Path, bytes] = field(default_factory=dict)  # model path -> bytes
    summaries: dict[Path, FileSummary] = field(default_factory=dict)


_cache: dict[Path, tuple[int, int, JarModels]] = {}
_lock = threading.Lock()
stats = {"jar_reads": 0}


def model_path(jar: Path, entry: str) -> Path:
    return Path(f"{jar}{SEPARATOR}{entry}")


def split_model_path(path: Path) -> tuple[Path, str] | None:
    """(jar, entry) of a path made by ``model_path``."""
    text = str(path)
    jar, sep, entry = text.partition(SEPARATOR)
    return (Path(jar), entry) if sep and jar.endswith(".jar") else None


def _read(jar: Path) -> JarModels:
    result = JarModels(jar)
    try:
        with zipfile.ZipFile(jar) as archive:
            try:
                info = archive.getinfo(MANIFEST)
            except KeyError:
                return result  # a jar without Smithy models
            manifest = _bounded(archive, info).decode("utf-8", errors="replace")
            total = 0
            for line in manifest.splitlines():
                name = line.strip()
                if not name or name.startswith("#"):
                    continue
                entry = PREFIX + name
                try:
                    info = archive.getinfo(entry)
                except KeyError:
                    continue  # listed but absent: Smithy fails the build; nothing to show here
                total += info.file_size
                if total > MAX_MODELS_BYTES:
                    raise JarError(f"{jar} holds more than {MAX_MODELS_BYTES // (1024 * 1024)} MB of models")
                result.sources[model_path(jar, entry)] = _bounded(archive, info)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, EOFError) as error:
        raise JarError(f"{jar} cannot be read as a jar: {error}") from None
    return result


def _bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_MODEL_BYTES:
        raise JarError(f"{info.filename} is larger than {MAX_MODEL_BYTES // (1024 * 1024)} MB")
    with archive.open(info) as handle:
        data = handle.read(MAX_MODEL_BYTES + 1)  # the header's size may lie
    if len(data) > MAX_MODEL_BYTES:
        raise JarError(f"{info.filename} is larger than {MAX_MODEL_BYTES // (1024 * 1024)} MB")
    return data


def models(jar: Path) -> JarModels:
    """The models a jar lists, read once per version of the file; raises JarError."""
    try:
        status = os.stat(jar)
    except OSError as error:
        raise JarError(f"{jar} cannot be read: {error.strerror}") from None
    if not stat.S_ISREG(status.st_mode):
        raise JarError(f"{jar} is not a regular file")
    if status.st_size > MAX_JAR_BYTES:
        raise JarError(f"{jar} is larger than {MAX_JAR_BYTES // (1024 * 1024)} MB")
    key = (status.st_mtime_ns, status.st_size)
    with _lock:
        cached = _cache.get(jar)
        if cached is not None and cached[:2] == key:
            return cached[2]
    found = _read(jar)
    stats["jar_reads"] += 1
    with _lock:
        _cache[jar] = (*key, found)
    return found


def _cached(path: Path) -> JarModels | None:
    split = split_model_path(path)
    if split is None:
        return None
    with _lock:
        cached = _cache.get(split[0])
    return cached[2] if cached is not None else None


def jar_source(path: Path) -> bytes | None:
    """The text of a model read from a jar, by its model path."""
    found = _cached(path)
    return found.sources.get(path) if found is not None else None


def summary(path: Path) -> FileSummary | None:
    """The summary of a model read from a jar (summarized once per jar version)."""
    found = _cached(path)
    if found is None:
        return None
    existing = found.summaries.get(path)
    if existing is not None:
        return existing
    source = found.sources.get(path)
    if source is None:
        return None
    try:
        if path.suffix == ".json":
            made = summarize_ast(path, source) if looks_like_ast(source) else FileSummary(path=path, format="json")
        else:
            made = summarize_idl(path, parse("smithy", source))
    except Exception as error:  # noqa: BLE001 - a broken jar gives a diagnostic, never a crash
        made = FileSummary(path=path, format="json" if path.suffix == ".json" else "idl")
        made.problems.append(Problem("smithy/internal-error", 0, 0, f"witsmith could not read this model: {error!r}"))
    found.summaries[path] = made
    return made
