"""The resolve benchmark produces well-formed rows (on a small workspace; no times asserted)."""

from __future__ import annotations

from benchmarks import smithy_resolve


def test_rows_have_the_shared_keys(monkeypatch):
    monkeypatch.setattr(smithy_resolve, "NAMESPACES", 3)
    monkeypatch.setattr(smithy_resolve, "FILES_PER_NAMESPACE", 5)
    rows = smithy_resolve.run()
    assert len(rows) == 3
    for row in rows:
        assert set(row) == {"benchmark", "value", "unit", "target", "met", "detail"}
    assert rows[1]["detail"]["files_re_resolved"] == 1
    # The shared file of a namespace is used by its own leaves and by the previous namespace's.
    assert rows[2]["detail"]["files_re_resolved"] == 1 + 4 + 4
