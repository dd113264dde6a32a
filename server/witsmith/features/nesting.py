"""The diagnostic for a text whose brackets nest deeper than witsmith parses (see
`witsmith.syntax.nesting`): one, at the bracket that goes too deep."""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Severity, report, rule
from witsmith.syntax import SyntaxTree
from witsmith.syntax.nesting import MAX_NESTING

NESTING_RULES = {lang: rule(f"{lang}/nesting-too-deep", Severity.ERROR,
                            "brackets nested deeper than witsmith reads; the rest of the file is not read")
                 for lang in ("smithy", "wit")}


def nesting_diagnostics(path: Path, tree: SyntaxTree) -> list[Diagnostic]:
    cut = tree.too_deep_at
    if cut is None:
        return []
    return [report(NESTING_RULES[tree.lang_id], path, cut, cut + 1,
                   f"brackets are nested more than {MAX_NESTING:,} levels deep here; witsmith does not read the "
                   "file past this point (no model needs such depth). Flatten the nesting")]


def before_the_cut(tree: SyntaxTree, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Syntax errors from the text before the cut only: the rest was not read, so its
    brackets left open there are not the user's mistakes to fix one by one."""
    cut = tree.too_deep_at
    return diagnostics if cut is None else [d for d in diagnostics if d.start < cut]
