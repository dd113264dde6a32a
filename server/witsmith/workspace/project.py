"""One workspace over both languages: the file store, the parse cache, the settings,
and a Smithy and a WIT workspace that resolve names in their own language.

The language server keeps one of these per session; ``witsmith check`` builds one
per configuration it finds.  Both ask the same questions of it.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.settings import Settings
from witsmith.workspace.files import MAX_FILE_BYTES, MAX_WORKSPACE_FILES, FileStore, ParseCache, normalize, peek
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


class Workspace:
    def __init__(self, settings: Settings | None = None) -> None:
        self.files = FileStore()
        self.parses = ParseCache()
        self.settings = settings or Settings()
        self._apply_limits(self.settings)
        self.smithy = SmithyWorkspace(self.files, self.parses, self.settings)
        self.wit = WitWorkspace(self.files, self.parses, self.settings)
        self.roots: list[Path] = []

    def _apply_limits(self, settings: Settings) -> None:
        self.files.max_file_bytes = settings.max_file_bytes or MAX_FILE_BYTES
        self.files.max_files = settings.max_files or MAX_WORKSPACE_FILES

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings
        self._apply_limits(settings)
        self.smithy.set_settings(settings)
        self.wit.set_settings(settings)

    def add_root(self, path: Path) -> None:
        """A folder to search for projects and packages, or a single file."""
        path = normalize(path)
        self.roots.append(path)
        self.smithy.add_root(path)
        self.wit.add_root(path)

    def update(self, path: Path) -> set[Path]:
        """A file changed (in an editor buffer or on disk); the files whose diagnostics may change."""
        path = normalize(path)
        language = language_of(path)
        if language == "wit":
            return self.wit.update(path)
        if language == "smithy":
            return self.smithy.update(path)
        return set()

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
        if not skipped:
            return None
        return (f"witsmith read {self.files.max_files:,} files and skipped {skipped:,} more: the workspace is larger "
                "than witsmith indexes. Open a smaller folder, exclude generated files, or raise `max-files` in "
                "witsmith.toml.")


def _may_be_smithy_json(path: Path) -> bool:
    """A peek at the start of a JSON file witsmith would not read whole."""
    return b'"smithy"' in peek(path, 4096)
