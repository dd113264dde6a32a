"""The ``witsmith`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from witsmith import __version__
from witsmith.syntax import LANGUAGE_IDS, language_for_path, parse, syntax_problems
from witsmith.syntax.sexp import to_sexp

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def _parse_command(args: argparse.Namespace) -> int:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="witsmith",
        description="Language server and toolkit for Smithy IDL and WIT.",
    )
    parser.add_argument("--version", action="version", version=f"witsmith {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    parse_cmd = commands.add_parser(
        "parse",
        help="print the syntax tree of each file",
        description=(
            "Print each file's syntax tree as an S-expression (rows 0-based, columns in bytes), "
            "ERROR and MISSING nodes included. Syntax errors are listed on standard error; "
            "the exit status is 1 if any file has one."
        ),
    )
    parse_cmd.add_argument("files", nargs="+", metavar="FILE")
    parse_cmd.add_argument(
        "--language",
        choices=LANGUAGE_IDS,
        help="the language of the files (default: from the extension, .smithy or .wit)",
    )
    parse_cmd.set_defaults(run=_parse_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except BrokenPipeError:
        # `witsmith parse big.smithy | head` is fine; do not print a traceback.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
