"""Files as witsmith sees them: open editor buffers laid over the disk, found by a
bounded walk that skips build output and ignored folders, parsed once per content.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from witsmith.syntax import SyntaxTree, parse

# Folders that never hold sources users edit.
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "build", "target", ".venv", "venv", "__pycache__", ".wash"})

# A workspace file larger than this is not read from disk when walking folders.
MAX_FILE_BYTES = 16 * 1024 * 1024


def normalize(path: str | os.PathLike[str]) -> Path:
    """One spelling per file: absolute, with `..` resolved, symlinks kept as named."""
    return Path(os.path.abspath(os.fspath(path)))


class FileStore:
    """The text of each file: an open buffer when there is one, otherwise the disk."""

    def __init__(self) -> None:
        self._open: dict[Path, bytes] = {}

    def is_open(self, path: Path) -> bool:
        return normalize(path) in self._open

    def set_buffer(self, path: Path, source: bytes) -> None:
        self._open[normalize(path)] = source

    def close_buffer(self, path: Path) -> None:
        self._open.pop(normalize(path), None)

    def read(self, path: Path) -> bytes | None:
        """The file's bytes, or None when it is missing, unreadable or not a file."""
        path = normalize(path)
        buffer = self._open.get(path)
        if buffer is not None:
            return buffer
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except (OSError, ValueError):
            return None


class ParseCache:
    """Parsed trees by path, reused while the source bytes are unchanged."""

    def __init__(self) -> None:
        self._trees: dict[Path, SyntaxTree] = {}

    def get(self, path: Path, lang_id: str, source: bytes) -> SyntaxTree:
        path = normalize(path)
        cached = self._trees.get(path)
        if cached is not None and cached.lang_id == lang_id and cached.source == source:
            return cached
        tree = parse(lang_id, source)
        self._trees[path] = tree
        return tree

    def put(self, path: Path, tree: SyntaxTree) -> None:
        """Record a tree the caller reparsed incrementally."""
        self._trees[normalize(path)] = tree

    def cached(self, path: Path) -> SyntaxTree | None:
        """The last tree parsed for a file, without reading it again."""
        return self._trees.get(normalize(path))

    def forget(self, path: Path) -> None:
        self._trees.pop(normalize(path), None)


def _gitignore_patterns(folder: Path) -> list[str]:
    try:
        text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    patterns = []
    for line in text.splitlines():
        line = line.strip()
        # Negations are rare in these projects; ignoring them errs on reading more.
        if line and not line.startswith(("#", "!")):
            patterns.append(line)
    return patterns


def _ignored(name: str, relative: str, is_dir: bool, patterns: list[tuple[str, list[str]]]) -> bool:
    for base, rules in patterns:
        if not relative.startswith(base):
            continue
        local = relative[len(base):]
        for rule in rules:
            dir_only = rule.endswith("/")
            rule = rule.rstrip("/")
            if dir_only and not is_dir:
                continue
            anchored = "/" in rule
            rule = rule.lstrip("/")
            if anchored and fnmatch.fnmatchcase(local, rule):
                return True
            if not anchored and fnmatch.fnmatchcase(name, rule):
                return True
    return False


def walk_files(root: Path, suffixes: Iterable[str], *, respect_gitignore: bool = True) -> Iterator[Path]:
    """Files under ``root`` with one of ``suffixes``, in a stable order.

    Follows symlinked folders once each (a symlink loop cannot trap the walk),
    skips build output and version-control folders, honours ``.gitignore`` files
    and never yields a file over ``MAX_FILE_BYTES``.
    """
    suffixes = tuple(s.lower() for s in suffixes)
    root = normalize(root)
    if root.is_file():
        if root.suffix.lower() in suffixes:
            yield root
        return
    seen_dirs: set[str] = set()
    stack: list[tuple[Path, list[tuple[str, list[str]]]]] = [(root, [])]
    while stack:
        folder, patterns = stack.pop()
        try:
            real = os.path.realpath(folder)
        except OSError:
            continue
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        if respect_gitignore:
            own = _gitignore_patterns(folder)
            if own:
                relative_base = "" if folder == root else folder.relative_to(root).as_posix() + "/"
                patterns = patterns + [(relative_base, own)]
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            relative = path.relative_to(root).as_posix()
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                if entry.name in SKIPPED_DIRS or _ignored(entry.name, relative, True, patterns):
                    continue
                subfolders.append((path, patterns))
            elif entry.name.lower().endswith(suffixes):
                if _ignored(entry.name, relative, False, patterns):
                    continue
                try:
                    if entry.stat().st_size > MAX_FILE_BYTES:
                        continue
                except OSError:
                    continue
                yield path
        stack.extend(reversed(subfolders))
