"""A shape closure's `includeBySelector` must select something.

Smithy's ShapeClosure validator warns (DANGER) when the selector of a `shapeClosures` metadata
entry matches no shape of the model, or only shapes already in the entry's
`includeNamespaces`: the closure was meant to include shapes and includes none.  witsmith
answers only when its selector evaluator understands the selector; otherwise it is silent.
"""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_object
from witsmith.features.smithy.selectors import Evaluator, Target, Unsupported
from witsmith.model.smithy import FileSummary
from witsmith.model.smithy.builtin import builtin_summaries
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

# `[id = 'x']` means `[id='x']`: selector attribute comparisons allow spaces around the operator.
_SPACED_COMPARISON = re.compile(r"\[\s*([A-Za-z|#.$]+)\s*=\s*")


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    entries = [item for statement in summary.metadata
               if statement.key.text == "shapeClosures" and statement.value is not None
               and statement.value.kind == "array"
               for item in statement.value.items if item.kind == "object"]
    result: list[Diagnostic] = []
    for entry in entries:
        selector, closure_id = entry.get("includeBySelector"), entry.get("id")
        if selector is None or selector.kind != "string" or closure_id is None or closure_id.kind != "string":
            continue
        namespaces = entry.get("includeNamespaces")
        included = {n.value for n in namespaces.items if n.kind == "string"} \
            if namespaces is not None and namespaces.kind == "array" else set()
        matched = _matches_outside(workspace, path, _SPACED_COMPARISON.sub(r"[\1=", selector.value), included)
        if matched is False:
            where = " outside its `includeNamespaces`" if included else ""
            result.append(at_object(R.SHAPE_CLOSURE_EMPTY_SELECTOR, path, entry, closure_id,
                                    f"the `includeBySelector` of shape closure `{closure_id.value}` matches no shape of "
                                    f"the model{where}; fix the selector or remove it",
                                    value=selector, note="`includeBySelector`"))
    return result


def _matches_outside(workspace: SmithyWorkspace, path: Path, selector: str, namespaces: set[str]) -> bool | None:
    """Whether the selector matches a shape or member outside `namespaces` (None: cannot tell)."""
    evaluator = Evaluator(workspace)
    summaries = [s for s in workspace.summaries() if s.builtin or s.path == path or workspace.one_model(path, s.path)]
    summaries += [s for s in builtin_summaries().values() if isinstance(s, FileSummary)]
    try:
        for other in summaries:
            for shape in other.shapes:
                owner = ShapeDef(other, shape)
                if owner.namespace in namespaces:
                    continue
                for member in [None, *shape.members]:
                    if evaluator.matches(selector, Target(owner, member)):
                        return True
    except Unsupported:
        return None
    return False
