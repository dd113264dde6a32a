"""Rename of Smithy shapes and members: every reference (uses, applies, mixins,
trait value keys, @idRef strings, elided members) and the declaration.

Refused when the shape is built in, when its definition or a reference is in a
file witsmith must not edit (JSON AST models, downloaded or configured
dependencies, files outside the workspace folders), or when the new name is
not an identifier or would clash with a name already there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from witsmith.diagnostics import TextEdit
from witsmith.features.editing import RenameEdits, RenameRefused, RenameTarget
from witsmith.features.smithy.lookup import found_at, lookup, name_parts
from witsmith.model.smithy import FileSummary
from witsmith.model.smithy.builtin import PRELUDE_NAMESPACE
from witsmith.workspace.files import normalize
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace
from witsmith.workspace.smithy.projects import weld_cache_dirs
from witsmith.workspace.smithy.resolution import split_id, uses_by_name

# The specification's identifier: underscores alone are not a name.
IDENTIFIER = re.compile(r"(?:_+[A-Za-z0-9]|[A-Za-z])[A-Za-z0-9_]*")
# Roles whose reference text is the member name alone.
MEMBER_ONLY_ROLES = ("trait-member", "elided")


@dataclass(frozen=True)
class _Subject:
    """What a rename at an offset renames: a shape or one member of it."""

    shape_def: ShapeDef
    member: str | None  # the member's name, None for the shape
    start: int  # the name at the cursor
    end: int

    @property
    def target(self) -> str:
        return self.shape_def.id + (f"${self.member}" if self.member else "")

    @property
    def name(self) -> str:
        return self.member or self.shape_def.shape.name.text.split("#")[-1]


def prepare_rename(workspace: SmithyWorkspace, path: Path, offset: int,
                   roots: Sequence[Path] | None = None) -> RenameTarget | RenameRefused | None:
    """The name a rename at `offset` would change, or why it cannot be renamed.

    `roots` are the workspace folders; when given, definitions outside them are refused.
    """
    try:
        subject = _subject(workspace, normalize(path), offset, roots)
    except Exception:  # noqa: BLE001 - a failed lookup means there is nothing to rename here
        return None
    if subject is None or isinstance(subject, RenameRefused):
        return subject
    return RenameTarget(subject.start, subject.end, subject.name)


def rename(workspace: SmithyWorkspace, path: Path, offset: int, new_name: str,
           roots: Sequence[Path] | None = None) -> RenameEdits | RenameRefused:
    try:
        return _rename(workspace, normalize(path), offset, new_name, roots)
    except Exception as error:  # noqa: BLE001 - never a crash: the user sees why nothing happened
        return RenameRefused(f"witsmith could not compute this rename ({error!r})")


# ----- what is renamed --------------------------------------------------------------------

def _subject(workspace: SmithyWorkspace, path: Path, offset: int,
             roots: Sequence[Path] | None) -> _Subject | RenameRefused | None:
    found = found_at(workspace, path, offset) if offset >= 0 else None
    if found is None:
        return None
    target = found.target
    start, end = found.start, found.end
    if found.role != "declaration" and found.role not in MEMBER_ONLY_ROLES:
        parts = name_parts(found.text, found.start, found.end)
        if parts is None:
            return RenameRefused("this reference is written with escapes; rename it from its declaration")
        (name_start, name_end), member_range = parts
        shape_id, _, member = target.partition("$")
        if member and member_range is not None and offset >= member_range[0] - 1:
            start, end = member_range
        else:
            target = shape_id
            start, end = name_start, name_end
    looked_up = lookup(workspace, target, path)
    if looked_up is None:
        return None
    shape_def, member = looked_up
    refusal = _refusal(workspace, shape_def, roots)
    if refusal is not None:
        return refusal
    if member is None and shape_def.shape.inline_of is not None:
        return RenameRefused(f"`{shape_def.shape.name.text}` is an inline structure named after its operation "
                             f"`{shape_def.shape.inline_of}`; rename the operation instead")
    return _Subject(shape_def, member.name.text if member is not None else None, start, end)


def _refusal(workspace: SmithyWorkspace, shape_def: ShapeDef, roots: Sequence[Path] | None) -> RenameRefused | None:
    summary = shape_def.summary
    if summary.builtin:
        namespace = shape_def.namespace
        where = "the Smithy prelude" if namespace == PRELUDE_NAMESPACE else f"wasmCloud's `{namespace}`"
        return RenameRefused(f"`{shape_def.id}` is part of {where}, which cannot be renamed")
    reason = _not_editable(workspace, summary, roots)
    if reason is not None:
        return RenameRefused(f"`{shape_def.id}` is defined in `{summary.path.name}`, which {reason}")
    return None


def _not_editable(workspace: SmithyWorkspace, summary: FileSummary, roots: Sequence[Path] | None) -> str | None:
    """Why witsmith must not edit a file, or None when it may."""
    path = summary.path
    if summary.builtin:
        return "is built into witsmith"
    if workspace.is_jar_model(path):
        return "is read from a jar (a Maven dependency)"
    if summary.format != "idl":
        return "is a JSON AST model, which witsmith does not edit"
    for cache in weld_cache_dirs():
        if path.is_relative_to(normalize(cache)):
            return "is a downloaded model in weld's cache"
    for extra in workspace.settings.smithy_model_paths:
        if path.is_relative_to(normalize(extra)):
            return "comes from the `smithy.modelPaths` setting (a dependency)"
    if roots is not None and not any(path.is_relative_to(normalize(root)) for root in roots):
        return "is outside the workspace folders"
    return None


# ----- the edits --------------------------------------------------------------------------

def _rename(workspace: SmithyWorkspace, path: Path, offset: int, new_name: str,
            roots: Sequence[Path] | None) -> RenameEdits | RenameRefused:
    subject = _subject(workspace, path, offset, roots)
    if subject is None:
        return RenameRefused("there is no shape or member to rename here")
    if isinstance(subject, RenameRefused):
        return subject
    if IDENTIFIER.fullmatch(new_name) is None:
        return RenameRefused(f"`{new_name}` is not a Smithy identifier: use letters, digits and underscores, "
                             "starting with a letter (or underscores and then a letter or digit)")
    if new_name == subject.name:
        return RenameEdits(())
    if subject.member is not None:
        return _rename_member(workspace, subject, new_name, roots)
    return _rename_shape(workspace, subject, new_name, roots)


def _edit(edits: dict[tuple[Path, int, int], TextEdit], path: Path, start: int, end: int, text: str) -> None:
    edits[(path, start, end)] = TextEdit(path, start, end, text)


def _finish(workspace: SmithyWorkspace, edits: dict[tuple[Path, int, int], TextEdit],
            roots: Sequence[Path] | None) -> RenameEdits | RenameRefused:
    for edit_path in sorted({key[0] for key in edits}):
        summary = workspace.summary(edit_path)
        reason = _not_editable(workspace, summary, roots) if summary is not None else "is not loaded"
        if reason is not None:
            return RenameRefused(f"a reference is in `{edit_path.name}`, which {reason}; rename refused")
    return RenameEdits(tuple(sorted(edits.values(), key=lambda e: (str(e.path), e.start))))


def _references(workspace: SmithyWorkspace, wanted) -> list[tuple[FileSummary, object]]:
    """Resolved references of every file whose target satisfies `wanted`."""
    result = []
    for summary in workspace.summaries():
        resolved = workspace.resolved(summary.path)
        if resolved is None:
            continue
        for found in resolved.references:
            if found.target is not None and wanted(found.target):
                result.append((summary, found))
    return result


def _rename_shape(workspace: SmithyWorkspace, subject: _Subject, new_name: str,
                  roots: Sequence[Path] | None) -> RenameEdits | RenameRefused:
    shape_def = subject.shape_def
    renames = {shape_def.id: new_name}
    if shape_def.shape.kind == "operation":
        # Inline input and output structures are named after the operation: they follow it.
        old = shape_def.shape.name.text
        for shape in shape_def.summary.shapes:
            if shape.inline_of == old and shape.name.text.startswith(old):
                renames[shape_def.summary.absolute_id(shape)] = new_name + shape.name.text[len(old):]
    for old_id, name in renames.items():
        refusal = (_shape_clash(workspace, shape_def.path, old_id, name)
                   or _captured(workspace, shape_def.summary, old_id, name))
        if refusal is not None:
            return refusal
    edits: dict[tuple[Path, int, int], TextEdit] = {}
    _edit(edits, shape_def.path, shape_def.shape.name.start, shape_def.shape.name.end, new_name)
    for summary, found in _references(workspace, lambda t: t.split("$", 1)[0] in renames):
        ref = found.reference
        if ref.role in MEMBER_ONLY_ROLES:
            continue
        old_id = found.target.split("$", 1)[0]
        parts = name_parts(ref.text, ref.start, ref.end)
        if parts is None:
            return RenameRefused(f"a reference in `{summary.path.name}` is written with escapes; rename refused")
        namespace, name, _ = split_id(ref.text)
        if name != old_id.split("#", 1)[1]:
            continue
        new = renames[old_id]
        if namespace is None and ref.role != "use":
            refusal = _captured(workspace, summary, old_id, new)
            if refusal is not None:
                return refusal
        if ref.role == "use":
            refusal = _use_clash(summary, old_id, new)
            if refusal is not None:
                return refusal
        (start, end), _ = parts
        _edit(edits, summary.path, start, end, new)
    return _finish(workspace, edits, roots)


def _shape_clash(workspace: SmithyWorkspace, path: Path, old_id: str, new_name: str) -> RenameRefused | None:
    """A shape of the new name (ignoring case) in the same model; unrelated projects may reuse names."""
    namespace = old_id.split("#", 1)[0]
    new_id = f"{namespace}#{new_name}"
    others = {like for like in workspace.ids_like(new_id) - {old_id}
              if any(d.path == path or workspace.one_model(path, d.path) for d in workspace.definitions(like))}
    if others:
        return RenameRefused(f"`{sorted(others)[0]}` already exists (shape names are compared ignoring case)")
    if namespace != PRELUDE_NAMESPACE and workspace.shape(f"{PRELUDE_NAMESPACE}#{new_name}") is not None:
        return RenameRefused(f"`{new_name}` is a prelude shape; a shape of that name would hide "
                             f"`{PRELUDE_NAMESPACE}#{new_name}` in its namespace")
    return None


def _captured(workspace: SmithyWorkspace, summary: FileSummary, old_id: str, new_name: str) -> RenameRefused | None:
    """A relative reference must still mean the renamed shape: a `use` of the new name would win."""
    used = uses_by_name(summary).get(new_name)
    if used is not None and used != old_id.split("#", 1)[0] + f"#{new_name}":
        return RenameRefused(f"`{summary.path.name}` imports `{used}`, so `{new_name}` would mean that shape there")
    return None


def _use_clash(summary: FileSummary, old_id: str, new_name: str) -> RenameRefused | None:
    """A file that `use`s the shape must not define or import another shape with the new name."""
    own = {shape.name.text for shape in summary.shapes}
    if new_name in own:
        return RenameRefused(f"`{summary.path.name}` defines its own `{new_name}`, which would conflict with "
                             f"`use {old_id.split('#', 1)[0]}#{new_name}`")
    used = uses_by_name(summary).get(new_name)
    if used is not None:
        return RenameRefused(f"`{summary.path.name}` already imports `{used}`")
    return None


def _inheritors(workspace: SmithyWorkspace, owner: ShapeDef, member: str) -> set[str]:
    """Shapes that get `member` from `owner` through mixins (directly or not), not redeclaring it."""
    result: set[str] = set()
    frontier = {owner.id}
    for _ in range(32):
        grown = False
        for summary in workspace.summaries():
            for shape in summary.shapes:
                shape_id = summary.absolute_id(shape)
                if shape_id in result or shape_id == owner.id or not shape.mixins:
                    continue
                if shape.member(member) is not None and not shape.member(member).elided:
                    continue
                mixins = {workspace.resolve_text(summary, m.text) for m in shape.mixins}
                if mixins & (frontier | result):
                    result.add(shape_id)
                    grown = True
        if not grown:
            break
    return result


def _rename_member(workspace: SmithyWorkspace, subject: _Subject, new_name: str,
                   roots: Sequence[Path] | None) -> RenameEdits | RenameRefused:
    owner = subject.shape_def
    old = subject.member or ""
    inheritors = _inheritors(workspace, owner, old)
    for shape_id in [owner.id, *sorted(inheritors)]:
        shape = workspace.shape(shape_id)
        if shape is None:
            continue
        for other_owner, member in workspace.all_members(shape):
            if member.name.text != old and member.name.text.lower() == new_name.lower():
                return RenameRefused(f"`{shape_id}` already has a member `{member.name.text}` "
                                     "(member names are compared ignoring case)")
    found = owner.shape.member(old)
    if found is None:
        return RenameRefused(f"`{owner.id}` has no member `{old}`")
    edits: dict[tuple[Path, int, int], TextEdit] = {}
    _edit(edits, owner.path, found.name.start, found.name.end, new_name)
    targets = {f"{owner.id}${old}"} | {f"{shape_id}${old}" for shape_id in inheritors}
    for summary, resolved in _references(workspace, lambda t: t in targets):
        ref = resolved.reference
        if ref.role in MEMBER_ONLY_ROLES:
            if ref.text != old:
                continue
            _edit(edits, summary.path, ref.start, ref.end, new_name)
            continue
        parts = name_parts(ref.text, ref.start, ref.end)
        if parts is None:
            return RenameRefused(f"a reference in `{summary.path.name}` is written with escapes; rename refused")
        _, member_range = parts
        if member_range is None:
            continue
        _edit(edits, summary.path, member_range[0], member_range[1], new_name)
    return _finish(workspace, edits, roots)

