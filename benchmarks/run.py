"""Run every witsmith benchmark, print a table, and write the figures as JSON.

    python -m benchmarks.run [--corpus DIR] [--output FILE]

Benchmarks print figures; they never fail a build.  Compare runs with the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from benchmarks import check_throughput, lsp_session, migration, parsing, smithy_resolve, wit_resolve, workspace_scale
from benchmarks import aws_models
from benchmarks import semantic_tokens
from benchmarks import editor_timeline
from benchmarks import formatting

REPO = Path(__file__).resolve().parents[1]


def machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


def print_table(rows: list[dict]) -> None:
    headers = ("benchmark", "value", "unit", "target", "met")
    table = [headers] + [
        (r["benchmark"], f"{r['value']}", r["unit"], r["target"], "yes" if r["met"] else "NO")
        for r in rows
    ]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(headers))]
    for i, row in enumerate(table):
        print(" | ".join(str(cell).ljust(widths[j]) for j, cell in enumerate(row)))
        if i == 0:
            print("-+-".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("WITSMITH_CORPUS", REPO.parent / "shared" / "corpus")))
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "latest.json")
    parser.add_argument("--quick", action="store_true", help="skip the server sessions (a few minutes)")
    args = parser.parse_args(argv)
    corpus = args.corpus if args.corpus.is_dir() else None
    if corpus is None:
        print(f"note: no corpus at {args.corpus}; corpus figures are skipped", file=sys.stderr)

    rows = parsing.run(corpus) + check_throughput.run(corpus) + smithy_resolve.run() + wit_resolve.run()
    rows += migration.run(corpus)
    rows += semantic_tokens.run()
    if not args.quick:
        rows += lsp_session.run() + workspace_scale.run() + editor_timeline.run(corpus) + formatting.run(corpus)
    rows += aws_models.run(quick=args.quick)
    print_table(rows)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine(), "results": rows}, indent=2) + "\n")
    print(f"\nfigures written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
