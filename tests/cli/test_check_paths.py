"""`witsmith check` given many paths: each file is read and resolved once, whether the
paths name folders or every package and file in them (as a pre-commit hook passes them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from witsmith.workspace.project import Workspace

PACKAGES_PER_FOLDER = 12
SMITHY_FILES = 10


def _tree(root: Path) -> None:
    for folder in ("left", "right"):
        for number in range(PACKAGES_PER_FOLDER):
            package = root / folder / f"p{number}"
            (package / "deps" / "base").mkdir(parents=True)
            (package / "api.wit").write_text(
                f"package example:{folder}{number};\n\ninterface api {{\n    use types.{{thing}};\n"
                "    use example:base/kinds.{kind};\n    get: func(k: kind) -> thing;\n}\n")
            (package / "types.wit").write_text(
                f"package example:{folder}{number};\n\ninterface types {{\n    record thing {{ id: u32 }}\n}}\n")
            (package / "deps" / "base" / "kinds.wit").write_text(
                "package example:base;\n\ninterface kinds {\n    enum kind { a, b }\n}\n")
    models = root / "models"
    models.mkdir()
    for number in range(SMITHY_FILES):
        previous = f"use example.m{number - 1}#Shape{number - 1}\n" if number else ""
        member = f"    prev: Shape{number - 1}\n" if number else ""
        (models / f"m{number}.smithy").write_text(
            f'$version: "2"\n\nnamespace example.m{number}\n\n{previous}\nstructure Shape{number} {{\n'
            f"    id: String\n{member}}}\n")


def _work(workspace: Workspace) -> tuple[int, int, int, int]:
    counts = workspace.wit.counts
    return counts.files_summarized, counts.files_resolved, counts.package_checks, \
        workspace.smithy.stats["resolved_files"]


def _explicit_paths(root: Path) -> list[Path]:
    packages = sorted((root / "left").iterdir()) + sorted((root / "right").iterdir())
    files = sorted(root.glob("left/*/*.wit")) + sorted(root.glob("right/*/*.wit")) + sorted(root.glob("models/*.smithy"))
    return packages + files


def test_explicit_paths_do_the_work_of_their_folders_once(tmp_path):
    _tree(tmp_path)
    by_folder = Workspace()
    covered = by_folder.add_paths([tmp_path / "left", tmp_path / "right", tmp_path / "models"])
    by_path = Workspace()
    named = by_path.add_paths(_explicit_paths(tmp_path))

    wit_files = 2 * PACKAGES_PER_FOLDER * 3
    assert _work(by_folder) == (wit_files, wit_files, 2 * PACKAGES_PER_FOLDER, SMITHY_FILES)
    assert _work(by_path) == _work(by_folder)
    assert named == covered and len(covered) == wit_files + SMITHY_FILES


def test_a_wit_path_is_never_read_as_smithy(tmp_path):
    _tree(tmp_path)
    workspace = Workspace()
    workspace.add_paths(sorted(tmp_path.glob("left/*/*.wit")))
    assert workspace.smithy.files() == []
    assert workspace.smithy.stats["resolved_files"] == 0


def test_checking_every_file_explicitly_reports_what_checking_folders_does(tmp_path):
    _tree(tmp_path)
    (tmp_path / "left" / "p0" / "types.wit").write_text(
        "package example:left0;\n\ninterface types {\n    record thing { id: u33 }\n}\n")

    def check(*paths: str) -> str:
        return subprocess.run([sys.executable, "-m", "witsmith", "check", *paths], capture_output=True,
                              text=True, cwd=tmp_path, timeout=120).stdout

    explicit = [str(p.relative_to(tmp_path)) for p in _explicit_paths(tmp_path) if p.is_file()]
    by_folder = check("left", "right", "models").splitlines()
    by_file = check(*explicit).splitlines()
    assert by_file[:-1] == by_folder[:-1] and len(by_file) == 2
    assert "left/p0/types.wit:4:" in by_file[0] and "u33" in by_file[0]
