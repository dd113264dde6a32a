"""The `EmitEachSelector` linter a model declares in its `validators` metadata, run as Smithy runs it.

Each entry `{name: "EmitEachSelector", id, message, severity, namespaces, configuration:
{selector, messageTemplate}}` emits one event, with the entry's id (default: its name) and
severity (default DANGER), for every shape and member of the model the selector matches.
Selectors witsmith's evaluator does not understand, and entries with a `bindToTrait`, are
skipped: an unknown answer never becomes an error.  Since the event id is the entry's own,
the entry's suppressions (`@suppress`, `suppressions` metadata) are applied here.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Severity, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.selectors import Evaluator, Target, Unsupported
from witsmith.features.smithy.suppressions import covers
from witsmith.model.smithy import FileSummary, Member, Node
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

SEVERITIES = {"ERROR": Severity.ERROR, "DANGER": Severity.ERROR, "WARNING": Severity.WARNING,
              "NOTE": Severity.INFORMATION}
SUPPRESS = "smithy.api#suppress"


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    if summary.builtin or not summary.shapes:
        return []
    entries = [item for node in _metadata(workspace, path, "validators") if node.kind == "array"
               for item in node.items if item.kind == "object" and _string(item, "name") == "EmitEachSelector"]
    if not entries:
        return []
    suppressions = [item for node in _metadata(workspace, path, "suppressions") if node.kind == "array"
                    for item in node.items if item.kind == "object"]
    evaluator = Evaluator(workspace)
    result: list[Diagnostic] = []
    for entry in entries:
        result += _run(workspace, evaluator, path, summary, entry, suppressions)
    return result


def _run(workspace: SmithyWorkspace, evaluator: Evaluator, path: Path, summary: FileSummary, entry: Node,
         suppressions: list[Node]) -> list[Diagnostic]:
    configuration = entry.get("configuration")
    if configuration is None or configuration.kind != "object" or configuration.get("bindToTrait") is not None:
        return []
    selector = _string(configuration, "selector")
    severity = SEVERITIES.get(_string(entry, "severity") or "DANGER")
    if selector is None or severity is None:
        return []
    event_id = _string(entry, "id") or "EmitEachSelector"
    namespaces = entry.get("namespaces")
    allowed = {n.value for n in namespaces.items if n.kind == "string"} \
        if namespaces is not None and namespaces.kind == "array" else None
    template = _string(configuration, "messageTemplate")
    result = []
    try:
        for shape in summary.shapes:
            owner = ShapeDef(summary, shape)
            if allowed is not None and owner.namespace not in allowed:
                continue
            for member in [None, *shape.members]:
                if not evaluator.matches(selector, Target(owner, member)):
                    continue
                # As in Smithy, an ERROR is never suppressed.
                if (_string(entry, "severity") or "DANGER") != "ERROR" \
                        and _suppressed(workspace, owner, member, event_id, suppressions):
                    continue
                name = member.name if member is not None else shape.name
                shown_id = owner.id + (f"${member.name.text}" if member is not None else "")
                message = _message(entry, template, selector, shown_id)
                diagnostic = report(R.SELECTOR_LINTER, path, name.start, name.end,
                                    f"{message} (the `{event_id}` validator of this model's `validators` metadata)")
                result.append(diagnostic.with_severity(severity))
    except Unsupported:
        return []
    return result


def _message(entry: Node, template: str | None, selector: str, shape_id: str) -> str:
    if template is not None:
        text = template.replace("@@", "\0").replace("@{id}", shape_id)
        if "@{" not in text:
            return " ".join(text.replace("\0", "@").split())
    given = _string(entry, "message")
    return given if given is not None else f"Selector capture matched selector: {selector.strip()}"


def _suppressed(workspace: SmithyWorkspace, owner: ShapeDef, member: Member | None, event_id: str,
                suppressions: list[Node]) -> bool:
    trait = workspace.has_trait(owner, SUPPRESS, member.traits if member is not None else None)
    if trait is not None and trait.value is not None and trait.value.kind == "array":
        if any(item.kind == "string" and covers(item.value, event_id) for item in trait.value.items):
            return True
    for item in suppressions:
        suppressed, namespace = _string(item, "id"), _string(item, "namespace")
        if suppressed is not None and covers(suppressed, event_id) and namespace in ("*", owner.namespace):
            return True
    return False


def _metadata(workspace: SmithyWorkspace, path: Path, key: str) -> list[Node]:
    values = []
    for summary in workspace.summaries_with_metadata():
        found = [s.value for s in summary.metadata if s.key.text == key and s.value is not None]
        # The key test first: deciding whether two files are one model costs more.
        if found and not summary.builtin and (summary.path == path or workspace.one_model(path, summary.path)):
            values += found
    return values


def _string(node: Node, key: str) -> str | None:
    found = node.get(key)
    return found.value if found is not None and found.kind == "string" else None

