"""`witsmith migrate`: a wasmCloud 0.x Smithy contract as a WIT package, and a report of what changed."""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from dataclasses import replace
from pathlib import Path

from witsmith.cli.exit_codes import EXIT_OK, EXIT_USAGE
from witsmith.workspace.files import normalize


def register(commands) -> None:
    command = commands.add_parser(
        "migrate",
        help="translate a wasmCloud 0.x Smithy contract to a WIT package",
        description=(
            "Translate the services of a Smithy model (a weld codegen.toml project, a folder or a file) to WIT: "
            "one package per contract, one interface per service, one function per operation, and worlds for "
            "components and providers. The report on standard output lists what WIT cannot express and which "
            "standard interface replaces a well-known contract."
        ),
    )
    command.add_argument("path", metavar="PATH", help="a codegen.toml or smithy-build.json project, a folder, or a .smithy/.json model file")
    command.add_argument("-o", "--output", type=Path, default=Path("wit"), metavar="OUT_DIR",
                         help="the folder to write the .wit files to (default: ./wit)")
    command.add_argument("--package", metavar="NAMESPACE:NAME@VERSION",
                         help="the package name, instead of the contract id's (one contract only)")
    command.add_argument("--format", choices=["text", "json"], default="text", help="report format (default: text)")
    command.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    command.set_defaults(run=run)


def _files(path: Path):
    """The workspace and the model files to migrate: a project file's models, or the files
    under a folder, or the file itself."""
    from witsmith.workspace.project import Workspace
    from witsmith.workspace.smithy.projects import PROJECT_FILES

    workspace = Workspace()
    workspace.add_root(path)
    if path.name in PROJECT_FILES:
        project = workspace.smithy.project_of(path)
        return workspace, sorted(project.files) if project is not None else []
    return workspace, [f for f in workspace.smithy.files() if f == path or path in f.parents]


def run(args: argparse.Namespace) -> int:
    from witsmith.features.migration import MigrationError, migrate

    path = normalize(args.path)
    if not path.exists():
        print(f"witsmith migrate: {args.path}: no such file or folder", file=sys.stderr)
        return EXIT_USAGE
    if not os.access(path, os.R_OK):
        print(f"witsmith migrate: {args.path}: cannot read it (permission denied)", file=sys.stderr)
        return EXIT_USAGE
    try:
        workspace, files = _files(path)
        migration = migrate(workspace.smithy, files, args.package)
    except MigrationError as error:
        print(f"witsmith migrate: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # an internal error must not reach users as a traceback
        if args.debug:
            traceback.print_exc()
        print(f"witsmith migrate: internal error: {error!r} (run with --debug for details; please report it)",
              file=sys.stderr)
        return EXIT_USAGE
    if not migration.packages:
        print(f"witsmith migrate: {args.path}: no Smithy service or shape to migrate", file=sys.stderr)
        return EXIT_USAGE
    out = normalize(args.output)
    if out.exists() and not out.is_dir():
        print(f"witsmith migrate: -o {args.output}: not a folder", file=sys.stderr)
        return EXIT_USAGE
    written = []
    try:
        for package in migration.packages:
            target = out / package.file_name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(package.text, encoding="utf-8")
            written.append(target)
    except OSError as error:
        print(f"witsmith migrate: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    cwd = Path(os.getcwd())
    shown = [_display(p, cwd) for p in written]
    migration.skipped = [replace(n, shape=_display(Path(n.shape), cwd)) if n.kind == "syntax-error" else n
                         for n in migration.skipped]
    sys.stdout.write(render_json(migration, shown) if args.format == "json" else render_text(migration, shown))
    return EXIT_OK


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return str(path)


def report_data(migration, written: list[str]) -> dict:
    packages = []
    for package, path in zip(migration.packages, written, strict=True):
        advice = package.advice
        packages.append({
            "package": package.package.id,
            "file": path,
            "contract": package.contract,
            "services": package.services,
            "interfaces": [i.name for i in package.package.interfaces],
            "worlds": [w.name for w in package.package.worlds],
            "notes": [{"kind": n.kind, "shape": n.shape, "message": n.message} for n in package.notes],
            "phase2": None if advice is None else {
                "replacement": advice.replacement,
                "summary": advice.summary,
                "operations": [{"operation": o.operation, "replacement": o.replacement, "remark": o.remark}
                               for o in advice.operations],
            },
        })
    return {"packages": packages,
            "skipped": [{"kind": n.kind, "shape": n.shape, "message": n.message} for n in migration.skipped]}


def render_json(migration, written: list[str]) -> str:
    return json.dumps(report_data(migration, written), indent=2) + "\n"


def render_text(migration, written: list[str]) -> str:
    from witsmith.features.migration.phase2 import NO_STANDARD
    from witsmith.features.migration.report import NOTE_KINDS

    lines: list[str] = []
    for package, path in zip(migration.packages, written, strict=True):
        pkg = package.package
        lines.append(f"{pkg.id} -> {path}")
        if package.contract:
            lines.append(f"  contract {package.contract}")
        lines.append(f"  interfaces: {', '.join(i.name for i in pkg.interfaces)}")
        if pkg.worlds:
            lines.append(f"  worlds: {', '.join(w.name for w in pkg.worlds)}")
        for kind in NOTE_KINDS:
            notes = package.notes_of(kind)
            if notes:
                lines.append(f"  {kind}:")
                lines.extend(f"    {n.shape}: {n.message}" if n.shape else f"    {n.message}" for n in notes)
        advice = package.advice
        if advice is not None:
            lines.append(f"  phase 2: move to {advice.replacement}: {advice.summary}")
            for op in advice.operations:
                target = op.replacement or "no counterpart"
                lines.append(f"    {op.operation} -> {target}" + (f" ({op.remark})" if op.remark else ""))
        elif package.contract:
            lines.append(f"  phase 2: {NO_STANDARD}")
        lines.append("")
    for note in migration.skipped:
        label = "syntax errors" if note.kind == "syntax-error" else "not migrated"
        lines.append(f"{label}: {note.shape}: {note.message}")
    return "\n".join(lines).rstrip("\n") + "\n"
