"""Operations as resources and traits use them: lifecycle semantics, @requestCompression, @input/@output reuse.

Smithy's ResourceLifecycle, RequestCompressionTrait and OperationInputOutputMisuse
validators: a resource's `read` and `list` must be @readonly and the others must not be,
`put` and `delete` must be @idempotent; a compressed request needs an input without a
stream of known length; a structure marked @input or @output serves one operation.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_shape
from witsmith.model.smithy import FileSummary, Node
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

READONLY, IDEMPOTENT = "smithy.api#readonly", "smithy.api#idempotent"
# Lifecycle property -> (must be @readonly, must be @idempotent)
LIFECYCLE = {"create": (False, None), "put": (False, True), "read": (True, None), "update": (False, None),
             "delete": (False, True), "list": (True, None)}


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        owner = ShapeDef(summary, shape)
        if shape.kind == "resource":
            result += _lifecycle(workspace, path, owner)
        elif shape.kind == "operation":
            result += _request_compression(workspace, path, owner)
    result += _io_reuse(workspace, path, summary)
    return result


def _lifecycle(workspace: SmithyWorkspace, path: Path, resource: ShapeDef) -> list[Diagnostic]:
    result = []
    for name, (readonly, idempotent) in LIFECYCLE.items():
        entry = resource.shape.property(name)
        if entry is None or entry.value.kind != "shape_id":
            continue
        operation = workspace.target_shape(resource.summary, entry.value.value)
        if operation is None or operation.shape.kind != "operation":
            continue
        is_readonly = workspace.has_trait(operation, READONLY) is not None
        if is_readonly != readonly:
            result.append(at_shape(R.RESOURCE_LIFECYCLE, path, resource.shape,
                                   f"the `{name}` operation of `{resource.shape.name.text}` must "
                                   f"{'' if readonly else 'not '}be @readonly, but `{operation.shape.name.text}` "
                                   f"{'is not' if readonly else 'is'}; {'add' if readonly else 'remove'} @readonly",
                                   value=entry.value, note=f"the `{name}` lifecycle operation"))
        if idempotent and workspace.has_trait(operation, IDEMPOTENT) is None:
            result.append(at_shape(R.RESOURCE_LIFECYCLE, path, resource.shape,
                                   f"the `{name}` operation of `{resource.shape.name.text}` must be @idempotent; "
                                   f"mark `{operation.shape.name.text}` @idempotent",
                                   value=entry.value, note=f"the `{name}` lifecycle operation"))
    return result


def _request_compression(workspace: SmithyWorkspace, path: Path, operation: ShapeDef) -> list[Diagnostic]:
    trait = next((t for t in operation.shape.traits
                  if workspace.resolve_trait(operation.summary, t) == "smithy.api#requestCompression"), None)
    if trait is None:
        return []
    entry = operation.shape.property("input")
    input_def = workspace.target_shape(operation.summary, entry.value.value) \
        if entry is not None and entry.value.kind == "shape_id" else None
    if entry is None or (input_def is not None and input_def.id == "smithy.api#Unit"):
        return [at_shape(R.REQUEST_COMPRESSION, path, operation.shape,
                         f"@requestCompression needs an operation with input, and `{operation.shape.name.text}` has "
                         "none; add an input or remove the trait", value=trait.id, note="@requestCompression")]
    if input_def is None:
        return []
    for owner, member in workspace.all_members(input_def):
        target = workspace.member_target(owner, member)
        if target is not None and workspace.has_trait(target, "smithy.api#streaming") \
                and workspace.has_trait(target, "smithy.api#requiresLength"):
            return [at_shape(R.REQUEST_COMPRESSION, path, operation.shape,
                             f"@requestCompression cannot apply to `{operation.shape.name.text}`: its input member "
                             f"`{member.name.text}` is a stream that requires its length (compression changes it)",
                             value=trait.id, note="@requestCompression")]
    return []


def _io_reuse(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """A structure marked @input (@output) is the input (output) of at most one operation."""
    result = []
    users: dict[tuple[str, str], list[tuple[ShapeDef, Node]]] = {}
    for other in workspace.summaries_with_shapes_of("operation"):
        if not workspace.one_model(path, other.path):
            continue
        for shape in other.shapes:
            if shape.kind != "operation":
                continue
            for key in ("input", "output"):
                entry = shape.property(key)
                if entry is None or entry.value.kind != "shape_id":
                    continue
                target = workspace.resolve_text(other, entry.value.value)
                if target is not None:
                    # The node, not its range: ranges of large JSON models are found only when read.
                    users.setdefault((key, target), []).append((ShapeDef(other, shape), entry.value))
    for (key, target), operations in users.items():
        if len(operations) < 2:
            continue
        structure = workspace.shape(target)
        if structure is None or workspace.has_trait(structure, f"smithy.api#{key}") is None:
            continue
        names = ", ".join(f"`{op.shape.name.text}`" for op, _ in operations)
        message = (f"`{structure.shape.name.text}` is marked @{key}, so it can be the {key} of one "
                   f"operation only, but {names} use it; give each operation its own {key}")
        if structure.path == path:
            # Smithy reports on the structure; each operation's use is related.
            result.append(report(R.IO_MISUSE, path, structure.shape.name.start, structure.shape.name.end, message,
                                 related=tuple(Related(Location(op.path, node.start, node.end), f"the {key} of `{op.shape.name.text}`")
                                               for op, node in operations)))
            continue
        for operation, written in operations:
            if operation.path != path:
                continue
            others = tuple(Related(Location(op.path, node.start, node.end), f"also the {key} of `{op.shape.name.text}`")
                           for op, node in operations if op is not operation)
            result.append(report(R.IO_MISUSE, path, written.start, written.end, message, related=others))
    return result
