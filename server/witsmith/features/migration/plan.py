"""Which Smithy services become which WIT packages, for a set of model files or one service."""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.features.migration.names import Scope, kebab
from witsmith.features.migration.phase2 import advice_for
from witsmith.features.migration.report import Migration, Note, PackageResult
from witsmith.features.migration.translate import (
    WASMCLOUD_MODEL,
    Translation,
    Translator,
    contract_of,
    is_data_shape,
)
from witsmith.model.smithy import FileSummary
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace
from witsmith.workspace.wit.names import identifier_problem, version_problem

_PACKAGE = re.compile(r"([^:@]+):([^:@]+)(?:@(.+))?")


class MigrationError(Exception):
    """A migration that cannot be done as asked (shown to the user as is)."""


def parse_package(text: str) -> tuple[str, str, str | None]:
    """`NAMESPACE:NAME@VERSION` (the version is optional), checked as WIT names."""
    match = _PACKAGE.fullmatch(text.strip())
    if match is None:
        raise MigrationError(f"--package {text!r}: expected NAMESPACE:NAME@VERSION, e.g. wasmcloud:keyvalue@0.1.0")
    namespace, name, version = match.groups()
    for part in (namespace, name):
        problem = identifier_problem(part)
        if problem is not None:
            raise MigrationError(f"--package {text!r}: `{part}` is not a WIT identifier: {problem}")
    if version is not None:
        problem = version_problem(version)
        if problem is not None:
            raise MigrationError(f"--package {text!r}: {problem}")
    return namespace, name, version


def _group_key(workspace: SmithyWorkspace, service: ShapeDef) -> str:
    contract = contract_of(workspace, service)
    return f"contract {contract}" if contract else f"namespace {service.namespace}"


def _shapes(summaries: list[FileSummary]) -> list[ShapeDef]:
    return [ShapeDef(summary, shape) for summary in summaries for shape in summary.shapes]


def translations(workspace: SmithyWorkspace, summaries: list[FileSummary],
                 package: tuple[str, str, str | None] | None = None) -> tuple[list[Translation], list[Note]]:
    """Translate the services of the given files: one translation per contract, or per
    namespace for services without a contract; files without services give a types-only
    package per namespace when no file has a service."""
    summaries = [s for s in summaries if not s.builtin]
    shapes = _shapes(summaries)
    skipped: list[Note] = []
    services = [d for d in shapes if d.shape.kind == "service" and d.namespace != WASMCLOUD_MODEL]
    groups: dict[str, list[ShapeDef]] = {}
    for service in services:
        groups.setdefault(_group_key(workspace, service), []).append(service)
    plans: list[tuple[list[ShapeDef], list[str]]] = []
    claimed: set[str] = set()
    for members in groups.values():
        namespaces = list(dict.fromkeys(s.namespace for s in members))
        plans.append((members, [n for n in namespaces if n not in claimed]))
        claimed |= set(namespaces)
    data_namespaces = list(dict.fromkeys(d.namespace for d in shapes if is_data_shape(d)))
    for namespace in data_namespaces:
        if namespace in claimed:
            continue
        if namespace == WASMCLOUD_MODEL:
            skipped.append(Note("not-migrated", namespace, "wasmCloud's own model namespace: its shapes map to "
                                "WIT built-in types, and its traits have no WIT meaning"))
        elif not services:
            plans.append(([], [namespace]))
        else:
            skipped.append(Note("not-migrated", namespace, "no service: its shapes are migrated only where a "
                                "service uses them"))
    if package is not None and len(plans) > 1:
        raise MigrationError(f"--package names one package, but the model holds {len(plans)} contracts; "
                             "migrate them one at a time (a file or folder each)")
    result = []
    for members, namespaces in plans:
        extras = [d for d in shapes if d.namespace in namespaces and is_data_shape(d)]
        if not members and not extras:
            continue
        namespace_list = namespaces or [members[0].namespace]
        result.append(Translator(workspace, members, namespace_list, extras, package).translate())
    return result, skipped


def migrate(workspace: SmithyWorkspace, files: list[Path], package: str | None = None) -> Migration:
    """Migrate the Smithy files (already in the workspace): the packages, their text and report."""
    override = parse_package(package) if package is not None else None
    summaries = [s for s in (workspace.summary(path) for path in files) if s is not None]
    found, skipped = translations(workspace, summaries, override)
    for summary in summaries:
        tree = workspace.tree(summary.path)
        if tree is not None and tree.has_errors:
            # What a broken file declares is translated as far as it could be read.
            skipped.append(Note("syntax-error", str(summary.path), "the file has syntax errors: what follows "
                                "them may be missing from the WIT; `witsmith check` shows where"))
    migration = Migration(skipped=skipped)
    folders = Scope(exact=True)
    for translation in found:
        pkg = translation.package
        if len(found) == 1:
            file_name = f"{pkg.name}.wit"
        else:
            folder = folders.claim(pkg.name if pkg.name not in folders else kebab(f"{pkg.namespace}-{pkg.name}"))
            file_name = f"{folder}/{pkg.name}.wit"
        migration.packages.append(PackageResult(
            pkg, translation.text, file_name, translation.contract, [s.id for s in translation.services],
            translation.notes, advice_for(translation.contract)))
    return migration


# Recent translations for hover, by the namespace and the exact summaries of its project:
# an edit anywhere in the project replaces a summary, so a stale entry is never found.
_RECENT: dict[tuple, tuple[list[FileSummary], list[Translation]]] = {}
_RECENT_SIZE = 8


def translation_of(workspace: SmithyWorkspace, shape_def: ShapeDef) -> Translation | None:
    """The translation of the contract a shape belongs to: its project's services sharing the
    shape's contract (for a service) or namespace."""
    path = shape_def.path
    if shape_def.summary.builtin:
        return None
    project = [s for s in workspace.summaries() if not s.builtin and (s.path == path or workspace.one_model(path, s.path))]
    key = (shape_def.namespace, tuple(id(s) for s in project))
    cached = _RECENT.get(key)
    if cached is None:
        # The shape's own namespace is enough: shapes of other namespaces are found through the workspace.
        summaries = [s for s in project if any(s.shape_namespace(shape) == shape_def.namespace for shape in s.shapes)]
        cached = (project, translations(workspace, summaries)[0])  # the summaries stay alive: ids stay unique
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.pop(next(iter(_RECENT)))
        _RECENT[key] = cached
    for translation in cached[1]:
        if shape_def.id in translation.items:
            return translation
    return None
