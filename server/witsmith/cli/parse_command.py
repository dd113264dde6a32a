"""`witsmith parse`: print syntax trees, a debugging aid that makes the grammars scriptable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from witsmith.cli.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from witsmith.syntax import LANGUAGE_IDS, language_for_path, parse, syntax_problems
from witsmith.syntax.sexp import to_sexp


def run(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in args.files:
        path = Path(name)
        lang_id = args.language or language_for_path(path)
        if lang_id is None:
            print(
                f"witsmith: {name}: cannot tell the language from the file name; "
                f"use --language {'|'.join(LANGUAGE_IDS)}",
                file=sys.stderr,
            )
            status = EXIT_USAGE
            continue
        try:
            source = path.read_bytes()
        except OSError as error:
            print(f"witsmith: {name}: cannot read: {error.strerror or error}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        tree = parse(lang_id, source)
        if len(args.files) > 1:
            print(f"{name}:")
        print(to_sexp(tree.root))
        problems = list(syntax_problems(tree.root))
        for problem in problems:
            row, column = problem.start_point
            print(f"{name}:{row + 1}:{column + 1}: {problem.message}", file=sys.stderr)
        if problems and status == EXIT_OK:
            status = EXIT_FINDINGS
    return status


def register(commands) -> None:
    command = commands.add_parser(
        "parse",
        help="print the syntax tree of each file",
        description=(
            "Print each file's syntax tree as an S-expression (rows 0-based, columns in bytes), "
            "ERROR and MISSING nodes included. Syntax errors are listed on standard error; "
            "the exit status is 1 if any file has one."
        ),
    )
    command.add_argument("files", nargs="+", metavar="FILE")
    command.add_argument(
        "--language",
        choices=LANGUAGE_IDS,
        help="the language of the files (default: from the extension, .smithy or .wit)",
    )
    command.set_defaults(run=run)
