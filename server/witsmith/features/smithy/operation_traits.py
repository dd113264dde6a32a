"""The traits a file writes on operations: on the operation itself, or by an `apply` statement.

Smithy reports an event about a trait where the trait is written, so a rule about an operation's
trait reports in the file that writes it, whichever file defines the operation.
"""

from __future__ import annotations

from collections.abc import Iterator

from witsmith.model.smithy import FileSummary, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace


def operation_traits(workspace: SmithyWorkspace, summary: FileSummary, trait_id: str) -> Iterator[tuple[ShapeDef, TraitUse]]:
    """Each (operation, application of ``trait_id``) written in ``summary``."""
    for shape in summary.shapes:
        if shape.kind != "operation":
            continue
        operation = ShapeDef(summary, shape)
        if workspace.has_trait(operation, trait_id, shape.traits) is None:
            continue  # one remembered lookup instead of resolving each trait (asked by several rules)
        for trait in shape.traits:
            if not trait.implicit and workspace.resolve_trait(summary, trait) == trait_id:
                yield operation, trait
    for apply in summary.applies:
        traits = [t for t in apply.traits if workspace.resolve_trait(summary, t) == trait_id]
        if not traits:
            continue
        target = workspace.target_shape(summary, apply.target.text)
        if target is not None and target.shape.kind == "operation":
            for trait in traits:
                yield target, trait
