"""Smithy's own validator as a test oracle, and witsmith's verdict on the same models.

The reference (smithy-lang/smithy compiled as one command, beside the shared corpus) reads
each model from a folder of its own; a case that needs other files gets a scratch folder of
symbolic links.  All models are checked in one JVM start, and the answer is kept for the run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from support.corpus import REPO

REFERENCE = Path(os.environ.get("WITSMITH_SMITHY_REFERENCE",
                                REPO.parent / "shared" / "tools" / "smithy-reference" / "smithy-reference"))

# Maven packages whose trait models the reference bundles (see its README).
BUNDLED_PACKAGES = {"smithy-aws-traits", "smithy-waiters", "smithy-rules-engine", "smithy-protocol-test-traits",
                    "smithy-mqtt-traits", "smithy-smoke-test-traits", "smithy-contract-traits",
                    "smithy-openapi", "smithy-model", "smithy-linters"}
# Namespaces those packages define (and the prelude's).
BUNDLED_NAMESPACES = ("smithy.api", "aws.", "smithy.waiters", "smithy.rules", "smithy.test", "smithy.mqtt",
                      "smithy.smoketests", "smithy.contracts")

ERROR_SEVERITIES = {"ERROR", "DANGER"}


def unavailable_reason() -> str | None:
    """Why the reference cannot run here, in words; None when it can."""
    if shutil.which("java") is None:
        return "Java is not installed (the Smithy reference validator needs Java 17: openjdk-17-jre-headless)"
    if not REFERENCE.is_file():
        return f"the Smithy reference validator is not present (set WITSMITH_SMITHY_REFERENCE): {REFERENCE}"
    return None


@dataclass(frozen=True)
class Event:
    file: str
    line: int
    severity: str
    id: str
    message: str


@dataclass
class Model:
    """One model to check: its main file, and the other files loaded with it."""

    name: str
    main: Path
    others: tuple[Path, ...] = ()
    events: list[Event] = field(default_factory=list)

    def files(self) -> tuple[Path, ...]:
        return (self.main, *self.others)


def run_reference(models: Sequence[Model], scratch: Path) -> None:
    """Fill each model's `events`, from one run of the reference over all of them."""
    folders: dict[str, Model] = {}
    links: dict[str, Path] = {}
    for index, model in enumerate(models):
        folder = scratch / f"m{index:05d}"
        folder.mkdir(parents=True)
        for position, source in enumerate(model.files()):
            link = folder / f"f{position:03d}_{source.name}"
            link.symlink_to(source.resolve())
            links[str(link)] = source
        folders[str(folder)] = model
    arguments = [str(REFERENCE), "--each", *folders]
    completed = subprocess.run(arguments, capture_output=True, text=True, timeout=3600)
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"the Smithy reference failed ({completed.returncode}): {completed.stderr[-2000:]}")
    for line in completed.stdout.splitlines():
        if not line.startswith("{"):
            continue
        raw = json.loads(line)
        model = folders.get(raw.get("model", ""))
        if model is None:
            continue
        file = raw.get("file") or ""
        source = links.get(file)
        model.events.append(Event(str(source) if source else file, int(raw.get("line") or 0),
                                  raw["severity"], raw["id"], raw.get("message", "")))


def errors_of(model: Model) -> list[Event]:
    """The model's ERROR and DANGER events that belong to its main file (or to no file of the model)."""
    others = {str(p) for p in model.others}
    return [e for e in model.events if e.severity in ERROR_SEVERITIES and e.file not in others]


def first_error_line(model: Model) -> int | None:
    """The first line of the main file with an ERROR or DANGER event; None when it has none."""
    lines = [e.line for e in errors_of(model) if e.file == str(model.main) and e.line > 0]
    return min(lines) if lines else None


def needs_only_bundled_models(raw: dict) -> bool:
    """True when every Maven package and outside namespace the case uses comes with the reference."""
    packages = {dependency.split(":")[1] for dependency in raw.get("maven_dependencies", [])}
    if packages - BUNDLED_PACKAGES:
        return False
    return all(ns.startswith(BUNDLED_NAMESPACES) for ns in raw.get("external_namespaces", []))


def scratch_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="witsmith-smithy-reference-"))


def line_of(source: bytes, offset: int) -> int:
    """The 1-based line of a byte offset."""
    return source.count(b"\n", 0, max(0, offset)) + 1


def lines_of(source: bytes, offsets: Iterable[int]) -> set[int]:
    return {line_of(source, offset) for offset in offsets}
