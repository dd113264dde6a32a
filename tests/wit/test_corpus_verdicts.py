"""The WIT resolver against wasm-tools' verdicts on the real-world corpus.

Each case is resolved on its own (a package folder with its deps/, or one file),
with the features the manifest enables.  A case agrees when we report an error
exactly when wasm-tools did; cases whose foreign packages are not vendored must
produce nothing but missing-package diagnostics.  For cases wasm-tools rejects, one
of our errors must start on the line it names.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from support.corpus import CORPUS, select
from witsmith.diagnostics import Severity
from witsmith.features.wit.diagnostics import file_diagnostics
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.wit import WitWorkspace

# Cases where our error is on another line than wasm-tools', and why.  (None at present.)
LINE_DISAGREEMENTS: set[str] = set()
# Cases where our verdict differs from wasm-tools', and why.  (None at present.)
VERDICT_DISAGREEMENTS: set[str] = set()

ABSENT_DEPS = "not vendored"


def _cases():
    return select("wit", "valid", "syntax-error", "semantic-error")


@cache
def _errors(case_path: str):
    case = next(c for c in _cases() if c.path == case_path)
    settings = Settings(wit_features=frozenset(case.raw.get("features") or ()))
    # Read each case as wasm-tools does: without the wkg.toml overrides some wasmCloud
    # fixtures have (witsmith follows them by default and then finds those packages).
    workspace = WitWorkspace(FileStore(), ParseCache(), settings, project_files=False)
    workspace.add_root(case.location)
    return [d for path in workspace.files() for d in file_diagnostics(workspace, path)
            if d.severity == Severity.ERROR]


def _agrees(case) -> bool:
    errors = _errors(case.path)
    if ABSENT_DEPS in (case.raw.get("notes") or ""):
        return bool(errors) and all(d.code == "wit/missing-package" for d in errors)
    return (not errors) == case.raw["reference"]["ok"]


def _reference_line(case) -> int | None:
    match = re.search(r"-->\s*\S+?:(\d+):\d+", case.raw["reference"].get("detail", ""))
    return int(match.group(1)) if match else None


def _error_lines(case) -> set[int]:
    lines = set()
    for diagnostic in _errors(case.path):
        source = diagnostic.path.read_bytes()
        lines.add(source.count(b"\n", 0, diagnostic.start) + 1)
    return lines


def test_verdicts_agree_with_wasm_tools(corpus_root):
    cases = _cases()
    assert cases, f"no WIT cases in {CORPUS}"
    disagreements = sorted(c.path for c in cases if not _agrees(c))
    print(f"\ncorpus: verdict agrees on {len(cases) - len(disagreements)} of {len(cases)} "
          f"({1 - len(disagreements) / len(cases):.1%})", *disagreements, sep="\n  ")
    assert set(disagreements) <= VERDICT_DISAGREEMENTS, disagreements
    assert 1 - len(disagreements) / len(cases) >= 0.99


def test_errors_start_on_the_reference_line(corpus_root):
    rejected = [c for c in _cases() if not c.raw["reference"]["ok"]
                and ABSENT_DEPS not in (c.raw.get("notes") or "") and _reference_line(c) is not None]
    misses = sorted(c.path for c in rejected if _reference_line(c) not in _error_lines(c))
    print(f"\ncorpus: error on wasm-tools' line in {len(rejected) - len(misses)} of {len(rejected)} "
          f"({1 - len(misses) / len(rejected):.1%})", *misses, sep="\n  ")
    assert set(misses) <= LINE_DISAGREEMENTS, misses
    assert 1 - len(misses) / len(rejected) >= 0.95


@pytest.mark.parametrize("case", [c for c in _cases() if ABSENT_DEPS in (c.raw.get("notes") or "")],
                         ids=lambda c: c.path)
def test_absent_dependencies_give_one_diagnostic_per_package(corpus_root, case):
    errors = _errors(case.path)
    labels = [re.search(r"`([^`]+)`", d.message).group(1) for d in errors]
    assert labels and len(labels) == len(set(labels))
    missing = re.search(r"package '([^']+)' not found", case.raw["reference"]["message"]).group(1)
    assert missing in labels
