"""@examples against the operation it documents (Smithy's ExamplesTrait validator).

Each example's `input` must be a valid value of the operation's input (a missing `input`
is an empty object, so required input members must appear), its `output` one of the output,
and its `error` must name an error of the operation (or of every service that binds it) with
`content` valid for that error.  An example cannot give both `output` and `error`, and one that
sets `allowConstraintErrors` must give an `error`; its strings may then break @length and
@pattern, and its numbers @range, with a warning only.  Problems of the example as a whole are on the @examples trait, as Smithy places them;
problems of a value are on that value.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.operation_traits import operation_traits
from witsmith.features.smithy.trait_rules import ValueChecker
from witsmith.model.smithy import FileSummary, Node, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

EXAMPLES = "smithy.api#examples"
UNIT = "smithy.api#Unit"
BINDINGS = ("operations", "resources", "create", "put", "read", "update", "delete", "list", "collectionOperations")
MAX_SHAPES = 5000


class _LenientChecker(ValueChecker):
    """A value checker for `allowConstraintErrors` examples: a string that breaks its @length or
    @pattern, or a number out of its @range, is only worth a warning (a list or map of the wrong
    length is still an error, as in Smithy)."""

    def __init__(self, workspace: SmithyWorkspace) -> None:
        super().__init__(workspace)
        self.allowed: list[tuple[int, int, str]] = []

    def _length(self, shape, member_traits, node, size, where) -> None:
        if node.kind != "string":
            return super()._length(shape, member_traits, node, size, where)
        return self._allowing(super()._length, shape, member_traits, node, size, where)

    def _pattern(self, shape, member_traits, node, where) -> None:
        return self._allowing(super()._pattern, shape, member_traits, node, where)

    def _allowing(self, check, *args) -> None:
        problems, self.problems = self.problems, self.allowed
        try:
            check(*args)
        finally:
            self.problems = problems


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for operation, trait in operation_traits(workspace, summary, EXAMPLES):
        if trait.value is not None and trait.value.kind == "array":
            for example in trait.value.items:
                if example.kind == "object":
                    result += _example(workspace, path, operation, trait, example)
    return result


def _io(workspace: SmithyWorkspace, operation: ShapeDef, key: str) -> ShapeDef | None:
    entry = operation.shape.property(key)
    if entry is None:
        return workspace.shape(UNIT)
    if entry.value.kind != "shape_id":
        return None
    return workspace.target_shape(operation.summary, entry.value.value)


def _string(node: Node, key: str) -> str | None:
    found = node.get(key)
    return found.value if found is not None and found.kind == "string" else None


def _example(workspace: SmithyWorkspace, path: Path, operation: ShapeDef, trait: TraitUse,
             example: Node) -> list[Diagnostic]:
    title = _string(example, "title") or ""
    name = operation.shape.name.text
    lenient = example.get("allowConstraintErrors")
    lenient = lenient is not None and lenient.kind == "boolean" and lenient.value is True
    output, error = example.get("output"), example.get("error")
    result = []

    def whole(message: str) -> None:
        result.append(report(R.EXAMPLES, path, trait.start, trait.id.end, message))

    input_shape = _io(workspace, operation, "input")
    if input_shape is not None:
        if lenient and error is None:
            whole(f"the example `{title}` of `{name}` sets allowConstraintErrors, so it must give an `error`; "
                  "add the error it expects, or remove allowConstraintErrors")
        given = example.get("input")
        if given is None:
            anchor = example.get("title") or example
            given = Node("object", None, anchor.start, anchor.end)
        result += _values(workspace, path, input_shape, given, "the input", title, lenient)
    if output is not None and error is not None:
        whole(f"the example `{title}` of `{name}` gives both `output` and `error`; keep only one")
    elif output is not None:
        output_shape = _io(workspace, operation, "output")
        if output_shape is not None:
            result += _values(workspace, path, output_shape, output, "the output", title, lenient)
    elif error is not None and error.kind == "object":
        written = error.get("shapeId")
        shape_id = written.value if written is not None and written.kind in ("string", "shape_id") else None
        resolved = workspace.resolve_text(operation.summary, shape_id) if shape_id is not None else None
        error_shape = workspace.shape(resolved) if resolved is not None else None
        if error_shape is None or not (resolved in _errors(workspace, operation)
                                       or _services_have_error(workspace, operation, resolved)):
            whole(f"the example `{title}` of `{name}` gives the error `{shape_id}`, which is not an error of the "
                  "operation; add it to the operation's `errors` or fix the example")
        else:
            content = error.get("content")
            if content is None:
                content = Node("object", None, error.start, error.end)
            result += _values(workspace, path, error_shape, content, "the error content", title, lenient)
    return result


def _values(workspace: SmithyWorkspace, path: Path, shape: ShapeDef, value: Node, where: str, title: str,
            lenient: bool) -> list[Diagnostic]:
    checker = _LenientChecker(workspace) if lenient else ValueChecker(workspace)
    checker.check(shape, [], value, where)
    allowed = checker.allowed + checker.out_of_range if lenient else []
    problems = checker.problems + ([] if lenient else checker.out_of_range)
    suffix = f" (in the example `{title}`)"
    result = [report(R.EXAMPLES, path, start, end, message + suffix) for start, end, message in problems]
    result += [report(R.EXAMPLES_CONSTRAINT_ALLOWED, path, start, end,
                      message + suffix + "; allowed by allowConstraintErrors")
               for start, end, message in allowed]
    result += [report(R.EXAMPLES_UNKNOWN_MEMBER, path, start, end, message + suffix)
               for start, end, message in checker.unknown_members]
    return result


def _ids(workspace: SmithyWorkspace, owner: ShapeDef, key: str) -> list[str]:
    entry = owner.shape.property(key)
    if entry is None:
        return []
    values = entry.value.items if entry.value.kind == "array" else [entry.value]
    return [found for found in (workspace.resolve_text(owner.summary, v.value) for v in values if v.kind == "shape_id")
            if found is not None]


def _errors(workspace: SmithyWorkspace, operation: ShapeDef) -> list[str]:
    return _ids(workspace, operation, "errors")


def _services_have_error(workspace: SmithyWorkspace, operation: ShapeDef, error_id: str) -> bool:
    """As Smithy decides: true when the model has services and each one binding the operation lists the error."""
    services = [ShapeDef(summary, shape) for summary in workspace.summaries()
                if not summary.builtin and workspace.one_model(operation.path, summary.path)
                for shape in summary.shapes if shape.kind == "service"]
    if not services:
        return False
    return all(error_id in _ids(workspace, service, "errors")
               for service in services if operation.id in _bound(workspace, service))


def _bound(workspace: SmithyWorkspace, service: ShapeDef) -> set[str]:
    """The ids of the operations and resources a service binds, directly or through resources."""
    found: set[str] = set()
    stack = [service]
    while stack and len(found) < MAX_SHAPES:
        current = stack.pop()
        for key in BINDINGS:
            for shape_id in _ids(workspace, current, key):
                if shape_id in found:
                    continue
                found.add(shape_id)
                shape = workspace.shape(shape_id)
                if shape is not None and shape.shape.kind == "resource":
                    stack.append(shape)
    return found
