"""The `EmitNoneSelector` linter a model declares in its `validators` metadata, run as Smithy runs it.

An entry `{name: "EmitNoneSelector", id, message, severity, configuration: {selector}}` emits
one event, with the entry's id (default: its name) and severity (default DANGER), when no shape
or member of the model, prelude aside, matches the selector.  The event is about no shape, so
Smithy gives it no location; witsmith reports it on the entry's `name`.  For the same reason
`namespaces` does not filter it, and only a `suppressions` metadata entry for namespace `*`
silences it.  Selectors witsmith's
evaluator does not understand are skipped: an unknown answer never becomes an error.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.selector_linter_rules import SEVERITIES
from witsmith.features.smithy.selectors import Evaluator, Target, Unsupported
from witsmith.features.smithy.suppressions import covers
from witsmith.model.smithy import FileSummary, Node
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    if summary.builtin:
        return []
    entries = [item for statement in summary.metadata
               if statement.key.text == "validators" and statement.value is not None and statement.value.kind == "array"
               for item in statement.value.items
               if item.kind == "object" and _string(item, "name") == "EmitNoneSelector"]
    if not entries:
        return []
    result: list[Diagnostic] = []
    evaluator = Evaluator(workspace)
    for entry in entries:
        result += _run(workspace, evaluator, path, entry)
    return result


def _run(workspace: SmithyWorkspace, evaluator: Evaluator, path: Path, entry: Node) -> list[Diagnostic]:
    configuration = entry.get("configuration")
    selector = _string(configuration, "selector") if configuration is not None and configuration.kind == "object" \
        else None
    written = _string(entry, "severity") or "DANGER"
    severity = SEVERITIES.get(written)
    if selector is None or severity is None:
        return []
    event_id = _string(entry, "id") or "EmitNoneSelector"
    if written != "ERROR" and _suppressed(workspace, path, event_id):
        return []  # as in Smithy, an ERROR is never suppressed
    try:
        if _any_match(workspace, evaluator, path, selector):
            return []
    except (Unsupported, RecursionError):
        return []
    message = _string(entry, "message") or f"Expected at least one shape to match selector: {selector.strip()}"
    name = entry.get("name")
    diagnostic = report(R.SELECTOR_LINTER_NO_MATCH, path, name.start, name.end,
                        f"{message} (the `{event_id}` validator of this model's `validators` metadata: no shape "
                        "matches its selector; add the shape it expects or fix the selector)")
    return [diagnostic.with_severity(severity)]


def _any_match(workspace: SmithyWorkspace, evaluator: Evaluator, path: Path, selector: str) -> bool:
    for other in workspace.summaries():
        if other.builtin or not (other.path == path or workspace.one_model(path, other.path)):
            continue
        for shape in other.shapes:
            owner = ShapeDef(other, shape)
            for member in [None, *shape.members]:
                if evaluator.matches(selector, Target(owner, member)):
                    return True
    return False


def _suppressed(workspace: SmithyWorkspace, path: Path, event_id: str) -> bool:
    for other in workspace.summaries():
        if other.builtin or not (other.path == path or workspace.one_model(path, other.path)):
            continue
        for statement in other.metadata:
            if statement.key.text != "suppressions" or statement.value is None or statement.value.kind != "array":
                continue
            for item in statement.value.items:
                if item.kind != "object":
                    continue
                suppressed = _string(item, "id")
                if suppressed is not None and covers(suppressed, event_id) and _string(item, "namespace") == "*":
                    return True
    return False


def _string(node: Node, key: str) -> str | None:
    found = node.get(key)
    return found.value if found is not None and found.kind == "string" else None
