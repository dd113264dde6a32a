"""Protocols that cannot carry inline documents.

Smithy's NoInlineDocumentSupport validator: a protocol trait whose @protocolDefinition says
`noInlineDocumentSupport: true` cannot serialize a `document` shape, so a service that uses
that protocol must have no document shape in its closure (the shapes it reaches through
operations, resources, inputs, outputs, errors and members).
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

PROTOCOL_DEFINITION = "smithy.api#protocolDefinition"
# Relationships that bring shapes into a service's closure (mixins are copied into their users).
CLOSURE_KEYS = ("operations", "collectionOperations", "create", "put", "read", "update", "delete", "list",
                "resources", "input", "output", "errors", "identifiers", "properties")
MAX_CLOSURE = 5000


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        if shape.kind != "service":
            continue
        service = ShapeDef(summary, shape)
        protocols = _document_free_protocols(workspace, service)
        if not protocols:
            continue
        documents = _documents_in_closure(workspace, service)
        if documents is None or not documents:
            continue
        names = ", ".join(f"`{d.id}`" for d in documents[:5]) + (", ..." if len(documents) > 5 else "")
        for protocol, trait in protocols:
            result.append(report(R.NO_INLINE_DOCUMENTS, path, trait.start, trait.end,
                                 f"`{shape.name.text}` uses the protocol `{protocol}`, which does not support inline "
                                 f"document types, but its closure has {names}; use another type or another protocol",
                                 related=tuple(Related(Location(d.path, d.shape.name.start, d.shape.name.end),
                                                       "a document shape in the closure") for d in documents[:5])))
    return result


def _document_free_protocols(workspace: SmithyWorkspace, service: ShapeDef) -> list[tuple[str, TraitUse]]:
    result = []
    for trait in service.shape.traits:
        trait_id = workspace.resolve_trait(service.summary, trait)
        definition = workspace.shape(trait_id) if trait_id else None
        if definition is None:
            continue
        protocol = workspace.has_trait(definition, PROTOCOL_DEFINITION)
        if protocol is None or protocol.value is None or protocol.value.kind != "object":
            continue
        flag = protocol.value.get("noInlineDocumentSupport")
        if flag is not None and flag.kind == "boolean" and flag.value is True:
            result.append((trait_id, trait))
    return result


def _documents_in_closure(workspace: SmithyWorkspace, service: ShapeDef) -> list[ShapeDef] | None:
    """The document shapes a service reaches (None when the closure is too large to walk)."""
    seen: dict[str, ShapeDef] = {}
    stack = [service]
    while stack:
        if len(seen) > MAX_CLOSURE:
            return None
        current = stack.pop()
        if current.id in seen:
            continue
        seen[current.id] = current
        for entry in current.shape.properties:
            if entry.key not in CLOSURE_KEYS:
                continue
            value = entry.value
            nodes = value.items if value.kind == "array" else \
                [e.value for e in value.entries] if value.kind == "object" else [value]
            for node in nodes:
                if node.kind == "shape_id":
                    target = workspace.target_shape(current.summary, node.value)
                    if target is not None:
                        stack.append(target)
        for owner, member in workspace.all_members(current):
            target = workspace.member_target(owner, member)
            if target is not None:
                stack.append(target)
    return [d for d in seen.values() if d.shape.kind == "document"]
