"""Selectors in `validators` metadata that Smithy cannot parse.

Smithy refuses to build a model whose `validators` metadata configures a linter with a
selector that does not parse (`EmitEachSelector`'s and `EmitNoneSelector`'s `selector`,
`UnreferencedShape`'s `rootShapeSelector`).  witsmith does not parse the whole selector
language, so it reports only what no selector can contain: nothing at all, an unclosed
quote, bracket or parenthesis, a `!` that does not start `!=`, or a function other than
Smithy's (`:is`, `:not`, `:test`, `:each`, `:in`, `:root`, `:topdown`, `:recursive`).
"""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.model.smithy import FileSummary, Node
from witsmith.workspace.smithy import SmithyWorkspace

SELECTOR_KEYS = {"EmitEachSelector": "selector", "EmitNoneSelector": "selector",
                 "UnreferencedShape": "rootShapeSelector"}
FUNCTIONS = {"is", "not", "test", "each", "in", "root", "topdown", "recursive"}
_FUNCTION = re.compile(r":([A-Za-z]+)")


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for statement in summary.metadata:
        if statement.key.text != "validators" or statement.value is None or statement.value.kind != "array":
            continue
        for item in statement.value.items:
            name = item.get("name") if item.kind == "object" else None
            key = SELECTOR_KEYS.get(name.value) if name is not None and name.kind == "string" else None
            configuration = item.get("configuration") if key is not None else None
            selector = configuration.get(key) if configuration is not None and configuration.kind == "object" else None
            if selector is None or selector.kind != "string":
                continue
            problem = selector_problem(selector.value)
            if problem is not None:
                result.append(_report(path, selector, name.value, key, problem))
    return result


def selector_problem(text: str) -> str | None:
    """What makes `text` an invalid selector, if it is one witsmith can tell (None otherwise)."""
    if not text.strip():
        return "it is empty"
    closers = {"(": ")", "[": "]"}
    stack: list[str] = []
    outside = []  # the text outside quotes and attribute brackets, for the function check
    quote = None
    for index, char in enumerate(text):
        if quote is not None:
            if char == quote:
                quote = None
            continue
        if char in "'\"":
            quote = char
            outside.append(" ")
            continue
        outside.append(" " if "]" in stack else char)
        if char in closers:
            stack.append(closers[char])
        elif char in ")]":
            if not stack or stack.pop() != char:
                return f"its `{char}` closes nothing"
        elif char == "!" and not text.startswith("!=", index):
            return "`!` is not selector syntax (only `!=` is)"
    if quote is not None:
        return f"a {quote} quote is never closed"
    if stack:
        return f"a `{stack[-1]}` is missing"
    for match in _FUNCTION.finditer("".join(outside)):
        if match.group(1) not in FUNCTIONS:
            return f"`:{match.group(1)}` is not a selector function"
    return None


def _report(path: Path, selector: Node, validator: str, key: str, problem: str) -> Diagnostic:
    return report(R.VALIDATION_METADATA, path, selector.start, selector.end,
                  f"the `{key}` of this `{validator}` validator is not a valid selector: {problem}; Smithy "
                  "refuses to build the model until it is fixed")
