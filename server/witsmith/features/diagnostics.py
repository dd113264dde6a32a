"""All diagnostics of a file, whichever its language, with the user's settings applied.

The language server and ``witsmith check`` both come here: there is one
diagnostics path.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Fix, TextEdit
from witsmith.features.smithy.diagnostics import file_diagnostics as smithy_diagnostics
from witsmith.features.smithy.syntax_rules import syntax_diagnostics as smithy_syntax
from witsmith.features.wit.diagnostics import file_diagnostics as wit_diagnostics
from witsmith.features.wit.rules import WIT_RULES
from witsmith.features.wit.syntax import readable_problems
from witsmith.syntax import SourceEdit, SyntaxTree
from witsmith.workspace.files import normalize
from witsmith.workspace.project import Workspace, language_of


def file_diagnostics(workspace: Workspace, path: Path) -> list[Diagnostic]:
    path = normalize(path)
    language = language_of(path)
    if language == "wit":
        found = wit_diagnostics(workspace.wit, path)
    elif language == "smithy":
        found = smithy_diagnostics(workspace.smithy, path)
    else:
        return []
    return sorted(workspace.settings.apply(found), key=lambda d: (d.start, d.end, d.code))


def syntax_diagnostics(path: Path, tree: SyntaxTree) -> list[Diagnostic]:
    """Only the syntax errors of a tree, with each language's readable messages.

    Cheap enough for every keystroke in any file: the language server publishes
    these at once and the full set when typing pauses.
    """
    path = normalize(path)
    if tree.lang_id == "smithy":
        found = smithy_syntax(path, tree)
    else:
        rule = WIT_RULES["wit/syntax-error"]
        found = [
            Diagnostic(path, start, end, rule.code, message, rule.severity,
                       fixes=(Fix(f"Escape as `{replacement}`", (TextEdit(path, start, end, replacement),)),)
                       if replacement is not None else ())
            for start, end, message, replacement in readable_problems(tree.root)
        ]
    return found


def is_syntax_diagnostic(diagnostic: Diagnostic) -> bool:
    return diagnostic.code in ("smithy/syntax-error", "wit/syntax-error")


def shifted(diagnostics: list[Diagnostic], edit: SourceEdit) -> list[Diagnostic]:
    """Diagnostics carried across an edit of their file: those after it move with the
    text, those it touches are dropped (they are recomputed when typing pauses)."""
    delta = len(edit.new_text) - (edit.old_end - edit.start)
    result = []
    for d in diagnostics:
        if d.end <= edit.start:
            result.append(d)
        elif d.start >= edit.old_end:
            # Fixes would edit stale ranges; they come back with the full recompute.
            result.append(replace(d, start=d.start + delta, end=d.end + delta, fixes=()))
    return result
