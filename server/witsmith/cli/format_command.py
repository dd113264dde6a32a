"""`witsmith format`: rewrite Smithy and WIT files in their standard layout, or check that they are."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

from witsmith.cli.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from witsmith.features.formatting import FormatError, format_text
from witsmith.syntax import language_for_path

_SKIPPED_FOLDERS = {"node_modules", "target", "build"}
_MAX_BYTES = 16 * 1024 * 1024


def register(commands) -> None:
    command = commands.add_parser(
        "format",
        help="format Smithy and WIT files",
        description=(
            "Format Smithy files in the style of `smithy format` and WIT files in the layout of "
            "wit-parser's printer (keeping their order, comments, blank lines and indent unit). "
            "Files are rewritten in place; a file with syntax errors is left as is and reported."
        ),
    )
    command.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                         help="files or folders to format (default: .); - formats standard input to standard output")
    command.add_argument("--check", action="store_true",
                         help="write nothing; list the files that would change and exit 1 if any would")
    command.add_argument("--diff", action="store_true", help="write nothing; print a unified diff of the changes")
    command.add_argument("--stdin-filename", metavar="NAME",
                         help="the file name of the text read from standard input (its extension picks the language)")
    command.set_defaults(run=run)


def _files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The Smithy and WIT files under the paths, and the problems with paths that are not."""
    found: list[Path] = []
    problems: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for folder, folders, files in os.walk(path):
                folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in _SKIPPED_FOLDERS)
                for file in sorted(files):
                    if language_for_path(file) is not None:
                        found.append(Path(folder) / file)
        elif path.is_file():
            if language_for_path(path) is None:
                problems.append(f"{name}: not a Smithy (.smithy) or WIT (.wit) file")
            else:
                found.append(path)
        else:
            problems.append(f"{name}: no such file or folder")
    return found, problems


def _diff(name: str, old: str, new: str) -> str:
    before, after = (name, name) if Path(name).is_absolute() else (f"a/{name}", f"b/{name}")
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), before, after))


def _format_stdin(args: argparse.Namespace) -> int:
    name = args.stdin_filename or "-"
    lang_id = language_for_path(name) if args.stdin_filename else None
    if lang_id is None:
        print("witsmith: format -: say which language with --stdin-filename NAME.smithy or NAME.wit", file=sys.stderr)
        return EXIT_USAGE
    text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    try:
        formatted = format_text(lang_id, text)
    except FormatError as error:
        print(f"witsmith: {name}: not formatted: {error}", file=sys.stderr)
        sys.stdout.write(text)
        return EXIT_FINDINGS
    if args.diff:
        sys.stdout.write(_diff(name, text, formatted))
    elif not args.check:
        sys.stdout.write(formatted)
    if args.check and formatted != text:
        print(f"would reformat {name}", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if "-" in args.paths:
        if len(args.paths) > 1:
            print("witsmith: format: - (standard input) cannot be mixed with other paths", file=sys.stderr)
            return EXIT_USAGE
        return _format_stdin(args)
    files, problems = _files(args.paths)
    status = EXIT_OK
    for problem in problems:
        print(f"witsmith: {problem}", file=sys.stderr)
        status = EXIT_USAGE
    changed = 0
    for path in files:
        try:
            if path.stat().st_size > _MAX_BYTES:
                print(f"witsmith: {path}: not formatted: larger than {_MAX_BYTES // (1024 * 1024)} MiB", file=sys.stderr)
                status = max(status, EXIT_FINDINGS)
                continue
            raw = path.read_bytes()
        except OSError as error:
            print(f"witsmith: {path}: cannot read: {error.strerror or error}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            print(f"witsmith: {path}: not formatted: not UTF-8 text", file=sys.stderr)
            status = max(status, EXIT_FINDINGS)
            continue
        try:
            formatted = format_text(language_for_path(path), text)
        except FormatError as error:
            print(f"witsmith: {path}: not formatted: {error}", file=sys.stderr)
            status = max(status, EXIT_FINDINGS)
            continue
        if formatted == text:
            continue
        changed += 1
        if args.diff:
            sys.stdout.write(_diff(str(path), text, formatted))
        if args.check:
            print(f"would reformat {path}")
        elif not args.diff:
            try:
                path.write_bytes(formatted.encode("utf-8"))
            except OSError as error:
                print(f"witsmith: {path}: cannot write: {error.strerror or error}", file=sys.stderr)
                status = EXIT_USAGE
                continue
            print(f"reformatted {path}", file=sys.stderr)
    if args.check and changed:
        status = max(status, EXIT_FINDINGS)
    return status
