"""@references: how a structure's members bind the identifiers of the resources it refers to.

Smithy's ReferencesTrait validator: with `ids`, each value names a member of the structure
and every identifier of the resource is bound; without `ids`, each identifier binds the member
of the same name (unless `rel` says the reference is something else, such as a collection).
A string shape is a whole reference by itself, so it takes no `ids`.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_trait
from witsmith.model.smithy import FileSummary, Node, Span, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        if shape.kind not in ("structure", "string"):
            continue
        owner = ShapeDef(summary, shape)
        trait = next((t for t in shape.traits if workspace.resolve_trait(summary, t) == "smithy.api#references"), None)
        if trait is None or trait.value is None or trait.value.kind != "array":
            continue
        for reference in trait.value.items:
            if reference.kind == "object":
                result += _reference(workspace, path, owner, trait, reference)
    return result


def _reference(workspace: SmithyWorkspace, path: Path, owner: ShapeDef, trait: TraitUse,
               reference: Node) -> list[Diagnostic]:
    # Smithy reports on the trait application; the faulty part is related information.
    def report(rule, _path, start, end, message):
        return at_trait(rule, _path, trait, message, value=Span("", start, end), note="in this reference")

    ids, resource_name = reference.get("ids"), reference.get("resource")
    if owner.shape.kind == "string":
        if ids is not None:
            return [report(R.REFERENCES, path, ids.start, ids.end,
                           "a @references on a string shape cannot have `ids`: the string is the whole reference")]
        return []
    if resource_name is None or resource_name.kind not in ("string", "shape_id"):
        return []
    resource = workspace.target_shape(owner.summary, resource_name.value)
    if resource is None or resource.shape.kind != "resource":
        return []  # reported by the trait's value checks
    entry = resource.shape.property("identifiers")
    identifiers = [e.key for e in entry.value.entries] if entry is not None and entry.value.kind == "object" else []
    members = {member.name.text for _, member in workspace.all_members(owner)}
    result = []
    if ids is not None and ids.kind == "object":
        for item in ids.entries:
            if item.value.kind == "string" and item.value.value not in members:
                result.append(report(R.REFERENCES, path, item.value.start, item.value.end,
                                     f"`{item.value.value}` is not a member of `{owner.shape.name.text}`; name one of "
                                     "its members"))
        if len(ids.entries) < len(identifiers) and reference.get("rel") is None:
            missing = ", ".join(f"`{i}`" for i in identifiers if i not in {e.key for e in ids.entries})
            result.append(report(R.REFERENCES, path, ids.start, ids.end,
                                 f"`{resource.shape.name.text}` has {len(identifiers)} identifiers, but `ids` binds "
                                 f"{len(ids.entries)}; add {missing}"))
    elif ids is None and reference.get("rel") is None:
        unbound = [i for i in identifiers if i not in members]
        if unbound:
            result.append(report(R.REFERENCES, path, reference.start, reference.end,
                                 f"without `ids`, the identifiers of `{resource.shape.name.text}` bind members of the "
                                 f"same name, but `{owner.shape.name.text}` has no "
                                 f"{', '.join(f'`{i}`' for i in unbound)}; add `ids` or the members"))
    return result
