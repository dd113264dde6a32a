"""Event streams: a @streaming union carries events, and each event is a structure.

Smithy's StreamingTrait validator reports a member of an event stream union that targets
anything but a structure (an event has headers and a payload, so it needs members).
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_shape
from witsmith.model.smithy import FileSummary
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        if shape.kind != "union":
            continue
        union = ShapeDef(summary, shape)
        if workspace.has_trait(union, "smithy.api#streaming") is None:
            continue
        for owner, member in workspace.all_members(union):
            target = workspace.member_target(owner, member)
            if owner.path != path or member.target is None or target is None or target.shape.kind == "structure":
                continue
            # On the union, as Smithy reports it; the member's target is related.
            result.append(at_shape(R.EVENT_STREAM, path, shape,
                                   f"`{member.name.text}` of the event stream `{shape.name.text}` targets the "
                                   f"{target.shape.kind} `{target.id}`; each event must be a structure",
                                   value=member.target, note=f"the target of `{member.name.text}`"))
    return result
