"""wasmCloud 0.x contract conventions, and the limits of weld's code generator.

Run only for wasmCloud files (a `codegen.toml` project, or a file that uses
`org.wasmcloud.model`).  The facts come from wasmCloud's Smithy guide and
from what weld generates code for.
"""

from __future__ import annotations

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
    "timestamp": "timestamps are generated as wasmCloud's own Timestamp type (seconds and nanoseconds)",
}
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
            numbered = all(workspace.has_trait(shape_def, FIELD_NUMBER, m.traits) for m in shape.members)
            if not (protocol2 and numbered):
                need = [] if protocol2 else ['a service with @wasmbus(protocol: "2")']
                if not numbered:
                    need.append("an @n number on every member")
                result.append(report(R.WC_UNSUPPORTED, path, shape.kind_start, shape.kind_end,
                                     f"unions need {' and '.join(need)} in wasmCloud contracts; otherwise use a structure "
                                     "with optional members"))
        elif shape.kind in PARTIAL_KINDS:
            result.append(report(R.WC_PARTIAL, path, shape.kind_start, shape.kind_end,
                                 f"`{shape.kind}` is partly supported: {PARTIAL_KINDS[shape.kind]}"))
        elif shape.kind == "map":
            found = workspace.member(shape_def, "key")
            if found is not None and found[1].target is not None:
                target = workspace.member_target(*found)
                if target is not None and target.id != "smithy.api#String":
                    result.append(report(R.WC_MAP_KEY, path, found[1].target.start, found[1].target.end,
                                         f"wasmCloud maps need `String` keys, not `{found[1].target.text}`; "
                                         "use `key: String` or a list of key/value structures"))
        elif shape.kind == "operation":
            result += _operation(workspace, path, shape)
        if shape.kind == "structure":
            result += _field_numbers(workspace, path, shape_def)
        result += _member_targets(workspace, path, shape_def)
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
        if entry is None or entry.value.kind != "shape_id":
            continue
        target = workspace.target_shape(summary, entry.value.value)
        if target is not None and workspace.has_trait(target, "smithy.api#box") is not None:
            result.append(report(R.WC_OPTIONAL_IO, path, entry.value.start, entry.value.end,
                                 f"the {key} `{entry.value.value}` is optional (@box), which weld cannot pass; "
                                 f"wrap it in a structure with an optional member instead"))
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
