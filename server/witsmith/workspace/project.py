"""One workspace over both languages: the file store, the parse cache, the settings,
and a Smithy and a WIT workspace that resolve names in their own language.

The language server keeps one of these per session; ``witsmith check`` builds one
per configuration it finds.  Both ask the same questions of it.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.pacing import SLICE_SECONDS, Paced
from witsmith.settings import Settings
from witsmith.workspace.files import MAX_WALK_ENTRIES, MAX_FILE_BYTES, MAX_WORKSPACE_FILES, FileStore, ParseCache, normalize, peek
from witsmith.workspace.smithy import SmithyWorkspace
from witsmith.workspace.wit import WitWorkspace

SMITHY_SUFFIXES = (".smithy", ".json")
WIT_SUFFIXES = (".wit",)


def language_of(path: Path) -> str | None:
    """Which language workspace answers for a file: by extension (a Smithy JSON AST
    model is a ``.json`` file; the Smithy workspace decides whether it is one)."""
    suffix = path.suffix.lower()
    if suffix in WIT_SUFFIXES or path.name == "wasmcloud.toml":
        return "wit"
    if suffix == ".wasm" and path.parent.name == "deps":
        return "wit"  # a WIT package encoded as a component, read by the WIT workspace
    if suffix in SMITHY_SUFFIXES or path.name in ("codegen.toml", "smithy-build.json", ".smithy-project.json"):
        return "smithy"
    return None


def _under(path: Path, folders: set[Path]) -> bool:
    return any(parent in folders for parent in path.parents)


class Workspace:
    def __init__(self, settings: Settings | None = None) -> None:
        self.files = FileStore()
        self.parses = ParseCache()
        self.settings = settings or Settings()
        self._apply_limits(self.settings)
        self.smithy = SmithyWorkspace(self.files, self.parses, self.settings)
        self.wit = WitWorkspace(self.files, self.parses, self.settings)
        self.roots: list[Path] = []
        self._paced: Paced | None = None  # an update run a slice at a time, not finished yet

    def _apply_limits(self, settings: Settings) -> None:
        self.files.max_file_bytes = settings.max_file_bytes or MAX_FILE_BYTES
        self.files.max_files = settings.max_files or MAX_WORKSPACE_FILES

    def set_settings(self, settings: Settings) -> None:
        self.settle()
        self.settings = settings
        self._apply_limits(settings)
        self.smithy.set_settings(settings)
        self.wit.set_settings(settings)

    def add_root(self, path: Path) -> None:
        """A folder to search for projects and packages, or a single file."""
        self.settle()
        path = normalize(path)
        self.roots.append(path)
        self.smithy.add_root(path)
        self.wit.add_root(path)

    def take_summaries(self, hints: dict[Path, tuple[bytes, object]]) -> None:
        """Per-file summaries made by worker processes (`witsmith.workspace.indexing`):
        roots added next use them instead of parsing files whose bytes still match."""
        self.settle()
        self.smithy.take_summaries(hints)
        self.wit.take_summaries(hints)

    def add_paths(self, paths: list[Path], tops: list[Path] = ()) -> list[Path]:
        """Folders and files given to check, each read once with what its verdict needs:
        a folder is searched for projects and packages of both languages (a folder inside
        another given one adds nothing); a file brings its own project, in its language
        only.  The model files the paths cover.  Work is linear in the number of paths."""
        self.settle()
        paths = [normalize(p) for p in paths]
        folders: set[Path] = set()
        for folder in sorted({p for p in paths if p.is_dir()}, key=lambda p: len(p.parts)):
            if not _under(folder, folders):
                folders.add(folder)
        ordered = sorted(folders)
        self.roots.extend(ordered)
        self.smithy.add_roots(ordered)
        for folder in ordered:
            self.wit.add_root(folder)
        named: set[Path] = set()
        tops = [*ordered, *(normalize(t) for t in tops)]
        for path in paths:
            if path in folders or _under(path, folders) or language_of(path) is None or path.is_dir():
                continue
            named.add(path)
            if not self.knows(path):
                self.add_project_of(path, tops)
            if language_of(path) == "smithy":
                # Its project file speaks for it: a missing dependency is reported there.
                config = self.smithy.project_file_of(path)
                if config is not None:
                    named.add(config)
        return [f for f in self.known_files() if f in named or _under(f, folders)]

    def add_project_of(self, path: Path, tops: list[Path] = (), max_files: int | None = None) -> set[Path]:
        """Read what one file's verdict depends on (its WIT package with deps/, or its
        Smithy project of at most ``max_files`` files) without walking ``tops``, the
        workspace folders; the files whose diagnostics may change."""
        self.settle()
        path = normalize(path)
        language = language_of(path)
        if language == "wit":
            return self.wit.add_package_of(path, [normalize(t) for t in tops])
        if language == "smithy":
            return self.smithy.add_project_of(path, [normalize(t) for t in tops], max_files)
        return set()

    def update(self, path: Path) -> set[Path]:
        """A file changed (in an editor buffer or on disk); the files whose diagnostics may change."""
        self.settle()
        return self._update(normalize(path))

    def _update(self, path: Path) -> set[Path]:
        language = language_of(path)
        if language == "wit":
            return self.wit.update(path)
        if language == "smithy":
            return self.smithy.update(path)
        return set()

    def update_paced(self, path: Path, slice_seconds: float = SLICE_SECONDS) -> Paced:
        """``update(path)`` to be run a slice at a time (`Paced.step`), for a caller that
        answers other requests between slices; its result is ``update``'s.  Any other
        change to the workspace lets it finish first."""
        self.settle()
        path = normalize(path)
        self._paced = Paced(lambda: self._update(path), slice_seconds)
        return self._paced

    def settle(self) -> None:
        """Finish an update begun by `update_paced`, before the workspace changes otherwise."""
        paced, self._paced = self._paced, None
        if paced is not None and not paced.done:
            paced.finish()

    def knows(self, path: Path) -> bool:
        """Whether a model file is part of the workspace (a lookup, not a listing: this
        runs on every keystroke)."""
        path = normalize(path)
        language = language_of(path)
        if language == "wit":
            return self.wit.summary(path) is not None
        if language == "smithy":
            return self.smithy.summary(path) is not None
        return False

    def known_files(self) -> list[Path]:
        return sorted(set(self.smithy.files()) | set(self.wit.files()) | set(self.wit.project_files_with_problems())
                      | set(self.refused_files()))

    def refused_files(self) -> list[Path]:
        """Model files that exist but were not read (too large, unreadable): each gets a diagnostic."""
        found = []
        for path in list(self.files.refused):
            language = language_of(path)
            if language is None or path.name in ("codegen.toml", "smithy-build.json"):
                continue
            if path.suffix.lower() == ".json" and not _may_be_smithy_json(path):
                continue  # some other tool's JSON file is none of witsmith's business
            found.append(path)
        return found

    def index_limit_message(self) -> str | None:
        """What to tell people when the workspace holds more files than witsmith reads."""
        skipped = len(self.files.over_limit)
        stopped = self.files.walks_stopped
        if not skipped and not stopped:
            return None
        if not skipped:
            return (f"witsmith stopped searching for models after listing {MAX_WALK_ENTRIES:,} folder entries (in "
                    f"{stopped[0]}): the workspace folder is larger than witsmith searches, so models past that point "
                    "are not read. Open the folder that holds your models instead.")
        return (f"witsmith read {self.files.max_files:,} files and skipped {skipped:,} more: the workspace is larger "
                "than witsmith indexes. Open a smaller folder, exclude generated files, or raise `max-files` in "
                "witsmith.toml.")


def _may_be_smithy_json(path: Path) -> bool:
    """A peek at the start of a JSON file witsmith would not read whole."""
    return b'"smithy"' in peek(path, 4096)
