"""Parse throughput over the real-world corpus and incremental reparse latency."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from benchmarks.generators import smithy_model, wit_package
from witsmith.syntax import SourceEdit, parse


def corpus_files(corpus: Path, suffix: str) -> list[bytes]:
    return [path.read_bytes() for path in sorted(corpus.rglob(f"*{suffix}")) if path.is_file()]


def full_parse_throughput(lang: str, sources: list[bytes], min_seconds: float = 1.0) -> dict:
    """Parse every source repeatedly for at least ``min_seconds``; report MB/s."""
    total_bytes = sum(len(s) for s in sources)
    rounds = 0
    start = time.perf_counter()
    while True:
        for source in sources:
            parse(lang, source)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            break
    return {
        "files": len(sources),
        "bytes": total_bytes,
        "rounds": rounds,
        "mb_per_s": total_bytes * rounds / elapsed / 1e6,
    }


def incremental_reparse(lang: str, source: bytes, edits: int = 300, seed: int = 7) -> dict:
    """Median and p95 of a one-character insert (then its deletion) at random places."""
    rng = random.Random(seed)
    tree = parse(lang, source)
    timings = []
    for _ in range(edits):
        # Insert a space at the start of a random line: always keeps the file valid.
        offset = rng.randrange(len(tree.source))
        offset = tree.source.rfind(b"\n", 0, offset) + 1
        begin = time.perf_counter()
        edited = tree.edited(SourceEdit(offset, offset, b" "))
        timings.append(time.perf_counter() - begin)
        begin = time.perf_counter()
        tree = edited.edited(SourceEdit(offset, offset + 1, b""))
        timings.append(time.perf_counter() - begin)
    timings.sort()
    return {
        "lines": source.count(b"\n"),
        "bytes": len(source),
        "edits": len(timings),
        "median_ms": statistics.median(timings) * 1e3,
        "p95_ms": timings[int(len(timings) * 0.95) - 1] * 1e3,
    }


def run(corpus: Path | None) -> list[dict]:
    results = []
    generated = {
        "smithy": smithy_model(10_000).encode(),
        "wit": wit_package(10_000).encode(),
    }
    for lang, suffix in (("smithy", ".smithy"), ("wit", ".wit")):
        if corpus is not None and corpus.is_dir():
            sources = corpus_files(corpus, suffix)
            figure = full_parse_throughput(lang, sources)
            results.append({
                "benchmark": f"{lang}: full parse of the corpus",
                "value": round(figure["mb_per_s"], 2),
                "unit": "MB/s",
                "target": ">= 5",
                "met": figure["mb_per_s"] >= 5,
                "detail": figure,
            })
        figure = incremental_reparse(lang, generated[lang])
        results.append({
            "benchmark": f"{lang}: incremental reparse, 1-char edit, {figure['lines']:,}-line file (median)",
            "value": round(figure["median_ms"], 3),
            "unit": "ms",
            "target": "<= 2",
            "met": figure["median_ms"] <= 2,
            "detail": figure,
        })
    return results
