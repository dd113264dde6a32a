"""The ``witsmith`` command line: argument parsing and dispatch to one module per command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from witsmith import __version__
from witsmith.cli import check_command, migrate_command, parse_command, rules_command, serve_command
from witsmith.cli import format_command
from witsmith.cli.exit_codes import EXIT_OK, EXIT_USAGE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="witsmith",
        description="Language server and toolkit for Smithy IDL and WIT.",
    )
    parser.add_argument("--version", action="version", version=f"witsmith {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check_command.register(commands)
    rules_command.register(commands)
    serve_command.register(commands)
    parse_command.register(commands)
    migrate_command.register(commands)
    format_command.register(commands)
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
