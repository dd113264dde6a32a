"""How the operations of a resource bind its identifiers and properties.

Smithy's ResourceIdentifierBinding validator: an instance operation (`read`, `update`,
`delete`, `put`, `operations`) binds every identifier of its resource in its input, with a
member of the identifier's target; a collection operation (`create`, `list`,
`collectionOperations`) does not bind them all; an operation of a child resource binds every
identifier of the parent.  An identifier is bound by a member with `@resourceIdentifier`, or
implicitly by a @required member of the identifier's name and target.

Smithy's ResourceOperationInputOutput validator, for resources that declare `properties`: in
the input and output of `put`, `create`, `read`, `update`, `delete` and the instance
operations (or the structure their `@nestedProperties` member targets), each member that is
not an identifier or `@notProperty` is a property (named by `@property(name)` or its own
name) that the resource declares, with the same target, at most once per structure; and
every property is used by one of those operations.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary, Member, Node, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

INSTANCE = ("put", "read", "update", "delete")
COLLECTION = ("create", "list")
PROPERTY_LIFECYCLE = ("put", "create", "read", "update", "delete")
REQUIRED, RESOURCE_IDENTIFIER = "smithy.api#required", "smithy.api#resourceIdentifier"
NOT_PROPERTY, NESTED, PROPERTY = "smithy.api#notProperty", "smithy.api#nestedProperties", "smithy.api#property"
# Traits that say a member carries no resource state even where the model's prelude does not
# mark them @notProperty (older preludes): never reported as unknown properties.
NOT_STATE = {NOT_PROPERTY, "smithy.api#idempotencyToken"}
UNKNOWN = object()  # an input or output that names a shape witsmith cannot find


def identifier_binding(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    if not any(shape.kind == "operation" for shape in summary.shapes):
        return result  # reports are on operations
    for resource in _resources(workspace, path, "identifiers"):
        identifiers = _object_targets(workspace, resource, "identifiers")
        if identifiers:
            for operation in _operations(workspace, resource, INSTANCE, "operations"):
                if operation.path == path and _binds_all(workspace, resource, identifiers, operation) is False:
                    result.append(_at_name(R.RESOURCE_IDENTIFIER_BINDING, operation,
                                           f"`{operation.shape.name.text}` is an instance operation of "
                                           f"`{resource.shape.name.text}`, so its input must bind every identifier "
                                           f"({_expected(identifiers)}); add the missing @required members or "
                                           "@resourceIdentifier"))
            for operation in _operations(workspace, resource, COLLECTION, "collectionOperations"):
                if operation.path == path and _binds_all(workspace, resource, identifiers, operation) is True:
                    result.append(_at_name(R.RESOURCE_IDENTIFIER_BINDING, operation,
                                           f"`{operation.shape.name.text}` is a collection operation of "
                                           f"`{resource.shape.name.text}`, but its input binds all the resource's "
                                           "identifiers; bind it as an instance operation or drop an identifier"))
        if identifiers:
            result += _child_bindings(workspace, path, resource, identifiers)
    return result


def property_binding(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    if not any(shape.kind in ("resource", "structure") for shape in summary.shapes):
        return result  # reports are on resources and structures
    for resource in _resources(workspace, path, "properties"):
        properties = _object_targets(workspace, resource, "properties")
        entry = resource.shape.property("properties")
        if not properties or entry is None:
            continue
        used: set[str] = set()
        for role, operation in _property_operations(workspace, resource):
            for side in ("input", "output"):
                result += _property_members(workspace, path, resource, properties, role, operation, side, used)
        if resource.path != path:
            continue
        for item in entry.value.entries:
            if item.key not in used:
                result.append(report(R.RESOURCE_PROPERTY_BINDING, path, resource.shape.name.start,
                                     resource.shape.name.end,
                                     f"resource property `{item.key}` of `{resource.shape.name.text}` is not used in "
                                     "the input or output of create or an instance operation; add a member for it or "
                                     "remove the property",
                                     related=(Related(Location(path, item.key_start, item.key_end),
                                                      f"`{item.key}` is declared here"),)))
    return result


# ----- identifier bindings ---------------------------------------------------------------

def _binds_all(workspace: SmithyWorkspace, resource: ShapeDef, identifiers: dict[str, str | None],
               operation: ShapeDef) -> bool | None:
    """Whether the operation's input binds every identifier with a member of its target (None: cannot tell)."""
    structure = _io(workspace, operation, "input")
    if structure is UNKNOWN:
        return None
    bindings = _bindings(workspace, structure, identifiers) if structure is not None else {}
    if bindings is None:
        return None
    for name, target in identifiers.items():
        if name not in bindings:
            return False
        found = _member_target_id(workspace, *bindings[name])
        if found is None or target is None:
            return None
        if found != target:
            return False
    return True


def _child_bindings(workspace: SmithyWorkspace, path: Path, parent: ShapeDef,
                    identifiers: dict[str, str | None]) -> list[Diagnostic]:
    result = []
    for child in _refs(workspace, parent, (), "resources"):
        if child.shape.kind != "resource":
            continue
        child_identifiers = _object_targets(workspace, child, "identifiers")
        for operation in _operations(workspace, child, INSTANCE + COLLECTION, "operations", "collectionOperations"):
            if operation.path != path:
                continue
            structure = _io(workspace, operation, "input")
            if structure is UNKNOWN:
                continue
            bindings = _bindings(workspace, structure, child_identifiers) if structure is not None else {}
            if bindings is None:
                continue
            missing = [name for name in identifiers if name not in bindings]
            if missing:
                result.append(_at_name(R.RESOURCE_IDENTIFIER_BINDING, operation,
                                       f"`{operation.shape.name.text}` belongs to `{child.shape.name.text}`, a child "
                                       f"of `{parent.shape.name.text}`, but its input does not bind the parent's "
                                       f"{', '.join(f'`{m}`' for m in missing)}; add @required members for them"))
    return result


def _bindings(workspace: SmithyWorkspace, structure: ShapeDef,
              identifiers: dict[str, str | None]) -> dict[str, tuple[ShapeDef, Member]] | None:
    """Identifier name -> the member binding it, explicitly (@resourceIdentifier) or implicitly."""
    result: dict[str, tuple[ShapeDef, Member]] = {}
    for owner, member in workspace.all_members(structure):
        explicit = _member_trait(workspace, owner, member, RESOURCE_IDENTIFIER)
        if explicit is not None:
            if explicit.value is None or explicit.value.kind != "string":
                return None
            result[explicit.value.value] = (owner, member)
            continue
        name = member.name.text
        if name in identifiers and _member_trait(workspace, owner, member, REQUIRED) is not None:
            target = _member_target_id(workspace, owner, member)
            if target is None or identifiers[name] is None:
                return None
            if target == identifiers[name]:
                result[name] = (owner, member)
    return result


# ----- property bindings -----------------------------------------------------------------

def _property_operations(workspace: SmithyWorkspace, resource: ShapeDef) -> Iterator[tuple[str, ShapeDef]]:
    for role in PROPERTY_LIFECYCLE:
        for operation in _refs(workspace, resource, (role,)):
            if operation.shape.kind == "operation":
                yield role, operation
    for operation in _refs(workspace, resource, (), "operations"):
        if operation.shape.kind == "operation":
            yield operation.shape.name.text, operation


def _property_members(workspace: SmithyWorkspace, path: Path, resource: ShapeDef, properties: dict[str, str | None],
                      role: str, operation: ShapeDef, side: str, used: set[str]) -> list[Diagnostic]:
    structure = _io(workspace, operation, side)
    if structure is None or structure is UNKNOWN:
        return []
    identifiers = _object_targets(workspace, resource, "identifiers")
    bound = _bindings(workspace, structure, identifiers)
    if bound is None:
        return []
    other = _io(workspace, operation, "output" if side == "input" else "input")
    other_bound = _bindings(workspace, other, identifiers) if isinstance(other, ShapeDef) else {}
    identifier_members = {m.name.text for _, m in bound.values()} | {m.name.text for _, m in (other_bound or {}).values()}
    holder = _nested(workspace, structure)
    if holder is UNKNOWN:
        return []
    own_bindings = {m.name.text for _, m in bound.values()}
    if holder is not structure:
        nested_bound = _bindings(workspace, holder, identifiers)
        if nested_bound is None:
            return []
        own_bindings |= {m.name.text for _, m in nested_bound.values()}
    result: list[Diagnostic] = []
    by_property: dict[str, list[tuple[ShapeDef, Member]]] = {}
    for owner, member in workspace.all_members(holder):
        name = member.name.text
        exempt = name in own_bindings or _not_property(workspace, owner, member)
        if exempt and name not in properties:
            continue
        named = _member_trait(workspace, owner, member, PROPERTY)
        property_name = name
        if named is not None and named.value is not None and named.value.kind == "object":
            given = named.value.get("name")
            if given is not None and given.kind == "string":
                property_name = given.value
        used.add(property_name)
        by_property.setdefault(property_name, []).append((owner, member))
        if owner.path != path:
            continue
        if property_name in properties:
            expected, found = properties[property_name], _member_target_id(workspace, owner, member)
            if expected is not None and found is not None and expected != found:
                result.append(report(R.RESOURCE_PROPERTY_BINDING, path, member.name.start, member.name.end,
                                     f"`{name}` must target `{expected}`: it is used by the `{role}` operation of "
                                     f"`{resource.shape.name.text}` and stands for its `{property_name}` property, "
                                     f"which targets `{expected}`"))
        elif name not in identifier_members:
            result.append(report(R.RESOURCE_PROPERTY_BINDING, path, member.name.start, member.name.end,
                                 f"`{name}` is neither a property nor an identifier of resource "
                                 f"`{resource.shape.name.text}`; if it is an identifier, add @resourceIdentifier, if "
                                 "it is a property under another name, add @property(name: ...), otherwise add "
                                 "@notProperty"))
    if holder.path == path:
        for property_name, members in by_property.items():
            if len(members) > 1:
                names = ", ".join(f"`{m.name.text}`" for _, m in members)
                result.append(report(R.RESOURCE_PROPERTY_BINDING, path, holder.shape.name.start,
                                     holder.shape.name.end,
                                     f"members {names} of `{holder.shape.name.text}` all stand for the resource "
                                     f"property `{property_name}`; keep one, or give the others @notProperty"))
    return result


def _nested(workspace: SmithyWorkspace, structure: ShapeDef) -> ShapeDef | object:
    """The structure holding the properties: the target of a @nestedProperties member, or the structure itself."""
    for owner, member in workspace.all_members(structure):
        if _member_trait(workspace, owner, member, NESTED) is not None:
            target = workspace.member_target(owner, member)
            if target is None:
                return UNKNOWN
            if target.shape.kind == "structure":
                return target
    return structure


def _not_property(workspace: SmithyWorkspace, owner: ShapeDef, member: Member) -> bool:
    for trait in _member_traits(workspace, owner, member):
        trait_id = workspace.resolve_trait(owner.summary, trait)
        if trait_id is None or trait_id in NOT_STATE:
            return True  # an unresolved trait might be one marked @notProperty
        definition = workspace.shape(trait_id)
        if definition is not None and workspace.has_trait(definition, NOT_PROPERTY) is not None:
            return True
    return False


# ----- shared helpers --------------------------------------------------------------------

def _resources(workspace: SmithyWorkspace, path: Path, key: str) -> Iterator[ShapeDef]:
    """The resources of the model that declare `key` (identifiers, properties)."""
    for other in workspace.summaries_with_shapes_of("resource"):
        resources = [shape for shape in other.shapes if shape.kind == "resource" and shape.property(key) is not None]
        # The kind test first: deciding whether two files are one model costs more.
        if resources and (other.path == path or workspace.one_model(path, other.path)):
            yield from (ShapeDef(other, shape) for shape in resources)


def _refs(workspace: SmithyWorkspace, owner: ShapeDef, single: tuple[str, ...], *lists: str) -> Iterator[ShapeDef]:
    for key in single:
        entry = owner.shape.property(key)
        if entry is not None and entry.value.kind == "shape_id":
            found = workspace.target_shape(owner.summary, entry.value.value)
            if found is not None:
                yield found
    for key in lists:
        entry = owner.shape.property(key)
        if entry is not None and entry.value.kind == "array":
            for item in entry.value.items:
                if item.kind == "shape_id":
                    found = workspace.target_shape(owner.summary, item.value)
                    if found is not None:
                        yield found


def _operations(workspace: SmithyWorkspace, resource: ShapeDef, single: tuple[str, ...], *lists: str) -> list[ShapeDef]:
    return [op for op in _refs(workspace, resource, single, *lists) if op.shape.kind == "operation"]


def _object_targets(workspace: SmithyWorkspace, owner: ShapeDef, key: str) -> dict[str, str | None]:
    entry = owner.shape.property(key)
    if entry is None or entry.value.kind != "object":
        return {}
    return {item.key: _node_target(workspace, owner, item.value) for item in entry.value.entries}


def _node_target(workspace: SmithyWorkspace, owner: ShapeDef, node: Node) -> str | None:
    if node.kind != "shape_id":
        return None
    found = workspace.target_shape(owner.summary, node.value)
    return found.id if found is not None else None


def _io(workspace: SmithyWorkspace, operation: ShapeDef, side: str) -> ShapeDef | None | object:
    """The operation's input or output structure; None for none (Unit), UNKNOWN when it cannot be found."""
    entry = operation.shape.property(side)
    if entry is None:
        return None
    if entry.value.kind != "shape_id":
        return UNKNOWN
    found = workspace.target_shape(operation.summary, entry.value.value)
    if found is None:
        return UNKNOWN
    if found.id == "smithy.api#Unit":
        return None
    return found if found.shape.kind == "structure" else UNKNOWN


def _member_target_id(workspace: SmithyWorkspace, owner: ShapeDef, member: Member) -> str | None:
    found = workspace.member_target(owner, member)
    return found.id if found is not None else None


def _member_traits(workspace: SmithyWorkspace, owner: ShapeDef, member: Member, depth: int = 0) -> list[TraitUse]:
    """A member's traits: its own, those `apply` gives it, and those of the mixin member it redeclares."""
    result = list(member.traits)
    member_id = f"{owner.id}${member.name.text}"
    suffix = f"${member.name.text}"
    for summary in workspace.summaries():
        for apply in summary.applies:
            # The cheap text test first: only an apply naming a member of this name can resolve to it.
            if apply.target.text.endswith(suffix) and workspace.resolve_text(summary, apply.target.text) == member_id:
                result += apply.traits
    if depth < 8:
        for mixin in owner.shape.mixins:
            mixin_def = workspace.target_shape(owner.summary, mixin.text)
            found = workspace.member(mixin_def, member.name.text) if mixin_def is not None else None
            if found is not None and found[1] is not member:
                result += _member_traits(workspace, found[0], found[1], depth + 1)
    return result


def _member_trait(workspace: SmithyWorkspace, owner: ShapeDef, member: Member, trait_id: str) -> TraitUse | None:
    return workspace.has_trait(owner, trait_id, traits=_member_traits(workspace, owner, member))


def _at_name(rule, shape: ShapeDef, message: str) -> Diagnostic:
    return report(rule, shape.path, shape.shape.name.start, shape.shape.name.end, message)


def _expected(identifiers: dict[str, str | None]) -> str:
    return ", ".join(f"a @required `{name}` targeting `{target or '?'}`" for name, target in identifiers.items())
