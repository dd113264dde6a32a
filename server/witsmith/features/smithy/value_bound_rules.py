"""Values Smithy rejects that the shape of their trait alone allows.

Smithy's EnumShape validator: an enum value is a non-empty string (`@enumValue("")` names
nothing).  Smithy's RangeTrait validator: the `min` and `max` of a @range on a member that targets an
integral shape (byte, short, integer, long, bigInteger, intEnum) are whole numbers (on the
shape itself, the trait's value checks say so already).
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary, Member, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

INTEGRAL = frozenset({"byte", "short", "integer", "long", "bigInteger", "intEnum"})
RANGE, ENUM_VALUE = "smithy.api#range", "smithy.api#enumValue"


def empty_enum_values(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result = []
    for shape in summary.shapes:
        if shape.kind != "enum":
            continue
        owner = ShapeDef(summary, shape)
        for member in shape.members:
            value = member.default
            trait = workspace.has_trait(owner, ENUM_VALUE, member.traits)
            if trait is not None and trait.value is not None:
                value = trait.value
            if value is not None and value.kind == "string" and value.value == "":
                result.append(report(R.ENUM_VALUE, path, member.name.start, member.name.end,
                                     f"the value of `{member.name.text}` is empty; enum values must be non-empty "
                                     "strings (remove it to use the member's name)"))
    return result


def integral_ranges(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result = []
    if workspace.applies_none_of(summary, (RANGE,)):
        return result
    for shape in summary.shapes:
        owner = ShapeDef(summary, shape)
        for member in shape.members:
            if member.target is None or not member.traits:
                continue  # no @range of its own: nothing to check (and no target to look up)
            target = workspace.member_target(owner, member)
            if target is not None and target.shape.kind in INTEGRAL:
                result += _range(workspace, path, owner, member, target)
    return result


def _range(workspace: SmithyWorkspace, path: Path, owner: ShapeDef, member: Member, target: ShapeDef) -> list[Diagnostic]:
    trait: TraitUse | None = workspace.has_trait(owner, RANGE, member.traits)
    if trait is None or trait.value is None or trait.value.kind != "object":
        return []
    name = member.name
    result = []
    for key in ("min", "max"):
        value = trait.value.get(key)
        if value is None or value.kind != "number" or not isinstance(value.value, float):
            continue
        if value.value.is_integer():
            continue
        result.append(report(R.RANGE_INTEGRAL, path, trait.id.start, trait.id.end,
                             f"the @range `{key}` of `{name.text}` is a decimal ({value.value:g}), but "
                             f"`{target.id}` is a {target.shape.kind}, which holds whole numbers only; use a whole "
                             f"number"))
    return result
