"""Phase 1 of a wasmCloud migration: a Smithy contract's services and shapes as one WIT package.

One package per contract (the services sharing a `@wasmbus` contractId, else a
namespace), one interface per service, one function per operation, a record,
variant, enum or alias per named shape, and worlds from the services'
`providerReceive`/`actorReceive` directions.  Everything the translation could
not carry over is a `Note` for the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from witsmith.features.migration.names import Scope, escaped, kebab
from witsmith.features.migration.report import Note
from witsmith.features.migration.traits import trait_notes
from witsmith.features.migration.wit import (
    Case,
    Function,
    Interface,
    Package,
    Param,
    TypeDef,
    World,
    doc_lines,
    interface_lines,
    render,
    signature,
    type_lines,
)
from witsmith.features.smithy.lookup import documentation, is_trait_shape, trait_value
from witsmith.model.smithy import Member, Node
from witsmith.model.smithy.summary import NUMBER_KINDS
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

PRELUDE = "smithy.api"
WASMCLOUD_MODEL = "org.wasmcloud.model"
DEFAULT_VERSION = "0.1.0"
# An input structure with at most this many members becomes the function's parameters;
# a bigger one is passed whole, as one parameter of its record type.
MAX_SPREAD_MEMBERS = 4
# ... and when the function's line stays within this many columns: longer parameter lists
# read better as a record (and no printer has to break the line).
MAX_LINE = 100

KIND_TYPES = {
    "string": "string", "boolean": "bool", "byte": "s8", "short": "s16", "integer": "s32", "long": "s64",
    "float": "f32", "double": "f64", "blob": "list<u8>",
}
UNSIGNED = {"byte": "u8", "short": "u16", "integer": "u32", "long": "u64"}
UNSUPPORTED_KINDS = {"document": "a document (untyped JSON-like value)", "bigInteger": "an arbitrary-precision integer",
                     "bigDecimal": "an arbitrary-precision decimal"}
UNIT_IDS = frozenset({"smithy.api#Unit", "org.wasmcloud.model#Unit"})
TIMESTAMP_ID = "smithy.api#Timestamp"
TIMESTAMP_DOCS = ("A point in time: seconds and nanoseconds since the Unix epoch (1970-01-01T00:00:00Z),\n"
                  "laid out as wasi:clocks' `datetime`.")

_FAILURE_WORDS = re.compile(r"\b(errors?|fail|fails|failed|failure|failures)\b", re.IGNORECASE)


@dataclass
class Operation:
    definition: ShapeDef
    spread: ShapeDef | None = None  # the input structure whose members are the parameters
    whole_input: ShapeDef | None = None  # passed as one parameter
    output: ShapeDef | None = None
    errors: list[ShapeDef] = field(default_factory=list)


@dataclass
class Service:
    definition: ShapeDef
    operations: list[Operation] = field(default_factory=list)
    interface: Interface | None = None


@dataclass
class Translation:
    """A translated package, with where each Smithy shape went (for hover)."""

    package: Package
    notes: list[Note]
    contract: str | None
    services: list[ShapeDef]
    items: dict[str, str] = field(default_factory=dict)  # Smithy id -> the WIT text it became

    @property
    def text(self) -> str:
        return render(self.package)


def wasmbus(workspace: SmithyWorkspace, service: ShapeDef) -> dict:
    """The `@wasmbus` trait's value as plain data ({} when absent)."""
    found = trait_value(workspace, service, f"{WASMCLOUD_MODEL}#wasmbus")
    if found is None or found.value is None or found.value.kind != "object":
        return {}
    value = found.value.to_python()
    return value if isinstance(value, dict) else {}


def contract_of(workspace: SmithyWorkspace, service: ShapeDef) -> str | None:
    contract = wasmbus(workspace, service).get("contractId")
    return contract if isinstance(contract, str) and contract.strip() else None


def package_parts(contract: str | None, namespace: str) -> tuple[str, str]:
    """`wasmcloud:keyvalue` -> (wasmcloud, keyvalue); `wasmcloud:builtin:logging` -> (wasmcloud, logging);
    without a contract, `org.example.weather` -> (org-example, weather)."""
    if contract:
        parts = [p for p in contract.split(":") if p.strip()]
        if len(parts) >= 2:
            return kebab(parts[0]), kebab(parts[-1])
        return kebab(parts[0]), kebab(parts[0])
    segments = [s for s in namespace.split(".") if s]
    name = kebab(segments[-1]) if segments else "contract"
    return (kebab("-".join(segments[:-1])) if len(segments) > 1 else name), name


class Translator:
    """Translates the services of one contract (or the shapes of one namespace)."""

    def __init__(self, workspace: SmithyWorkspace, services: list[ShapeDef], namespaces: list[str],
                 extras: list[ShapeDef], package: tuple[str, str, str | None] | None = None) -> None:
        self.workspace = workspace
        self.notes: list[Note] = []
        self.contract = next((c for c in (contract_of(workspace, s) for s in services) if c), None)
        namespace, name = package_parts(self.contract, namespaces[0] if namespaces else "")
        version: str | None = DEFAULT_VERSION
        if package is not None:
            namespace, name, version = package
        self.package = Package(namespace, name, version)
        self.services = [Service(s) for s in services]
        self.extras = extras
        self.defs: dict[str, ShapeDef | None] = {}  # named types: Smithy id -> definition (None: synthetic)
        self.order: list[str] = []
        self.back_edges: set[tuple[str, str]] = set()
        self.names: dict[str, str] = {}
        self.home: dict[str, Interface] = {}  # named type -> the interface defining it
        self.items: dict[str, str] = {}
        self._noted: set[tuple[str, str]] = set()

    # ----- notes --------------------------------------------------------------------------

    def note(self, kind: str, shape: str, message: str) -> None:
        if (kind, shape + message) not in self._noted:
            self._noted.add((kind, shape + message))
            self.notes.append(Note(kind, shape, message))

    # ----- classification -----------------------------------------------------------------

    def _has(self, shape_def: ShapeDef, trait: str, traits=None) -> bool:
        return trait_value(self.workspace, shape_def, trait, traits) is not None

    def builtin_type(self, shape_def: ShapeDef) -> str | None:
        """The WIT type of a shape that needs no definition of its own (String, U32, ...), else None."""
        shape, shape_id = shape_def.shape, shape_def.id
        if shape_id in UNIT_IDS or shape.kind in ("structure", "union", "list", "set", "map", "enum", "intEnum"):
            return None
        if shape.kind in UNSUPPORTED_KINDS or shape.kind == "timestamp":
            return None
        if shape.kind == "string" and self._has(shape_def, "smithy.api#enum"):
            return None
        namespace = shape_def.namespace
        if shape.kind in UNSIGNED and self._has(shape_def, f"{WASMCLOUD_MODEL}#unsignedInt"):
            return UNSIGNED[shape.kind] if namespace in (PRELUDE, WASMCLOUD_MODEL) else None
        if namespace in (PRELUDE, WASMCLOUD_MODEL):
            return KIND_TYPES.get(shape.kind)
        return None

    def is_unit(self, shape_def: ShapeDef | None) -> bool:
        return shape_def is None or shape_def.id in UNIT_IDS or (
            shape_def.shape.kind == "structure" and not self.workspace.all_members(shape_def))

    def named_id(self, shape_def: ShapeDef) -> str | None:
        """The id of the named WIT type a shape needs, or None (built-in type, unit)."""
        if shape_def.id in UNIT_IDS or self.builtin_type(shape_def) is not None:
            return None
        if shape_def.namespace == PRELUDE:
            if shape_def.shape.kind == "timestamp":
                return TIMESTAMP_ID
            return shape_def.id  # Document, BigInteger, BigDecimal: a placeholder alias
        return shape_def.id

    def member_target(self, owner: ShapeDef, member: Member) -> ShapeDef | None:
        return self.workspace.member_target(owner, member)

    def dependencies(self, shape_id: str) -> list[ShapeDef]:
        shape_def = self.defs.get(shape_id)
        if shape_def is None:
            return []
        kind = shape_def.shape.kind
        if kind == "timestamp" and shape_id != TIMESTAMP_ID:
            timestamp = self.workspace.shape(TIMESTAMP_ID)
            return [timestamp] if timestamp is not None else []
        if kind in ("structure", "union", "list", "set", "map"):
            found = []
            for owner, member in self.workspace.all_members(shape_def):
                target = self.member_target(owner, member)
                if target is not None:
                    found.append(target)
            return found
        return []

    # ----- collecting ---------------------------------------------------------------------

    def _operations(self, service: Service) -> None:
        shape = service.definition.shape
        entry = shape.property("operations")
        for item in entry.value.items if entry is not None and entry.value.kind == "array" else []:
            if item.kind != "shape_id":
                continue
            op_def = self.workspace.target_shape(service.definition.summary, item.value)
            if op_def is None or op_def.shape.kind != "operation":
                self.note("not-migrated", service.definition.id, f"operation `{item.value}` is not defined")
                continue
            service.operations.append(self._operation(op_def))
        resources = shape.property("resources")
        if resources is not None and resources.value.kind == "array" and resources.value.items:
            self.note("not-migrated", service.definition.id,
                      "the service's resources and their operations are not migrated: a WIT `resource` "
                      "with methods may replace them, written by hand")

    def _target(self, op_def: ShapeDef, key: str) -> ShapeDef | None:
        entry = op_def.shape.property(key)
        if entry is None or entry.value.kind != "shape_id":
            return None
        return self.workspace.target_shape(op_def.summary, entry.value.value)

    def _operation(self, op_def: ShapeDef) -> Operation:
        operation = Operation(op_def)
        output = self._target(op_def, "output")
        operation.output = None if self.is_unit(output) else output
        errors = op_def.shape.property("errors")
        for item in errors.value.items if errors is not None and errors.value.kind == "array" else []:
            if item.kind == "shape_id":
                found = self.workspace.target_shape(op_def.summary, item.value)
                if found is not None:
                    operation.errors.append(found)
        source = self._target(op_def, "input")
        if source is not None and not self.is_unit(source):
            members = self.workspace.all_members(source) if source.shape.kind == "structure" else []
            if members and len(members) <= MAX_SPREAD_MEMBERS and self._spread_width(operation, source) <= MAX_LINE:
                operation.spread = source
            else:
                operation.whole_input = source
        return operation

    def _type_width(self, target: ShapeDef | None) -> int:
        """The length of the type a reference to `target` will be written as (names are not
        given yet: a rare clash suffix is not counted)."""
        if target is None:
            return len("string")
        builtin = self.builtin_type(target)
        if builtin is not None:
            return len(builtin)
        named = self.named_id(target)
        if named == TIMESTAMP_ID:
            return len("timestamp")
        return len(escaped(kebab(target.shape.name.text.split("#")[-1])))

    def _spread_width(self, operation: Operation, source: ShapeDef) -> int:
        """The width of the function's line with the input's members as parameters."""
        op_def = operation.definition
        width = len(f"  {escaped(kebab(op_def.shape.name.text))}: func();")
        for number, (owner, member) in enumerate(self.workspace.all_members(source)):
            target = self.member_target(owner, member)
            width += len(escaped(kebab(member.name.text))) + 2 + self._type_width(target) + (2 if number else 0)
            if self.optional(owner, member, target):
                width += len("option<>")
        result = self._type_width(operation.output) if operation.output is not None else 0
        docs = documentation(self.workspace, op_def)
        if operation.errors:
            error = self._type_width(operation.errors[0]) if len(operation.errors) == 1 else \
                len(kebab(op_def.shape.name.text) + "-error")
            result = len("result<, >") + (result or 1) + error
        elif docs and _FAILURE_WORDS.search(docs):
            result = len("result<, string>") + (result or 1)
        return width + (len(" -> ") + result if result else 0)

    def _roots(self, operation: Operation) -> list[ShapeDef]:
        roots = []
        if operation.spread is not None:
            for owner, member in self.workspace.all_members(operation.spread):
                target = self.member_target(owner, member)
                if target is not None:
                    roots.append(target)
        for found in (operation.whole_input, operation.output, *operation.errors):
            if found is not None:
                roots.append(found)
        return roots

    def _register(self, shape_def: ShapeDef) -> str | None:
        named = self.named_id(shape_def)
        if named is not None and named not in self.defs:
            self.defs[named] = self.workspace.shape(named) if named == TIMESTAMP_ID else shape_def
        return named

    def _visit(self, roots: list[ShapeDef], seen: set[str], stack: list[str], on_stack: set[str],
               reach: set[str]) -> None:
        """Depth-first: registers named types in first-use order, marks edges back into the stack."""
        for root in roots:
            named = self._register(root)
            if named is None:
                continue
            if named in on_stack:
                if stack:
                    self.back_edges.add((stack[-1], named))
                continue
            if stack and (stack[-1], named) in self.back_edges:
                continue
            reach.add(named)
            if named in seen:
                reach |= self._reach_of(named)
                continue
            seen.add(named)
            stack.append(named)
            on_stack.add(named)
            self._visit(self.dependencies(named), seen, stack, on_stack, reach)
            stack.pop()
            on_stack.discard(named)
            self.order.append(named)  # after its dependencies, as wit-parser's printer orders types

    def _reach_of(self, start: str) -> set[str]:
        result, todo = set(), [start]
        while todo:
            current = todo.pop()
            for dep in self.dependencies(current):
                named = self.named_id(dep)
                if named is None or named in result or (current, named) in self.back_edges:
                    continue
                result.add(named)
                todo.append(named)
        return result

    # ----- translating --------------------------------------------------------------------

    def translate(self) -> Translation:
        seen: set[str] = set()
        consumers: dict[str, set[int]] = {}
        for number, service in enumerate(self.services):
            self._operations(service)
            reach: set[str] = set()
            for operation in service.operations:
                self._visit(self._roots(operation), seen, [], set(), reach)
            for named in reach:
                consumers.setdefault(named, set()).add(number)
        spread = {op.spread.id for s in self.services for op in s.operations if op.spread is not None}
        extra_reach: set[str] = set()
        extras = []
        for extra in self.extras:
            if extra.id in spread or extra.id in seen:
                continue
            if self.is_unit(extra):
                self.note("not-migrated", extra.id, "an empty structure is not used by any operation: "
                          "WIT has no empty record, so it is left out")
                continue
            extras.append(extra)
        self._visit(extras, seen, [], set(), extra_reach)
        for named in extra_reach:
            consumers.setdefault(named, set()).add(-1)

        interface_scope = Scope(exact=True)
        for service in self.services:
            service.interface = Interface(interface_scope.claim(kebab(service.definition.shape.name.text)),
                                          docs=documentation(self.workspace, service.definition))
        shared: Interface | None = None
        if not self.services or len(self.services) > 1 and any(
                len(c) > 1 or -1 in c for c in consumers.values()):
            shared = Interface(interface_scope.claim("types"))
        for named in self.order:
            users = consumers.get(named, set())
            if len(self.services) == 1:
                self.home[named] = self.services[0].interface
            elif len(users) == 1 and -1 not in users:
                self.home[named] = self.services[next(iter(users))].interface
            else:
                self.home[named] = shared

        type_scope = Scope()
        for named in self.order:
            self.names[named] = type_scope.claim(self._wanted_name(named))
            if self.names[named] != self._wanted_name(named):
                self.note("renamed", named, f"named `{self.names[named]}`: `{self._wanted_name(named)}` was taken")
        for named in self.order:
            interface = self.home[named]
            typedef = self._typedef(named, interface)
            interface.types.append(typedef)
            self.items[named] = "\n".join(_lines_of(typedef))
        for service in self.services:
            self._functions(service, type_scope)

        interfaces = ([shared] if shared is not None and shared.types else [])
        interfaces += [service.interface for service in self.services]
        self.package.interfaces = interfaces
        self.package.worlds = self._worlds(interface_scope)
        shapes = [s.definition for s in self.services]
        shapes += [op.definition for s in self.services for op in s.operations]
        shapes += [op.spread for s in self.services for op in s.operations if op.spread is not None]
        shapes += [d for d in self.defs.values() if d is not None and d.namespace != PRELUDE]
        self.notes.extend(trait_notes(self.workspace, shapes))
        for service in self.services:
            self.items[service.definition.id] = render_interface(service.interface)
        return Translation(self.package, self.notes, self.contract, [s.definition for s in self.services], self.items)

    def _wanted_name(self, named: str) -> str:
        if named == TIMESTAMP_ID:
            return "timestamp"
        shape_def = self.defs[named]
        return kebab(shape_def.shape.name.text.split("#")[-1]) if shape_def is not None else kebab(named)

    # ----- type expressions ---------------------------------------------------------------

    def expr(self, target: ShapeDef | None, interface: Interface, origin: str | None, where: str,
             written: str | None = None) -> str:
        """The WIT type for a reference to `target` from `where` (a Smithy id, for notes)."""
        if target is None:
            what = f"`{written}`" if written else "the target shape"
            self.note("unsupported", where, f"{what} is not defined; `string` stands in for it")
            return "string"
        builtin = self.builtin_type(target)
        if builtin is not None:
            return builtin
        named = self.named_id(target)
        if named is None:
            self.note("unsupported", where, "a unit type cannot be a value in WIT; `bool` stands in for it")
            return "bool"
        if origin is not None and (origin, named) in self.back_edges:
            self.note("recursive", where, f"`{target.id}` refers back to itself; WIT types cannot be recursive, "
                      "so `string` stands in for the reference (consider an index into a list, or a resource)")
            return "string"
        if named not in self.names:  # reached only through a cut edge
            return "string"
        home = self.home[named]
        if home is not interface:
            interface.uses.setdefault(home.name, [])
            if self.names[named] not in interface.uses[home.name]:
                interface.uses[home.name].append(self.names[named])
        return escaped(self.names[named])

    def member_expr(self, owner: ShapeDef, member: Member, interface: Interface, origin: str | None) -> str:
        where = f"{owner.id}${member.name.text}"
        target = self.member_target(owner, member)
        text = self.expr(target, interface, origin, where, member.target.text if member.target else None)
        if self._has(owner, "smithy.api#streaming", member.traits) or (
                target is not None and self._has(target, "smithy.api#streaming")):
            self.note("not-migrated", where, "a streaming member is passed whole as list<u8>")
        return f"option<{text}>" if self.optional(owner, member, target) else text

    def optional(self, owner: ShapeDef, member: Member, target: ShapeDef | None) -> bool:
        """IDL 2: a member is optional unless @required or defaulted.  IDL 1: unless @required, a
        member is optional when boxed or when its target is not a number or boolean (as weld's
        code generators read 0.x contracts)."""
        if self._has(owner, "smithy.api#required", member.traits):
            return False
        if owner.summary.idl_version >= 2:
            return member.default is None and not self._has(owner, "smithy.api#default", member.traits)
        if self._has(owner, "smithy.api#box", member.traits):
            return True
        if target is None:
            return True
        return not (target.shape.kind in NUMBER_KINDS or target.shape.kind == "boolean")

    # ----- definitions --------------------------------------------------------------------

    def _typedef(self, named: str, interface: Interface) -> TypeDef:
        name = self.names[named]
        if named == TIMESTAMP_ID:
            self.note("timestamp", named, "Smithy timestamps became the record `timestamp` (seconds: u64, "
                      "nanoseconds: u32); wasi:clocks/wall-clock's `datetime` has the same layout and can "
                      "replace it (a dependency on wasi:clocks)")
            return TypeDef("record", name, TIMESTAMP_DOCS, [Case("seconds", "u64"), Case("nanoseconds", "u32")])
        shape_def = self.defs[named]
        assert shape_def is not None
        shape, kind = shape_def.shape, shape_def.shape.kind
        docs = documentation(self.workspace, shape_def)
        if kind in UNSUPPORTED_KINDS:
            self.note("unsupported", named, f"`{shape_def.id}` is {UNSUPPORTED_KINDS[kind]}, which WIT cannot "
                      f"express: `{name}` is a `string` placeholder; decide its type")
            return TypeDef("alias", name, _todo(docs, f"{UNSUPPORTED_KINDS[kind]} in Smithy, with no WIT "
                                                      "equivalent; `string` is a placeholder"), target="string")
        if kind == "timestamp":
            return TypeDef("alias", name, docs, target=self.expr(self.workspace.shape(TIMESTAMP_ID), interface,
                                                                  named, named))
        if kind == "structure":
            fields = self._members(shape_def, interface, named)
            if not fields:
                self.note("unsupported", named, "an empty structure used as a value: WIT has no empty record; "
                          f"`{name}` is a `bool` placeholder")
                return TypeDef("alias", name, _todo(docs, "an empty structure in Smithy; WIT has no empty record, "
                                                          "`bool` is a placeholder"), target="bool")
            return TypeDef("record", name, docs, fields)
        if kind == "union":
            cases = []
            scope = Scope()
            for owner, member in self.workspace.all_members(shape_def):
                target = self.member_target(owner, member)
                case_type = None if target is not None and target.id in UNIT_IDS else \
                    self.expr(target, interface, named, f"{owner.id}${member.name.text}")
                cases.append(Case(self._field_name(scope, owner, member), case_type,
                                  documentation(self.workspace, owner, member)))
                self.items[f"{shape_def.id}${member.name.text}"] = escaped(cases[-1].name) + (
                    f"({case_type})" if case_type else "")
            return TypeDef("variant", name, docs, cases)
        if kind in ("list", "set"):
            member = shape_def.shape.member("member")
            element = self.expr(self.member_target(shape_def, member) if member else None, interface, named,
                                f"{shape_def.id}$member")
            if self._has(shape_def, "smithy.api#sparse"):
                element = f"option<{element}>"
            return TypeDef("alias", name, docs, target=f"list<{element}>")
        if kind == "map":
            key, value = shape.member("key"), shape.member("value")
            key_type = self.expr(self.member_target(shape_def, key) if key else None, interface, named,
                                 f"{shape_def.id}$key")
            value_type = self.expr(self.member_target(shape_def, value) if value else None, interface, named,
                                   f"{shape_def.id}$value")
            if self._has(shape_def, "smithy.api#sparse"):
                value_type = f"option<{value_type}>"
            return TypeDef("alias", name, docs, target=f"list<tuple<{key_type}, {value_type}>>")
        if kind in ("enum", "intEnum") or (kind == "string" and self._has(shape_def, "smithy.api#enum")):
            return self._enum(shape_def, name, docs)
        if kind in KIND_TYPES:
            target = KIND_TYPES[kind]
            if kind in UNSIGNED and self._has(shape_def, f"{WASMCLOUD_MODEL}#unsignedInt"):
                target = UNSIGNED[kind]
            return TypeDef("alias", name, docs, target=target)
        self.note("unsupported", named, f"a `{kind}` shape has no WIT equivalent: `{name}` is a `string` placeholder")
        return TypeDef("alias", name, _todo(docs, f"a Smithy `{kind}`; `string` is a placeholder"), target="string")

    def _field_name(self, scope: Scope, owner: ShapeDef, member: Member) -> str:
        wanted = kebab(member.name.text)
        name = scope.claim(wanted)
        if name != wanted:
            self.note("renamed", f"{owner.id}${member.name.text}", f"named `{name}`: `{wanted}` was taken")
        return name

    def _members(self, shape_def: ShapeDef, interface: Interface, origin: str | None) -> list[Case]:
        fields = []
        scope = Scope()
        for owner, member in self.workspace.all_members(shape_def):
            fields.append(Case(self._field_name(scope, owner, member),
                               self.member_expr(owner, member, interface, origin),
                               documentation(self.workspace, owner, member)))
            self.items[f"{shape_def.id}${member.name.text}"] = f"{escaped(fields[-1].name)}: {fields[-1].type}"
        return fields

    def _enum(self, shape_def: ShapeDef, name: str, docs: str | None) -> TypeDef:
        cases: list[Case] = []
        values: list[str] = []
        scope = Scope()
        if shape_def.shape.kind == "string":
            found = trait_value(self.workspace, shape_def, "smithy.api#enum")
            items = found.value.items if found is not None and found.value is not None and \
                found.value.kind == "array" else []
            for item in items:
                if item.kind != "object":
                    continue
                value, label = _string(item.get("value")), _string(item.get("name"))
                if value is None and label is None:
                    continue
                cases.append(Case(scope.claim(kebab(label or value or "")), None, _string(item.get("documentation"))))
        else:
            for member in shape_def.shape.members:
                cases.append(Case(self._field_name(scope, shape_def, member), None,
                                  documentation(self.workspace, shape_def, member)))
                self.items[f"{shape_def.id}${member.name.text}"] = escaped(cases[-1].name)
                if member.default is not None:
                    values.append(f"{cases[-1].name} = {member.default.value}")
        if shape_def.shape.kind == "intEnum":
            self.note("int-enum", shape_def.id, "an intEnum became an enum; WIT enums carry no numbers, "
                      f"the Smithy values were: {', '.join(values) or 'none'}")
        if not cases:
            self.note("unsupported", shape_def.id, f"an enum without values: `{name}` is a `string` placeholder")
            return TypeDef("alias", name, _todo(docs, "an enum without values; `string` is a placeholder"),
                           target="string")
        return TypeDef("enum", name, docs, cases)

    # ----- functions ----------------------------------------------------------------------

    def _functions(self, service: Service, type_scope: Scope) -> None:
        interface = service.interface
        scope = type_scope.copy()  # a function's name must not clash with a type's
        for operation in service.operations:
            op_def = operation.definition
            params: list[Param] = []
            param_docs: list[str] = []
            if operation.spread is not None:
                param_scope = Scope()
                for owner, member in self.workspace.all_members(operation.spread):
                    params.append(Param(self._field_name(param_scope, owner, member),
                                        self.member_expr(owner, member, interface, None)))
                    self.items[f"{operation.spread.id}${member.name.text}"] = \
                        f"{escaped(params[-1].name)}: {params[-1].type}  // a parameter of `{kebab(op_def.shape.name.text)}`"
                    member_docs = documentation(self.workspace, owner, member)
                    if member_docs:
                        # WIT parameters have no docs: the function's carry them.
                        param_docs.append(f"- `{params[-1].name}`: " + " ".join(member_docs.split()))
            elif operation.whole_input is not None:
                params.append(Param("input", self.expr(operation.whole_input, interface, None, op_def.id)))
            result = self.expr(operation.output, interface, None, op_def.id) if operation.output else None
            docs = documentation(self.workspace, op_def)
            failure_documented = bool(docs and _FAILURE_WORDS.search(docs))
            if param_docs:
                docs = "\n".join(([docs.rstrip(), ""] if docs else []) + param_docs)
            if operation.errors:
                error = self._error_type(operation, interface, scope)
                result = f"result<{result or '_'}, {error}>"
            elif failure_documented:
                self.note("documented-failure", op_def.id, "the documentation speaks of failure but the operation "
                          "declares no error: it returns result<_, string>; a variant of the failures may be better")
                result = f"result<{result or '_'}, string>"
            wanted = kebab(op_def.shape.name.text)
            name = scope.claim(wanted)
            if name != wanted:
                self.note("renamed", op_def.id, f"named `{name}`: `{wanted}` is a type of the interface")
            function = Function(name, params, result, docs)
            interface.functions.append(function)
            self.items[op_def.id] = "\n".join(_doc_and(function))

    def _error_type(self, operation: Operation, interface: Interface, scope: Scope) -> str:
        op_def = operation.definition
        types = [self.expr(e, interface, None, op_def.id) for e in operation.errors]
        if len(types) == 1:
            return types[0]
        name = scope.claim(kebab(op_def.shape.name.text) + "-error")
        case_scope = Scope()
        cases = [Case(case_scope.claim(kebab(t)), t) for t in types]
        interface.types.append(TypeDef("variant", name, f"The errors of `{op_def.shape.name.text}`.", cases))
        return name

    # ----- worlds and traits --------------------------------------------------------------

    def _worlds(self, scope: Scope) -> list[World]:
        component, provider = World(""), World("")
        for service in self.services:
            flags = wasmbus(self.workspace, service.definition)
            name = service.interface.name
            if flags.get("providerReceive") is True:
                component.imports.append(name)
                provider.exports.append(name)
            if flags.get("actorReceive") is True:
                component.exports.append(name)
                provider.imports.append(name)
            if flags.get("providerReceive") is not True and flags.get("actorReceive") is not True:
                self.note("no-world", service.definition.id, "neither providerReceive nor actorReceive: the "
                          "interface is in no world; add it to one by hand")
        worlds = []
        shared = next((i for i in self.package.interfaces if i.name not in {s.interface.name for s in self.services}),
                      None)
        for world in (component, provider):
            # An interface that uses the shared types needs them in the world: say so, as wit-parser would.
            if shared is not None and any(shared.name in i.uses for i in self.package.interfaces
                                          if i.name in world.imports + world.exports):
                world.imports.insert(0, shared.name)
        if component.imports or component.exports:
            base = self.package.name
            component.name = scope.claim(base if base not in scope else f"{base}-component")
            component.docs = "What a component of this contract imports and exports (an actor, in wasmCloud 0.x)."
            provider.name = scope.claim(f"{base}-provider")
            provider.docs = "What a capability provider of this contract exports and imports."
            worlds = [component, provider]
        return worlds

def _string(node: Node | None) -> str | None:
    return node.value if node is not None and node.kind == "string" and isinstance(node.value, str) else None


def _todo(docs: str | None, what: str) -> str:
    todo = f"TODO(migration): {what}."
    return f"{docs.rstrip()}\n\n{todo}" if docs else todo


def _lines_of(typedef: TypeDef) -> list[str]:
    return type_lines(typedef, "")


def _doc_and(function: Function) -> list[str]:
    return doc_lines(function.docs, "") + [signature(function)]


def render_interface(interface: Interface) -> str:
    return "\n".join(interface_lines(interface))


def is_data_shape(shape_def: ShapeDef) -> bool:
    """A shape that becomes a WIT type (not a trait, a service, an operation or a resource)."""
    return shape_def.shape.kind not in ("service", "operation", "resource") and not is_trait_shape(shape_def.shape)
