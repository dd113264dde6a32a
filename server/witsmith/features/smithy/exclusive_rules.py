"""Traits a structure may use once: `structurallyExclusive` in a trait's definition.

With `member`, at most one member of a structure carries the trait (one @httpPayload);
with `target`, at most one member targets a shape that carries it (one @streaming blob).
Smithy reports the others with the event id ExclusiveStructureMemberTrait.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary, TraitUse
from witsmith.pacing import in_slices
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace


def _exclusivity(workspace: SmithyWorkspace, trait_id: str, cache: dict[str, str | None]) -> str | None:
    if trait_id not in cache:
        trait_def = workspace.shape(trait_id)
        marker = workspace.has_trait(trait_def, "smithy.api#trait", trait_def.shape.traits) if trait_def else None
        value = marker.value.get("structurallyExclusive") if marker and marker.value and marker.value.kind == "object" else None
        cache[trait_id] = value.value if value is not None and value.kind == "string" else None
    return cache[trait_id]


def _traits(workspace: SmithyWorkspace, owner: ShapeDef, traits: list[TraitUse]) -> list[tuple[str, TraitUse]]:
    result = []
    for trait in traits:
        trait_id = workspace.resolve_trait(owner.summary, trait)
        if trait_id is not None:
            result.append((trait_id, trait))
    return result


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    cache: dict[str, str | None] = {}
    # By target shape (members target the same few shapes thousands of times): its traits
    # that allow one member per structure to target it.
    target_exclusive: dict[int, tuple[object, list[str]]] = {}
    # Whether this file applies any trait that allows one member per structure to carry it:
    # when not, its own members' traits need no look (those of mixins from elsewhere still do).
    resolved = workspace.resolved(path)
    local_member_exclusive = resolved is None or workspace.summary(path) is not summary or any(
        _exclusivity(workspace, trait_id, cache) == "member" for trait_id in resolved.trait_ids())
    for shape in in_slices(summary.shapes):
        if shape.kind != "structure":
            continue
        structure = ShapeDef(summary, shape)
        # trait id -> (member name, where to report, in this file?) in member order
        uses: dict[str, list[tuple[str, int, int, bool]]] = {}
        for owner, member in workspace.all_members(structure):
            local = owner.summary is summary or owner.path == path
            if member.traits and (local_member_exclusive or owner.summary is not summary):
                for trait_id, trait in _traits(workspace, owner, member.traits):
                    if _exclusivity(workspace, trait_id, cache) == "member":
                        uses.setdefault(trait_id, []).append((member.name.text, trait.id.start, trait.id.end, local))
            target = workspace.member_target(owner, member)
            if target is None or member.target is None:
                continue
            known = target_exclusive.get(id(target.shape))
            if known is None or known[0] is not target.shape:
                known = target_exclusive[id(target.shape)] = (target.shape, [
                    trait_id for trait_id, _ in _traits(workspace, target, target.shape.traits)
                    if _exclusivity(workspace, trait_id, cache) == "target"])
            for trait_id in known[1]:
                uses.setdefault(trait_id, []).append((member.name.text, member.target.start, member.target.end, local))
        for trait_id, found in uses.items():
            if len(found) < 2:
                continue
            name = trait_id.split("#", 1)[1]
            names = ", ".join(f"`{m}`" for m, *_ in sorted(found))
            # One error on the structure, where Smithy reports it; each member's use is related.
            related = tuple(Related(Location(path, start, end), f"`{member_name}`")
                            for member_name, start, end, local in found if local)
            how = "carry" if _exclusivity(workspace, trait_id, cache) == "member" else "target a shape with"
            result.append(report(R.STRUCTURALLY_EXCLUSIVE, path, shape.name.start, shape.name.end,
                                 f"only one member of `{shape.name.text}` may {how} @{name}, but {names} do; "
                                 "keep it on one member", related=related))
    return result
