"""@paginated: the members it names must exist in the operation's input or output, with usable types.

Smithy's PaginatedTrait validator: `inputToken` and `pageSize` name top-level input members;
`outputToken` and `items` name output members, possibly through nested structures
(`a.b`). Tokens are strings (a map is tolerated but DANGER), `pageSize` an integer (other
integer kinds are DANGER), `items` a list or map; the input token cannot be @required.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_trait
from witsmith.model.smithy import FileSummary, Node, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

# property -> (input or output, paths allowed, kinds that are fine, kinds that are tolerated)
PROPERTIES = {
    "inputToken": ("input", False, ("string", "enum"), ("map",)),
    "outputToken": ("output", True, ("string", "enum"), ("map",)),
    "items": ("output", True, ("list", "set", "map"), ()),
    "pageSize": ("input", False, ("integer",), ("byte", "short", "long")),
}


def _io(workspace: SmithyWorkspace, operation: ShapeDef, key: str) -> ShapeDef | None | bool:
    entry = operation.shape.property(key)
    if entry is None:
        return None
    if entry.value.kind != "shape_id":
        return False
    found = workspace.target_shape(operation.summary, entry.value.value)
    if found is None:
        return False
    return None if found.id == "smithy.api#Unit" else found


def _resolve_path(workspace: SmithyWorkspace, structure: ShapeDef | None, path: str):
    """(member owner, member, target) at the end of a dotted member path, or None."""
    current, found = structure, None
    for name in path.split("."):
        if current is None or current.shape.kind not in ("structure", "union"):
            return None
        found = workspace.member(current, name)
        if found is None:
            return None
        current = workspace.member_target(*found)
    return (found[0], found[1], current) if found is not None else None


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        if shape.kind != "operation":
            continue
        operation = ShapeDef(summary, shape)
        trait = next((t for t in shape.traits
                      if workspace.resolve_trait(summary, t) == "smithy.api#paginated"), None)
        if trait is None or trait.value is None or trait.value.kind != "object":
            continue
        structures = {"input": _io(workspace, operation, "input"), "output": _io(workspace, operation, "output")}
        if False in structures.values():
            continue  # an unresolved input or output is reported elsewhere
        for entry in trait.value.entries:
            spec = PROPERTIES.get(entry.key)
            if spec is None or entry.value.kind != "string":
                continue
            result += _property(workspace, path, trait, entry.key, entry.value, structures[spec[0]], spec)
    return result


def _property(workspace: SmithyWorkspace, path: Path, trait: TraitUse, name: str, value: Node,
              structure: ShapeDef | None, spec: tuple) -> list[Diagnostic]:
    # Smithy reports on the trait application; the property is named in the message and related.
    def report(rule, _path, _start, _end, message):
        return at_trait(rule, _path, trait, message, value=value, note=f"`{name}` is set here")

    side, paths_allowed, fine, tolerated = spec
    if "." in value.value and not paths_allowed:
        return [report(R.PAGINATED, path, value.start, value.end,
                       f"@paginated `{name}` names a top-level {side} member; it cannot be a path")]
    found = _resolve_path(workspace, structure, value.value)
    if found is None:
        return [report(R.PAGINATED, path, value.start, value.end,
                       f"@paginated `{name}` names `{value.value}`, but the operation's {side} has no such member; "
                       f"add it to the {side} or fix the name")]
    owner, member, target = found
    result = []
    if target is not None:
        kind = target.shape.kind
        if kind in tolerated:
            result.append(report(R.PAGINATED_DISCOURAGED, path, value.start, value.end,
                                 f"@paginated `{name}` targets {_a(kind)}; Smithy advises "
                                 f"{' or '.join(k for k in fine if k != 'enum')}"))
        elif kind not in fine:
            result.append(report(R.PAGINATED, path, value.start, value.end,
                                 f"@paginated `{name}` member `{member.name.text}` is {_a(kind)}, but must be "
                                 f"{' or '.join(k for k in fine + tolerated if k not in ('enum', 'set'))}"))
    if name == "inputToken" and workspace.has_trait(owner, "smithy.api#required", member.traits) is not None:
        result.append(report(R.PAGINATED, path, value.start, value.end,
                             f"@paginated `inputToken` member `{member.name.text}` cannot be @required: the first "
                             "request has no token"))
    return result
