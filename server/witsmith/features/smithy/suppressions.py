"""Smithy's suppression model, applied to witsmith's diagnostics, and its metadata checked.

A `smithy build` user silences a validation event with `@suppress(["EventId"])` on the
shape it is about, or with `suppressions` metadata (`{id, namespace, reason}`); and raises
one with `severityOverrides` (`{id, namespace, severity: "WARNING" | "DANGER"}`).  Each
witsmith diagnostic that corresponds to a Smithy event (rules.SMITHY_EVENTS) follows the
same entries, matched the way Smithy matches them: an id also covers its dotted children
(`TraitValue` covers `TraitValue.UnknownMember`), and an event Smithy reports as an ERROR
is never suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Severity, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_object
from witsmith.model.smithy import FileSummary, Node
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

SUPPRESS = "smithy.api#suppress"
OVERRIDE_SEVERITIES = ("WARNING", "DANGER")


@dataclass(frozen=True)
class Entry:
    id: str
    namespace: str
    severity: str | None = None  # severityOverrides only


def covers(suppressed: str, event_id: str) -> bool:
    """Whether a suppression of ``suppressed`` applies to ``event_id`` (hierarchical ids)."""
    return event_id == suppressed or event_id.startswith(suppressed + ".")


def _entries(node: Node | None, overrides: bool) -> list[Entry]:
    result = []
    for item in node.items if node is not None and node.kind == "array" else []:
        if item.kind != "object":
            continue
        event, namespace, severity = item.get("id"), item.get("namespace"), item.get("severity")
        if event is None or event.kind != "string" or namespace is None or namespace.kind != "string":
            continue
        if overrides and (severity is None or severity.value not in OVERRIDE_SEVERITIES):
            continue
        result.append(Entry(event.value, namespace.value, severity.value if overrides else None))
    return result


def _model_metadata(workspace: SmithyWorkspace, path: Path, key: str) -> list[Node]:
    values = []
    for summary in workspace.summaries_with_metadata():
        if summary.builtin or not workspace.one_model(path, summary.path):
            continue
        values += [s.value for s in summary.metadata if s.key.text == key and s.value is not None]
    return values


def _event_shape(workspace: SmithyWorkspace, summary: FileSummary, offset: int):
    """The shape (and member) a diagnostic at ``offset`` is about, with the traits that apply there."""
    for shape in summary.shapes:
        start = min([shape.start, *(t.start for t in shape.traits if not t.implicit)])
        if not start <= offset < shape.end:
            continue
        for member in shape.members:
            member_start = min([member.start, *(t.start for t in member.traits)])
            if member_start <= offset < member.end:
                return ShapeDef(summary, shape), member
        return ShapeDef(summary, shape), None
    for apply in summary.applies:
        # A trait written by `apply` is about the shape (or member) the statement names.
        if apply.start <= offset < apply.end:
            shape_text, _, member_name = apply.target.text.partition("$")
            target = workspace.target_shape(summary, shape_text)
            if target is not None:
                return target, target.shape.member(member_name) if member_name else None
    return None, None


def _suppressed_on_shape(workspace: SmithyWorkspace, summary: FileSummary, offset: int, event_id: str) -> bool:
    shape_def, member = _event_shape(workspace, summary, offset)
    if shape_def is None:
        return False
    trait = workspace.has_trait(shape_def, SUPPRESS, member.traits if member is not None else None)
    if trait is None or trait.value is None or trait.value.kind != "array":
        return False
    return any(item.kind == "string" and covers(item.value, event_id) for item in trait.value.items)


def apply(workspace: SmithyWorkspace, path: Path, summary: FileSummary, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics left after Smithy's suppressions, with its severity overrides applied."""
    suppressions = [e for node in _model_metadata(workspace, path, "suppressions") for e in _entries(node, False)]
    overrides = [e for node in _model_metadata(workspace, path, "severityOverrides") for e in _entries(node, True)]
    namespace = summary.namespace.text if summary.namespace is not None else None
    result = []
    for diagnostic in diagnostics:
        event = R.SMITHY_EVENTS.get(diagnostic.code)
        if event is None:
            result.append(diagnostic)
            continue
        event_id, smithy_severity = event
        shape_def, _ = _event_shape(workspace, summary, diagnostic.start)
        in_namespace = (lambda ns: ns == "*" or (shape_def is not None and ns == shape_def.namespace)) \
            if namespace is not None else (lambda ns: ns == "*")
        if smithy_severity != "ERROR":
            if _suppressed_on_shape(workspace, summary, diagnostic.start, event_id):
                continue
            if any(covers(e.id, event_id) and in_namespace(e.namespace) for e in suppressions):
                continue
        raised = {e.severity for e in overrides if covers(e.id, event_id) and in_namespace(e.namespace)}
        if "DANGER" in raised and diagnostic.severity != Severity.ERROR:
            diagnostic = diagnostic.with_severity(Severity.ERROR)
        elif "WARNING" in raised and diagnostic.severity > Severity.WARNING:
            diagnostic = diagnostic.with_severity(Severity.WARNING)
        result.append(diagnostic)
    return result


def check_metadata(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    """`suppressions`, `severityOverrides` and `validators` metadata must have the shapes Smithy reads."""
    result: list[Diagnostic] = []

    def fail(node: Node, message: str) -> None:
        result.append(report(R.VALIDATION_METADATA, path, node.start, node.end, message))

    for statement in summary.metadata:
        key, value = statement.key.text, statement.value
        if key not in ("suppressions", "severityOverrides", "validators") or value is None:
            continue
        if value.kind != "array":
            fail(value, f"metadata `{key}` must be a list of objects")
            continue
        for index, item in enumerate(value.items):
            if item.kind != "object":
                fail(item, f"each entry of metadata `{key}` must be an object, but entry {index} is a {item.kind}")
                continue
            required = ("name",) if key == "validators" else ("id", "namespace")
            for member in required:
                found = item.get(member)
                if found is None:
                    fail(item, f"this `{key}` entry needs a `{member}` string")
                elif found.kind != "string":
                    fail(found, f"`{member}` of a `{key}` entry must be a string")
            if key == "severityOverrides":
                severity = item.get("severity")
                if severity is None or severity.kind != "string" or severity.value not in OVERRIDE_SEVERITIES:
                    fail(severity or item, "a severity override must raise to `WARNING` or `DANGER` "
                                           "(an ERROR cannot be configured, and lowering is a suppression)")
            if key == "validators":
                result += _validator_definition(path, item)
    return result


def _validator_definition(path: Path, item: Node) -> list[Diagnostic]:
    """The built-in selector linters need a selector to run."""
    name = item.get("name")
    if name is None or name.kind != "string" or name.value not in ("EmitEachSelector", "EmitNoneSelector"):
        return []
    configuration = item.get("configuration")
    selector = configuration.get("selector") if configuration is not None and configuration.kind == "object" else None
    if selector is None:
        # Smithy reports it (creating the validator) on the validator object; the configuration is related.
        return [at_object(R.VALIDATION_METADATA, path, item, _first_entry(item) if configuration else item,
                          f"the `{name.value}` validator needs `configuration: {{selector: \"...\"}}`",
                          value=configuration, note="the configuration, with no `selector`")]
    return []


def _first_entry(item: Node) -> Node | None:
    """The value of an object's first entry: the opening of the object to there names it."""
    return item.entries[0].value if item.kind == "object" and item.entries else None
