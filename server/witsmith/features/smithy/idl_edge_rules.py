"""What Smithy rejects at the edges of IDL 1.0 and 2.0 that the grammar accepts.

IDL 2.0 removed `set` shapes (a list with @uniqueItems replaces them) and the @box trait
(members are optional unless @required or defaulted); `$version` is a string; a `use`
statement imports shapes, never members.  Smithy reports each with the event id Model.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary
from witsmith.pacing import in_slices
from witsmith.workspace.smithy import SmithyWorkspace


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    if workspace.is_wasmcloud(path):
        return []  # the weld dialect is IDL 1.0 and checked by its own rules
    result: list[Diagnostic] = []
    if summary.format == "idl":
        for control in summary.controls:
            if control.key.text == "version" and control.value is not None and control.value.kind != "string":
                result.append(report(R.IDL_EDGE, path, control.value.start, control.value.end,
                                     f"`$version` must be a string: write `$version: \"{control.value.value}\"`"))
        for use in summary.uses:
            if "$" in use.text:
                result.append(report(R.IDL_EDGE, path, use.start, use.end,
                                     f"a `use` statement imports shapes, not members: use `{use.text.split('$')[0]}`"))
    if summary.version is None or not summary.version.startswith("2"):
        return result
    for shape in in_slices(summary.shapes):
        if shape.kind == "set":
            start, end = (shape.kind_start, shape.kind_end) if shape.kind_end > shape.kind_start else \
                (shape.name.start, shape.name.end)
            result.append(report(R.IDL_EDGE, path, start, end,
                                 "`set` shapes do not exist in Smithy 2.0: use a `list` marked @uniqueItems"))
        for traits in [shape.traits, *(member.traits for member in shape.members)]:
            for trait in traits:
                if not trait.implicit and trait.id.text.endswith("box") \
                        and workspace.resolve_trait(summary, trait) == "smithy.api#box":
                    result.append(report(R.IDL_EDGE, path, trait.id.start, trait.id.end,
                                         "@box is not supported in Smithy 2.0: members are optional unless @required "
                                         "or given a default; remove it"))
    return result
