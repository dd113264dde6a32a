"""Files as witsmith sees them: open editor buffers laid over the disk, found by a
bounded walk that skips build output and ignored folders, parsed once per content.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from witsmith.pacing import pace
from witsmith.syntax import SyntaxTree, parse

# Folders that never hold sources users edit.
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "build", "target", ".venv", "venv", "__pycache__", ".wash"})

# A file larger than this is not read from disk (a diagnostic says so); witsmith.toml's
# `max-file-size` raises it.  Far above any hand-written model, far below what would
# take the server minutes to parse.
MAX_FILE_BYTES = 4 * 1024 * 1024
# At most this many files are read from disk into one workspace (`max-files` raises it):
# opening `/` or a home folder by mistake must not index the machine.
MAX_WORKSPACE_FILES = 20_000
# At most this many folder entries are listed by one walk: a workspace folder of `/` or
# of a home folder must not be listed whole before anything is read (a walk that stops
# is recorded, for one message saying how to narrow the folder).
MAX_WALK_ENTRIES = 200_000
# Pseudo file systems that hold no sources and never end (a walk of `/` skips them).
_PSEUDO_FOLDERS = frozenset({"/proc", "/sys", "/dev"})
# A `.gitignore` or small project file larger than this is not a real one.
_MAX_SMALL_FILE_BYTES = 1024 * 1024


class NotReadable(Exception):
    """A file that exists but is not read: not a regular file, too large, or refused
    by the operating system.  The message says which, for a diagnostic."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind  # "too-large" or "unreadable"
        self.message = message


def read_regular_file(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes; None when it does not exist.

    Never blocks on a FIFO or a device, and never reads more than ``limit`` + 1 bytes
    (a link to `/dev/zero` or a file growing while read cannot exhaust memory).
    Raises NotReadable for a file that exists but is not read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except OSError as error:
        raise NotReadable("unreadable", _unreadable(error)) from None
    except ValueError:  # a NUL in the name
        return None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            return None
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("unreadable", "this is not a regular file (a pipe, socket or device, or a link to "
                                            "one), so witsmith does not read it")
        if info.st_size > limit:
            raise NotReadable("too-large", _too_large(info.st_size, limit))
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise NotReadable("too-large", _too_large(total, limit))
        return b"".join(chunks)
    except OSError as error:
        raise NotReadable("unreadable", _unreadable(error)) from None
    finally:
        os.close(descriptor)


def peek(path: Path, count: int) -> bytes:
    """The first ``count`` bytes of a regular file (empty when it cannot be read)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except (OSError, ValueError):
        return b""
    try:
        return os.read(descriptor, count) if stat.S_ISREG(os.fstat(descriptor).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(descriptor)


def read_small_file(path: Path) -> bytes | None:
    """A project or ignore file's bytes, or None when it is missing or not readable."""
    try:
        return read_regular_file(path, _MAX_SMALL_FILE_BYTES)
    except NotReadable:
        return None


def _unreadable(error: OSError) -> str:
    return (f"this file cannot be read ({error.strerror or error}), so it is not checked and its definitions "
            "are missing elsewhere; make it readable, or remove it")


def _too_large(size: int, limit: int) -> str:
    return (f"this file is {size:,} bytes, over witsmith's limit of {limit:,} bytes, so it is not checked; "
            "raise `max-file-size` in witsmith.toml to check it")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a file that exists was not read."""

    kind: str  # "too-large" or "unreadable"
    message: str


def normalize(path: str | os.PathLike[str]) -> Path:
    """One spelling per file: absolute, with `..` resolved, symlinks kept as named."""
    return Path(os.path.abspath(os.fspath(path)))


class FileStore:
    """The text of each file: an open buffer when there is one, otherwise the disk."""

    def __init__(self, max_file_bytes: int = MAX_FILE_BYTES, max_files: int = MAX_WORKSPACE_FILES) -> None:
        self._open: dict[Path, bytes] = {}
        self.max_file_bytes = max_file_bytes
        self.max_files = max_files
        # Files that exist but were not read, and why: each gets a diagnostic.
        self.refused: dict[Path, Refusal] = {}
        self._read_from_disk: set[Path] = set()
        # Files not read because the workspace already holds `max_files`.
        self.over_limit: set[Path] = set()
        # Folders where a walk stopped listing, having listed `MAX_WALK_ENTRIES` entries.
        self.walks_stopped: list[Path] = []
        # Open files whose text the editor sent in a message too large to read.
        self._withheld: dict[Path, Refusal] = {}

    def is_open(self, path: Path) -> bool:
        return normalize(path) in self._open

    def set_buffer(self, path: Path, source: bytes) -> None:
        path = normalize(path)
        self._open[path] = source
        self._withheld.pop(path, None)

    def withhold(self, path: Path, message: str) -> None:
        """An open file whose text is not known: neither the buffer nor the disk is read."""
        path = normalize(path)
        self._open.pop(path, None)
        self._withheld[path] = Refusal("too-large", message)

    def close_buffer(self, path: Path) -> None:
        path = normalize(path)
        self._open.pop(path, None)
        self._withheld.pop(path, None)

    def read(self, path: Path) -> bytes | None:
        """The file's bytes, or None when it is missing, unreadable or not a file.

        A file that exists but is not read (too large, not a regular file, refused by
        the operating system) is recorded in ``refused``; one past the workspace's
        file limit in ``over_limit``.
        """
        path = normalize(path)
        withheld = self._withheld.get(path)
        if withheld is not None:
            self.refused[path] = withheld
            return None
        buffer = self._open.get(path)
        if buffer is not None:
            if len(buffer) > self.max_file_bytes:
                # An editor can hold any text; a buffer over the limit is refused like a file.
                self.refused[path] = Refusal("too-large", _too_large(len(buffer), self.max_file_bytes))
                return None
            self.refused.pop(path, None)
            return buffer
        if path not in self._read_from_disk and len(self._read_from_disk) >= self.max_files:
            if path.exists():
                self.over_limit.add(path)
            return None
        try:
            source = read_regular_file(path, self.max_file_bytes)
        except NotReadable as refusal:
            self.refused[path] = Refusal(refusal.kind, refusal.message)
            return None
        self.refused.pop(path, None)
        if source is not None:
            self._read_from_disk.add(path)
        return source


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
    source = read_small_file(folder / ".gitignore")
    if source is None:
        return []
    text = source.decode("utf-8", errors="replace")
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


def walk_files(root: Path, suffixes: Iterable[str], *, respect_gitignore: bool = True,
               max_entries: int | None = None, stopped: list[Path] | None = None) -> Iterator[Path]:
    """Files under ``root`` with one of ``suffixes``, in a stable order.

    Follows symlinked folders once each (a symlink loop cannot trap the walk),
    skips build output, version-control folders and pseudo file systems, honours
    ``.gitignore`` files, and never yields a pipe, socket or device.  Files too
    large or unreadable are yielded: reading them records why, for a diagnostic.
    Lists at most ``max_entries`` folder entries (`MAX_WALK_ENTRIES`), then stops and
    appends the folder it was listing to ``stopped``.
    """
    budget = MAX_WALK_ENTRIES if max_entries is None else max_entries
    suffixes = tuple(s.lower() for s in suffixes)
    root = normalize(root)
    if root.is_file():
        if root.suffix.lower() in suffixes:
            yield root
        return
    seen_dirs: set[str] = set()
    stack: list[tuple[Path, list[tuple[str, list[str]]]]] = [(root, [])]
    while stack:
        pace()  # a large tree is walked a slice at a time where the caller asks for it
        folder, patterns = stack.pop()
        try:
            real = os.path.realpath(folder)
        except OSError:
            continue
        if real in seen_dirs or real in _PSEUDO_FOLDERS:
            continue
        seen_dirs.add(real)
        if respect_gitignore:
            own = _gitignore_patterns(folder)
            if own:
                relative_base = "" if folder == root else folder.relative_to(root).as_posix() + "/"
                patterns = patterns + [(relative_base, own)]
        try:
            with os.scandir(folder) as listing:
                # Never more than the budget left, however many entries the folder holds.
                entries = list(islice(listing, budget + 1))
        except OSError:
            continue
        budget -= len(entries)
        if budget < 0:
            if stopped is not None and folder not in stopped:
                stopped.append(folder)
            return
        entries.sort(key=lambda entry: entry.name)
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
                    mode = entry.stat().st_mode
                except FileNotFoundError:
                    continue  # a link to nowhere is no file
                except OSError:
                    yield path  # a link loop, say: reading it reports why it cannot be read
                    continue
                if stat.S_ISREG(mode):
                    yield path
        stack.extend(reversed(subfolders))
