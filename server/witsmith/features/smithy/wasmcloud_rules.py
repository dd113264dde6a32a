"""wasmCloud 0.x contract conventions, and the limits of weld's code generator.

Run only for wasmCloud files (a `codegen.toml` project, or a file that uses
`org.wasmcloud.model`).  The facts come from wasmCloud's Smithy guide and
from what weld generates code for.
"""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Fix, Location, Related, TextEdit, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary, Node, Shape
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

WASMBUS = "org.wasmcloud.model#wasmbus"
FIELD_NUMBER = "org.wasmcloud.model#n"
UNSUPPORTED_KINDS = {"bigInteger": "arbitrary-size integers", "bigDecimal": "arbitrary-precision decimals",
                     "document": "untyped documents", "resource": "resources"}
PARTIAL_KINDS = {
    "set": "sets are generated as plain collections; uniqueness is not enforced in every language",
    "timestamp": "only weld's Rust generator encodes timestamps (as wasmbus-rpc's Timestamp: seconds and nanoseconds); "
                 "the other generators do not interoperate with it",
}
UNSIGNED = "org.wasmcloud.model#unsignedInt"
# Colon-separated parts, as in `wasmcloud:keyvalue` or `wasmcloud:builtin:logging`.
CONTRACT_ID = re.compile(r"[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)+")
MAX_WALK = 2000


def _bool(node: Node | None) -> bool:
    return node is not None and node.kind == "boolean" and node.value is True


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    protocol2 = False
    for shape in summary.shapes:
        if shape.kind == "service":
            found, is2 = _service(workspace, path, ShapeDef(summary, shape))
            result += found
            protocol2 = protocol2 or is2
    for shape in summary.shapes:
        shape_def = ShapeDef(summary, shape)
        if shape.kind in UNSUPPORTED_KINDS:
            result.append(report(R.WC_UNSUPPORTED, path, shape.kind_start, shape.kind_end,
                                 f"weld's code generators do not support {UNSUPPORTED_KINDS[shape.kind]} (`{shape.kind}`); "
                                 "use strings, integers, structures, lists or maps instead"))
        elif shape.kind == "union":
            # weld encodes a union variant by its @n number; the protocol is checked from the services.
            result += _union_numbers(workspace, path, shape_def)
        elif shape.kind in PARTIAL_KINDS:
            result.append(report(R.WC_PARTIAL, path, shape.kind_start, shape.kind_end,
                                 f"`{shape.kind}` is partly supported: {PARTIAL_KINDS[shape.kind]}"))
        elif shape.kind == "operation":
            result += _operation(workspace, path, shape)
        if shape.kind == "structure":
            result += _field_numbers(workspace, path, shape_def)
        result += _member_targets(workspace, path, shape_def)
        result += _member_traits(workspace, path, shape_def)
        result += _documentation(workspace, path, shape_def)
    result += _package_metadata(path, summary)
    return result


def _add_contract_id(workspace: SmithyWorkspace, path: Path, trait, service_name: str) -> tuple[Fix, ...]:
    """Insert a contractId before the trait's closing parenthesis (commas are whitespace in Smithy)."""
    source = workspace.files_store.read(path) or b""
    close = trait.end - 1
    if not (0 <= close < len(source)) or source[close:close + 1] != b")":
        return ()
    contract = f"wasmcloud:{service_name.lower()}"
    before = source[close - 1:close]
    if before == b"\n":  # the parenthesis closes on its own line: add a line of its own
        text = f'    contractId: "{contract}",\n'
    else:
        text = ("" if before in (b"(", b" ") else " ") + f'contractId: "{contract}"'
    return (Fix(f'Add contractId: "{contract}"', (TextEdit(path, close, close, text),)),)


def _service(workspace: SmithyWorkspace, path: Path, service: ShapeDef) -> tuple[list[Diagnostic], bool]:
    result: list[Diagnostic] = []
    shape = service.shape
    trait = workspace.has_trait(service, WASMBUS)
    if trait is None:
        result.append(report(R.WC_NO_WASMBUS, path, shape.name.start, shape.name.end,
                             f"the service `{shape.name.text}` has no @wasmbus trait, so weld generates no code for it; add "
                             '@wasmbus(contractId: "wasmcloud:...", providerReceive: true) or @wasmbus(actorReceive: true)'))
        return result, False
    value = trait.value if trait.value is not None and trait.value.kind == "object" else Node("object", None, trait.start, trait.end)
    contract = value.get("contractId")
    provider, actor = _bool(value.get("providerReceive")), _bool(value.get("actorReceive"))
    protocol = value.get("protocol")
    if provider and contract is None:
        result.append(report(R.WC_NO_CONTRACT, path, trait.id.start, trait.id.end,
                             f"`{shape.name.text}` is received by providers (providerReceive: true) but has no contractId; "
                             'add contractId: "wasmcloud:..." so actors can be linked to providers',
                             fixes=_add_contract_id(workspace, path, trait, shape.name.text)))
    if contract is not None and contract.kind == "string" and not contract.value.strip():
        result.append(report(R.WC_EMPTY_CONTRACT, path, contract.start, contract.end,
                             'the contractId is empty; write the contract id, such as "wasmcloud:keyvalue"'))
    elif contract is not None and contract.kind == "string" and not CONTRACT_ID.fullmatch(contract.value):
        result.append(report(R.WC_CONTRACT_FORMAT, path, contract.start, contract.end,
                             f'the contractId "{contract.value}" is not of the form `namespace:name`; '
                             'write it like "wasmcloud:keyvalue" (letters, digits, `-`, `_` or `.` between colons)'))
    if not provider and not actor:
        result.append(report(R.WC_NO_RECEIVER, path, trait.id.start, trait.id.end,
                             "@wasmbus sets neither actorReceive nor providerReceive, so no code is generated to send its "
                             "messages; set providerReceive: true (a capability contract) or actorReceive: true (an actor interface)"))
    is2 = False
    if protocol is not None:
        text = str(protocol.value) if protocol.kind in ("string", "number") else None
        if text not in ("0", "2"):
            result.append(report(R.WC_BAD_PROTOCOL, path, protocol.start, protocol.end,
                                 'the wasmbus protocol must be "0" (the default) or "2" (needed for unions)'))
        is2 = text == "2"
    if not is2:
        union = _reachable_union(workspace, service)
        if union is not None:
            result.append(report(R.WC_UNION_PROTOCOL, path, shape.name.start, shape.name.end,
                                 f"`{shape.name.text}` reaches the union `{union.id}` but @wasmbus does not declare "
                                 'protocol: "2", the only protocol that can encode unions; add it or replace the union',
                                 related=(Related(Location(union.path, union.shape.name.start, union.shape.name.end), "the union"),)))
    return result, is2


def _reachable_union(workspace: SmithyWorkspace, service: ShapeDef) -> ShapeDef | None:
    """A union reachable from the service's operations (through input, output, errors and members)."""
    stack: list[ShapeDef] = [service]
    seen: set[str] = set()
    while stack and len(seen) < MAX_WALK:
        current = stack.pop()
        if current.id in seen:
            continue
        seen.add(current.id)
        if current.shape.kind == "union":
            return current
        targets: list[str] = []
        for entry in current.shape.properties:
            if entry.key in ("operations", "resources", "input", "output", "errors"):
                values = entry.value.items if entry.value.kind == "array" else [entry.value]
                targets += [v.value for v in values if v.kind == "shape_id"]
        for text in targets:
            found = workspace.target_shape(current.summary, text)
            if found is not None:
                stack.append(found)
        for owner, member in workspace.all_members(current):
            found = workspace.member_target(owner, member)
            if found is not None:
                stack.append(found)
    return None


def _operation(workspace: SmithyWorkspace, path: Path, shape: Shape) -> list[Diagnostic]:
    result = []
    summary = workspace.summary(path)
    for key in ("input", "output"):
        entry = shape.property(key)
        if entry is not None and entry.value.kind == "array":
            names = ", ".join(f"`{item.value}`" for item in entry.value.items if item.kind == "shape_id")
            result.append(report(R.WC_IO_LIST, path, entry.value.start, entry.value.end,
                                 f"an operation's {key} is one shape, not a list ({names or 'empty'}); "
                                 "name one shape, or a structure with a member for each"))
            continue
        if entry is None or entry.value.kind != "shape_id":
            continue
        target = workspace.target_shape(summary, entry.value.value)
        if target is not None and workspace.has_trait(target, "smithy.api#box") is not None:
            result.append(report(R.WC_OPTIONAL_IO, path, entry.value.start, entry.value.end,
                                 f"the {key} `{entry.value.value}` is optional (@box), which weld cannot pass; "
                                 "wrap it in a structure with an optional member instead",
                                 fixes=_wrap_in_structure(workspace, summary, path, shape, key, entry.value)))
    return result


def _wrap_in_structure(workspace: SmithyWorkspace, summary: FileSummary, path: Path, operation: Shape,
                       key: str, value: Node) -> tuple[Fix, ...]:
    """Point the operation at a new structure whose one member (optional: the target is boxed) holds the shape."""
    name = operation.name.text + key.capitalize()
    while workspace.target_shape(summary, name) is not None or any(s.name.text == name for s in summary.shapes):
        name += "Value"
    target = value.value
    local = target.split("#")[-1]
    member = local[:1].lower() + local[1:]
    text = f"\n\nstructure {name} {{\n    {member}: {target}\n}}"
    return (Fix(f"Wrap `{target}` in a new structure `{name}`",
                (TextEdit(path, value.start, value.end, name), TextEdit(path, operation.end, operation.end, text))),)


def _union_numbers(workspace: SmithyWorkspace, path: Path, union: ShapeDef) -> list[Diagnostic]:
    result = []
    numbers = []
    for member in union.shape.members:
        trait = workspace.has_trait(union, FIELD_NUMBER, member.traits)
        if trait is not None and trait.value is not None and isinstance(trait.value.value, int):
            numbers.append(trait.value.value)
    next_number = max(numbers) + 1 if numbers else 0
    for member in union.shape.members:
        if workspace.has_trait(union, FIELD_NUMBER, member.traits) is None:
            result.append(report(R.WC_FIELD_NUMBERS, path, member.name.start, member.name.end,
                                 f"the union variant `{member.name.text}` has no @n number, and weld encodes a union "
                                 f"variant by its number; add @n({next_number})"))
            next_number += 1
    return result


def _field_numbers(workspace: SmithyWorkspace, path: Path, shape_def: ShapeDef) -> list[Diagnostic]:
    result = []
    numbered: dict[object, str] = {}
    unnumbered = []
    for member in shape_def.shape.members:
        trait = workspace.has_trait(shape_def, FIELD_NUMBER, member.traits)
        if trait is None:
            unnumbered.append(member)
            continue
        number = trait.value.value if trait.value is not None else None
        if number in numbered:
            result.append(report(R.WC_FIELD_NUMBERS, path, trait.start, trait.end,
                                 f"field number {number} is already used by `{numbered[number]}`; give each member its own @n"))
        numbered.setdefault(number, member.name.text)
    if numbered and unnumbered:
        for member in unnumbered:
            result.append(report(R.WC_FIELD_NUMBERS, path, member.name.start, member.name.end,
                                 f"`{member.name.text}` has no @n field number while other members of "
                                 f"`{shape_def.shape.name.text}` do; add @n({_next(numbered)})"))
    return result


def _next(numbered: dict[object, str]) -> int:
    numbers = [n for n in numbered if isinstance(n, int)]
    return max(numbers) + 1 if numbers else 0


def _member_targets(workspace: SmithyWorkspace, path: Path, shape_def: ShapeDef) -> list[Diagnostic]:
    result = []
    for member in shape_def.shape.members:
        if member.target is None:
            continue
        target = workspace.target_shape(shape_def.summary, member.target.text)
        if target is None or not target.summary.builtin:
            continue  # shapes of the workspace are reported where they are defined
        kind = target.shape.kind
        if kind in UNSUPPORTED_KINDS:
            result.append(report(R.WC_UNSUPPORTED, path, member.target.start, member.target.end,
                                 f"weld's code generators do not support {UNSUPPORTED_KINDS[kind]} (`{member.target.text}`)"))
        elif kind in PARTIAL_KINDS:
            result.append(report(R.WC_PARTIAL, path, member.target.start, member.target.end,
                                 f"`{member.target.text}` is partly supported: {PARTIAL_KINDS[kind]}"))
    return result


def _package_metadata(path: Path, summary: FileSummary) -> list[Diagnostic]:
    result = []
    for statement in summary.metadata:
        if statement.key.text != "package" or statement.value is None:
            continue
        value = statement.value
        entries = value.items if value.kind == "array" else None
        if entries is None:
            result.append(report(R.WC_METADATA, path, value.start, value.end,
                                 "`metadata package` must be a list of objects, e.g. "
                                 '[{ namespace: "org.example.kv", crate: "kv_interface" }]'))
            continue
        for entry in entries:
            namespace = entry.get("namespace") if entry.kind == "object" else None
            if namespace is None or namespace.kind != "string":
                result.append(report(R.WC_METADATA, path, entry.start, entry.end,
                                     "each `metadata package` entry is an object with a `namespace` string"))
            elif summary.namespace is not None and namespace.value != summary.namespace.text and len(entries) == 1:
                result.append(report(R.WC_METADATA, path, namespace.start, namespace.end,
                                     f"this entry names `{namespace.value}`, but the file's namespace is "
                                     f"`{summary.namespace.text}`; weld matches settings by namespace"))
    return result


def _range_min(trait) -> float | None:
    value = trait.value.get("min") if trait is not None and trait.value is not None and trait.value.kind == "object" else None
    return value if value is not None and value.kind == "number" and isinstance(value.value, (int, float)) else None


def _member_traits(workspace: SmithyWorkspace, path: Path, shape_def: ShapeDef) -> list[Diagnostic]:
    """Negative ranges on unsigned numbers, and members both required and boxed."""
    result = []
    shape = shape_def.shape
    owners = [(None, shape.name, shape_def if workspace.has_trait(shape_def, UNSIGNED) else None)]
    for member in shape.members:
        target = workspace.member_target(shape_def, member) if member.target is not None else None
        owners.append((member.traits, member.name,
                       target if target is not None and workspace.has_trait(target, UNSIGNED) else None))
        required = workspace.has_trait(shape_def, "smithy.api#required", member.traits)
        boxed = workspace.has_trait(shape_def, "smithy.api#box", member.traits)
        if required is not None and boxed is not None:
            result.append(report(R.WC_REQUIRED_BOX, path, boxed.start, boxed.end,
                                 f"`{member.name.text}` is both @required and @box; weld makes a boxed member optional, "
                                 "which contradicts @required: remove @box (or @required if it may be absent)"))
    for traits, name, unsigned in owners:
        if unsigned is None:
            continue
        low = _range_min(workspace.has_trait(shape_def, "smithy.api#range", traits))
        if low is not None and low.value < 0:
            result.append(report(R.WC_UNSIGNED_RANGE, path, low.start, low.end,
                                 f"`{name.text}` is unsigned (@unsignedInt on `{unsigned.id}`), so its @range "
                                 f"cannot start at {low.value}; use min: 0 or a signed type"))
    return result


def _documentation(workspace: SmithyWorkspace, path: Path, shape_def: ShapeDef) -> list[Diagnostic]:
    """`///` comments are the @documentation trait, so writing both documents one shape twice."""
    result = []
    shape = shape_def.shape
    for docs, traits, name in [(shape.docs, shape.traits, shape.name)] + [(m.docs, m.traits, m.name) for m in shape.members]:
        if not docs:
            continue
        trait = next((t for t in traits if not t.implicit
                      and workspace.resolve_trait(shape_def.summary, t) == "smithy.api#documentation"), None)
        if trait is not None:
            result.append(report(R.WC_DOUBLE_DOCS, path, trait.start, trait.end,
                                 f"`{name.text}` has both `///` comments and @documentation, two values for one "
                                 "trait; keep one of them"))
    return result
