"""All diagnostics of a file, whichever its language, with the user's settings applied.

The language server and ``witsmith check`` both come here: there is one
diagnostics path.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Severity, report, rule
from witsmith.features.smithy.diagnostics import file_diagnostics as smithy_diagnostics
from witsmith.features.smithy.syntax_rules import syntax_diagnostics as smithy_syntax
from witsmith.features.wit.diagnostics import file_diagnostics as wit_diagnostics
from witsmith.features.wit.diagnostics import project_file_diagnostics as wit_project_file_diagnostics
from witsmith.features.wit.diagnostics import tree_syntax_diagnostics as wit_syntax
from witsmith.syntax import SourceEdit, SyntaxTree
from witsmith.workspace.files import normalize
from witsmith.workspace.project import Workspace, language_of


# Beyond this many, a file's diagnostics end with one that says how many were left out:
# nobody reads ten thousand errors, and editors slow down drawing them.
MAX_DIAGNOSTICS_PER_FILE = 500

_ENCODING = {lang: rule(f"{lang}/invalid-encoding", Severity.ERROR, "a file that is not valid UTF-8")
             for lang in ("smithy", "wit")}
_BINARY = {lang: rule(f"{lang}/binary-file", Severity.ERROR, "a file that holds NUL bytes, so is not source text")
           for lang in ("smithy", "wit")}
_TOO_LARGE = {lang: rule(f"{lang}/file-too-large", Severity.WARNING,
                         "a file over witsmith's size limit, which is not checked")
              for lang in ("smithy", "wit")}
_UNREADABLE = {lang: rule(f"{lang}/unreadable-file", Severity.ERROR,
                          "a model file that exists but cannot be read")
               for lang in ("smithy", "wit")}
_TOO_MANY = {lang: rule(f"{lang}/too-many-problems", Severity.INFORMATION,
                        "more problems in a file than witsmith lists")
             for lang in ("smithy", "wit")}


def _encoding_problems(language: str, path: Path, source: bytes) -> tuple[list[Diagnostic], bool]:
    """Diagnostics about the bytes themselves, and whether the file is text at all."""
    nul = source.find(b"\0")
    if nul >= 0:
        return [report(_BINARY[language], path, nul, nul + 1,
                       f"this file holds a NUL byte at offset {nul}, so it is not {language.upper() if language == 'wit' else 'Smithy'} "
                       "source text; remove the byte, or keep binary files out of the model folders")], False
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        count = len(source.decode("utf-8", errors="replace").encode("utf-8")) - len(source)
        more = " (and other invalid bytes after it)" if count > 3 else ""
        return [report(_ENCODING[language], path, error.start, error.end,
                       f"this file is not valid UTF-8: byte 0x{source[error.start]:02x} at offset {error.start} "
                       f"is not part of a UTF-8 character{more}; save the file as UTF-8")], True
    return [], True


def file_diagnostics(workspace: Workspace, path: Path) -> list[Diagnostic]:
    path = normalize(path)
    language = language_of(path)
    if language is None and path in workspace.wit.project_files_with_problems():
        return sorted(workspace.settings.apply(wit_project_file_diagnostics(workspace.wit, path)),
                      key=lambda d: (d.start, d.end, d.code))
    if language not in ("wit", "smithy"):
        return []
    source = workspace.files.read(path)
    refusal = workspace.files.refused.get(path) if source is None else None
    if refusal is not None:
        rule_ = (_TOO_LARGE if refusal.kind == "too-large" else _UNREADABLE)[language]
        return workspace.settings.apply([report(rule_, path, 0, 0, refusal.message)])
    found: list[Diagnostic] = []
    if source is not None and path.suffix.lower() in (".wit", ".smithy"):
        found, is_text = _encoding_problems(language, path, source)
        if not is_text:
            return workspace.settings.apply(found)
    if language == "wit":
        found += wit_diagnostics(workspace.wit, path)
    else:
        found += smithy_diagnostics(workspace.smithy, path)
    found = sorted(workspace.settings.apply(found), key=lambda d: (d.start, d.end, d.code))
    if len(found) > MAX_DIAGNOSTICS_PER_FILE:
        left_out = len(found) - MAX_DIAGNOSTICS_PER_FILE
        last = found[MAX_DIAGNOSTICS_PER_FILE - 1]
        found = found[:MAX_DIAGNOSTICS_PER_FILE] + workspace.settings.apply([report(
            _TOO_MANY[language], path, last.start, last.end,
            f"{left_out} more problems in this file are not listed; fix the ones above (often one mistake "
            "causes many) and the rest will show")])
    return found


def syntax_diagnostics(path: Path, tree: SyntaxTree) -> list[Diagnostic]:
    """Only the syntax errors of a tree, with each language's readable messages.

    Cheap enough for every keystroke in any file: the language server publishes
    these at once and the full set when typing pauses.
    """
    path = normalize(path)
    if tree.lang_id == "smithy":
        found = smithy_syntax(path, tree)
    else:
        found = wit_syntax(path, tree)
    return found


# Verdicts that files not read yet could overturn: a shape id that names nothing here
# may be defined in a file the workspace index has not reached (witsmith resolves Smithy
# ids across the whole workspace).  Everything else about a file is settled once its own
# project is read (WIT resolves within a package and its deps/ only).
_NEEDS_WHOLE_WORKSPACE = frozenset({
    "smithy/unresolved-shape", "smithy/unresolved-trait", "smithy/apply-to-unknown-shape",
    "smithy/namespace-not-loaded", "smithy/invalid-rename",
})


def needs_whole_workspace(diagnostic: Diagnostic) -> bool:
    """Whether a diagnostic may vanish once every workspace file is read: while the
    index runs, the language server holds these back rather than show a false error."""
    return diagnostic.code in _NEEDS_WHOLE_WORKSPACE


def is_syntax_diagnostic(diagnostic: Diagnostic) -> bool:
    return diagnostic.code in ("smithy/syntax-error", "wit/syntax-error", "smithy/nesting-too-deep", "wit/nesting-too-deep")


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
