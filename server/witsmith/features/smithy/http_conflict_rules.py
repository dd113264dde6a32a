"""Two operations of one service with the same HTTP method and URI (Smithy's HttpUriConflict).

Only patterns that are equal once label names are set aside are reported: the same method,
the same path segments (a label matches a label, a greedy label a greedy label), the same
literal query keys and the same @endpoint host prefix.  Smithy also finds some conflicts
between a label and a literal segment; those are not checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

BINDINGS = ("operations", "collectionOperations", "create", "put", "read", "update", "delete", "list", "resources")
LABEL = re.compile(r"^\{[^}]*?(\+?)\}$")
MAX_SHAPES = 5000


def _bound(workspace: SmithyWorkspace, service: ShapeDef) -> list[ShapeDef]:
    """The operations a service binds, through its resources too."""
    operations, stack, seen = [], [service], {service.id}
    while stack and len(seen) < MAX_SHAPES:
        current = stack.pop()
        for entry in current.shape.properties:
            if entry.key not in BINDINGS:
                continue
            values = entry.value.items if entry.value.kind == "array" else [entry.value]
            for value in values:
                if value.kind != "shape_id":
                    continue
                found = workspace.target_shape(current.summary, value.value)
                if found is None or found.id in seen:
                    continue
                seen.add(found.id)
                if found.shape.kind == "operation":
                    operations.append(found)
                elif found.shape.kind == "resource":
                    stack.append(found)
    return operations


def _key(workspace: SmithyWorkspace, operation: ShapeDef):
    http = workspace.has_trait(operation, "smithy.api#http")
    if http is None or http.value is None or http.value.kind != "object":
        return None
    method, uri = http.value.get("method"), http.value.get("uri")
    if method is None or uri is None or method.kind != "string" or uri.kind != "string":
        return None
    path, _, query = uri.value.partition("?")
    segments = tuple("{" + LABEL.match(s).group(1) + "}" if LABEL.match(s) else s for s in path.split("/"))
    literals = frozenset(part.split("=", 1)[0] for part in query.split("&") if part)
    endpoint = workspace.has_trait(operation, "smithy.api#endpoint")
    prefix = endpoint.value.get("hostPrefix") if endpoint and endpoint.value and endpoint.value.kind == "object" else None
    host = LABEL.sub("{}", prefix.value) if prefix is not None and prefix.kind == "string" else None
    return method.value.upper(), segments, literals, host, uri


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    local = {ShapeDef(summary, s).id for s in summary.shapes if s.kind == "operation"}
    if not local:
        return []
    result: list[Diagnostic] = []
    reported: set[str] = set()
    for other in workspace.summaries():
        if not workspace.one_model(path, other.path):
            continue
        for shape in other.shapes:
            if shape.kind != "service":
                continue
            groups: dict[tuple, list[tuple[ShapeDef, object]]] = {}
            for operation in _bound(workspace, ShapeDef(other, shape)):
                key = _key(workspace, operation)
                if key is not None:
                    groups.setdefault(key[:4], []).append((operation, key[4]))
            for members in groups.values():
                if len(members) < 2:
                    continue
                for operation, uri in members:
                    if operation.id not in local or operation.id in reported or operation.path != path:
                        continue
                    reported.add(operation.id)
                    others = [o for o, _ in members if o.id != operation.id]
                    # On the operation, as Smithy reports it; the URI is the first related location.
                    result.append(report(
                        R.HTTP_URI_CONFLICT, path, operation.shape.name.start, operation.shape.name.end,
                        f"`{operation.shape.name.text}` has the same method and URI `{uri.value}` as "
                        f"{', '.join(f'`{o.shape.name.text}`' for o in others)} in the service "
                        f"`{shape.name.text}`; change one of them",
                        related=(Related(Location(path, uri.start, uri.end), "the URI"),
                                 *(Related(Location(o.path, o.shape.name.start, o.shape.name.end), "also bound here")
                                   for o in others))))
    return result
