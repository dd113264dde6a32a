"""The Smithy workspace: projects, per-file summaries, resolution and indexes.

Everything is kept per file and updated per changed file: a change re-reads
one file and re-resolves only the files whose lookups tried an id the file
defines (or defined), found through a dependency index.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location
from witsmith.gc_pause import gc_paused
from witsmith.model.smithy import FileSummary, Member, Node, Shape, TraitUse, summarize_ast, summarize_idl
from witsmith.model.smithy.builtin import BUILTIN_SOURCES, PRELUDE_NAMESPACE, builtin_source, builtin_summaries
from witsmith.model.smithy.lazy_ranges import key_reference
from witsmith.model.smithy.summary import Problem, Reference
from witsmith.pacing import in_slices, pace
from witsmith.settings import Settings
from witsmith.syntax import SyntaxTree
from witsmith.workspace.files import FileStore, ParseCache, normalize
from witsmith.workspace.indexing import digest
from witsmith.workspace.smithy import jars, shared_summaries
from witsmith.workspace.smithy.projects import PROJECT_FILES, Project, discover, is_smithy_json, project_of_file
from witsmith.workspace.smithy.resolution import Resolved, ResolvedFile, candidates, uses_by_name, with_member

__all__ = ["ShapeDef", "SmithyWorkspace", "builtin_source"]

_UNKNOWN = object()  # not in a memo (None is a remembered answer)
WASMCLOUD_NAMESPACES = ("org.wasmcloud.model", "org.wasmcloud.core")


@dataclass(frozen=True, slots=True)
class ShapeDef:
    """A shape found by id: its file's summary and the shape."""

    summary: FileSummary
    shape: Shape

    @property
    def path(self) -> Path:
        return self.summary.path

    @property
    def id(self) -> str:
        text = self.shape.name.text  # `absolute_id` inline: rules ask for ids of shapes by the hundred thousand
        return text if "#" in text else self.summary.absolute_id(self.shape)

    @property
    def namespace(self) -> str:
        return self.summary.shape_namespace(self.shape)


@functools.lru_cache(maxsize=1 << 16)
def _folder_key(path: Path) -> str:
    """A file's folder as text ending in a separator, case-folded where the system folds
    case: one folder contains another exactly when its key is a prefix of the other's.
    Rules ask whether two loose files are one model for every pair of files, and
    pathlib's `is_relative_to` made that most of a check of the corpus."""
    folder = os.path.normcase(str(path.parent))
    return folder if folder.endswith(os.sep) else folder + os.sep


def _unlink(index: dict[str, set[Path]], key: str, path: Path) -> None:
    """Drop ``path`` from ``index[key]``, and the key once no path is left."""
    paths = index.get(key)
    if paths is not None:
        paths.discard(path)
        if not paths:
            del index[key]


def _whole_model_keys(summary: FileSummary) -> tuple[set[str], set[str]]:
    """The kinds of a file's shapes and the names its shapes' traits are written with."""
    kinds = {shape.kind for shape in summary.shapes}
    trait_names = {trait.id.text.rsplit("#", 1)[-1] for shape in summary.shapes for trait in shape.traits}
    return kinds, trait_names


def _forget(by_key: dict[str, dict[Path, FileSummary]], keys: set[str], path: Path) -> None:
    for key in keys:
        found = by_key.get(key)
        if found is not None:
            found.pop(path, None)
            if not found:
                del by_key[key]


class SmithyWorkspace:
    def __init__(self, files: FileStore, parses: ParseCache, settings: Settings) -> None:
        self.files_store = files
        self.parses = parses
        self.settings = settings
        self.projects: list[Project] = []
        self._roots: list[Path] = []
        self._project_of: dict[Path, Project] = {}
        self._summaries: dict[Path, FileSummary] = {}
        self._trees: dict[Path, SyntaxTree] = {}
        self._defs: dict[str, list[ShapeDef]] = {}
        self._defs_lower: dict[str, set[str]] = {}
        self._ns_files: dict[str, set[Path]] = {}
        self._resolved: dict[Path, ResolvedFile] = {}
        self._dependents: dict[str, set[Path]] = {}
        self._dependents_by_ns: dict[str, set[Path]] = {}
        self._tried_by_file: dict[Path, set[str]] = {}
        self._reverse: dict[str, set[Path]] = {}
        self._targets_by_file: dict[Path, set[str]] = {}
        self._builtin_defs: dict[str, ShapeDef] = {}
        # Shape id -> files with an `apply` statement that targets it.
        self._applied_by: dict[str, set[Path]] = {}
        # What a shape id written in a file means, by the summary's identity, and the trait ids of
        # a list of traits, by the list's identity (each entry keeps its key object alive):
        # resolving the same trait ids again at every lookup dominated checks of large models.
        # Any change to the definitions (`_index`, `_unindex`) empties it; the generation keeps
        # a resolution that started before such a change from being stored after it.
        self._resolution_memo: dict[int, tuple[object, dict]] = {}
        self._target_memo: dict[int, tuple[FileSummary, dict[str, ShapeDef | None]]] = {}
        # `all_members` of a shape, by the shape's identity: forgotten with the resolutions.
        self._members_memo: dict[int, tuple[Shape, list[tuple[ShapeDef, Member]]]] = {}
        # Whether a summary names a wasmCloud shape: asked by several rules per check, and a scan of
        # every reference of a large file; a summary never changes, so the answer is kept with it.
        self._names_wasmcloud: dict[Path, tuple[FileSummary, bool]] = {}
        # Files by what rules about the whole model look for (metadata statements, shapes
        # of a kind, names of the traits on shapes), each in `_summaries` order: such a rule
        # reading every file of a 1,200-file project at each keystroke cost more than the
        # edited file's own checks.
        self._with_metadata: dict[Path, FileSummary] = {}
        self._with_kind: dict[str, dict[Path, FileSummary]] = {}
        self._with_shape_trait: dict[str, dict[Path, FileSummary]] = {}
        self._definitions_generation = 0
        for summary in builtin_summaries().values():
            for shape in summary.shapes:
                self._builtin_defs[summary.absolute_id(shape)] = ShapeDef(summary, shape)
        # Files whose resolution failed (a witsmith bug), with the error, for a diagnostic.
        self.resolution_failures: dict[Path, str] = {}
        # How much work updates did (files re-resolved), for tests and benchmarks.
        self.stats: Counter[str] = Counter()
        # Summaries made elsewhere (worker processes), by path, with the digest of their bytes.
        self._hints: dict[Path, tuple[bytes, FileSummary]] = {}
        self._load_extra_paths()

    # ----- settings and roots -------------------------------------------------------------

    def set_settings(self, settings: Settings) -> None:
        old = self.settings.smithy_model_paths
        old_repositories = self.settings.smithy_maven_repositories
        self.settings = settings
        if settings.smithy_model_paths != old:
            self._load_extra_paths()
        if settings.smithy_maven_repositories != old_repositories:
            for project in [p for p in self.projects if p.kind == "smithy-build" and p.config is not None]:
                self._update_project(project.config)

    def _load_extra_paths(self) -> None:
        for path in self.settings.smithy_model_paths:
            self.add_root(path)

    def _allowed(self, extra: Path) -> tuple[Path, ...]:
        """Where project files may point: the roots added and the configured model paths."""
        roots = [normalize(r) for r in self._roots] + [normalize(p) for p in self.settings.smithy_model_paths]
        return tuple(r if r.is_dir() else r.parent for r in roots + [normalize(extra)])

    def add_root(self, path: Path) -> None:
        self.add_roots([path])

    def add_roots(self, paths: list[Path]) -> None:
        """Folders or files to search for projects; every file is resolved once, after all are read."""
        self._roots.extend(normalize(path) for path in paths)
        with gc_paused():  # loading a folder builds a large graph of live objects: see gc_pause
            for path in paths:
                for project in discover(normalize(path), self.files_store, self._allowed(path),
                                        self.settings.smithy_maven_repositories):
                    self._add_project(project)
            self._resolve_all()

    def take_summaries(self, hints: dict[Path, tuple[bytes, object]]) -> None:
        """Summaries made by worker processes, used instead of parsing while the bytes match
        (the tree is parsed again only if a feature asks for it)."""
        self._hints.update((path, hint) for path, hint in hints.items() if path.suffix == ".smithy")

    def project_file_of(self, path: Path) -> Path | None:
        """The `codegen.toml`, `smithy-build.json` or `.smithy-project.json` a model file
        belongs to, if any (a lookup)."""
        project = self._project_of.get(normalize(path))
        return project.config if project is not None else None

    def add_project_of(self, path: Path, tops: list[Path], max_files: int | None = None) -> set[Path]:
        """Read the project one file belongs to (see `project_of_file`), not the whole
        workspace; a project of more than ``max_files`` files is left to the caller's
        full index, and the file is read on its own meanwhile.  The files whose
        diagnostics may change."""
        path = normalize(path)
        if path in self._summaries or path.name in PROJECT_FILES:
            return self.update(path)
        allowed = self._allowed(path) + tuple(normalize(t) for t in tops)
        project = project_of_file(path, self.files_store, tops, allowed, self.settings.smithy_maven_repositories)
        if project.config is not None and project.config in self._project_of:
            return self.update(path)
        if max_files is not None and len(project.files) > max_files:
            project = Project(None, "loose", {path})
        if project.kind == "loose":
            project.files = {p for p in project.files if p not in self._project_of}
        before = {ns for ns in BUILTIN_SOURCES if ns in self._ns_files}
        self._add_project(project)
        added = set(project.files) | {path}
        affected = set(added)
        for added_path in added:
            for shape_id in self._defined_ids(self._summaries.get(added_path)):
                affected |= self._dependents.get(shape_id, set())
        for namespace in before ^ {ns for ns in BUILTIN_SOURCES if ns in self._ns_files}:
            affected |= self._dependents_by_ns.get(namespace, set())
        for file in sorted(affected):
            if file in self._summaries:
                self._resolve_file(file)
        if project.config is not None:
            affected.add(project.config)
        return affected

    def _loose(self) -> Project:
        """The one project of all files no project file claims: loose files resolve together."""
        loose = next((p for p in self.projects if p.kind == "loose"), None)
        if loose is None:
            loose = Project(None, "loose")
            self.projects.append(loose)
        return loose

    def _add_project(self, project: Project) -> None:
        if project.kind == "loose":
            loose = self._loose()
            loose.files |= project.files
            project = loose
        previous = self._project_of.get(project.config) if project.config is not None else None
        self.projects = [p for p in self.projects if not (p.config is not None and p.config == project.config)]
        if project not in self.projects:
            self.projects.append(project)
        if project.config is not None:
            self._project_of[project.config] = project
        for companion in project.companions:
            self._project_of[companion] = project
        for path in sorted(project.files):
            if path not in self._project_of or self._project_of[path].kind == "loose":
                self._project_of[path] = project
            self._load(path)
        self._add_jar_models(project, previous)

    def _add_jar_models(self, project: Project, previous: Project | None) -> None:
        """Index the models of the project's jars; drop those of jars it no longer names."""
        dropped = (previous.jar_models if previous is not None else set()) - project.jar_models
        for path in dropped:
            if any(path in p.jar_models for p in self.projects if p is not project):
                continue
            self._unindex(path)
            self._forget_resolution(path)
            self._project_of.pop(path, None)
        for path in sorted(project.jar_models):
            if path not in self._project_of:
                self._project_of[path] = project
            if path not in self._summaries:
                self._load(path)

    def project_of(self, path: Path) -> Project | None:
        return self._project_of.get(normalize(path))

    # ----- reading files ------------------------------------------------------------------

    def _load(self, path: Path) -> FileSummary | None:
        """(Re)read one file and index its definitions; does not resolve."""
        pace()  # a whole workspace is read a slice at a time where the caller asks for it
        self._unindex(path)
        if jars.split_model_path(path) is not None:
            summary = jars.summary(path)
            if summary is not None:
                self._index(path, summary)
            return summary
        source = self.files_store.read(path)
        if source is None:
            return None
        try:
            if path.suffix == ".json":
                if not is_smithy_json(path, source):
                    return None
                summary = shared_summaries.summary(path, source, lambda: summarize_ast(path, source))
            else:
                hint = self._hints.pop(path, None)
                if hint is not None and not self.files_store.is_open(path) and hint[0] == digest(source):
                    summary = hint[1]
                else:
                    tree = self.parses.get(path, "smithy", source)
                    self._trees[path] = tree
                    summary = summarize_idl(path, tree)
        except Exception as error:  # noqa: BLE001 - bad input must give a diagnostic, never a crash
            summary = FileSummary(path=path, format="json" if path.suffix == ".json" else "idl")
            summary.problems.append(Problem("smithy/internal-error", 0, 0, f"witsmith could not read this file: {error!r}"))
        self._index(path, summary)
        return summary

    def _definitions_changed(self) -> None:
        self._definitions_generation += 1
        self._resolution_memo = {}
        self._target_memo = {}
        self._members_memo = {}

    def _index(self, path: Path, summary: FileSummary) -> None:
        self._definitions_changed()
        self._summaries[path] = summary
        for shape in summary.shapes:
            shape_id = summary.absolute_id(shape)
            self._defs.setdefault(shape_id, []).append(ShapeDef(summary, shape))
            self._defs_lower.setdefault(shape_id.lower(), set()).add(shape_id)
            self._ns_files.setdefault(summary.shape_namespace(shape), set()).add(path)
        if summary.namespace is not None:
            self._ns_files.setdefault(summary.namespace.text, set()).add(path)
        if summary.metadata:
            self._with_metadata[path] = summary
        kinds, trait_names = _whole_model_keys(summary)
        for kind in kinds:
            self._with_kind.setdefault(kind, {})[path] = summary
        for name in trait_names:
            self._with_shape_trait.setdefault(name, {})[path] = summary

    def _unindex(self, path: Path) -> None:
        summary = self._summaries.pop(path, None)
        self._trees.pop(path, None)
        if summary is None:
            return
        self._definitions_changed()
        for shape in summary.shapes:
            shape_id = summary.absolute_id(shape)
            remaining = [d for d in self._defs.get(shape_id, []) if d.path != path]
            if remaining:
                self._defs[shape_id] = remaining
            else:
                self._defs.pop(shape_id, None)
                lower = self._defs_lower.get(shape_id.lower())
                if lower is not None:
                    lower.discard(shape_id)
                    if not lower:
                        del self._defs_lower[shape_id.lower()]
        for namespace, paths in list(self._ns_files.items()):
            paths.discard(path)
            if not paths:
                del self._ns_files[namespace]
        self._with_metadata.pop(path, None)
        kinds, trait_names = _whole_model_keys(summary)
        _forget(self._with_kind, kinds, path)
        _forget(self._with_shape_trait, trait_names, path)

    def _defined_ids(self, summary: FileSummary | None) -> set[str]:
        return {summary.absolute_id(s) for s in summary.shapes} if summary is not None else set()

    # ----- lookups ------------------------------------------------------------------------

    def builtin_ids(self, namespace: str) -> list[str]:
        prefix = namespace + "#"
        return [i for i in self._builtin_defs if i.startswith(prefix)]

    def namespace_known_in_files(self, namespace: str) -> bool:
        return namespace in self._ns_files

    def namespace_known(self, namespace: str) -> bool:
        return namespace in self._ns_files or namespace in BUILTIN_SOURCES

    def shape(self, shape_id: str) -> ShapeDef | None:
        """The definition of an absolute shape id (without member); workspace first, then built-ins.

        A built-in namespace is only used when no workspace file declares it.
        """
        found = self._defs.get(shape_id)
        if found:
            return found[0]
        namespace = shape_id.split("#", 1)[0]
        if namespace == PRELUDE_NAMESPACE or namespace not in self._ns_files:
            return self._builtin_defs.get(shape_id)
        return None

    def definitions(self, shape_id: str) -> list[ShapeDef]:
        return list(self._defs.get(shape_id, []))

    def same_project(self, a: Path, b: Path) -> bool:
        """Whether two files are models of one project (stale copies elsewhere do not clash)."""
        return self._project_of.get(a) is self._project_of.get(b)

    def one_model(self, a: Path, b: Path) -> bool:
        """Whether two files are plausibly parts of one model, so their names must not clash.

        Files of one project file are; loose files are when one's folder contains the
        other's (sibling example projects in one checkout each define their own shapes).
        """
        project = self._project_of.get(a)
        if project is not self._project_of.get(b):
            return False
        if project is None or project.kind != "loose":
            return True
        folder_a, folder_b = _folder_key(a), _folder_key(b)
        return folder_a == folder_b or folder_a.startswith(folder_b) or folder_b.startswith(folder_a)

    def _nearest(self, shape_id: str, near: Path | None) -> ShapeDef | None:
        found = self._defs.get(shape_id)
        if found and near is not None:
            for definition in found:
                if self.same_project(definition.path, near):
                    return definition
        return self.shape(shape_id)

    def ids_like(self, shape_id: str) -> set[str]:
        """Ids that equal `shape_id` ignoring case."""
        return set(self._defs_lower.get(shape_id.lower(), ()))

    def member(self, shape_def: ShapeDef, name: str, _seen: frozenset[str] = frozenset()) -> tuple[ShapeDef, Member] | None:
        """A member of a shape, including those it gets from mixins."""
        found = shape_def.shape.member(name)
        if found is not None:
            return shape_def, found
        if shape_def.id in _seen or len(_seen) > 32:
            return None
        for mixin in shape_def.shape.mixins:
            target = self.resolve_text(shape_def.summary, mixin.text)
            mixin_def = self.shape(target) if target else None
            if mixin_def is not None:
                inherited = self.member(mixin_def, name, _seen | {shape_def.id})
                if inherited is not None:
                    return inherited
        return None

    def all_members(self, shape_def: ShapeDef) -> list[tuple[ShapeDef, Member]]:
        """Own members and those of mixins (own first), each name once."""
        # Remembered: rules ask for the members of the same shapes many times over.
        known = self._members_memo.get(id(shape_def.shape))
        if known is not None and known[0] is shape_def.shape:
            return list(known[1])
        generation = self._definitions_generation
        found = self._all_members(shape_def, frozenset())
        if generation == self._definitions_generation:
            self._members_memo[id(shape_def.shape)] = (shape_def.shape, found)
        return list(found)

    def _all_members(self, shape_def: ShapeDef, seen: frozenset[str]) -> list[tuple[ShapeDef, Member]]:
        result: dict[str, tuple[ShapeDef, Member]] = {}
        if shape_def.id in seen or len(seen) > 32:
            return []
        for mixin in shape_def.shape.mixins:
            target = self.resolve_text(shape_def.summary, mixin.text)
            mixin_def = self.shape(target) if target else None
            if mixin_def is not None:
                for owner, member in self._all_members(mixin_def, seen | {shape_def.id}):
                    result.setdefault(member.name.text, (owner, member))
        for member in shape_def.shape.members:
            result[member.name.text] = (shape_def, member)
        return list(result.values())

    def resolve_text(self, summary: FileSummary, text: str) -> str | None:
        """The absolute id (member included) `text` means in `summary`'s file, without recording."""
        memo = self._resolution_memo.get(id(summary))
        if memo is None or memo[0] is not summary:
            memo = (summary, {})
            self._resolution_memo[id(summary)] = memo
        known = memo[1]
        if text in known:
            return known[text]
        generation = self._definitions_generation
        found = None
        for candidate in candidates(summary, text, uses_by_name(summary)):
            if self.shape(candidate) is not None:
                found = with_member(candidate, text)
                break
        self.stats["resolutions computed"] += 1
        if generation == self._definitions_generation:
            known[text] = found
        return found

    def target_shape(self, summary: FileSummary, text: str | None) -> ShapeDef | None:
        if not text:
            return None
        # Remembered like `resolve_text`, and forgotten with it: rules ask for the same targets many times.
        memo = self._target_memo.get(id(summary))
        if memo is None or memo[0] is not summary:
            memo = (summary, {})
            self._target_memo[id(summary)] = memo
        known = memo[1]
        if text in known:
            return known[text]
        generation = self._definitions_generation
        found = self.resolve_text(summary, text)
        shape_def = self.shape(found.split("$", 1)[0]) if found else None
        if generation == self._definitions_generation:
            known[text] = shape_def
        return shape_def

    def member_target(self, owner: ShapeDef, member: Member, _seen: int = 0) -> ShapeDef | None:
        """The shape a member targets; an elided member takes its target from mixins or the resource."""
        if member.target is not None:
            # `target_shape`'s memo read inline (asked for every member by many rules).
            memo = self._target_memo.get(id(owner.summary))
            if memo is not None and memo[0] is owner.summary:
                known = memo[1].get(member.target.text, _UNKNOWN)
                if known is not _UNKNOWN:
                    return known
            return self.target_shape(owner.summary, member.target.text)
        if not member.elided or _seen > 8:
            return None
        for mixin in owner.shape.mixins:
            mixin_def = self.target_shape(owner.summary, mixin.text)
            if mixin_def is not None:
                found = self.member(mixin_def, member.name.text)
                if found is not None and found[1] is not member:
                    return self.member_target(found[0], found[1], _seen + 1)
        if owner.shape.resource is not None:
            resource = self.target_shape(owner.summary, owner.shape.resource.text)
            if resource is not None:
                for key in ("identifiers", "properties"):
                    entry = resource.shape.property(key)
                    value = entry.value.get(member.name.text) if entry is not None and entry.value.kind == "object" else None
                    if value is not None and value.kind == "shape_id":
                        return self.target_shape(resource.summary, value.value)
        return None

    def elision_provided(self, owner: ShapeDef, member: Member) -> bool | None:
        """Whether a mixin or the `for` resource defines an elided member's name (None: cannot tell)."""
        unknown = False
        for mixin in owner.shape.mixins:
            mixin_def = self.target_shape(owner.summary, mixin.text)
            if mixin_def is None:
                unknown = True
            elif self.member(mixin_def, member.name.text) is not None:
                return True
        if owner.shape.resource is not None:
            resource = self.target_shape(owner.summary, owner.shape.resource.text)
            if resource is None:
                unknown = True
            else:
                for key in ("identifiers", "properties"):
                    entry = resource.shape.property(key)
                    if entry is not None and entry.value.kind == "object" and entry.value.get(member.name.text) is not None:
                        return True
        return None if unknown else False

    def has_trait(self, shape_def: ShapeDef, trait_id: str, traits: list[TraitUse] | None = None) -> TraitUse | None:
        """The application of `trait_id` on a shape (or the given traits), including `apply` statements."""
        listed = shape_def.shape.traits if traits is None else traits
        if listed:
            # `_traits_by_id`'s memo read inline: rules ask this hundreds of thousands of times on a large model.
            memo = self._resolution_memo.get(id(listed))
            by_id = memo[1] if memo is not None and memo[0] is listed else self._traits_by_id(shape_def.summary, listed)
            found = by_id.get(trait_id)
            if found is not None:
                return found
        if traits is None and self._applied_by:
            for applying in sorted(self._applied_by.get(shape_def.id, ())):
                summary = self._summaries.get(applying)
                if summary is None:
                    continue
                for apply in summary.applies:
                    if self.resolve_text(summary, apply.target.text) == shape_def.id:
                        for trait in apply.traits:
                            if self.resolve_trait(summary, trait) == trait_id:
                                return trait
        return None

    def _traits_by_id(self, summary: FileSummary, traits: list[TraitUse]) -> dict[str, TraitUse]:
        """The first application of each trait id in a list of traits written in `summary`, remembered
        with the resolutions (trait lists are not changed once a summary is made)."""
        memo = self._resolution_memo.get(id(traits))
        if memo is not None and memo[0] is traits:
            return memo[1]
        generation = self._definitions_generation
        by_id: dict[str, TraitUse] = {}
        for trait in traits:
            resolved = self.resolve_trait(summary, trait)
            if resolved is not None:
                by_id.setdefault(resolved, trait)
        if generation == self._definitions_generation:
            self._resolution_memo[id(traits)] = (traits, by_id)
        return by_id

    def resolve_trait(self, summary: FileSummary, trait: TraitUse) -> str | None:
        text = trait.id.text
        if trait.implicit:
            return text
        # `resolve_text`'s memo read inline: rules resolve trait ids a hundred thousand times on a large model.
        memo = self._resolution_memo.get(id(summary))
        if memo is not None and memo[0] is summary:
            known = memo[1].get(text, _UNKNOWN)
            if known is not _UNKNOWN:
                return known
        return self.resolve_text(summary, text)

    # ----- resolution and indexes ---------------------------------------------------------

    def _resolve_all(self) -> None:
        for path in list(self._summaries):
            self._resolve_file(path)

    def _forget_resolution(self, path: Path) -> None:
        self._replace_applied(path, set())
        self._replace_resolution(path, None, set(), set())

    def _resolve_file(self, path: Path) -> None:
        """Resolve one file's references; a failure leaves it unresolved and is reported, never raised."""
        pace()
        self.resolution_failures.pop(path, None)
        try:
            self._resolve_file_unguarded(path)
        except Exception as error:  # noqa: BLE001 - bad input must give a diagnostic, never a crash
            self._forget_resolution(path)
            for target in [t for t, paths in self._applied_by.items() if path in paths]:
                _unlink(self._applied_by, target, path)  # new applies may be recorded already
            self._resolved[path] = ResolvedFile()
            self.resolution_failures[path] = repr(error)

    def _resolve_file_unguarded(self, path: Path) -> None:
        summary = self._summaries.get(path)
        if summary is None:
            self._forget_resolution(path)
            return
        self.stats["resolved_files"] += 1
        uses = uses_by_name(summary)
        resolved = ResolvedFile()
        tried_all: set[str] = set()
        targets: set[str] = set()
        applied: set[str] = set()  # shapes this file's `apply` statements name
        # A file names the same few shapes many times: look each text up once (`use` statements
        # apart, as they are looked up differently; tens of thousands of references in a large model).
        looked_up: dict[str, tuple[tuple[str, ...], str | None]] = {}
        looked_up_uses: dict[str, tuple[tuple[str, ...], str | None]] = {}
        append = resolved.references.append
        make = Resolved
        # Looking up names reads only definitions: a long file's are looked up a slice at a
        # time (see `pacing`), and its previous resolution stays until they all are.
        for reference in in_slices(summary.references, 256):
            text, role = reference.text, reference.role
            known = (looked_up_uses if role == "use" else looked_up).get(text)
            if known is None:
                tried = candidates(summary, text, uses) if role != "use" else [text.split("$")[0]]
                target = None
                for candidate in tried:
                    if self.shape(candidate) is not None:
                        target = with_member(candidate, text)
                        break
                known = (tuple(tried), target)
                (looked_up_uses if role == "use" else looked_up)[text] = known
                tried_all.update(tried)
                if target is not None:
                    targets.add(target.split("$", 1)[0])
            tried, target = known
            append(make(reference, target, tried))
            if target is not None and role == "apply" and "$" not in target:
                applied.add(target)
        # What follows reads what files apply (`has_trait`): this file's own as resolved now.
        self._replace_applied(path, applied)
        # An elided `$name` refers to the member of the mixin it copies.
        for shape in summary.shapes:
            shape_def = ShapeDef(summary, shape)
            for member in shape.members:
                if not member.elided:
                    continue
                for mixin in shape.mixins:
                    mixin_def = self.target_shape(summary, mixin.text)
                    found = self.member(mixin_def, member.name.text) if mixin_def is not None else None
                    if found is not None:
                        reference = Reference(member.name.text, member.name.start, member.name.end, "elided",
                                              f"{shape_def.id}${member.name.text}")
                        resolved.references.append(Resolved(reference, f"{found[0].id}${found[1].name.text}", (mixin_def.id,)))
                        targets.add(found[0].id)
                        break
        # Shape ids inside trait values whose trait member is an @idRef.
        # Each trait use's id is written once, as a "trait" reference with the same text: its
        # target is that text's (looked up by text: ranges of large JSON models are found
        # only when read, see `lazy_ranges`).
        by_text = {r.reference.text: r.target for r in resolved.references if r.reference.role == "trait"}
        # Per trait id: its definition, and whether any of its values can hold an @idRef string
        # (most trait values, documentation above all, cannot: they need no walk).
        trait_defs: dict[str, tuple[ShapeDef | None, bool]] = {}
        for owner, trait in in_slices(self._trait_uses(summary), 128):
            trait_id = trait.id.text if trait.implicit else by_text.get(trait.id.text)
            resolved.traits.append((trait, trait_id, owner))
            if trait_id is None or trait.value is None:
                continue
            known_def = trait_defs.get(trait_id)
            if known_def is None:
                trait_def = self.shape(trait_id)
                known_def = trait_defs[trait_id] = (trait_def, trait_def is not None and self._may_hold_idrefs(trait_def))
            trait_def, may_hold_idrefs = known_def
            if trait_def is None:
                continue
            value = trait.value
            kind = trait_def.shape.kind
            if value.kind == "object" and kind in ("structure", "union") or value.kind == "array" and kind in ("list", "set"):
                for key_ref, member_id in self._value_keys(trait_def, value, owner):
                    resolved.references.append(Resolved(key_ref, member_id, (trait_id,)))
                    targets.add(member_id.split("$", 1)[0])
            if not may_hold_idrefs:
                continue
            for value, idref in self.idref_values(trait_def, [], trait.value):
                text = value.value
                start, end = (value.start + 1, value.end - 1) if summary.format == "idl" or value.end - value.start >= 2 else (value.start, value.end)
                selector, required = "*", False
                if idref.value is not None and idref.value.kind == "object":
                    found = idref.value.get("selector")
                    selector = found.value if found is not None and found.kind == "string" else "*"
                    required = (idref.value.get("failWhenMissing") or Node("null", None, 0, 0)).value is True
                reference = Reference(text, start, end, "idref", owner, selector, required)
                tried = candidates(summary, text, uses)
                target = next((with_member(c, text) for c in tried if self.shape(c) is not None), None)
                tried_all.update(tried)
                resolved.references.append(Resolved(reference, target, tuple(tried)))
                if target is not None:
                    targets.add(target.split("$", 1)[0])
        self._replace_resolution(path, resolved, tried_all, targets)

    def _replace_applied(self, path: Path, applied: set[str]) -> None:
        """Record that ``path`` applies traits to the shapes ``applied`` (and no others)."""
        for target in self._targets_by_file.get(path, set()) - applied:
            _unlink(self._applied_by, target, path)
        for target in applied:
            self._applied_by.setdefault(target, set()).add(path)

    def _replace_resolution(self, path: Path, resolved: ResolvedFile | None, tried_all: set[str],
                            targets: set[str]) -> None:
        """Put a file's new resolution in place of its old one (None: drop it).  The indexes
        change by the difference: after an edit in a long file, a few ids of thousands."""
        old_tried = self._tried_by_file.get(path, set())
        for tried in old_tried - tried_all:
            _unlink(self._dependents, tried, path)
        for tried in tried_all - old_tried:
            self._dependents.setdefault(tried, set()).add(path)
        old_namespaces = {tried.split("#", 1)[0] for tried in old_tried}
        new_namespaces = {tried.split("#", 1)[0] for tried in tried_all}
        for namespace in old_namespaces - new_namespaces:
            by_ns = self._dependents_by_ns.get(namespace)
            if by_ns is not None:
                by_ns.discard(path)
        for namespace in new_namespaces:
            self._dependents_by_ns.setdefault(namespace, set()).add(path)
        old_targets = self._targets_by_file.get(path, set())
        for target in old_targets - targets:  # (`_replace_applied` has dropped them from `_applied_by`)
            _unlink(self._reverse, target, path)
        for target in targets - old_targets:
            self._reverse.setdefault(target, set()).add(path)
        if resolved is None:
            self._tried_by_file.pop(path, None)
            self._targets_by_file.pop(path, None)
            self._resolved.pop(path, None)
        else:
            self._tried_by_file[path] = tried_all
            self._targets_by_file[path] = targets
            self._resolved[path] = resolved

    def _trait_uses(self, summary: FileSummary) -> Iterator[tuple[str, TraitUse]]:
        for shape in summary.shapes:
            shape_id = summary.absolute_id(shape)
            for trait in shape.traits:
                yield shape_id, trait
            for member in shape.members:
                for trait in member.traits:
                    yield f"{shape_id}${member.name.text}", trait
        for apply in summary.applies:
            for trait in apply.traits:
                yield apply.target.text, trait

    def _value_keys(self, target: ShapeDef, value: Node, owner: str, depth: int = 0) -> Iterator[tuple[Reference, str]]:
        """Keys of structure values in a trait value, as references to the members they set."""
        if depth > 16:
            return
        kind = target.shape.kind
        if value.kind == "object" and kind in ("structure", "union"):
            for entry in value.entries:
                found = self.member(target, entry.key)
                if found is None:
                    continue
                member_owner, member = found
                yield key_reference(entry, "trait-member", owner), f"{member_owner.id}${member.name.text}"
                child = self.member_target(member_owner, member)
                if child is not None:
                    yield from self._value_keys(child, entry.value, owner, depth + 1)
        elif value.kind == "array" and kind in ("list", "set"):
            found = self.member(target, "member")
            child = self.member_target(*found) if found is not None else None
            if child is not None:
                for item in value.items:
                    yield from self._value_keys(child, item, owner, depth + 1)

    def _may_hold_idrefs(self, target: ShapeDef) -> bool:
        """Whether `idref_values` can find anything in a value of ``target``: whether @idRef is
        on it, on one of its members or anywhere below (as `idref_values` looks for it)."""
        pending, seen = [target], {id(target.shape)}
        while pending:
            shape_def = pending.pop()
            if self.has_trait(shape_def, "smithy.api#idRef", shape_def.shape.traits) is not None:
                return True
            for owner, member in self.all_members(shape_def):
                child = self.member_target(owner, member)
                if child is None:
                    continue  # `idref_values` does not look into a member without a target
                if self.has_trait(child, "smithy.api#idRef", member.traits) is not None:
                    return True
                if id(child.shape) not in seen:
                    seen.add(id(child.shape))
                    pending.append(child)
        return False

    def idref_values(self, target: ShapeDef, member_traits: list[TraitUse], value: Node,
                     depth: int = 0) -> Iterator[tuple[Node, TraitUse]]:
        """String values that an @idRef (on the member or the shape) marks as shape ids, with that @idRef."""
        if depth > 16:
            return
        if value.kind == "string":
            idref = self.has_trait(target, "smithy.api#idRef", member_traits) or self.has_trait(
                target, "smithy.api#idRef", target.shape.traits)
            if idref is not None and value.value:
                yield value, idref
            return
        kind = target.shape.kind
        children: list[tuple[ShapeDef, Member, Node]] = []
        if value.kind == "array" and kind in ("list", "set"):
            found = self.member(target, "member")
            if found is not None:
                children = [(found[0], found[1], item) for item in value.items]
        elif value.kind == "object" and kind == "map":
            found = self.member(target, "value")
            if found is not None:
                children = [(found[0], found[1], entry.value) for entry in value.entries]
        elif value.kind == "object" and kind in ("structure", "union"):
            for entry in value.entries:
                found = self.member(target, entry.key)
                if found is not None:
                    children.append((found[0], found[1], entry.value))
        for owner, member, child in children:
            child_target = self.member_target(owner, member)
            if child_target is not None:
                yield from self.idref_values(child_target, member.traits, child, depth + 1)

    # ----- updates ------------------------------------------------------------------------

    def update(self, path: Path) -> set[Path]:
        path = normalize(path)
        if path.name in PROJECT_FILES and (path in self._project_of or self.files_store.read(path) is not None):
            return self._update_project(path)
        old = self._summaries.get(path)
        old_ids = self._defined_ids(old)
        builtin_defined_before = {ns for ns in BUILTIN_SOURCES if ns in self._ns_files}
        if path not in self._project_of:
            if path.suffix not in (".smithy", ".json") or self.files_store.read(path) is None:
                if old is None:
                    return set()
            else:
                loose = self._loose()
                loose.files.add(path)
                self._project_of[path] = loose
        old_resolved = self._resolved.get(path)
        applied_before = {r.target for r in old_resolved.references
                          if r.reference.role == "apply" and r.target} if old_resolved is not None else set()
        new = self._load(path)
        if new is None:
            self._forget_resolution(path)
        new_ids = self._defined_ids(new)
        affected: set[Path] = {path} if new is not None or old is not None else set()
        for shape_id in in_slices(old_ids | new_ids, 64):  # thousands in a long model
            affected |= self._dependents.get(shape_id, set())
            # Same name ignoring case elsewhere: duplicate diagnostics change.
            for like in self.ids_like(shape_id):
                affected |= {d.path for d in self._defs.get(like, [])}
        # Metadata keys are global: files sharing a key may now conflict, or stop conflicting.
        keys = {m.key.text for m in (old.metadata if old else [])} | {m.key.text for m in (new.metadata if new else [])}
        if keys:
            affected |= {p for p, s in self._summaries.items() if any(m.key.text in keys for m in s.metadata)}
        # A built-in namespace that starts or stops being defined by the workspace switches
        # the built-in definitions off or on for everyone who looks into it.
        builtin_defined_after = {ns for ns in BUILTIN_SOURCES if ns in self._ns_files}
        for namespace in builtin_defined_before ^ builtin_defined_after:
            affected |= self._dependents_by_ns.get(namespace, set())
        for dependent in sorted(affected):
            if dependent in self._summaries:
                self._resolve_file(dependent)
        # Traits applied from this file show in the diagnostics of the shapes' own files.
        resolved_now = self._resolved.get(path)
        applied_now = {r.target for r in resolved_now.references
                       if r.reference.role == "apply" and r.target} if resolved_now is not None else set()
        for target in applied_before | applied_now:
            affected |= {d.path for d in self._defs.get(target.split("$", 1)[0], [])}
        if new is None:
            project = self._project_of.get(path)
            if project is not None and project.kind == "loose":
                project.files.discard(path)
                del self._project_of[path]
        return affected

    def _update_project(self, config: Path) -> set[Path]:
        old = self._project_of.get(config)
        if old is not None and old.config is not None and old.config != config:
            # A `.smithy-project.json` read with its `smithy-build.json`: re-read both.
            del self._project_of[config]
            return self._update_project(old.config) | {config}
        before = set(old.files) if old is not None else set()
        if self.files_store.read(config) is None:
            if old is not None:
                self.projects.remove(old)
                del self._project_of[config]
            return before | {config}
        with gc_paused():
            for project in discover(config, self.files_store, self._allowed(config.parent),
                                    self.settings.smithy_maven_repositories):
                self._add_project(project)
            self._resolve_all()
        current = self._project_of.get(config)
        now = current.files if current is not None else set()
        return before | set(now) | {config} | ({current.config} if current is not None and current.config else set())

    # ----- queries ------------------------------------------------------------------------

    def files(self) -> list[Path]:
        """Files to check: the workspace's own, never the models read from jars."""
        result = {p for p in self._summaries if not self.is_jar_model(p)}
        for project in self.projects:
            if project.config is not None and project.problems:
                result.update(d.path for d in project.problems)
        return sorted(result)

    def summary(self, path: Path) -> FileSummary | None:
        return self._summaries.get(normalize(path))

    def summaries(self) -> list[FileSummary]:
        return list(self._summaries.values())

    @property
    def definitions_generation(self) -> int:
        """A number that changes whenever a file's definitions are indexed or dropped: what
        was worked out from the definitions before still holds while it stays the same."""
        return self._definitions_generation

    def summaries_with_metadata(self) -> list[FileSummary]:
        """The files with `metadata` statements, in the order of `summaries`."""
        return list(self._with_metadata.values())

    def summaries_with_shapes_of(self, kind: str) -> list[FileSummary]:
        """The files that define shapes of ``kind`` (`operation`, `resource`, …), in the order of `summaries`."""
        return list(self._with_kind.get(kind, {}).values())

    def summaries_with_shape_trait(self, name: str) -> list[FileSummary]:
        """The files with a shape whose traits include one written as ``name`` (absolute
        or not: `smithy.api#metadata` and `metadata` are both `metadata`), in the order of `summaries`."""
        return list(self._with_shape_trait.get(name, {}).values())

    def tree(self, path: Path) -> SyntaxTree | None:
        path = normalize(path)
        tree = self._trees.get(path)
        if tree is None and path in self._summaries and path.suffix == ".smithy":
            # Summarized by a worker process: parse here only when a feature needs the tree.
            source = self.files_store.read(path)
            if source is not None:
                tree = self._trees[path] = self.parses.get(path, "smithy", source)
        return tree

    def resolved(self, path: Path) -> ResolvedFile | None:
        return self._resolved.get(normalize(path))

    def applies_none_of(self, summary: FileSummary, trait_ids: Iterable[str]) -> bool:
        """Whether the file of ``summary`` (as resolved) applies none of ``trait_ids`` itself,
        on its shapes, members or in its `apply` statements; False when that is not known."""
        if self._summaries.get(summary.path) is not summary:
            return False
        resolved = self._resolved.get(summary.path)
        return resolved is not None and resolved.trait_ids().isdisjoint(trait_ids)

    def is_wasmcloud(self, path: Path) -> bool:
        path = normalize(path)
        project = self._project_of.get(path)
        if project is not None and project.wasmcloud:
            return True
        summary = self._summaries.get(path)
        if summary is None:
            return False
        known = self._names_wasmcloud.get(path)
        if known is not None and known[0] is summary:
            return known[1]
        answer = any(ref.text.startswith(WASMCLOUD_NAMESPACES[0] + "#") for ref in summary.references) or (
            summary.namespace is not None and summary.namespace.text in WASMCLOUD_NAMESPACES)
        self._names_wasmcloud[path] = (summary, answer)
        return answer

    def location_of(self, target: str, near: Path | None = None) -> Location | None:
        shape_id, _, member = target.partition("$")
        shape_def = self._nearest(shape_id, near)
        if shape_def is None:
            return None
        if member:
            found = self.member(shape_def, member)
            if found is None:
                return None
            return Location(found[0].path, found[1].name.start, found[1].name.end)
        return Location(shape_def.path, shape_def.shape.name.start, shape_def.shape.name.end)

    def _declared_at(self, path: Path, offset: int) -> str | None:
        summary = self._summaries.get(path)
        if summary is None:
            return None
        for shape in summary.shapes:
            if shape.name.start <= offset <= shape.name.end and shape.inline_of is None:
                return summary.absolute_id(shape)
            for member in shape.members:
                if member.name.start <= offset <= member.name.end:
                    return f"{summary.absolute_id(shape)}${member.name.text}"
        return None

    def _target_at(self, path: Path, offset: int) -> str | None:
        resolved = self._resolved.get(path)
        found = resolved.at(offset) if resolved is not None else None
        if found is not None and found.target is not None:
            return found.target
        return self._declared_at(path, offset)

    def definition(self, path: Path, offset: int) -> Location | None:
        path = normalize(path)
        resolved = self._resolved.get(path)
        found = resolved.at(offset) if resolved is not None else None
        if found is None or found.target is None:
            return None
        return self.location_of(found.target, path)

    def references(self, path: Path, offset: int, include_declaration: bool) -> list[Location]:
        path = normalize(path)
        target = self._target_at(path, offset)
        if target is None:
            return []
        shape_id = target.split("$", 1)[0]
        result: list[Location] = []
        if include_declaration:
            declared = self.location_of(target, path)
            if declared is not None:
                result.append(declared)
        for referrer in sorted(self._reverse.get(shape_id, set())):
            for resolved in self._resolved[referrer].references:
                if resolved.target == target:
                    ref = resolved.reference
                    result.append(Location(referrer, ref.start, ref.end))
        return result

    def project_diagnostics(self, path: Path) -> list[Diagnostic]:
        path = normalize(path)
        project = self._project_of.get(path)
        if project is None or (project.config != path and path not in project.companions):
            return []
        result = [d for d in project.problems if d.path == path]
        unknown = self.unknown_namespaces(project) if project.dependency_missing else []
        if unknown:
            # Name what the missing dependency leaves unchecked (reported here, not at each use).
            named = ", ".join(f"`{ns}`" for ns in unknown[:10]) + (", ..." if len(unknown) > 10 else "")
            result = [replace(d, message=f"{d.message} Namespaces the project uses that no loaded model defines: {named}.")
                      if d.code == "smithy/maven-dependency-not-found" else d for d in result]
        return result

    def unknown_namespaces(self, project: Project) -> list[str]:
        """Namespaces that the project's own files name (in `use`s and absolute shape ids)
        and that no loaded model defines."""
        found: set[str] = set()
        for path in project.files:
            resolved = self._resolved.get(path)
            for item in resolved.references if resolved is not None else ():
                if item.target is None and "#" in item.reference.text:
                    namespace = item.reference.text.split("#", 1)[0]
                    if namespace not in found and not self.namespace_known(namespace):
                        found.add(namespace)
        return sorted(found)

    def builtin_text(self, path: Path) -> bytes | None:
        """The text of a model that has no file of its own: built in, or read from a jar."""
        return builtin_source(path) or jars.jar_source(path)

    def is_jar_model(self, path: Path) -> bool:
        return jars.split_model_path(path) is not None

    def dependency_missing(self, path: Path) -> bool:
        """Whether the file's project names a Maven dependency that did not resolve."""
        project = self._project_of.get(normalize(path))
        return project is not None and project.dependency_missing
