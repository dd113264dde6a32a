"""All diagnostics of one Smithy file: syntax, Smithy semantics and wasmCloud conventions.

Each group of rules runs guarded: a bug in one rule, or input no rule expected,
costs that rule's diagnostics and one internal-error note, never the others.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import exclusive_rules, http_rules, metadata_rules, suppressions
from witsmith.features.smithy import idl_edge_rules, operation_rules, paginated_rules, protocol_trait_rules
from witsmith.features.smithy import http_conflict_rules, references_rules, streaming_rules
from witsmith.features.smithy import resolution_rules, shape_rules, trait_rules, wasmcloud_rules
from witsmith.features.smithy import requires_length_rules, resource_binding_rules, selector_linter_rules
from witsmith.features.smithy import closure_selector_rules, inline_document_rules, value_bound_rules
from witsmith.features.smithy import selector_syntax_rules
from witsmith.features.smithy import examples_rules, http_method_rules, http_uri_format_rules, idempotency_rules
from witsmith.features.smithy import selector_none_rules, union_recursion_rules
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.syntax_rules import statement_order, syntax_diagnostics
from witsmith.model.smithy import FileSummary
from witsmith.pacing import pace
from witsmith.workspace.files import normalize
from witsmith.workspace.smithy import SmithyWorkspace

Check = Callable[[SmithyWorkspace, Path, FileSummary], list[Diagnostic]]

SMITHY_CHECKS: tuple[Check, ...] = (
    resolution_rules.unresolved,
    resolution_rules.uses,
    resolution_rules.duplicates,
    shape_rules.members,
    shape_rules.relationships,
    shape_rules.metadata,
    shape_rules.mixin_shapes,
    shape_rules.mixin_member_conflicts,
    shape_rules.recursion,
    shape_rules.service_closure,
    shape_rules.json_names,
    shape_rules.renames,
    resolution_rules.value_shape_ids,
    trait_rules.traits,
    http_rules.check,
    exclusive_rules.check,
    suppressions.check_metadata,
    metadata_rules.check,
    operation_rules.check,
    protocol_trait_rules.check,
    idl_edge_rules.check,
    paginated_rules.check,
    streaming_rules.check,
    references_rules.check,
    http_conflict_rules.check,
    resource_binding_rules.identifier_binding,
    resource_binding_rules.property_binding,
    selector_linter_rules.check,
    requires_length_rules.check,
    inline_document_rules.check,
    value_bound_rules.empty_enum_values,
    value_bound_rules.integral_ranges,
    closure_selector_rules.check,
    selector_syntax_rules.check,
    http_uri_format_rules.check,
    http_method_rules.check,
    idempotency_rules.check,
    examples_rules.check,
    union_recursion_rules.check,
    selector_none_rules.check,
)


def _problems(path: Path, summary: FileSummary) -> list[Diagnostic]:
    result = []
    for problem in summary.problems:
        rule = R.RULES_BY_CODE.get(problem.code, R.INTERNAL_ERROR)
        result.append(report(rule, path, problem.start, problem.end, problem.message))
    return result


def _guarded(check: Callable[[], list[Diagnostic]], path: Path, name: str) -> list[Diagnostic]:
    try:
        return check()
    except Exception as error:  # noqa: BLE001 - one failing rule must not hide the others
        return [report(R.INTERNAL_ERROR, path, 0, 0, f"witsmith's `{name}` check failed on this file: {error!r}; please report it")]


def _guarded_filter(apply: Callable[[], list[Diagnostic]], unfiltered: list[Diagnostic]) -> list[Diagnostic]:
    try:
        return apply()
    except Exception:  # noqa: BLE001 - a failing suppression must not hide the diagnostics themselves
        return unfiltered


def file_diagnostics(workspace: SmithyWorkspace, path: Path) -> list[Diagnostic]:
    path = normalize(path)
    result: list[Diagnostic] = list(workspace.project_diagnostics(path))
    summary = workspace.summary(path)
    if summary is None:
        return sorted(result, key=lambda d: (d.start, d.end, d.code))
    tree = workspace.tree(path)
    if tree is not None:
        result += _guarded(lambda: syntax_diagnostics(path, tree), path, "syntax")
        result += _guarded(lambda: statement_order(path, tree), path, "statement order")
    result += _problems(path, summary)
    failure = workspace.resolution_failures.get(path)
    if failure is not None:
        result.append(report(R.INTERNAL_ERROR, path, 0, 0,
                             f"witsmith could not resolve the names of this file: {failure}; please report it"))
    wasmcloud = workspace.is_wasmcloud(path)
    result += _guarded(lambda: shape_rules.versions(workspace, path, summary, wasmcloud), path, "versions")
    for check in SMITHY_CHECKS:
        pace()  # a large model's check is run a rule at a time where the caller asks for it
        result += _guarded(lambda check=check: check(workspace, path, summary), path, check.__name__)
    pace()
    if wasmcloud:
        result += _guarded(lambda: wasmcloud_rules.check(workspace, path, summary), path, "wasmcloud")
    pace()
    result = _guarded_filter(lambda: suppressions.apply(workspace, path, summary, result), result)
    unique = {(d.start, d.end, d.code, d.message): d for d in result}
    return sorted(unique.values(), key=lambda d: (d.start, d.end, d.code))
