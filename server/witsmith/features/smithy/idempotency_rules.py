"""@idempotencyToken where it has no effect, and @idempotent properties that exclude each other.

Smithy's IdempotencyTokenIgnored: the token only means something on a top-level member of an
operation's input; a structure holding one that is also used as an output, an error or the
target of a member gets a warning on the trait (mixins are judged where they are mixed in).
IdempotentTrait: `exists` and `notFound` of @idempotent cannot both be given, and the errors they
name must be errors of the operation; both are reported on the trait.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.operation_traits import operation_traits
from witsmith.model.smithy import FileSummary
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

TOKEN = "smithy.api#idempotencyToken"
IDEMPOTENT = "smithy.api#idempotent"
MIXIN = "smithy.api#mixin"


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    return _ignored_tokens(workspace, path, summary) + _idempotent_properties(workspace, path, summary)


def _ignored_tokens(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    holders = {}
    if workspace.applies_none_of(summary, (TOKEN,)):
        return []
    for shape in summary.shapes:
        if shape.kind != "structure":
            continue
        owner = ShapeDef(summary, shape)
        tokens = [(member, trait) for member in shape.members for trait in member.traits
                  if workspace.resolve_trait(summary, trait) == TOKEN]
        if tokens and workspace.has_trait(owner, MIXIN) is None:
            holders[owner.id] = tokens
    if not holders:
        return []
    uses = _uses(workspace, path, set(holders))
    result = []
    for holder, tokens in holders.items():
        contexts = uses.get(holder)
        if not contexts:
            continue
        shown = "; ".join(f"{kind} of {', '.join(f'`{s}`' for s in sorted(set(ids)))}"
                          for kind, ids in sorted(contexts.items()))
        for member, trait in tokens:
            result.append(report(R.IDEMPOTENCY_TOKEN_IGNORED, path, trait.start, trait.end,
                                 f"@idempotencyToken on `{member.name.text}` only has an effect on a top-level member "
                                 f"of an operation input, but `{holder}` is used as {shown}; move the token "
                                 "to the operation's input or remove it"))
    return result


def _uses(workspace: SmithyWorkspace, path: Path, wanted: set[str]) -> dict[str, dict[str, list[str]]]:
    """For each wanted structure, how the model uses it other than as an operation input."""
    found: dict[str, dict[str, list[str]]] = {}

    def note(target: str | None, kind: str, user: str) -> None:
        if target in wanted:
            found.setdefault(target, {}).setdefault(kind, []).append(user)

    for other in workspace.summaries():
        if other.builtin or not (other.path == path or workspace.one_model(path, other.path)):
            continue
        for shape in other.shapes:
            user = ShapeDef(other, shape)
            if shape.kind in ("operation", "service"):
                for key, kind in (("output", "the output"), ("errors", "an error")):
                    entry = shape.property(key) if key != "output" or shape.kind == "operation" else None
                    if entry is None:
                        continue
                    values = entry.value.items if entry.value.kind == "array" else [entry.value]
                    for value in values:
                        if value.kind == "shape_id":
                            note(workspace.resolve_text(other, value.value), kind, user.id)
            for member in shape.members:
                if member.target is not None:
                    note(workspace.resolve_text(other, member.target.text), "a member target",
                         f"{user.id}${member.name.text}")
    return found


def _idempotent_properties(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result = []
    for operation, trait in operation_traits(workspace, summary, IDEMPOTENT):
        if trait.value is None or trait.value.kind != "object":
            continue
        name = operation.shape.name.text
        if trait.value.get("exists") is not None and trait.value.get("notFound") is not None:
            result.append(report(R.IDEMPOTENT_ERRORS, path, trait.start, trait.end,
                                 f"@idempotent on `{name}` gives both `exists` and `notFound`, which "
                                 "exclude each other; keep only one"))
        errors = _errors(workspace, operation)
        for key in ("exists", "notFound"):
            listed = trait.value.get(key)
            for item in listed.items if listed is not None and listed.kind == "array" else []:
                if item.kind not in ("string", "shape_id"):
                    continue
                resolved = workspace.resolve_text(summary, item.value)
                if resolved is not None and resolved not in errors:
                    result.append(report(R.IDEMPOTENT_ERRORS, path, trait.start, trait.end,
                                         f"@idempotent({key}) on `{name}` names `{item.value}`, which is not one "
                                         f"of the operation's errors; add it to `errors` or remove it here"))
    return result


def _errors(workspace: SmithyWorkspace, operation: ShapeDef) -> set[str]:
    entry = operation.shape.property("errors")
    listed = entry.value.items if entry is not None and entry.value.kind == "array" else []
    return {found for found in (workspace.resolve_text(operation.summary, item.value)
                                for item in listed if item.kind == "shape_id") if found is not None}
