"""A union no value can be built for: every member leads back to it (Smithy's ShapeRecursion).

A union value sets one member, so it can be built when some member reaches a shape that can
be: any simple shape, list or map (an empty one will do), a structure with no members or an
optional one, or a structure one of whose required members can be built (Smithy's test).
A member met a second time counts as one that cannot.
Empty unions are another rule's concern.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

REQUIRED = "smithy.api#required"
MAX_VISITS = 10000


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        if shape.kind != "union" or not shape.members:
            continue
        union = ShapeDef(summary, shape)
        if _terminates(workspace, union) is False:
            result.append(report(R.RECURSION, path, shape.name.start, shape.name.end,
                                 f"no value of the union `{shape.name.text}` can be built: each of its members leads "
                                 "back to it through unions and required structure members; add a member that "
                                 "ends the recursion, or make a structure member optional"))
    return result


def _terminates(workspace: SmithyWorkspace, union: ShapeDef) -> bool | None:
    """Whether the union can be built; None when a shape on the way cannot be found (no verdict)."""
    visited: set[str] = set()
    unknown = False

    def member_ends(owner: ShapeDef, member) -> bool:
        nonlocal unknown
        key = f"{owner.id}${member.name.text}"
        if key in visited or len(visited) > MAX_VISITS:
            return False
        visited.add(key)
        target = workspace.member_target(owner, member)
        if target is None:
            unknown = True
            return True
        return shape_ends(target)

    def shape_ends(shape: ShapeDef) -> bool:
        kind = shape.shape.kind
        members = workspace.all_members(shape) if kind in ("structure", "union") else []
        if kind == "union":
            return any(member_ends(owner, member) for owner, member in members)
        if kind != "structure" or not members:
            return True
        required = [(owner, member) for owner, member in members
                    if workspace.has_trait(owner, REQUIRED, member.traits) is not None]
        if len(required) < len(members):
            return True
        return any(member_ends(owner, member) for owner, member in required)

    ends = shape_ends(union)
    return None if unknown and not ends else ends
