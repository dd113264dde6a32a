"""Large JSON AST models are summarized once per content, whichever workspace asks."""

from __future__ import annotations

import json

from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.smithy import SmithyWorkspace, shared_summaries


def big_model(count: int) -> str:
    shapes = {f"example.big#S{i}": {"type": "structure", "members": {"name": {"target": "smithy.api#String"}},
                                    "traits": {"smithy.api#documentation": "x" * 200}} for i in range(count)}
    return json.dumps({"smithy": "2.0", "shapes": shapes}, indent=2)


def test_two_workspaces_share_one_summary_of_a_large_model_until_it_changes(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(big_model(1200))
    assert path.stat().st_size >= shared_summaries.MIN_BYTES
    first = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    first.add_root(tmp_path)
    second = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    second.add_root(tmp_path)
    assert first.summary(path) is second.summary(path)
    path.write_text(big_model(1201))
    second.update(path)
    assert second.summary(path) is not first.summary(path)
    assert second.shape("example.big#S1200") is not None and first.shape("example.big#S1200") is None


def test_small_models_are_not_kept(tmp_path):
    path = tmp_path / "small.json"
    path.write_text(big_model(2))
    first = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    first.add_root(tmp_path)
    second = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    second.add_root(tmp_path)
    assert first.summary(path) is not second.summary(path)
