"""Traits the migration does not carry over: where they were, and why WIT has no place for them."""

from __future__ import annotations

from witsmith.features.migration.report import Note
from witsmith.model.smithy import TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

# Traits the translation carries over (as types, optionality, docs, cases or results).
CARRIED_TRAITS = frozenset(f"smithy.api#{name}" for name in (
    "documentation", "required", "box", "default", "enum", "error", "sparse", "input", "output", "trait"))
TRAIT_REASONS = {
    "org.wasmcloud.model#n": "field numbers of the 0.x message encoding; the Component Model lays values out itself",
    "org.wasmcloud.model#serialization": "field names of the 0.x message encoding",
    "org.wasmcloud.model#wasmbus": "read for the package name and the worlds; WIT has no trait for it",
    "org.wasmcloud.model#wasmbusData": "marks 0.x message types; every WIT type can cross a component boundary",
    "org.wasmcloud.model#codegenRust": "options of the 0.x Rust code generator",
    "org.wasmcloud.model#rename": "per-language names of the 0.x code generators",
    "org.wasmcloud.model#unsignedInt": "read for the integer type (u8..u64)",
    "org.wasmcloud.model#synonym": "read for the integer type",
    "org.wasmcloud.model#nonEmptyString": "WIT has no constraints on values",
    "smithy.api#length": "WIT has no constraints on values",
    "smithy.api#range": "WIT has no constraints on values",
    "smithy.api#pattern": "WIT has no constraints on values",
    "smithy.api#readonly": "WIT functions have no effect annotations",
    "smithy.api#idempotent": "WIT functions have no effect annotations",
    "smithy.api#deprecated": "WIT's @deprecated needs a version gate; add one by hand if wanted",
    "smithy.api#streaming": "the data is passed whole as list<u8>; a stream<u8> or wasi:io stream may suit better",
}


def trait_notes(workspace: SmithyWorkspace, shapes: list[ShapeDef]) -> list[Note]:
    """One note per trait without WIT meaning applied to the shapes or their members."""
    uses: dict[str, list[str]] = {}
    for shape_def in shapes:
        _collect(workspace, shape_def, shape_def.shape.traits, shape_def.id, uses)
        for member in shape_def.shape.members:
            _collect(workspace, shape_def, member.traits, f"{shape_def.id}${member.name.text}", uses)
    notes = []
    for trait_id, where in sorted(uses.items()):
        reason = TRAIT_REASONS.get(trait_id, "WIT has no equivalent")
        shown = ", ".join(f"`{w}`" for w in where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
        notes.append(Note("trait", trait_id, f"@{trait_id.split('#')[-1]} on {len(where)} "
                          f"{'place' if len(where) == 1 else 'places'} ({shown}): {reason}"))
    return notes


def _collect(workspace: SmithyWorkspace, shape_def: ShapeDef, traits: list[TraitUse], where: str,
             uses: dict[str, list[str]]) -> None:
    for trait in traits:
        if trait.implicit:
            continue
        trait_id = workspace.resolve_trait(shape_def.summary, trait)
        if trait_id is None or trait_id in CARRIED_TRAITS:
            continue
        uses.setdefault(trait_id, [])
        if where not in uses[trait_id]:
            uses[trait_id].append(where)
