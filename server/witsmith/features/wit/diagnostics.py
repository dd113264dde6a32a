"""All diagnostics of one WIT file: syntax errors, then what resolution found."""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Fix, Severity, TextEdit
from witsmith.features.nesting import before_the_cut, nesting_diagnostics
from witsmith.features.wit.mistakes import PACKAGE_NAME_MESSAGE, explain
from witsmith.features.wit.rules import WIT_RULES
from witsmith.features.wit.syntax import readable_problems
from witsmith.workspace.files import normalize
from witsmith.workspace.wit import WitWorkspace


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < s_end + 1 and s_start <= end for s_start, s_end in spans)


def syntax_diagnostics(workspace: WitWorkspace, path: Path) -> list[Diagnostic]:
    if path.suffix.lower() != ".wit":
        return []  # a project file (wasmcloud.toml) has only the workspace's problems
    tree = workspace.tree(path)
    if tree is None:
        return []
    summary = workspace.summary(path)
    # Errors explained more precisely by a semantic rule are left to it.
    explained = list(summary.legacy_results) if summary else []
    found = []
    nested = list(summary.nested_blocks) if summary else []
    if nested:
        start, end = nested[0]
        found.append(Diagnostic(path, start, min(end, start + 7), "wit/nested-package",
                                "nested packages must be placed at the top level of a file; move this "
                                "`package ... { }` block out of the enclosing one", Severity.ERROR))
        explained.extend(nested)
    found.extend(d for d in tree_syntax_diagnostics(path, tree) if not _overlaps(d.start, d.end, explained))
    return found


def tree_syntax_diagnostics(path: Path, tree) -> list[Diagnostic]:
    """The syntax errors of a tree alone (no workspace needed: cheap on every keystroke)."""
    rule = WIT_RULES["wit/syntax-error"]
    found = []
    problems = readable_problems(tree.root)
    explained = explain(tree.source, [(start, end) for start, end, _m, _r in problems])
    seen: set[tuple[int, int]] = set()
    for index, (start, end, message, replacement) in enumerate(problems):
        known = explained.get(index)
        if known is not None:
            if (known.start, known.end) in seen:
                continue  # one mistake, one diagnostic
            seen.add((known.start, known.end))
            start, end, message, replacement = known.start, known.end, known.message, None
            fixes = ((Fix(f"Write `{known.replacement}`", (TextEdit(path, start, end, known.replacement),)),)
                     if known.replacement else ())
            found.append(Diagnostic(path, start, end, rule.code, message, rule.severity, fixes=fixes))
            continue
        fixes = ()
        if replacement is not None:
            title = f"Escape as `{replacement}`" if replacement.startswith("%") else f"Change to `{replacement}`"
            fixes = (Fix(title, (TextEdit(path, start, end, replacement),)),)
        found.append(Diagnostic(path, start, end, rule.code, message, rule.severity, fixes=fixes))
    return before_the_cut(tree, found) + nesting_diagnostics(path, tree)


def project_file_diagnostics(workspace: WitWorkspace, path: Path) -> list[Diagnostic]:
    """Diagnostics of a project file (deps.toml, wasmcloud.toml, ...): entries refused."""
    found = []
    for problem in workspace.problems(path):
        rule = WIT_RULES.get(problem.code)
        severity = rule.severity if rule else Severity.ERROR
        found.append(Diagnostic(problem.path, problem.start, problem.end, problem.code, problem.message, severity))
    return found


def file_diagnostics(workspace: WitWorkspace, path: Path) -> list[Diagnostic]:
    """Syntax and semantic diagnostics of one file, at default severities, sorted by start."""
    path = normalize(path)
    try:
        found = syntax_diagnostics(workspace, path)
        # A package declaration without a namespace is reported as such, not again as a missing declaration.
        unnamed = any(d.message.startswith(PACKAGE_NAME_MESSAGE) for d in found)
        for problem in workspace.problems(path):
            if unnamed and problem.code == "wit/missing-package-declaration":
                continue
            rule = WIT_RULES.get(problem.code)
            severity = rule.severity if rule else Severity.ERROR
            found.append(Diagnostic(problem.path, problem.start, problem.end, problem.code, problem.message,
                                    severity, problem.related, problem.fixes, problem.tags))
    except Exception as error:  # a bug here must not hide the file's other diagnostics forever
        found = [Diagnostic(path, 0, 0, "wit/internal-error", f"witsmith failed on this file: {error!r}",
                            Severity.ERROR)]
    return sorted(found, key=lambda d: (d.start, d.end, d.code, d.message))
