"""All diagnostics of a file, whichever its language, with the user's settings applied.

The language server and ``witsmith check`` both come here: there is one
diagnostics path.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic
from witsmith.features.smithy.diagnostics import file_diagnostics as smithy_diagnostics
from witsmith.features.wit.diagnostics import file_diagnostics as wit_diagnostics
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
