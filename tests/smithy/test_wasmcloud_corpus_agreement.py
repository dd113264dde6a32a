"""`witsmith check` over wasmCloud's own repositories: no contradiction between rules.

No two diagnostics on one span, no advice that another rule then flags (an unused `use`
that a case-insensitive reference needs; `@n` on a union flagged as misplaced), and no
note about models witsmith has built in.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from support.corpus import CORPUS
from witsmith.cli import main

FOLDERS = sorted(CORPUS.glob("smithy/wasmcloud-*")) + sorted(CORPUS.glob("wit/wasmcloud"))


def _check(folder, capsys) -> list[dict]:
    main(["check", "--format", "json", "--allow-empty", str(folder)])
    return json.loads(capsys.readouterr().out)["diagnostics"]


@pytest.mark.skipif(not FOLDERS, reason="the corpus has no copy of wasmCloud's repositories (smithy/wasmcloud-*)")
@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_no_contradictions(folder, capsys):
    found = _check(folder, capsys)
    assert not [d for d in found if d["code"].endswith("internal-error")]
    spans = Counter((d["path"], json.dumps(d["range"], sort_keys=True)) for d in found)
    assert [span for span, count in spans.items() if count > 1] == []
    assert not [d for d in found if d["code"] == "smithy/models-not-loaded" and "wasmcloud-model" in d["message"]]
    for d in found:
        if d["code"] == "wasmcloud/trait-target":
            assert not d["message"].startswith("@n cannot be applied"), d
    # A `use` reported unused must not be the shape a case-insensitive reference resolves to.
    case_targets = {(d["path"], m.group(1)) for d in found if d["code"] == "wasmcloud/case-mismatch"
                    for m in [re.search(r"matches `([^`]+)`", d["message"])] if m}
    for d in found:
        if d["code"] == "smithy/unused-use":
            name = re.search(r"`[^`#]*#([^`]+)`", d["message"]).group(1)
            assert (d["path"], name) not in case_targets, d
    # Vendored packages are not the component's world.
    assert not [d for d in found if d["code"].startswith("wasmcloud/") and "/deps/" in d["path"]]
