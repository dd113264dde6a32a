"""Questions the editor features ask of a Smithy workspace: what is at an offset,
which shapes a file can name, where a `use` goes, and a shape's documentation.

Kept apart from the workspace because only the interactive features need them,
and they read the workspace without changing it.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from pathlib import Path

from witsmith.diagnostics import TextEdit
from witsmith.model.smithy import FileSummary, Member, Shape, TraitUse
from witsmith.model.smithy.builtin import BUILTIN_SOURCES, PRELUDE_NAMESPACE, builtin_summaries
from witsmith.workspace.files import normalize
from witsmith.workspace.smithy import WASMCLOUD_NAMESPACES, ShapeDef, SmithyWorkspace
from witsmith.workspace.smithy.resolution import split_id, uses_by_name

TRAIT_MARKERS = ("trait", "smithy.api#trait")


def source_of(workspace: SmithyWorkspace, path: Path) -> bytes | None:
    tree = workspace.tree(path)
    if tree is not None:
        return tree.source
    return workspace.files_store.read(path) or workspace.builtin_text(path)


def summary_of(workspace: SmithyWorkspace, path: Path) -> FileSummary | None:
    """The file's summary; a built-in model's when the path names one (editors show them read-only)."""
    found = workspace.summary(path)
    if found is not None:
        return found
    normalized = normalize(path)
    for summary in builtin_summaries().values():
        if summary.path == normalized or summary.path == path:
            return summary
    return None


def is_trait_shape(shape: Shape) -> bool:
    """Whether a shape is marked `@trait` (by its written id: cheap enough for catalogs)."""
    return any(t.id.text in TRAIT_MARKERS for t in shape.traits)


def builtin_origin(summary: FileSummary) -> str | None:
    """Where a built-in shape comes from, in words; None for workspace files."""
    if not summary.builtin:
        return None
    namespace = summary.namespace.text if summary.namespace else ""
    if namespace == PRELUDE_NAMESPACE:
        return "the Smithy prelude (`smithy.api`), built into witsmith"
    return f"wasmCloud's `{namespace}`, built into witsmith"


def trait_value(workspace: SmithyWorkspace, shape_def: ShapeDef, trait_id: str,
                traits: list[TraitUse] | None = None) -> TraitUse | None:
    try:
        return workspace.has_trait(shape_def, trait_id, traits)
    except Exception:  # noqa: BLE001 - a lookup into a broken model answers "not there"
        return None


def documentation(workspace: SmithyWorkspace, shape_def: ShapeDef, member: Member | None = None) -> str | None:
    """`///` comments, else the `@documentation` trait (also from `apply` for shapes)."""
    if member is not None:
        if member.docs:
            return member.docs
        found = trait_value(workspace, shape_def, "smithy.api#documentation", member.traits)
    else:
        if shape_def.shape.docs:
            return shape_def.shape.docs
        found = trait_value(workspace, shape_def, "smithy.api#documentation")
    if found is not None and found.value is not None and found.value.kind == "string":
        return str(found.value.value)
    return None


def quick_documentation(shape: Shape) -> str | None:
    """Documentation from the shape's own text only (no resolution): cheap enough for long lists."""
    if shape.docs:
        return shape.docs
    for trait in shape.traits:
        if trait.id.text in ("documentation", "smithy.api#documentation") and trait.value is not None \
                and trait.value.kind == "string":
            return str(trait.value.value)
    return None


def deprecation(workspace: SmithyWorkspace, shape_def: ShapeDef, member: Member | None = None) -> str | None:
    """A sentence saying the shape or member is deprecated, with its message and since."""
    found = trait_value(workspace, shape_def, "smithy.api#deprecated", member.traits if member is not None else None)
    if found is None:
        return None
    text = "**Deprecated**"
    value = found.value
    if value is not None and value.kind == "object":
        since = value.get("since")
        message = value.get("message")
        if since is not None and since.kind == "string" and since.value:
            text += f" since {since.value}"
        if message is not None and message.kind == "string" and message.value:
            text += f": {message.value}"
    return text


def trait_selector(workspace: SmithyWorkspace, trait_def: ShapeDef) -> str | None:
    marker = trait_value(workspace, trait_def, "smithy.api#trait", trait_def.shape.traits)
    if marker is None:
        return None
    if marker.value is not None and marker.value.kind == "object":
        selector = marker.value.get("selector")
        if selector is not None and selector.kind == "string":
            return str(selector.value)
    return "*"


# ----- what is at an offset ---------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    """The shape or member named at an offset: `target` is an absolute id (`ns#S` or `ns#S$m`)."""

    target: str
    start: int  # the text naming it (a reference as written, or the declared name)
    end: int
    role: str  # a reference role, or "declaration"
    text: str  # as written


def found_at(workspace: SmithyWorkspace, path: Path, offset: int) -> Found | None:
    resolved = workspace.resolved(path)
    hit = resolved.at(offset) if resolved is not None else None
    if hit is not None and hit.target is not None:
        ref = hit.reference
        return Found(hit.target, ref.start, ref.end, ref.role, ref.text)
    summary = summary_of(workspace, path)
    if summary is None:
        return None
    for shape in summary.shapes:
        if shape.name.start <= offset <= shape.name.end and shape.inline_of is None:
            return Found(summary.absolute_id(shape), shape.name.start, shape.name.end, "declaration", shape.name.text)
        if shape.start <= offset <= shape.end:
            for member in shape.members:
                if member.name.start <= offset <= member.name.end:
                    return Found(f"{summary.absolute_id(shape)}${member.name.text}", member.name.start,
                                 member.name.end, "declaration", member.name.text)
    return None


def name_parts(text: str, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Byte ranges of the shape name and of the member name in a shape id as written
    (None when the text is not what the range holds, e.g. a string with escapes)."""
    if end - start != len(text.encode("utf-8")):
        return None
    namespace, name, member = split_id(text)
    name_start = start + (len(namespace.encode("utf-8")) + 1 if namespace is not None else 0)
    name_end = name_start + len(name.encode("utf-8"))
    member_range = (name_end + 1, end) if member is not None else None
    return (name_start, name_end), member_range


def narrowed(found: Found, offset: int) -> Found:
    """A reference to `S$m` names the shape when the cursor is on `S` (or its namespace)."""
    if "$" not in found.target or found.role in ("declaration", "trait-member", "elided"):
        return found
    parts = name_parts(found.text, found.start, found.end)
    if parts is None or parts[1] is None or offset >= parts[1][0] - 1:
        return found
    return Found(found.target.split("$", 1)[0], found.start, parts[1][0] - 1, found.role, found.text.split("$", 1)[0])


def lookup(workspace: SmithyWorkspace, target: str, near: Path | None = None) -> tuple[ShapeDef, Member | None] | None:
    """The shape (and member) of an absolute id."""
    shape_id, _, member_name = target.partition("$")
    shape_def = None
    if near is not None:
        shape_def = next((d for d in workspace.definitions(shape_id) if workspace.same_project(d.path, near)), None)
    shape_def = shape_def or workspace.shape(shape_id)
    if shape_def is None:
        return None
    if not member_name:
        return shape_def, None
    found = workspace.member(shape_def, member_name)
    if found is None:
        return None
    return found


# ----- names a file can write -------------------------------------------------------------

@dataclass(frozen=True)
class Nameable:
    """A shape a file can refer to: `written` is what to insert; `use` is the id to import first."""

    shape_def: ShapeDef
    written: str
    use: str | None  # an absolute id to `use`, or None when the name is already in scope
    in_scope: bool
    is_trait: bool = False  # marked `@trait`
    is_mixin: bool = False  # marked `@mixin`


def project_summaries(workspace: SmithyWorkspace, path: Path) -> list[FileSummary]:
    """Workspace files that belong to the same model as `path`, then the built-ins it may see."""
    result = [s for s in workspace.summaries() if s.path == path or workspace.one_model(path, s.path)]
    wasmcloud = is_wasmcloud(workspace, path)
    for namespace, summary in builtin_summaries().items():
        if namespace == PRELUDE_NAMESPACE or (wasmcloud and not workspace.namespace_known_in_files(namespace)):
            result.append(summary)
    return result


def is_wasmcloud(workspace: SmithyWorkspace, path: Path) -> bool:
    """The workspace's answer without its scan of every reference: the project, the namespace or a `use`."""
    project = workspace.project_of(path)
    if project is not None and project.wasmcloud:
        return True
    summary = workspace.summary(path)
    if summary is None:
        return False
    if summary.namespace is not None and summary.namespace.text in WASMCLOUD_NAMESPACES:
        return True
    return any(use.text.split("#", 1)[0] in WASMCLOUD_NAMESPACES for use in summary.uses)


def has_marker(shape: Shape, trait: str) -> bool:
    """Whether a shape carries the prelude trait ``trait`` (by its written id)."""
    return any(t.id.text in (trait, f"smithy.api#{trait}") for t in shape.traits)


# The last list made for each workspace, with what it was made from: completion asks at
# every request, and in a 20,000-line model making it was a third of the request.
_nameable_made: weakref.WeakKeyDictionary[SmithyWorkspace, tuple[Path, FileSummary, int, list[Nameable]]] = \
    weakref.WeakKeyDictionary()


def nameable_shapes(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Nameable]:
    """Every shape the file may name: in scope (own namespace, `use`d, prelude) or after a new `use`."""
    made = _nameable_made.get(workspace)
    generation = workspace.definitions_generation
    if made is not None and made[0] == path and made[1] is summary and made[2] == generation:
        return made[3]
    result = _nameable_shapes(workspace, path, summary)
    _nameable_made[workspace] = (path, summary, generation, result)
    return result


def _nameable_shapes(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Nameable]:
    own = summary.namespace.text if summary.namespace else None
    uses = uses_by_name(summary)
    used_ids = set(uses.values())
    shapes: list[tuple[ShapeDef, str, str, str]] = []  # with its id, namespace and name, computed once
    seen: set[str] = set()
    for other in project_summaries(workspace, path):
        file_namespace = other.namespace.text if other.namespace else ""
        for shape in other.shapes:
            if shape.inline_of is not None:
                continue  # an inline input/output belongs to its operation
            written = shape.name.text
            if "#" in written:
                shape_id = written
                namespace, name = written.split("#", 1)
            else:
                shape_id, namespace, name = f"{file_namespace}#{written}", file_namespace, written
            if shape_id in seen:
                continue
            if namespace != own and has_marker(shape, "private"):
                continue
            seen.add(shape_id)
            shapes.append((ShapeDef(other, shape), shape_id, namespace, name))
    taken: set[str] = set(uses)
    taken |= {name for _, _, namespace, name in shapes if namespace == own}
    result: list[Nameable] = []
    for shape_def, shape_id, namespace, name in shapes:
        if namespace == own or shape_id in used_ids:
            written, use, in_scope = name, None, True
        elif namespace == PRELUDE_NAMESPACE:
            written, use, in_scope = (shape_id, None, False) if name in taken else (name, None, True)
        elif name in taken or own is None:
            written, use, in_scope = shape_id, None, False
        else:
            written, use, in_scope = name, shape_id, False
        result.append(Nameable(shape_def, written, use, in_scope, is_trait_shape(shape_def.shape),
                               has_marker(shape_def.shape, "mixin")))
    return result


def known_namespaces(workspace: SmithyWorkspace, path: Path) -> list[str]:
    names = {s.shape_namespace(shape) for s in project_summaries(workspace, path) for shape in s.shapes}
    names |= {s.namespace.text for s in workspace.summaries() if s.namespace is not None
              and (s.path == path or workspace.one_model(path, s.path))}
    names |= set(BUILTIN_SOURCES)
    names.discard("")
    return sorted(names)


def use_edit(summary: FileSummary, source: bytes | None, shape_id: str) -> TextEdit | None:
    """The edit adding `use shape_id`: on the line after the last `use`, else after `namespace`."""
    if source is None or summary.format != "idl":
        return None
    if summary.uses:
        anchor, text = summary.uses[-1].end, f"use {shape_id}\n"
    elif summary.namespace is not None:
        anchor, text = summary.namespace.end, f"\nuse {shape_id}\n"
    else:
        return None
    newline = source.find(b"\n", anchor)
    if newline < 0:
        return TextEdit(summary.path, len(source), len(source), "\n" + text.rstrip("\n"))
    return TextEdit(summary.path, newline + 1, newline + 1, text)
