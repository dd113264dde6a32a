"""Every Smithy model of the corpus, not only wasmCloud's, migrates without a crash to WIT
that witsmith's own checker finds free of errors (wasmCloud's models are also checked with
wasm-tools, in tests/cli/test_migrate_command.py)."""

from __future__ import annotations

import pytest

from support.corpus import CORPUS, cases
from witsmith.diagnostics import Severity
from witsmith.features.diagnostics import file_diagnostics
from witsmith.features.migration import migrate
from witsmith.workspace.project import Workspace


def units() -> list:
    found: dict = {}
    for case in cases():
        if case.lang in ("smithy", "smithy-json"):
            configs = case.raw.get("config") or []
            found.setdefault(CORPUS / configs[0] if configs else case.location, None)
    return list(found)


@pytest.mark.skipif(not units(), reason="the corpus (../shared/corpus) is absent")
def test_every_smithy_model_migrates_to_wit_without_errors(tmp_path):
    failures = []
    packages = 0
    for number, unit in enumerate(units()):
        workspace = Workspace()
        workspace.add_root(unit)
        root = unit.parent if unit.name in ("codegen.toml", "smithy-build.json") else unit
        files = [f for f in workspace.smithy.files() if f == root or root in f.parents]
        migration = migrate(workspace.smithy, files)
        for package in migration.packages:
            packages += 1
            out = tmp_path / str(number) / package.file_name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(package.text, encoding="utf-8")
            checker = Workspace()
            checker.add_root(out.parent)
            errors = [d.message for d in file_diagnostics(checker, out) if d.severity <= Severity.ERROR]
            if errors:
                failures.append(f"{unit.relative_to(CORPUS)} -> {package.package.id}: {errors[:3]}")
    assert packages > 0
    assert failures == []
