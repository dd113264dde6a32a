"""Problems found while resolving WIT, as plain data.

The workspace layer finds them; the features layer owns the rules (codes, default
severities, pages) and turns them into diagnostics.  Keeping the rule registry out
of this layer keeps the layering one-way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from witsmith.diagnostics import Fix, Related


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # "wit/unknown-type", "wasmcloud/stubbed-wasi-import", ...
    path: Path
    start: int
    end: int
    message: str
    related: tuple[Related, ...] = ()
    fixes: tuple[Fix, ...] = ()
    tags: frozenset[str] = frozenset()


def did_you_mean(name: str, candidates) -> str:
    """A ` (did you mean `x`?)` suffix for the closest candidate, or ""."""
    best, best_score = None, None
    lowered = name.lower()
    for candidate in set(candidates):
        score = _distance(lowered, candidate.lower())
        limit = max(1, len(name) // 3)
        if score <= limit and (best_score is None or (score, candidate) < (best_score, best)):
            best, best_score = candidate, score
    return f"; did you mean `{best}`?" if best else ""


def closest(name: str, candidates) -> str | None:
    suffix = did_you_mean(name, candidates)
    return suffix.split("`")[1] if suffix else None


def _distance(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > 3:
        return 99
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]
