"""The WIT workspace: package roots and their deps, resolved file by file, with
definition and reverse-reference indexes kept up to date per changed file.

How it fits together:

- `layout` finds *roots* (folders of .wit files, or single files) and their `deps/`
  entries; `projects` adds folders named by wkg.toml, wit/deps.toml and .wash/.
  Each root gets a `Context`: every package its files can see (`packages`).
- Each file is summarised once per content (`model.wit`), then resolved on its own
  (`resolver`): references are looked up, the file's own checks run, and what the
  resolution read is recorded (other files, and package name tables as
  `("pkg", key)`).  Those records form the reverse dependency index.
- Checks over a whole root (package declarations, missing and duplicate packages,
  `use`/`include` cycles) run in `packagechecks` from summaries and resolutions
  only, so redoing them after a change reads nothing again.
- `update(path)` re-summarises one file, rebuilds its group's packages, and
  re-resolves the file plus the files that read it; if the names it declares
  changed, also the files that read its package's name table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from witsmith.diagnostics import Location
from witsmith.model.wit import FileSummary, PackageUnit, summarize
from witsmith.model.wit.binary import BinaryPackageError, NotAPackage, decode_package
from witsmith.model.wit.memo import DeclarationMemo
from witsmith.pacing import pace
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache, normalize
from witsmith.workspace.indexing import digest
from witsmith.workspace.wit.layout import (
    BINARY_SUFFIX, WIT_SUFFIX, Group, dep_groups, find_root_folders, opaque_deps, package_root_of, root_groups,
    wit_files_in,
)
from witsmith.workspace.wit.packagechecks import package_problems
from witsmith.workspace.wit.packages import Context
from witsmith.workspace.wit.problems import Problem
from witsmith.workspace.wit.projects import (
    is_wasmcloud_project, local_dep_folders, pinned_packages, project_wit_folders, wasmcloud_world,
)
from witsmith.workspace.wit.resolver import FileResolution, Resolver
from witsmith.workspace.wit.wasmcloud import missing_wit_folder, project_wasmcloud_version

__all__ = ["Context", "FileResolution", "Group", "Problem", "WitWorkspace", "WorkCounts"]


@dataclass(slots=True)
class WorkCounts:
    """How much work the workspace did, for tests and benchmarks (not timings)."""

    files_summarized: int = 0
    items_summarized: int = 0  # interface and world items read from a tree (not reused across an edit)
    files_resolved: int = 0
    package_checks: int = 0


class WitWorkspace:
    def __init__(self, files: FileStore, parses: ParseCache, settings: Settings, *,
                 project_files: bool = True) -> None:
        # With ``project_files`` off, a root is read as `wasm-tools component wit` reads
        # it: the folder and its deps/ only, ignoring wkg.toml, deps.toml and .wash/.
        self._project_files = project_files
        self._files = files
        self._parses = parses
        self._settings = settings
        self._contexts: dict[Path, Context] = {}
        self._group_of: dict[Path, Group] = {}
        self._context_of: dict[Path, Context] = {}  # group location -> context
        self._summaries: dict[Path, FileSummary] = {}
        self._digests: dict[Path, int] = {}  # of the source each summary was made from
        self._resolutions: dict[Path, FileResolution] = {}
        self._package_problems: dict[Path, list[Problem]] = {}  # root -> problems
        self._project_problems: dict[Path, list[Problem]] = {}  # wasmcloud.toml -> problems
        self._dependents: dict[object, set[Path]] = {}
        self._referrers: dict[Location, set[tuple[Path, int, int]]] = {}
        self._roots: list[Path] = []
        # Workspace folders named by a caller that reads one package on demand: places
        # project files may point to, as they will be once those folders are indexed.
        self._tops: set[Path] = set()
        # Project files (deps.toml, wasmcloud.toml, ...) -> entries refused for pointing outside.
        self._project_file_problems: dict[Path, list[Problem]] = {}
        self.counts = WorkCounts()
        # Summaries made elsewhere (worker processes), by path, with the digest of their bytes.
        self._hints: dict[Path, tuple[bytes, FileSummary]] = {}
        # Open files: the items of their last summary, reused after an edit where unchanged.
        self._memos: dict[Path, DeclarationMemo] = {}
        # Open files the workspace lags behind: the summary of the buffer as it is now.
        self._current: dict[Path, tuple[bytes, FileSummary]] = {}

    def reuse_items_of(self, other: WitWorkspace) -> None:
        """Take the item summaries another workspace kept for its open files (this one
        replaces it): the first edit after the swap re-reads only the items it touches."""
        for path, memo in other._memos.items():
            self._memos.setdefault(path, memo.fork())

    def take_summaries(self, hints: dict[Path, tuple[bytes, object]]) -> None:
        """Summaries made by worker processes, used instead of parsing while the bytes match."""
        self._hints.update((path, hint) for path, hint in hints.items() if path.suffix == WIT_SUFFIX)

    # --- configuration ------------------------------------------------------

    def set_settings(self, settings: Settings) -> None:
        old, self._settings = self._settings, settings
        if old.wit_search_paths != settings.wit_search_paths:
            # Other packages to resolve against: read the roots again (parses are cached).
            roots = list(self._contexts)
            self._reset()
            self._project_file_problems.clear()
            for root in roots:
                self._add_root_location(root)
            for root in list(self._roots):
                self.add_root(root)
            return
        for path in list(self._summaries):
            self._resolve(path)
        for context in self._contexts.values():
            self._check_packages(context)

    def _reset(self) -> None:
        self._contexts.clear()
        self._group_of.clear()
        self._context_of.clear()
        self._summaries.clear()
        self._digests.clear()
        self._memos.clear()
        self._current.clear()
        self._resolutions.clear()
        self._package_problems.clear()
        self._dependents.clear()
        self._referrers.clear()

    @property
    def settings(self) -> Settings:
        return self._settings

    def _allowed(self) -> tuple[Path, ...]:
        """Where project files may point: the roots added and the configured search paths."""
        places = [r if r.is_dir() or r.suffix != WIT_SUFFIX else r.parent for r in self._roots]
        return (tuple(places) + tuple(sorted(self._tops))
                + tuple(normalize(p) for p in self._settings.wit_search_paths))

    def _refuse(self, problems: list[Problem]) -> None:
        for problem in problems:
            known = self._project_file_problems.setdefault(problem.path, [])
            if problem not in known:
                known.append(problem)

    def project_files_with_problems(self) -> list[Path]:
        """Project files (not WIT) that hold refused entries, so that they get diagnostics."""
        return sorted(self._project_file_problems)

    def add_root(self, path: Path) -> None:
        path = normalize(path)
        if path not in self._roots:
            self._roots.append(path)
        if path.is_file() or (path.suffix == WIT_SUFFIX and not path.is_dir()):
            if path not in self._group_of:  # already read as part of a package folder
                self._add_root_location(path)
            return
        folders = find_root_folders(path, self._files.walks_stopped)
        missing = missing_wit_folder(path) if self._project_files and path.is_dir() else None
        if missing is not None:
            self._project_problems[missing.path] = [missing]
        refused: list[Problem] = []
        extras = project_wit_folders(path, self._allowed(), refused) if self._project_files else ()
        self._refuse(refused)
        for extra in extras:
            if extra not in folders and wit_files_in(extra):
                folders.append(extra)
        for folder in folders:
            if folder not in self._contexts and folder not in self._context_of:
                self._add_root_location(folder)

    def add_package_of(self, path: Path, tops: list[Path] = ()) -> set[Path]:
        """Read what one file's verdict depends on, without walking any folder tree: its
        package folder with `deps/` and the project files' local overrides (which may
        point anywhere inside ``tops``, the workspace folders).  The files whose
        diagnostics may change."""
        path = normalize(path)
        self._tops.update(normalize(top) for top in tops)
        if path in self._group_of:
            return self.update(path)
        root = package_root_of(path)
        added: set[Path] = set()
        if root not in self._contexts and root not in self._context_of:
            self._add_root_location(root)
            added = {file for group in self._contexts[root].groups for file in group.files}
        if path in self._group_of:
            return added | {path}
        return added | self.update(path)  # a buffer not on disk yet joins its folder

    def _add_root_location(self, location: Path) -> None:
        if location in self._contexts:
            return
        root, deps = root_groups(location)
        groups = [root, *deps]
        if location.is_dir() and self._project_files:
            refused: list[Problem] = []
            groups.extend(self._folder_groups(local_dep_folders(location, self._allowed(), refused), location))
            self._refuse(refused)
        groups.extend(self._folder_groups(self._settings.wit_search_paths, location))
        known: set[Path] = set()
        groups = [g for g in groups if not (g.location in known or known.add(g.location))]
        context = Context(location, groups)
        if location.is_dir():
            context.opaque = opaque_deps(location)
            context.pinned = pinned_packages(location) if self._project_files else {}
        project = location if location.is_dir() else location.parent
        context.wasmcloud = is_wasmcloud_project(project)
        context.wasmcloud_world = wasmcloud_world(project) if self._project_files else None
        if context.wasmcloud:
            context.wasmcloud_version = self._settings.wasmcloud_version or (
                project_wasmcloud_version(project) if self._project_files else None)
        self._contexts[location] = context
        for group in groups:
            self._context_of[group.location] = context
            for file in group.files:
                self._group_of.setdefault(file, group)
                self._summarize(file)
        # Compiled components in deps/ may provide packages witsmith cannot see.
        context.opaque += sorted(file for group in groups for file in group.files
                                 if file.suffix == BINARY_SUFFIX and file in self._summaries
                                 and self._summaries[file].not_a_package)
        context.rebuild(self._summaries)
        for group in groups:
            for file in group.files:
                self._resolve(file)
        self._check_packages(context)

    def _folder_groups(self, folders, root: Path) -> list[Group]:
        """Packages found in extra folders (search paths, local overrides) and their deps/."""
        groups = []
        for search in folders:
            search = normalize(search)
            for folder in find_root_folders(search, self._files.walks_stopped):
                groups.append(Group(folder, wit_files_in(folder), True, root))
                deps = folder / "deps"
                if deps.is_dir():
                    groups.extend(dep_groups(deps, root))
        return groups

    # --- queries --------------------------------------------------------------

    def files(self) -> list[Path]:
        return sorted(set(self._summaries) | set(self._project_problems))

    def summary(self, path: Path) -> FileSummary | None:
        return self._summaries.get(normalize(path))

    def current_summary(self, path: Path) -> FileSummary | None:
        """The summary of a file as its buffer is now, for completion, whose edits must
        match the buffer: the workspace may lag behind a file being typed in.  Made
        per keystroke, so its types and functions may carry the byte ranges of an
        earlier text (see `summarize`'s ``placed``): read their names, not their ranges."""
        path = normalize(path)
        source = self._files.read(path)
        tree = self.tree(path) if source is not None else None
        if tree is None:
            return self.summary(path)
        if path in self._summaries and self._digests.get(path) == hash(source):
            return self._summaries[path]
        known = self._current.get(path)
        if known is not None and known[0] is source:
            return known[1]
        summary = self._summarize_tree(path, tree, placed=False)
        self._current = {path: (source, summary)}  # only the file being typed in
        return summary

    def tree(self, path: Path):
        path = normalize(path)
        if path in self._project_problems:
            return None  # a project file, not WIT
        if path.suffix == BINARY_SUFFIX:
            return None  # a binary package has no syntax tree
        source = self._files.read(path)
        if source is None:
            return None
        return self._parses.get(path, "wit", source)

    def context_for(self, path: Path) -> Context | None:
        """The packages a file resolves against (its root's package, deps/ and extra
        folders), for features that look names up: hover, completion, rename."""
        group = self._group_of.get(normalize(path))
        return self._context_of.get(group.location) if group is not None else None

    def group_for(self, path: Path) -> Group | None:
        return self._group_of.get(normalize(path))

    def resolution(self, path: Path) -> FileResolution | None:
        """What resolving the file found: references with their targets, declarations,
        problems.  Read-only: the workspace replaces it on the next update."""
        return self._resolutions.get(normalize(path))

    def problems(self, path: Path) -> list[Problem]:
        """Semantic problems of one file (not syntax errors)."""
        path = normalize(path)
        if path in self._project_problems or path in self._project_file_problems:
            return list(self._project_problems.get(path, ())) + list(self._project_file_problems.get(path, ()))
        found = list(self._resolutions[path].problems) if path in self._resolutions else []
        group = self._group_of.get(path)
        context = self._context_of.get(group.location) if group else None
        if context is not None:
            found.extend(p for p in self._package_problems.get(context.root, []) if p.path == path)
        return found

    def definition(self, path: Path, offset: int) -> Location | None:
        path = normalize(path)
        resolution = self._resolutions.get(path)
        if resolution is None:
            return None
        best = None
        for start, end, target in resolution.refs:
            if start <= offset <= end and (best is None or end - start < best[1] - best[0]):
                best = (start, end, target)
        if best is not None:
            return best[2]
        for decl in resolution.decls:
            if decl.start <= offset <= decl.end:
                return decl
        return None

    def references(self, path: Path, offset: int, include_declaration: bool) -> list[Location]:
        target = self.definition(path, offset)
        if target is None:
            return []
        found = [Location(p, s, e) for p, s, e in sorted(self._referrers.get(target, ()))]
        if include_declaration:
            found.insert(0, target)
        return found

    # --- updates --------------------------------------------------------------

    def _update_project_file(self, path: Path) -> set[Path]:
        """wasmcloud.toml changed: say again whether the WIT folder it names exists."""
        had = path in self._project_problems
        missing = missing_wit_folder(path.parent) if self._project_files and self._files.read(path) is not None else None
        if missing is not None:
            self._project_problems[path] = [missing]
        else:
            self._project_problems.pop(path, None)
        return {path} if had or missing is not None else set()

    def update(self, path: Path) -> set[Path]:
        """Take in a created, changed or deleted file; the files whose diagnostics may change."""
        path = normalize(path)
        if path.name == "wasmcloud.toml":
            return self._update_project_file(path)
        group = self._group_of.get(path)
        if group is None:
            return self._adopt(path)
        context = self._context_of[group.location]
        source = self._files.read(path)
        if source is not None and path in self._summaries and self._digests.get(path) == hash(source):
            return set()  # saved without changes, or told twice
        before_keys = self._group_keys(context, group)
        old = self._summaries.get(path)
        if source is None:
            if path in group.files:
                group.files.remove(path)
            self._forget(path)
            new = None
        else:
            new = self._summarize(path)
        names_changed = (old.declared_names() if old else None) != (new.declared_names() if new else None)
        context.rebuild_group(group, self._summaries)
        dirty = {path} if new is not None else set()
        dirty |= self._dependents.get(path, set())
        if names_changed:
            for key in before_keys | self._group_keys(context, group):
                dirty |= self._dependents.get(("pkg", key), set())
        for file in sorted(dirty):
            if file in self._summaries:
                self._resolve(file)
        changed = self._check_packages(context)
        return (dirty | changed | {path})

    def _adopt(self, path: Path) -> set[Path]:
        """A file no root knows yet: join the package folder or deps/ it sits in, or start a root."""
        if self._files.read(path) is None or path.suffix != WIT_SUFFIX:
            return set()
        folder = path.parent
        context = self._context_of.get(folder)
        group: Group | None = None
        if context is not None:
            group = next(g for g in context.groups if g.location == folder)
            group.files = sorted({*group.files, path})
        elif folder.name == "deps" and folder.parent in self._contexts:
            context = self._contexts[folder.parent]
            group = Group(path, [path], True, context.root)
        elif folder.parent.name == "deps" and folder.parent.parent in self._contexts:
            context = self._contexts[folder.parent.parent]
            group = Group(folder, [path], True, context.root)
        if context is None or group is None:
            self._add_root_location(folder)
            return set(self._contexts[folder].groups[0].files) if folder in self._contexts else {path}
        if group not in context.groups:
            context.groups.append(group)
            self._context_of[group.location] = context
        self._group_of[path] = group
        return self.update(path)

    def _group_keys(self, context: Context, group: Group) -> set:
        keys = {("group", group.location)}
        for package in context.group_packages.get(group.location, []):
            if package.key is not None:
                keys.add(package.key)
        return keys

    # --- internals ------------------------------------------------------------

    def _summarize(self, path: Path) -> FileSummary | None:
        source = self._files.read(path)
        if source is None:
            return None
        self.counts.files_summarized += 1
        hint = self._hints.pop(path, None)
        if path.suffix == BINARY_SUFFIX:
            summary = self._summarize_binary(source)
        elif hint is not None and not self._files.is_open(path) and hint[0] == digest(source):
            summary = hint[1]
        else:
            # Made a slice at a time when the caller paces it (see `witsmith.pacing`):
            # the summary and its digest are stored together, once it is complete.
            summary = self._summarize_tree(path, self._parses.get(path, "wit", source))
        self._digests[path] = hash(source)
        self._summaries[path] = summary
        return summary

    def _summarize_tree(self, path: Path, tree, placed: bool = True) -> FileSummary:
        is_open = self._files.is_open(path)
        if is_open:
            memo = self._memos.get(path, DeclarationMemo()).fork()
        else:
            self._memos.pop(path, None)
            memo = DeclarationMemo()
        try:
            summary = summarize(tree, memo, placed=placed)
        except Exception:  # a damaged tree must never take the workspace down
            self._memos.pop(path, None)
            return FileSummary(PackageUnit(None, False, (0, 0)))
        finally:
            self.counts.items_summarized += memo.read
        if is_open:
            self._memos[path] = memo
        return summary

    @staticmethod
    def _summarize_binary(source: bytes) -> FileSummary:
        """A `.wasm` package's summary; one that cannot be read says why instead."""
        try:
            return decode_package(source)
        except NotAPackage as error:
            return FileSummary(PackageUnit(None, False, (0, 0)), binary_error=str(error), not_a_package=True)
        except BinaryPackageError as error:
            return FileSummary(PackageUnit(None, False, (0, 0)), binary_error=str(error))
        except Exception as error:  # a decoder bug must not take the workspace down
            return FileSummary(PackageUnit(None, False, (0, 0)), binary_error=f"witsmith failed: {error!r}")

    def _forget(self, path: Path) -> None:
        self._summaries.pop(path, None)
        self._digests.pop(path, None)
        self._memos.pop(path, None)
        self._current.pop(path, None)
        self._set_resolution(path, None)
        self._group_of.pop(path, None)
        self._parses.forget(path)

    def _resolve(self, path: Path) -> None:
        pace()  # a whole workspace is resolved a slice at a time where the caller asks for it
        group = self._group_of.get(path)
        summary = self._summaries.get(path)
        if group is None or summary is None:
            return
        context = self._context_of[group.location]
        self.counts.files_resolved += 1
        try:
            resolution = Resolver(context, group, path, summary, self._summaries, self._settings).run()
        except Exception as error:  # never let one file's oddity break the others
            resolution = FileResolution(problems=[Problem(
                "wit/internal-error", path, 0, 0, f"witsmith could not resolve this file: {error!r}")])
        self._set_resolution(path, resolution)

    def _set_resolution(self, path: Path, resolution: FileResolution | None) -> None:
        old = self._resolutions.pop(path, None)
        if old is not None:
            pace()  # the indexes of a long file's thousands of references take a while
            for key in old.depends_on:
                users = self._dependents.get(key)
                if users is not None:
                    users.discard(path)
            for start, end, target in old.refs:
                referrers = self._referrers.get(target)
                if referrers is not None:
                    referrers.discard((path, start, end))
        if resolution is None:
            return
        self._resolutions[path] = resolution
        pace()
        for key in resolution.depends_on:
            if key != path:
                self._dependents.setdefault(key, set()).add(path)
        for start, end, target in resolution.refs:
            self._referrers.setdefault(target, set()).add((path, start, end))

    def _check_packages(self, context: Context) -> set[Path]:
        """Redo the package-level checks of one root; the files whose problems changed."""
        self.counts.package_checks += 1
        old = self._package_problems.get(context.root, [])
        try:
            new = package_problems(context, self._summaries, self._resolutions, self._settings)
        except Exception as error:
            new = [Problem("wit/internal-error", context.root, 0, 0, f"witsmith could not check packages: {error!r}")]
        self._package_problems[context.root] = new
        old_set, new_set = set(old), set(new)
        return {p.path for p in old_set ^ new_set}
