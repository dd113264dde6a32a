"""Names: unresolved shapes and traits, `use` conflicts, duplicate shapes."""

from __future__ import annotations

import difflib
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Fix, Location, Related, TextEdit, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import HELD_BY_SHAPE, defined_name, holder
from witsmith.model.smithy import FileSummary
from witsmith.model.smithy.builtin import PRELUDE_NAMESPACE
from witsmith.pacing import in_slices
from witsmith.workspace.smithy import SmithyWorkspace
from witsmith.workspace.smithy.resolution import split_id, uses_by_name

ROLE_WORDS = {
    "target": "member target", "mixin": "mixin", "for": "resource after `for`", "input": "operation input",
    "output": "operation output", "error": "error", "operation": "operation", "resource": "resource",
    "identifier": "identifier target", "property": "property target", "lifecycle": "lifecycle operation",
    "idref": "shape id",
}


UNRESOLVED_HELD_BY_SHAPE = HELD_BY_SHAPE - {"identifier"}


def _use_insert_offset(summary: FileSummary, source: bytes | None) -> int | None:
    anchor = summary.uses[-1].end if summary.uses else (summary.namespace.end if summary.namespace else None)
    if anchor is None or source is None:
        return None
    newline = source.find(b"\n", anchor)
    return len(source) if newline < 0 else newline + 1


def _catalog(workspace: SmithyWorkspace) -> list[tuple[str, str, str, bool]]:
    """(absolute id, namespace, simple name, is a trait) of every shape, built once per check."""
    result = []
    for other in workspace.summaries() + _builtins(workspace):
        for shape in other.shapes:
            shape_id = other.absolute_id(shape)
            is_trait = any(t.id.text in ("trait", "smithy.api#trait") for t in shape.traits)
            result.append((shape_id, shape_id.split("#", 1)[0], shape_id.split("#", 1)[1], is_trait))
    return result


def _suggestions(catalog, summary: FileSummary, name: str, want_trait: bool) -> tuple[list[str], list[str]]:
    """(close names visible from the file, absolute ids elsewhere with exactly this name)."""
    visible: set[str] = set(uses_by_name(summary))
    elsewhere: list[str] = []
    own_namespace = summary.namespace.text if summary.namespace else None
    for shape_id, namespace, simple, is_trait in catalog:
        if want_trait and not is_trait:
            continue
        if namespace in (own_namespace, PRELUDE_NAMESPACE):
            visible.add(simple)
        elif simple == name:
            elsewhere.append(shape_id)
    close = difflib.get_close_matches(name, sorted(visible), n=3, cutoff=0.6)
    return close, sorted(set(elsewhere))


def _builtins(workspace: SmithyWorkspace) -> list[FileSummary]:
    from witsmith.model.smithy.builtin import builtin_summaries

    return [s for ns, s in builtin_summaries().items() if ns == PRELUDE_NAMESPACE or not workspace.namespace_known_in_files(ns)]


def _case_variant(workspace: SmithyWorkspace, summary: FileSummary, name: str, uses: dict[str, str]) -> str | None:
    lowered = name.lower()
    for used in uses:
        if used.lower() == lowered:
            return used
    for namespace in ((summary.namespace.text,) if summary.namespace else ()) + (PRELUDE_NAMESPACE,):
        for like in workspace.ids_like(f"{namespace}#{name}") or ():
            return like.split("#", 1)[1]
        builtin = next((i for i in workspace.builtin_ids(namespace) if i.lower() == f"{namespace}#{name}".lower()), None)
        if builtin is not None:
            return builtin.split("#", 1)[1]
    return None


def _marked_trait(workspace: SmithyWorkspace, shape_def, seen: set[str] | None = None) -> bool:
    """Whether a shape is a trait: marked @trait itself, or through a mixin (which passes @trait on)."""
    if workspace.has_trait(shape_def, "smithy.api#trait", shape_def.shape.traits) is not None:
        return True
    seen = seen if seen is not None else set()
    seen.add(shape_def.id)
    for mixin in shape_def.shape.mixins:
        found = workspace.target_shape(shape_def.summary, mixin.text)
        if found is not None and found.id not in seen and _marked_trait(workspace, found, seen):
            return True
    return False


def _name_used(references, name: str) -> bool:
    """Whether a reference other than a `use` names ``name`` without a namespace."""
    return any(r.reference.role != "use" and split_id(r.reference.text)[0] is None
               and split_id(r.reference.text)[1] == name for r in references)


def unresolved(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    resolved_file = workspace.resolved(path)
    if resolved_file is None:
        return []
    result: list[Diagnostic] = []
    uses = uses_by_name(summary)
    source = workspace.files_store.read(path)
    catalog = None
    # Trait ids whose shape is a trait and no mixin: a file applies a few dozen of them thousands of times.
    traits_ok: set[str] = set()
    for resolved in resolved_file.references:
        ref = resolved.reference
        if resolved.target is not None:
            if ref.role == "trait":
                if resolved.target in traits_ok:
                    continue
                shape_def = workspace.shape(resolved.target)
                mixin = shape_def is not None and workspace.has_trait(
                    shape_def, "smithy.api#mixin", shape_def.shape.traits) is not None
                if not mixin and (shape_def is None or _marked_trait(workspace, shape_def)):
                    traits_ok.add(resolved.target)
                    continue
                if mixin and _marked_trait(workspace, shape_def):
                    # Smithy's TraitTarget event is on the shape the mixin is applied to; the trait is related.
                    name = defined_name(summary, ref.owner) if ref.owner else None
                    start, end = (name.start, name.end) if name is not None else (ref.start, ref.end)
                    result.append(report(R.TRAIT_TARGET, path, start, end,
                                         f"@{ref.text} is a mixin, and a mixin cannot be applied as a trait; apply a "
                                         f"trait that uses it (`with [{ref.text}]`) instead",
                                         related=(Related(Location(path, ref.start, ref.end), f"@{ref.text}"),)))
                elif shape_def is not None and not _marked_trait(workspace, shape_def):
                    result.append(report(R.NOT_A_TRAIT, path, ref.start, ref.end,
                                         f"`{ref.text}` is a {shape_def.shape.kind}, not a trait: only shapes marked "
                                         "with @trait can be applied as traits",
                                         related=(Related(Location(shape_def.path, shape_def.shape.name.start, shape_def.shape.name.end),
                                                          "defined here"),)))
            elif "$" in ref.text and workspace.location_of(resolved.target) is None:
                shape_id, _, member = resolved.target.partition("$")
                result.append(report(R.UNRESOLVED_SHAPE, path, ref.start, ref.end,
                                     f"`{shape_id}` has no member `{member}`"))
            continue
        if ref.role == "idref" and not ref.required:
            continue  # an @idRef without failWhenMissing may name a shape that does not exist
        namespace, name, _ = split_id(ref.text)
        via_use = uses.get(name) if namespace is None else None
        missing_namespace = namespace if namespace is not None else (via_use.split("#")[0] if via_use else None)
        if missing_namespace is not None and not workspace.namespace_known(missing_namespace):
            # A missing Maven dependency is reported once, on its entry in smithy-build.json.
            if (ref.role == "use" or namespace is not None) and not workspace.dependency_missing(path):
                result.append(report(R.UNLOADED_NAMESPACE, path, ref.start, ref.end,
                                     f"no model in the workspace defines the namespace `{missing_namespace}`, so "
                                     f"`{ref.text}` cannot be checked; add the model that defines it to the project "
                                     "(a dependency in smithy-build.json, a [[models]] entry in codegen.toml, or the "
                                     "`smithy.modelPaths` setting)"))
            continue
        if via_use is not None and ref.role != "use":
            continue  # the `use` itself is reported
        want_trait = ref.role == "trait"
        if namespace is None and ref.role != "use" and workspace.is_wasmcloud(path):
            same_but_case = _case_variant(workspace, summary, name, uses)
            if same_but_case is not None:
                result.append(report(R.WC_CASE, path, ref.start, ref.end,
                                     f"`{name}` matches `{same_but_case}` only ignoring case: weld accepts it, other Smithy "
                                     f"tools do not; write `{same_but_case}`",
                                     fixes=(Fix(f"Change to `{same_but_case}`", (TextEdit(path, ref.start, ref.end, same_but_case),)),)))
                continue
        if catalog is None:
            catalog = _catalog(workspace)
        close, elsewhere = _suggestions(catalog, summary, name, want_trait)
        what = "trait" if want_trait else ROLE_WORDS.get(ref.role, "shape")
        if ref.role == "use":
            message = f"`{ref.text}` does not exist: the namespace `{namespace}` has no shape `{name}`"
        elif ref.role == "apply":
            message = f"`apply` names `{ref.text}`, but no such shape exists"
        else:
            scope = f"namespace `{summary.namespace.text}`" if summary.namespace else "this file"
            message = f"cannot find the {what} `{ref.text}`: it is not imported with `use`, not in the {scope}, and not in the prelude"
        fixes: list[Fix] = []
        if close:
            message += f"; did you mean {', '.join(f'`{c}`' for c in close)}?"
            fixes.extend(Fix(f"Change to `{c}`", (TextEdit(path, ref.start, ref.end, c),)) for c in close)
        if elsewhere and namespace is None and summary.format == "idl":
            message += f"; it exists as {', '.join(f'`{e}`' for e in elsewhere)} (add a `use`)"
            offset = _use_insert_offset(summary, source)
            if offset is not None:
                fixes.extend(Fix(f"Add `use {e}`", (TextEdit(path, offset, offset, f"use {e}\n"),)) for e in elsewhere)
        rule = R.UNRESOLVED_TRAIT if want_trait else (R.APPLY_UNKNOWN if ref.role == "apply" else R.UNRESOLVED_SHAPE)
        if ref.role == "use" and not _name_used(resolved_file.references, name):
            rule = R.UNKNOWN_USE  # Smithy warns: nothing depends on the missing shape
        start, end, related = ref.start, ref.end, ()
        # A resource's identifiers and properties are node values: Smithy reports a missing one
        # (SyntacticShapeIdTarget) on the value itself.
        owner = holder(summary, ref, UNRESOLVED_HELD_BY_SHAPE) if rule is R.UNRESOLVED_SHAPE else None
        if owner is not None:
            # Smithy reports a broken relationship of an operation, resource or service on that shape.
            start, end = owner.name.start, owner.name.end
            related = (Related(Location(path, ref.start, ref.end), f"the {what} `{ref.text}` is named here"),)
            message = f"{owner.kind} `{owner.name.text}`: {message}"
        elif rule is R.UNRESOLVED_SHAPE and ref.role == "target" and ref.owner and summary.format != "idl":
            # Smithy reports on the member; in a JSON model its `target` is on a line of its own.
            member = defined_name(summary, ref.owner)
            if member is not None:
                start, end = member.start, member.end
                related = (Related(Location(path, ref.start, ref.end), f"the target `{ref.text}`"),)
        result.append(report(rule, path, start, end, message, fixes=tuple(fixes), related=related))
    return result


def uses(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    seen: dict[str, str] = {}
    own = {shape.name.text: shape for shape in summary.shapes}
    referenced: set[str] = set()
    for ref in in_slices(summary.references, 256):
        if ref.role != "use" and "#" not in ref.text:
            referenced.add(ref.text.split("$", 1)[0])
    resolved = workspace.resolved(path)
    if resolved is not None:
        referenced |= {r.reference.text.split("$", 1)[0] for r in resolved.references if r.reference.role == "idref"}
    # weld resolves names ignoring case, so `u32` uses `U32`: removing that `use` would break its build.
    wasmcloud = workspace.is_wasmcloud(path)
    referenced_lower = {r.lower() for r in referenced} if wasmcloud else set()
    for use in summary.uses:
        namespace, name, _ = split_id(use.text)
        if namespace is None:
            continue
        if name in seen and seen[name] != use.text:
            result.append(report(R.CONFLICTING_USE, path, use.start, use.end,
                                 f"`{name}` is already imported as `{seen[name]}`; a file can use one shape per name — "
                                 "remove one `use` and write the other id in full"))
        seen.setdefault(name, use.text)
        if name in own and namespace != (summary.namespace.text if summary.namespace else None):
            shape = own[name]
            result.append(report(R.CONFLICTING_SHAPE_NAME, path, shape.name.start, shape.name.end,
                                 f"the shape `{name}` conflicts with the imported `{use.text}`; rename the shape or remove the `use`",
                                 related=(Related(Location(path, use.start, use.end), "imported here"),)))
        if name not in referenced and name not in own and not (wasmcloud and name.lower() in referenced_lower):
            line_end = use.end
            result.append(report(R.UNUSED_USE, path, use.start, use.end,
                                 f"`{use.text}` is imported but never used; remove this `use`",
                                 tags=frozenset({"unnecessary"}),
                                 fixes=(Fix("Remove the unused `use`", (TextEdit(path, use.start - 4 if use.start >= 4 else use.start, line_end, ""),)),)))
    return result


def _fingerprint(shape) -> tuple:
    """What must agree for two definitions of one id to merge (traits merge by their own rules)."""
    return (shape.kind, tuple((m.name.text, m.target.text if m.target else None) for m in shape.members),
            tuple(m.text for m in shape.mixins), repr([(e.key, e.value.to_python()) for e in shape.properties]))


def duplicates(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for shape in in_slices(summary.shapes):
        shape_id = summary.absolute_id(shape)
        others = []
        for like in sorted(workspace.ids_like(shape_id)):
            for definition in workspace.definitions(like):
                if definition.shape is not shape and workspace.one_model(definition.path, path):
                    others.append(definition)
        if not others:
            continue  # the usual case, with no fingerprint to take
        mine = _fingerprint(shape)
        # Loading the same definition twice (a copied file, say) is allowed, as in Smithy.
        others = [d for d in others if d.id != shape_id or d.summary.format != summary.format
                  or _fingerprint(d.shape) != mine]
        others = [d for d in others if d.id != shape_id or d.summary.format == summary.format]
        if not others:
            continue
        related = tuple(Related(Location(d.path, d.shape.name.start, d.shape.name.end), f"`{d.id}` is also defined here")
                        for d in others[:5])
        same_case = any(d.id == shape_id for d in others)
        detail = "is defined more than once" if same_case else f"differs only in case from `{others[0].id}`"
        result.append(report(R.DUPLICATE_SHAPE, path, shape.name.start, shape.name.end,
                             f"`{shape_id}` {detail}; shape names in a namespace must be unique ignoring case — rename or remove one",
                             related=related))
    return result


def value_shape_ids(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """Unquoted words in node values are shape ids, and must name shapes (quote them to write a string)."""
    if summary.format != "idl":
        return []
    result: list[Diagnostic] = []
    values = [s.value for s in summary.metadata if s.value is not None]
    for shape in in_slices(summary.shapes):
        values += [t.value for t in shape.traits if t.value is not None]
        for member in shape.members:
            values += [t.value for t in member.traits if t.value is not None]
    for apply in summary.applies:
        values += [t.value for t in apply.traits if t.value is not None]
    stack = list(values)
    while stack:
        node = stack.pop()
        if node.kind == "array":
            stack.extend(node.items)
        elif node.kind == "object":
            stack.extend(entry.value for entry in node.entries)
        elif node.kind == "shape_id":
            namespace, name, _ = split_id(node.value)
            via = namespace if namespace is not None else uses_by_name(summary).get(name, "").split("#")[0] or None
            if via is not None and not workspace.namespace_known(via):
                continue
            if workspace.resolve_text(summary, node.value) is None:
                result.append(report(R.UNRESOLVED_SHAPE, path, node.start, node.end,
                                     f"the unquoted `{node.value}` is read as a shape id, and no such shape exists; "
                                     f"write \"{node.value}\" if you meant a string"))
    return result
