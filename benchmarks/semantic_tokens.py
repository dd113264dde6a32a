"""Semantic tokens of whole large files (`semanticTokens/full`'s work, without the wire).

The tokens of a file are computed in one sort and one pass; these figures show that
the time grows with the file, not with its square.
"""

from __future__ import annotations

import time

from benchmarks.generators import smithy_model, wit_package
from witsmith.features.semantic_tokens import semantic_tokens
from witsmith.syntax import parse


def _best_of(lang: str, source: bytes, rounds: int = 5) -> tuple[float, float, int]:
    """Best wall-clock and best CPU seconds of a few rounds (CPU says more on a busy machine)."""
    tree = parse(lang, source)
    best, best_cpu, count = float("inf"), float("inf"), 0
    for _ in range(rounds):
        began, began_cpu = time.perf_counter(), time.process_time()
        count = len(semantic_tokens(tree))
        best = min(best, time.perf_counter() - began)
        best_cpu = min(best_cpu, time.process_time() - began_cpu)
    return best, best_cpu, count


def run() -> list[dict]:
    rows = []
    for label, lang, text in (
        ("20,000-line Smithy model", "smithy", smithy_model(20_000)),
        ("10,000-line WIT file", "wit", wit_package(10_000)),
        ("5,000-line WIT file", "wit", wit_package(5_000)),
    ):
        seconds, cpu, count = _best_of(lang, text.encode())
        value = seconds * 1e3
        rows.append({"benchmark": f"semantic tokens, {label}", "value": round(value, 1), "unit": "ms",
                     "target": "<= 100", "met": value <= 100, "detail": {"tokens": count, "cpu_ms": round(cpu * 1e3, 1)}})
    return rows


if __name__ == "__main__":
    for row in run():
        print(f"{row['benchmark']}: {row['value']} {row['unit']}, {row['detail']['cpu_ms']} ms CPU "
              f"({row['detail']['tokens']} tokens)")
