"""Shapes: members per kind, map keys, relationships, enums, mixins, elision, versions, metadata."""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_holder, at_shape
from witsmith.model.smithy import FileSummary, Shape, Span
from witsmith.pacing import in_slices
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

SUPPORTED_VERSIONS = ("1", "1.0", "2", "2.0")
KNOWN_CONTROLS = ("version", "operationInputSuffix", "operationOutputSuffix")
STRING_KINDS = ("string", "enum")
INT_KINDS = ("byte", "short", "integer", "long", "intEnum")

# Relationship role -> (allowed target kinds, words for the message).
RELATIONSHIP_KINDS = {
    "operation": (("operation",), "an operation"),
    "resource": (("resource",), "a resource"),
    "error": (("structure",), "a structure marked @error"),
    "lifecycle": (("operation",), "an operation"),
    "for": (("resource",), "a resource"),
}


# The reference roles `relationships` checks.
_RELATIONSHIP_ROLES = frozenset(RELATIONSHIP_KINDS) | {"identifier", "input", "output", "mixin", "target"}


def _here(shape_def: ShapeDef) -> Related:
    return Related(Location(shape_def.path, shape_def.shape.name.start, shape_def.shape.name.end),
                   f"`{shape_def.id}` is a {shape_def.shape.kind}")


def members(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for shape in in_slices(summary.shapes):
        shape_def = ShapeDef(summary, shape)
        kind = shape.kind
        if kind in ("list", "set", "map"):
            allowed = ("member",) if kind != "map" else ("key", "value")
            for member in shape.members:
                if member.name.text not in allowed:
                    result.append(report(R.INVALID_MEMBER, path, member.name.start, member.name.end,
                                         f"{kind} shapes have only {' and '.join(f'`{a}`' for a in allowed)} members, "
                                         f"not `{member.name.text}`; remove it or use a structure"))
            present = {m.name.text for _, m in workspace.all_members(shape_def)}
            missing = [a for a in allowed if a not in present]
            if missing and not workspace.has_trait(shape_def, "smithy.api#mixin", shape.traits):
                result.append(report(R.INVALID_MEMBER, path, shape.name.start, shape.name.end,
                                     f"the {kind} `{shape.name.text}` needs {' and '.join(f'`{m}`' for m in missing)} "
                                     f"member{'s' if len(missing) > 1 else ''}, e.g. `{missing[0]}: String`"))
        if kind == "map":
            found = workspace.member(shape_def, "key")
            if found is not None:
                target = workspace.member_target(*found)
                if target is not None and target.shape.kind not in STRING_KINDS:
                    member = found[1]
                    anchor = member.target or member.name
                    # One diagnostic per key: in weld projects it carries the wasmCloud code.
                    wasmcloud = workspace.is_wasmcloud(path)
                    result.append(report(R.WC_MAP_KEY if wasmcloud else R.MAP_KEY_NOT_STRING, path, anchor.start, anchor.end,
                                         f"map keys must be strings, but `{target.id}` is a {target.shape.kind}; "
                                         "target `String` (or a string or enum shape)"
                                         + ("; weld encodes keys as strings" if wasmcloud else ""),
                                         related=(_here(target),)))
        if kind in ("enum", "intEnum"):
            result += _enum(path, shape)
        if kind in ("structure", "union") and not shape.members and kind == "union" and not shape.mixins \
                and not workspace.has_trait(shape_def, "smithy.api#mixin", shape.traits):
            result.append(report(R.INVALID_MEMBER, path, shape.name.start, shape.name.end,
                                 f"the union `{shape.name.text}` needs at least one member"))
        result += _members_targets(workspace, path, shape_def)
    return result


def _members_targets(workspace: SmithyWorkspace, path: Path, shape_def: ShapeDef) -> list[Diagnostic]:
    """Unit only in unions/enums; elided members must be found; mixin members must not be redefined."""
    result = []
    shape = shape_def.shape
    for member in shape.members:
        if member.elided:
            if workspace.elision_provided(shape_def, member) is False:
                result.append(report(R.ELISION_ERROR, path, member.name.start, member.name.end,
                                     f"`${member.name.text}` takes its target from a mixin or from the resource after `for`, "
                                     f"but none of them has a member or property `{member.name.text}`; write `{member.name.text}: Target`"))
            continue
        if member.target is None:
            continue
        if shape.kind in ("structure", "list", "set", "map"):
            target = workspace.target_shape(shape_def.summary, member.target.text)
            if target is not None and target.id == "smithy.api#Unit":
                result.append(report(R.INVALID_MEMBER, path, member.target.start, member.target.end,
                                     f"only union members can target `Unit`; `{shape.name.text}` is a {shape.kind}"))
        for mixin in shape.mixins:
            mixin_def = workspace.target_shape(shape_def.summary, mixin.text)
            inherited = workspace.member(mixin_def, member.name.text) if mixin_def is not None else None
            if inherited is not None and inherited[1].target is not None:
                own = workspace.target_shape(shape_def.summary, member.target.text)
                theirs = workspace.member_target(*inherited)
                if own is None or theirs is None or own.id != theirs.id:
                    result.append(report(R.MIXIN_ERROR, path, member.name.start, member.name.end,
                                         f"`{member.name.text}` is also defined by the mixin `{mixin.text}` with another target; "
                                         f"remove it here, or elide it as `${member.name.text}` to add traits",
                                         related=(Related(Location(inherited[0].path, inherited[1].name.start, inherited[1].name.end),
                                                          "the mixin's member"),)))
                    break
    return result


def _enum(path: Path, shape: Shape) -> list[Diagnostic]:
    result = []
    seen: dict[object, str] = {}
    if not shape.members and not shape.mixins:
        result.append(report(R.INVALID_MEMBER, path, shape.name.start, shape.name.end,
                             f"{shape.kind} shapes need at least one member"))
    for member in shape.members:
        value = member.default
        for trait in member.traits:
            if trait.id.text in ("enumValue", "smithy.api#enumValue") and trait.value is not None:
                value = trait.value
        if shape.kind == "enum":
            if value is not None and value.kind != "string":
                result.append(report(R.ENUM_VALUE, path, value.start, value.end,
                                     f"enum values are strings; write `{member.name.text} = \"{value.value}\"`"))
                continue
            actual = value.value if value is not None else member.name.text
        else:
            if value is None and shape.mixins:
                continue  # the value comes from the mixin's member of the same name
            if value is None:
                result.append(report(R.ENUM_VALUE, path, member.name.start, member.name.end,
                                     f"intEnum members need an integer value: `{member.name.text} = 1`"))
                continue
            if value.kind != "number" or isinstance(value.value, float):
                result.append(report(R.ENUM_VALUE, path, value.start, value.end,
                                     f"intEnum values are integers, not {value.kind if value.kind != 'number' else 'decimals'}"))
                continue
            if not -2**31 <= value.value < 2**31:
                result.append(report(R.ENUM_VALUE, path, value.start, value.end,
                                     "intEnum values must fit in a 32-bit signed integer"))
                continue
            actual = value.value
        if actual in seen:
            anchor = value if value is not None else member.name
            result.append(report(R.ENUM_VALUE, path, anchor.start, anchor.end,
                                 f"the value {actual!r} is already used by `{seen[actual]}`; enum values must be unique"))
        seen.setdefault(actual, member.name.text)
    return result


def relationships(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """Services, resources and operations must refer to shapes of the right kind.

    Smithy reports a wrong relationship on the shape that holds it (a member's on the member).
    """
    result: list[Diagnostic] = []
    resolved_file = workspace.resolved(path)
    if resolved_file is None:
        return result
    idl1 = summary.idl_version == 1
    # Members target the same few shapes thousands of times: whether a target may be one is found once.
    member_targets_ok: dict[str, bool] = {}
    for resolved in in_slices(resolved_file.references, 256):
        ref = resolved.reference
        if ref.role not in _RELATIONSHIP_ROLES or resolved.target is None or "$" in resolved.target:
            continue  # trait ids, uses, applies, ...: no relationship
        if ref.role == "target" and member_targets_ok.get(resolved.target):
            continue
        target = workspace.shape(resolved.target)
        if target is None:
            continue
        kind = target.shape.kind
        if ref.role in RELATIONSHIP_KINDS:
            allowed, words = RELATIONSHIP_KINDS[ref.role]
            ok = kind in allowed
            if ref.role == "error" and ok:
                ok = workspace.has_trait(target, "smithy.api#error") is not None
            if not ok:
                result.append(at_holder(R.BAD_RELATIONSHIP, path, summary, ref,
                                     f"`{ref.text}` must be {words}, but it is a {kind}"
                                     + ("; add @error(\"client\") or @error(\"server\") to it" if ref.role == "error" and kind == "structure" else ""),
                                     related=(_here(target),)))
        elif ref.role == "identifier" and kind not in ("string", "enum"):
            result.append(at_holder(R.BAD_RELATIONSHIP, path, summary, ref,
                                 f"resource identifiers must target a string shape, but `{ref.text}` is a {kind}",
                                 related=(_here(target),)))
        elif ref.role in ("input", "output") and workspace.has_trait(
                target, "smithy.api#output" if ref.role == "input" else "smithy.api#input") is not None:
            other = "output" if ref.role == "input" else "input"
            result.append(at_holder(R.BAD_RELATIONSHIP, path, summary, ref,
                                 f"operation {ref.role} cannot be `{ref.text}`: it is marked @{other}; use a structure of its own"))
        elif ref.role in ("input", "output"):
            # wasmCloud's IDL 1.0 contracts take and return plain shapes such as String.
            if kind != "structure" and not idl1:
                result.append(at_holder(R.BAD_RELATIONSHIP, path, summary, ref,
                                     f"operation {ref.role} must be a structure, but `{ref.text}` is a {kind}",
                                     related=(_here(target),)))
            elif kind == "structure" and workspace.has_trait(target, "smithy.api#error") is not None:
                result.append(at_holder(R.BAD_RELATIONSHIP, path, summary, ref,
                                     f"operation {ref.role} cannot be an error structure (`{ref.text}` has @error)"))
        elif ref.role == "mixin":
            owner = workspace.shape(ref.owner) if ref.owner else None
            if workspace.has_trait(target, "smithy.api#mixin") is None:
                result.append(at_holder(R.MIXIN_ERROR, path, summary, ref,
                                     f"`{ref.text}` is used as a mixin but is not marked @mixin; add @mixin to it",
                                     related=(_here(target),)))
            elif owner is not None and owner.shape.kind != kind:
                result.append(at_holder(R.MIXIN_ERROR, path, summary, ref,
                                     f"a {owner.shape.kind} can only use {owner.shape.kind} mixins, but `{ref.text}` is a {kind}",
                                     related=(_here(target),)))
            elif owner is not None and _mixin_cycle(workspace, owner):
                result.append(at_holder(R.MIXIN_ERROR, path, summary, ref,
                                     f"mixins of `{owner.id}` lead back to it; remove one to break the cycle"))
        elif ref.role == "target" and kind in ("service", "resource", "operation"):
            result.append(at_holder(R.BAD_RELATIONSHIP, path, summary, ref,
                                 f"members cannot target a {kind} (`{ref.text}`)", related=(_here(target),)))
        elif ref.role == "target" and kind == "structure" and (
                workspace.has_trait(target, "smithy.api#input") or workspace.has_trait(target, "smithy.api#output")):
            result.append(at_holder(R.BAD_RELATIONSHIP, path, summary, ref,
                                 f"members cannot target `{ref.text}`: it is an operation's @input or @output structure"))
        elif ref.role == "target" and workspace.has_trait(target, "smithy.api#mixin", target.shape.traits) is not None:
            result.append(at_holder(R.MIXIN_ERROR, path, summary, ref,
                                 f"`{ref.text}` is a mixin: members cannot target mixins; use it with `with [{ref.text}]` instead"))
        elif ref.role == "target":
            member_targets_ok[resolved.target] = True
    return result


def mixin_member_conflicts(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """Two mixins, or a mixin and the `for` resource, that give one member different targets."""
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        if len(shape.mixins) + (shape.resource is not None) < 1:
            continue
        seen: dict[str, tuple[str, str]] = {}
        for mixin in shape.mixins:
            mixin_def = workspace.target_shape(summary, mixin.text)
            if mixin_def is None:
                continue
            for member_owner, member in workspace.all_members(mixin_def):
                target = workspace.member_target(member_owner, member)
                if target is None:
                    continue
                earlier = seen.get(member.name.text)
                if earlier is not None and earlier[0] != target.id:
                    message = (f"the mixins `{earlier[1]}` and `{mixin.text}` both define `{member.name.text}`, "
                               f"with different targets ({earlier[0]} and {target.id}); remove one of the members")
                    if member_owner.path == path:
                        # Smithy reports the conflict on the inherited member; the use of the mixin is related.
                        result.append(report(R.MIXIN_ERROR, path, member.name.start, member.name.end,
                                             f"`{shape.name.text}`: {message}",
                                             related=(Related(Location(path, mixin.start, mixin.end),
                                                              f"`{shape.name.text}` uses `{mixin.text}` here"),)))
                    else:
                        result.append(report(R.MIXIN_ERROR, path, mixin.start, mixin.end, message))
                seen.setdefault(member.name.text, (target.id, mixin.text))
        if shape.resource is None:
            continue
        resource = workspace.target_shape(summary, shape.resource.text)
        if resource is None:
            continue
        for member in shape.members:
            if not member.elided or member.name.text not in seen:
                continue
            for key in ("identifiers", "properties"):
                entry = resource.shape.property(key)
                value = entry.value.get(member.name.text) if entry is not None and entry.value.kind == "object" else None
                if value is not None and value.kind == "shape_id":
                    from_resource = workspace.target_shape(resource.summary, value.value)
                    if from_resource is not None and from_resource.id != seen[member.name.text][0]:
                        result.append(report(R.ELISION_ERROR, path, member.name.start - 1, member.name.end,
                                             f"`${member.name.text}` is ambiguous: the resource gives it {from_resource.id}, "
                                             f"the mixin `{seen[member.name.text][1]}` gives it {seen[member.name.text][0]}; "
                                             "write the target explicitly or remove one"))
                    break
    return result


def mixin_shapes(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """Operation mixins cannot have input or output; resource mixins cannot have properties."""
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        if shape.kind not in ("operation", "resource"):
            continue
        shape_def = ShapeDef(summary, shape)
        if workspace.has_trait(shape_def, "smithy.api#mixin", shape.traits) is None:
            continue
        keys = ("input", "output") if shape.kind == "operation" else ("properties", "identifiers")
        for key in keys:
            entry = shape.property(key)
            if entry is None:
                continue
            if key in ("input", "output") and entry.value.kind == "shape_id" and entry.value.value in ("Unit", "smithy.api#Unit"):
                continue
            result.append(at_shape(R.MIXIN_ERROR, path, shape,
                                   f"a {shape.kind} mixin cannot define `{key}`; define it on the shapes that use the mixin",
                                   value=Span(key, entry.key_start, entry.key_end), note=f"`{key}` is defined here"))
    return result


def _mixin_cycle(workspace: SmithyWorkspace, start: ShapeDef) -> bool:
    stack = [start]
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        for mixin in current.shape.mixins:
            target = workspace.target_shape(current.summary, mixin.text)
            if target is None:
                continue
            if target.id == start.id:
                return True
            if target.id not in seen and len(seen) < 256:
                seen.add(target.id)
                stack.append(target)
    return False


def versions(workspace: SmithyWorkspace, path: Path, summary: FileSummary, wasmcloud: bool) -> list[Diagnostic]:
    """`$version` values, and IDL 2.0 syntax in IDL 1.0 files."""
    result: list[Diagnostic] = []
    if summary.version is not None and summary.version not in SUPPORTED_VERSIONS and summary.version_span:
        start, end = summary.version_span
        result.append(report(R.UNSUPPORTED_VERSION, path, start, end,
                             f"Smithy version `{summary.version}` is not supported; use \"2.0\" (or \"1.0\" for older models)"))
    if summary.format == "idl":
        for control in summary.controls:
            if control.key.text not in KNOWN_CONTROLS:
                result.append(report(R.UNKNOWN_CONTROL, path, control.key.start, control.key.end,
                                     f"`${control.key.text}` is not a Smithy control statement (known: "
                                     f"{', '.join('$' + k for k in KNOWN_CONTROLS)}); it is ignored — remove it or fix the name"))
    # weld reads IDL 1.0 only, so in its projects a `$version: "2"` file is checked as strictly as an unversioned one.
    if summary.format != "idl" or (summary.idl_version != 1 and not wasmcloud):
        return result
    rule = R.WC_IDL2 if wasmcloud else R.IDL2_ONLY
    why = ("weld's code generator reads IDL 1.0 only" if wasmcloud else
           "this file is IDL 1.0" + (" (it has no `$version`)" if summary.version is None else ""))
    fix = "" if wasmcloud else "; add `$version: \"2\"` at the top of the file"

    def idl2(start: int, end: int, what: str) -> None:
        result.append(report(rule, path, start, end, f"{what}: IDL 2.0 syntax, but {why}{fix}"))

    for shape in summary.shapes:
        if shape.kind in ("enum", "intEnum"):
            idl2(shape.kind_start, shape.kind_end, f"`{shape.kind}` shapes")
        if shape.mixins:
            idl2(shape.mixins[0].start, shape.mixins[-1].end, "mixins (`with [...]`)")
        if shape.resource is not None:
            idl2(shape.resource.start, shape.resource.end, "target elision (`for Resource`)")
        if shape.inline_of is not None:
            idl2(shape.name.start, shape.name.end, "inline operation input and output (`:=`)")
        if shape.kind == "resource" and shape.property("properties") is not None:
            entry = shape.property("properties")
            idl2(entry.key_start, entry.key_end, "resource `properties`")
        for trait in shape.traits:
            if trait.id.text in ("mixin", "smithy.api#mixin", "default", "smithy.api#default") and not trait.implicit:
                idl2(trait.id.start, trait.id.end, f"the @{trait.id.text.split('#')[-1]} trait")
        for member in shape.members:
            if member.elided:
                idl2(member.name.start - 1, member.name.end, "elided members (`$name`)")
            if member.default is not None and shape.kind not in ("enum", "intEnum"):
                idl2(member.default.start, member.default.end, "default values (`= value`)")
            for trait in member.traits:
                if trait.id.text in ("default", "smithy.api#default"):
                    idl2(trait.id.start, trait.id.end, "the @default trait")
    return result


def metadata(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """The same metadata key in two files conflicts unless both values are lists (they are merged)."""
    result: list[Diagnostic] = []
    earlier_here: dict[str, object] = {}
    for statement in summary.metadata:
        if statement.value is None:
            continue
        first = earlier_here.get(statement.key.text)
        if first is not None and not (first.value.kind == "array" and statement.value.kind == "array") \
                and first.value.to_python() != statement.value.to_python():
            result.append(report(R.METADATA_CONFLICT, path, statement.key.start, statement.key.end,
                                 f"the metadata key `{statement.key.text}` is already set above with another value; "
                                 "only lists are merged — remove one or make both lists",
                                 related=(Related(Location(path, first.key.start, first.key.end), "first set here"),)))
        earlier_here.setdefault(statement.key.text, statement)
        for other in workspace.summaries():
            if other.path == path:
                continue
            for theirs in other.metadata:
                if theirs.key.text != statement.key.text or theirs.value is None:
                    continue
                if statement.value.kind == "array" and theirs.value.kind == "array":
                    continue
                if statement.value.to_python() == theirs.value.to_python():
                    continue
                result.append(report(R.METADATA_CONFLICT, path, statement.key.start, statement.key.end,
                                     f"the metadata key `{statement.key.text}` is also defined in {other.path.name} with another value; "
                                     "only lists are merged — rename one key or make both values lists",
                                     related=(Related(Location(other.path, theirs.key.start, theirs.key.end), "also defined here"),)))
                break
    return result


COLLECTION_KINDS = ("list", "set", "map")


def recursion(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """Recursion no value can satisfy: structures through required members only, or collections
    that contain themselves without a structure or union in between."""
    result: list[Diagnostic] = []
    edges: dict[int, tuple[Shape, list[tuple[str, ShapeDef]]]] = {}  # by shape: shapes reached from many starts
    for shape in in_slices(summary.shapes):
        if shape.kind not in ("structure",) + COLLECTION_KINDS:
            continue
        start = ShapeDef(summary, shape)
        cycle = _cycle(workspace, start, edges)
        if cycle is None:
            continue
        route = " > ".join(cycle)
        why = ("a structure cannot reach itself through required members only; make one member optional"
               if shape.kind == "structure" else
               "a list or map can only contain itself through a structure or union; add one in between")
        result.append(report(R.RECURSION, path, shape.name.start, shape.name.end,
                             f"invalid recursion: {route}; {why}"))
    return result


def _edges(workspace: SmithyWorkspace, shape_def: ShapeDef) -> list[tuple[str, ShapeDef]]:
    kind = shape_def.shape.kind
    result = []
    for owner, member in workspace.all_members(shape_def):
        if kind == "structure":
            if workspace.has_trait(owner, "smithy.api#required", member.traits) is None or member.default is not None:
                continue
        elif kind == "map" and member.name.text != "value":
            continue
        target = workspace.member_target(owner, member)
        if target is None:
            continue
        wanted = ("structure",) if kind == "structure" else COLLECTION_KINDS
        if target.shape.kind in wanted:
            result.append((member.name.text, target))
    return result


def _cycle(workspace: SmithyWorkspace, start: ShapeDef,
           edges: dict[int, tuple[Shape, list[tuple[str, ShapeDef]]]] | None = None) -> list[str] | None:
    """``edges`` remembers `_edges` by shape during one check."""
    stack: list[tuple[ShapeDef, list[str]]] = [(start, [])]
    seen: set[str] = set()
    while stack:
        current, route = stack.pop()
        known = edges.get(id(current.shape)) if edges is not None else None
        if known is None or known[0] is not current.shape:
            known = (current.shape, _edges(workspace, current))
            if edges is not None:
                edges[id(current.shape)] = known
        for member, target in known[1]:
            step = route + [f"{current.shape.name.text.split('#')[-1]}${member}"]
            if target.id == start.id:
                return step + [start.shape.name.text.split("#")[-1]]
            if target.id not in seen and len(seen) < 1000:
                seen.add(target.id)
                stack.append((target, step))
    return None


BINDING_KEYS = ("operations", "collectionOperations", "create", "put", "read", "update", "delete", "list")
CLOSURE_KEYS = BINDING_KEYS + ("resources", "input", "output", "errors", "identifiers", "properties")
SIMPLE_FOR_CLOSURE = frozenset({"blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double",
                                "bigInteger", "bigDecimal", "timestamp", "document"})
MAX_CLOSURE = 5000


def _property_targets(shape_def: ShapeDef, keys: tuple[str, ...]) -> list[str]:
    result = []
    for entry in shape_def.shape.properties:
        if entry.key not in keys:
            continue
        value = entry.value
        values = value.items if value.kind == "array" else [e.value for e in value.entries] if value.kind == "object" else [value]
        result += [v.value for v in values if v.kind == "shape_id"]
    return result


def service_closure(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """In a service's closure, names must be unique ignoring namespaces, and each operation or
    resource is bound once."""
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        if shape.kind != "service":
            continue
        service = ShapeDef(summary, shape)
        closure: dict[str, ShapeDef] = {}
        bound_by: dict[str, set[str]] = {}
        stack = [service]
        # The shapes already in the closure, by identity: members target the same few shapes
        # thousands of times, and a shape's id is text to build.
        visited: set[int] = set()
        while stack and len(closure) < MAX_CLOSURE:
            current = stack.pop()
            if id(current.shape) in visited or current.id in closure:
                continue
            closure[current.id] = current
            visited.add(id(current.shape))
            if current.shape.kind in ("service", "resource"):
                for text in _property_targets(current, BINDING_KEYS + ("resources",)):
                    target = workspace.target_shape(current.summary, text)
                    if target is not None:
                        bound_by.setdefault(target.id, set()).add(current.id)
            for text in _property_targets(current, CLOSURE_KEYS):
                target = workspace.target_shape(current.summary, text)
                if target is not None:
                    stack.append(target)
            for owner, member in workspace.all_members(current):
                target = workspace.member_target(owner, member)
                # Most members target shapes already in the closure (`String` above all): not stacked again.
                if target is not None and id(target.shape) not in visited:
                    stack.append(target)
        renamed = set()
        rename = shape.property("rename")
        if rename is not None and rename.value.kind == "object":
            renamed = {workspace.resolve_text(summary, entry.key) for entry in rename.value.entries}
        by_name: dict[str, list[ShapeDef]] = {}
        for shape_id, found in closure.items():
            if shape_id.startswith("smithy.api#") or shape_id in renamed or found.shape.kind in SIMPLE_FOR_CLOSURE:
                continue
            by_name.setdefault(shape_id.split("#", 1)[1].lower(), []).append(found)
        for group in by_name.values():
            if len(group) < 2 or _equivalent_collections(workspace, group):
                continue
            names = ", ".join(f"`{d.id}`" for d in group)
            result.append(report(R.SERVICE_CLOSURE, path, shape.name.start, shape.name.end,
                                 f"the closure of `{shape.name.text}` has shapes whose names differ only by namespace or case: "
                                 f"{names}; give one a new name with the service's `rename` property",
                                 related=tuple(Related(Location(d.path, d.shape.name.start, d.shape.name.end), "in the closure")
                                               for d in group[:5])))
        for bound, containers in sorted(bound_by.items()):
            if len(containers) > 1:
                found = closure.get(bound)
                what = found.shape.kind if found is not None else "shape"
                message = (f"the {what} `{bound}` is bound more than once in the closure of `{shape.name.text}` "
                           f"(by {', '.join(sorted(containers))}); bind it in one place only")
                if found is not None and found.path == path:
                    # Smithy's SingleOperationBinding / SingleResourceBinding event is on the bound shape.
                    result.append(at_shape(R.SERVICE_CLOSURE, path, found.shape, message, value=shape.name,
                                           note=f"the service `{shape.name.text}`"))
                else:
                    result.append(report(R.SERVICE_CLOSURE, path, shape.name.start, shape.name.end, message))
    return result


def _equivalent_collections(workspace: SmithyWorkspace, group: list[ShapeDef]) -> bool:
    """Lists or maps of the same targets may share a name (Smithy only warns)."""
    if not all(d.shape.kind in ("list", "set", "map") for d in group):
        return False
    signatures = set()
    for shape_def in group:
        targets = []
        for owner, member in workspace.all_members(shape_def):
            target = workspace.member_target(owner, member)
            targets.append((member.name.text, target.id if target is not None else None))
        signatures.add((shape_def.shape.kind, tuple(sorted(targets, key=str))))
    return len(signatures) == 1


JSON_NAME = "smithy.api#jsonName"


def json_names(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """Members whose JSON names (their @jsonName, or their own name) collide."""
    result: list[Diagnostic] = []
    # A file that applies no @jsonName serializes each member under its own name.
    renames_any = not workspace.applies_none_of(summary, (JSON_NAME,))
    for shape in in_slices(summary.shapes):
        if shape.kind not in ("structure", "union"):
            continue
        owner = ShapeDef(summary, shape)
        seen: dict[str, str] = {}
        for member in shape.members:
            trait = workspace.has_trait(owner, JSON_NAME, member.traits) if renames_any else None
            name = trait.value.value if trait is not None and trait.value is not None and trait.value.kind == "string" \
                else member.name.text
            if name in seen:
                anchor = trait.value if trait is not None and trait.value is not None else member.name
                # Smithy's JsonName event is on the structure; the member's name or @jsonName is related.
                result.append(at_shape(R.JSON_NAME, path, shape,
                                       f"`{member.name.text}` is serialized as `{name}` in JSON, like `{seen[name]}`; "
                                       "give one of them another @jsonName", value=anchor,
                                       note=f"`{member.name.text}` is serialized as `{name}`"))
            seen.setdefault(name, member.name.text)
    return result


IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def renames(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """The service `rename` map: existing shapes, valid new names that change something, no operations."""
    result: list[Diagnostic] = []
    for shape in summary.shapes:
        entry = shape.property("rename") if shape.kind == "service" else None
        if entry is None or entry.value.kind != "object":
            continue
        for item in entry.value.entries:
            key = Span(item.key, item.key_start, item.key_end)

            def fail(message: str, at) -> None:
                # Smithy reports on the service; the entry at fault is related.
                result.append(at_shape(R.RENAME, path, shape, message, value=at, note=f"the rename of `{item.key}`"))

            target_id = workspace.resolve_text(summary, item.key)
            target = workspace.shape(target_id) if target_id else None
            new = item.value.value if item.value.kind == "string" else None
            if target is None:
                fail(f"`rename` names `{item.key}`, but no such shape exists", key)
            elif target.shape.kind in ("operation", "resource", "service"):
                fail(f"`{item.key}` is {'an' if target.shape.kind == 'operation' else 'a'} {target.shape.kind}, and "
                     f"{target.shape.kind}s cannot be renamed; rename the conflicting shape of another kind, "
                     "or change this shape's name", key)
            if new is None or not IDENTIFIER.match(new):
                fail(f"the new name for `{item.key}` must be a Smithy identifier (letters, digits and `_`, not "
                     "starting with a digit)", item.value)
            elif target is not None and new == target.shape.name.text.split("#")[-1]:
                fail(f"the rename of `{item.key}` does not change the name `{new}`; remove it", item.value)
    return result
