"""A stream of required length travels only in requests.

Smithy's StreamingTrait validator: `@requiresLength` says the receiver must know a stream's
length before reading it, which only a client can promise; a structure with a member
targeting such a stream may therefore be an operation's input, never its output.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary
from witsmith.pacing import in_slices
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

REQUIRES_LENGTH = "smithy.api#requiresLength"


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    # Cheap first: only a file that defines a structure carrying such a stream can be reported.
    if not any(shape.kind == "structure" and _stream_member(workspace, ShapeDef(summary, shape)) is not None
               for shape in in_slices(summary.shapes)):
        return result
    for other in workspace.summaries():
        operations = [shape for shape in other.shapes if shape.kind == "operation"]
        if not operations or other.builtin or not (other.path == path or workspace.one_model(path, other.path)):
            continue
        for shape in operations:
            entry = shape.property("output")
            if entry is None or entry.value.kind != "shape_id":
                continue
            output = workspace.target_shape(other, entry.value.value)
            if output is None or output.path != path or output.shape.kind != "structure":
                continue
            stream = _stream_member(workspace, output)
            if stream is not None:
                result.append(report(R.REQUIRES_LENGTH_OUTPUT, path, output.shape.name.start, output.shape.name.end,
                                     f"`{output.shape.name.text}` is the output of `{shape.name.text}`, but its member "
                                     f"`{stream}` targets a stream marked @requiresLength, which only an operation "
                                     "input may carry; remove @requiresLength or move the stream to an input",
                                     related=(Related(Location(other.path, entry.value.start, entry.value.end),
                                                      f"used as the output of `{shape.name.text}` here"),)))
    return result


def _stream_member(workspace: SmithyWorkspace, structure: ShapeDef) -> str | None:
    for owner, member in workspace.all_members(structure):
        target = workspace.member_target(owner, member)
        if target is not None and workspace.has_trait(target, REQUIRES_LENGTH) is not None:
            return member.name.text
    return None
