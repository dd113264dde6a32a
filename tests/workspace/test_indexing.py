"""Summaries made in worker processes give the workspace exactly what parsing in-process gives."""

from __future__ import annotations

from pathlib import Path

from witsmith.features.diagnostics import file_diagnostics
from witsmith.workspace import indexing
from witsmith.workspace.indexing import SummaryPool, files_to_summarize
from witsmith.workspace.project import Workspace

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _write(root: Path) -> None:
    (root / "wit" / "deps" / "base").mkdir(parents=True)
    (root / "wit" / "api.wit").write_text(
        "package example:api;\n\ninterface api {\n    use example:base/kinds.{kind};\n    get: func() -> kind;\n"
        "    bad: func() -> nothing;\n}\n")
    (root / "wit" / "deps" / "base" / "kinds.wit").write_text("package example:base;\n\ninterface kinds {\n    enum kind { a }\n}\n")
    (root / "model.smithy").write_text('$version: "2"\nnamespace example\n\nstructure S {\n    a: Missing\n    b String\n}\n')


def _verdicts(workspace: Workspace) -> dict:
    return {path: file_diagnostics(workspace, path) for path in workspace.known_files()}


def test_pool_summaries_give_the_same_verdicts(tmp_path):
    _write(tmp_path)
    pool = SummaryPool(workers=1)
    hints = pool.summaries(files_to_summarize([tmp_path]))
    assert len(hints) == 3
    pooled = Workspace()
    pooled.take_summaries(hints)
    pooled.add_root(tmp_path)
    plain = Workspace()
    plain.add_root(tmp_path)
    assert _verdicts(pooled) == _verdicts(plain)
    assert any(d.code == "smithy/syntax-error" for d in _verdicts(pooled)[tmp_path / "model.smithy"])
    assert pooled.wit.counts.files_summarized == plain.wit.counts.files_summarized


def test_a_summary_of_other_bytes_is_not_used(tmp_path):
    _write(tmp_path)
    hints = SummaryPool(workers=1).summaries(files_to_summarize([tmp_path]))
    (tmp_path / "model.smithy").write_text('$version: "2"\nnamespace example\n\nstructure Changed {}\n')
    workspace = Workspace()
    workspace.take_summaries(hints)
    workspace.add_root(tmp_path)
    assert [s.name.text for s in workspace.smithy.summary(tmp_path / "model.smithy").shapes] == ["Changed"]


def test_without_worker_processes_files_are_parsed_in_process(tmp_path, monkeypatch):
    _write(tmp_path)

    def refuse(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(indexing, "ProcessPoolExecutor", refuse)
    assert SummaryPool(workers=1).summaries(files_to_summarize([tmp_path])) == {}


def test_a_closed_pool_starts_no_processes(tmp_path):
    _write(tmp_path)
    pool = SummaryPool(workers=1)
    pool.close()
    assert pool.summaries(files_to_summarize([tmp_path])) == {}
