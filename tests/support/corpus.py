"""Read the shared corpus of real Smithy and WIT files in place, via its manifest."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("WITSMITH_CORPUS", REPO.parent / "shared" / "corpus")).resolve()
# Why a corpus test does not run, in words a newcomer can act on.
ABSENT = (
    f"the corpus of real Smithy and WIT files is not at {CORPUS}: "
    "put it beside the clone as ../shared/corpus, or set WITSMITH_CORPUS to its folder"
)


def present() -> bool:
    return (CORPUS / "manifest.jsonl").is_file()


@dataclass(frozen=True)
class CorpusCase:
    lang: str  # "smithy", "smithy-json" or "wit"
    path: str  # relative to the corpus root
    kind: str  # "file" or "package-dir"
    expect: str  # "valid", "syntax-error" or "semantic-error"
    raw: dict = field(repr=False, compare=False, hash=False)

    @property
    def location(self) -> Path:
        return CORPUS / self.path

    def source_files(self) -> list[Path]:
        """The files of the case: the file itself, or every .wit file under a package folder."""
        if self.kind == "package-dir":
            return sorted(self.location.rglob("*.wit"))
        return [self.location]


@cache
def cases() -> tuple[CorpusCase, ...]:
    manifest = CORPUS / "manifest.jsonl"
    if not manifest.is_file():
        return ()
    result = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            result.append(CorpusCase(entry["lang"], entry["path"], entry["kind"], entry["expect"], entry))
    return tuple(result)


def select(lang: str, *expects: str) -> list[CorpusCase]:
    return [case for case in cases() if case.lang == lang and case.expect in expects]


def source_files(lang: str, *expects: str) -> list[Path]:
    """Every distinct source file of the selected cases, in a stable order."""
    seen: dict[Path, None] = {}
    for case in select(lang, *expects):
        for path in case.source_files():
            seen.setdefault(path, None)
    return list(seen)
