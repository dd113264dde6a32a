"""The migration in the editor: a service's WIT package as a new file (a code action), and a
shape's WIT translation under its hover."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from witsmith.features.editing import HoverInfo
from witsmith.features.migration.phase2 import advice_for
from witsmith.features.migration.plan import translation_of
from witsmith.features.smithy.lookup import found_at, lookup, narrowed, summary_of
from witsmith.workspace.files import normalize
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

ACTION_TITLE = "Migrate this service to WIT"
MAX_HOVER_LINES = 30  # a hover is a glance; `witsmith migrate` writes the whole package


@dataclass(frozen=True)
class NewFile:
    """A file the editor should create, with its text."""

    path: Path
    text: str


def service_at(workspace: SmithyWorkspace, path: Path, offset: int) -> ShapeDef | None:
    summary = summary_of(workspace, normalize(path))
    if summary is None or summary.builtin:
        return None
    for shape in summary.shapes:
        if shape.kind == "service" and shape.start <= offset <= shape.end:
            return ShapeDef(summary, shape)
    return None


def migrate_service(workspace: SmithyWorkspace, path: Path, offset: int) -> NewFile | None:
    """The WIT package of the service at `offset`, as a new file in a `wit/` folder beside the model
    (a name not taken yet: the action never overwrites a file)."""
    try:
        service = service_at(workspace, path, offset)
        translation = translation_of(workspace, service) if service is not None else None
    except Exception:  # noqa: BLE001 - a broken model offers no action rather than failing the request
        return None
    if translation is None:
        return None
    folder = normalize(path).parent / "wit"
    name = translation.package.name
    target = folder / f"{name}.wit"
    counter = 2
    while target.exists():
        target = folder / f"{name}-v{counter}.wit"
        counter += 1
    return NewFile(target, translation.text)


def with_wit_translation(workspace: SmithyWorkspace, path: Path, offset: int, hover: HoverInfo | None) -> HoverInfo | None:
    """The hover of a shape in a wasmCloud project, followed by the shape's WIT translation."""
    if hover is None:
        return None
    try:
        section = _translation_section(workspace, normalize(path), offset)
    except Exception:  # noqa: BLE001 - a hover never fails: without a translation it shows the rest
        section = None
    if section is None:
        return hover
    return HoverInfo(hover.markdown + "\n\n---\n\n" + section, hover.start, hover.end)


def _translation_section(workspace: SmithyWorkspace, path: Path, offset: int) -> str | None:
    found = found_at(workspace, path, offset)
    if found is None:
        return None
    found = narrowed(found, offset)
    looked_up = lookup(workspace, found.target, path)
    if looked_up is None:
        return None
    shape_def = looked_up[0]
    if shape_def.summary.builtin or not workspace.is_wasmcloud(shape_def.path):
        return None
    translation = translation_of(workspace, shape_def)
    item = found.target if "$" in found.target else shape_def.id  # a member, or the shape
    text = translation.items.get(item) if translation is not None else None
    if text is None:
        return None
    lines = text.split("\n")
    if len(lines) > MAX_HOVER_LINES:
        lines = lines[:MAX_HOVER_LINES] + ["  // …"]
    markdown = f"WIT translation (package `{translation.package.id}`):\n\n```wit\n" + "\n".join(lines) + "\n```"
    advice = advice_for(translation.contract) if shape_def.shape.kind == "service" else None
    if advice is not None:
        markdown += f"\n\nPhase 2: `{translation.contract}` is replaced by {advice.replacement}."
    return markdown
