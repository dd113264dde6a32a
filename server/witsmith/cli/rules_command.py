"""`witsmith rules [CODE]`: what each diagnostic means and how to fix it."""

from __future__ import annotations

import argparse
import sys

from witsmith.cli.exit_codes import EXIT_OK, EXIT_USAGE
from witsmith.diagnostics import RULES, reference_id
from witsmith.rule_pages import page_path


def rule_page(code: str) -> str | None:
    page = page_path(code)
    return page.read_text(encoding="utf-8") if page is not None else None


def register(commands) -> None:
    command = commands.add_parser(
        "rules",
        help="list the diagnostic rules, or explain one",
        description="List every rule with its code, default severity and summary; with a CODE, print its page.",
    )
    command.add_argument("code", nargs="?", metavar="CODE")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import witsmith.features.diagnostics  # noqa: F401  (declaring every rule)

    if args.code is None:
        width = max((len(code) for code in RULES), default=0)
        for code in sorted(RULES):
            rule = RULES[code]
            event = f" (Smithy event id: {reference_id(code)})" if reference_id(code) else ""
            print(f"{code.ljust(width)}  {rule.severity.label:<11}  {rule.summary}{event}")
        return EXIT_OK
    if args.code not in RULES:
        close = [code for code in sorted(RULES) if args.code.split("/")[-1] in code]
        hint = f"; did you mean {', '.join(close[:3])}?" if close else "; `witsmith rules` lists them"
        print(f"witsmith rules: unknown rule {args.code!r}{hint}", file=sys.stderr)
        return EXIT_USAGE
    page = rule_page(args.code)
    if page is None:
        rule = RULES[args.code]
        print(f"{rule.code} ({rule.severity.label}): {rule.summary}")
    else:
        sys.stdout.write(page if page.endswith("\n") else page + "\n")
    return EXIT_OK
