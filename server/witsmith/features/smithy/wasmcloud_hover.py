"""What wasmCloud's guides say about a shape or member, added to its hover in weld projects."""

from __future__ import annotations

from pathlib import Path

from witsmith.features.smithy.wasmcloud_rules import PARTIAL_KINDS, UNSUPPORTED_KINDS, WASMBUS
from witsmith.model.smithy import Member
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

# Targets weld generates as plain values (not `Option`) when a member has neither @box nor @required.
WELD_VALUE_TARGETS = {"Boolean", "Byte", "Short", "Integer", "Long", "Float", "Double"}

WASMBUS_NOTE = (
    "**wasmCloud:** `providerReceive: true` makes this a capability contract: capability providers receive "
    "its messages (actors call them), and it then needs a `contractId` such as `\"wasmcloud:keyvalue\"` to link "
    "actors to providers. `actorReceive: true` makes actors receive its messages (providers or other actors "
    "call them). `protocol: \"2\"` is needed when an operation reaches a union."
)


def shape_notes(workspace: SmithyWorkspace, shape_def: ShapeDef, near: Path | None) -> list[str]:
    if near is None or not workspace.is_wasmcloud(near):
        return []
    if shape_def.id == WASMBUS:
        return [WASMBUS_NOTE]
    kind = shape_def.shape.kind
    if kind in PARTIAL_KINDS:
        return [f"**wasmCloud:** `{kind}` is partly supported: {PARTIAL_KINDS[kind]}."]
    if kind in UNSUPPORTED_KINDS:
        return [f"**wasmCloud:** weld's code generators do not support {UNSUPPORTED_KINDS[kind]}."]
    return []


def member_notes(workspace: SmithyWorkspace, owner: ShapeDef, member: Member) -> list[str]:
    """Whether weld generates the member as optional, and why (weld's own rule, `is_optional_type`)."""
    if owner.shape.kind != "structure" or member.target is None or owner.summary.builtin \
            or not workspace.is_wasmcloud(owner.path):
        return []
    boxed = workspace.has_trait(owner, "smithy.api#box", member.traits) is not None
    required = workspace.has_trait(owner, "smithy.api#required", member.traits) is not None
    target = member.target.text.split("#")[-1]
    if boxed and required:
        why = "optional: it has @box, which weld honours even with @required (remove one of the two)"
    elif boxed:
        why = "optional (`Option<T>` in Rust): it has @box"
    elif required:
        why = "always present: it has @required"
    elif target in WELD_VALUE_TARGETS:
        why = (f"always present: `{target}` members without @box are plain values in weld's IDL 1.0 reading "
               "(their zero value stands for absent); add @box to make it optional")
    else:
        why = "optional (`Option<T>` in Rust): it has no @required; add @required if it is always present"
    return [f"**wasmCloud:** {why}."]
