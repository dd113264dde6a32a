"""Typed metadata: a shape marked `@metadata(key: "k")` gives `metadata k = ...` its shape.

Smithy checks each such value against its shape (event id TypedMetadata), refuses two
shapes for one key (MetadataTrait), and checks the prelude's own typed key
`shapeClosures` further (ShapeClosure): ids that are no shape's, at least one way to
include shapes, namespaces that have shapes, renames that rename.
"""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_object
from witsmith.features.smithy.trait_rules import ValueChecker
from witsmith.model.smithy import FileSummary, Node, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

METADATA = "smithy.api#metadata"
ABSOLUTE_SHAPE_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*#[A-Za-z_][A-Za-z0-9_]*$")


def _typed_keys(workspace: SmithyWorkspace, path: Path) -> dict[str, list[tuple[ShapeDef, TraitUse]]]:
    """Metadata key -> the shapes of the model that type it, with their @metadata trait."""
    result: dict[str, list[tuple[ShapeDef, TraitUse]]] = {}
    prelude = workspace.shape("smithy.api#String")
    applying = workspace.summaries_with_shape_trait("metadata")
    for summary in [*applying, *([prelude.summary] if prelude is not None else [])]:
        if not summary.builtin and not workspace.one_model(path, summary.path):
            continue
        for shape in summary.shapes:
            for trait in shape.traits:
                if not trait.id.text.endswith("metadata") or trait.value is None or trait.value.kind != "object":
                    continue
                if workspace.resolve_trait(summary, trait) != METADATA:
                    continue
                key = trait.value.get("key")
                if key is not None and key.kind == "string":
                    result.setdefault(key.value, []).append((ShapeDef(summary, shape), trait))
    return result


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    typed = _typed_keys(workspace, path)
    result: list[Diagnostic] = []
    for key, shapes in typed.items():
        if len(shapes) < 2:
            continue
        for shape_def, trait in shapes:
            if shape_def.path == path:
                others = ", ".join(f"`{other.id}`" for other, _ in shapes if other is not shape_def)
                result.append(report(R.METADATA_TYPE, path, trait.id.start, trait.id.end,
                                     f"the metadata key `{key}` already has a shape ({others}); one key, one shape",
                                     related=tuple(Related(Location(o.path, t.id.start, t.id.end), "also typed here")
                                                   for o, t in shapes if o is not shape_def)))
    for statement in summary.metadata:
        shapes = typed.get(statement.key.text)
        if not shapes or len(shapes) > 1 or statement.value is None:
            continue
        checker = ValueChecker(workspace)
        checker.check(shapes[0][0], [], statement.value, f"metadata `{statement.key.text}`")
        for start, end, message in checker.problems + checker.out_of_range:
            result.append(report(R.METADATA_TYPE, path, start, end,
                                 f"{message} (the key is typed by `{shapes[0][0].id}`)"))
        if statement.key.text == "shapeClosures" and shapes[0][0].summary.builtin:
            result += _shape_closures(workspace, path, statement.value)
    return result


def _closure_ids_elsewhere(workspace: SmithyWorkspace, path: Path) -> set[str]:
    ids = set()
    for summary in workspace.summaries_with_metadata():
        if summary.path == path or summary.builtin or not workspace.one_model(path, summary.path):
            continue
        for statement in summary.metadata:
            if statement.key.text == "shapeClosures" and statement.value is not None and statement.value.kind == "array":
                ids |= {item.get("id").value for item in statement.value.items
                        if item.kind == "object" and item.get("id") is not None and item.get("id").kind == "string"}
    return ids


def _shape_closures(workspace: SmithyWorkspace, path: Path, value: Node) -> list[Diagnostic]:
    result: list[Diagnostic] = []

    def fail(node: Node, message: str) -> None:
        # Smithy reports on the closure object; the offending value is related.
        result.append(at_object(R.SHAPE_CLOSURE, path, item, item.get("id"), message, value=node,
                                note="the value at fault"))

    seen: dict[str, Node] = {}
    elsewhere = _closure_ids_elsewhere(workspace, path)
    for item in value.items if value.kind == "array" else []:
        closure_id = item.get("id")
        if closure_id is None:
            continue
        name = closure_id.value
        if workspace.shape(name) is not None:
            fail(closure_id, f"the shape closure id `{name}` is the id of a shape; closure ids must name no shape")
        if name in seen or name in elsewhere:
            fail(closure_id, f"the shape closure id `{name}` is declared more than once; give each closure its own id")
        seen.setdefault(name, closure_id)
        namespaces, selector = item.get("includeNamespaces"), item.get("includeBySelector")
        if (namespaces is None or not namespaces.items) and selector is None:
            fail(closure_id, f"the shape closure `{name}` includes nothing: give it `includeNamespaces` or "
                             "`includeBySelector`")
        for namespace in namespaces.items if namespaces is not None else []:
            if namespace.kind == "string" and not workspace.namespace_known(namespace.value):
                fail(namespace, f"the shape closure `{name}` includes the namespace `{namespace.value}`, "
                                "which has no shapes in the model")
        renames = item.get("rename")
        for entry in renames.entries if renames is not None and renames.kind == "object" else []:
            if not ABSOLUTE_SHAPE_ID.match(entry.key):
                result.append(report(R.SHAPE_CLOSURE, path, entry.key_start, entry.key_end,
                                     f"`{entry.key}` is not an absolute shape id (`namespace#Name`)"))
            elif entry.value.kind == "string" and entry.key.split("#", 1)[1] == entry.value.value:
                fail(entry.value, f"renaming `{entry.key}` to `{entry.value.value}` does not change its name; "
                                  "remove the entry")
    return result
