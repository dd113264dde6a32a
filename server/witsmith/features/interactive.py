"""Hover, completion and rename for a file of either language: the one entry point
the language server calls; the per-language modules do the work."""

from __future__ import annotations

from pathlib import Path

from witsmith.features.editing import CompletionCandidate, HoverInfo, RenameEdits, RenameRefused, RenameTarget
from witsmith.features.migration.editor import with_wit_translation
from witsmith.features.smithy import completion as smithy_completion
from witsmith.features.smithy import hover as smithy_hover
from witsmith.features.smithy import rename as smithy_rename
from witsmith.features.wit import completion as wit_completion
from witsmith.features.wit import hover as wit_hover
from witsmith.features.wit import rename as wit_rename
from witsmith.workspace.files import normalize
from witsmith.workspace.project import Workspace, language_of


def hover(project: Workspace, path: Path, offset: int) -> HoverInfo | None:
    path = normalize(path)
    language = language_of(path)
    if language == "smithy":
        # In a wasmCloud project, a shape's hover also shows what it becomes in WIT.
        return with_wit_translation(project.smithy, path, offset, smithy_hover.hover(project.smithy, path, offset))
    if language == "wit":
        return wit_hover.hover(project.wit, path, offset)
    return None


def completions(project: Workspace, path: Path, offset: int) -> list[CompletionCandidate]:
    path = normalize(path)
    language = language_of(path)
    if language == "smithy":
        return smithy_completion.completions(project.smithy, path, offset)
    if language == "wit":
        return wit_completion.completions(project.wit, path, offset)
    return []


def best_completions(project: Workspace, path: Path, offset: int, *, limit: int | None,
                     snippets: bool = True) -> tuple[list[CompletionCandidate], bool]:
    """At most ``limit`` candidates (no snippets unless ``snippets``), the best matches
    for the word typed first when some were left out, and whether some were."""
    path = normalize(path)
    language = language_of(path)
    if language == "wit":
        return wit_completion.best_completions(project.wit, path, offset, limit=limit, snippets=snippets)
    if language == "smithy":
        return smithy_completion.best_completions(project.smithy, path, offset, limit=limit, snippets=snippets)
    return [], False


def completion_preparation(project: Workspace, path: Path, offset: int | None = None, *, types: bool = True
                           ) -> wit_completion.Preparation | smithy_completion.Preparation | None:
    """What the next completion in a long file needs, to make ready at an idle moment,
    in steps (see `wit.completion.Preparation`, `smithy.completion.Preparation`); None
    when there is nothing to make."""
    path = normalize(path)
    language = language_of(path)
    if language == "wit":
        return wit_completion.Preparation(project.wit, path, offset, types=types)
    if language == "smithy" and path.suffix.lower() == ".smithy":
        return smithy_completion.Preparation(project.smithy, path, types=types)
    return None


def prepare_rename(project: Workspace, path: Path, offset: int) -> RenameTarget | RenameRefused | None:
    path = normalize(path)
    language = language_of(path)
    if language == "smithy":
        return smithy_rename.prepare_rename(project.smithy, path, offset, project.roots or None)
    if language == "wit":
        return wit_rename.prepare_rename(project.wit, path, offset)
    return None


def rename(project: Workspace, path: Path, offset: int, new_name: str) -> RenameEdits | RenameRefused:
    path = normalize(path)
    language = language_of(path)
    if language == "smithy":
        return smithy_rename.rename(project.smithy, path, offset, new_name, project.roots or None)
    if language == "wit":
        return wit_rename.rename(project.wit, path, offset, new_name)
    return RenameRefused("witsmith renames names in .smithy and .wit files only")
