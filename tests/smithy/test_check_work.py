"""A large model's check does each piece of work once, not once per trait application
(work is counted, not timed)."""

from __future__ import annotations

from witsmith.features.smithy import selectors

from smithy.helpers import codes, workspace

SHAPES = 60


def _model(shapes: int = SHAPES) -> str:
    lines = ['$version: "2"', "namespace example.work", ""]
    for index in range(shapes):
        lines += [f"@documentation(\"shape {index}\")", "@sensitive",
                  f"structure S{index} {{", "    @required", "    @length(min: 1)", "    a: String", "}", ""]
    return "\n".join(lines)


def test_each_selector_is_parsed_once_however_often_its_trait_is_applied(tmp_path, monkeypatch):
    ws = workspace(tmp_path, {"model.smithy": _model()})
    parsed: list[str] = []
    real_parse = selectors.parse
    monkeypatch.setattr(selectors, "_PARSED", {})
    monkeypatch.setattr(selectors, "parse", lambda text: parsed.append(text) or real_parse(text))
    assert codes(ws, tmp_path / "model.smithy") == []
    # Four traits applied 60 times each, and the default assignment rule: a handful of selectors.
    assert 0 < len(parsed) == len(set(parsed)) <= 6
    codes(ws, tmp_path / "model.smithy")
    assert len(parsed) == len(set(parsed))


def test_unsupported_selectors_stay_unsupported_when_remembered(monkeypatch):
    monkeypatch.setattr(selectors, "_PARSED", {})
    for _ in range(2):
        try:
            selectors.parsed("structure ~> member")
        except selectors.Unsupported:
            continue
        raise AssertionError("an unsupported selector was accepted")


def test_trait_ids_are_resolved_once_per_file_not_per_lookup(tmp_path):
    small = workspace(tmp_path / "small", {"model.smithy": _model(10)})
    large = workspace(tmp_path / "large", {"model.smithy": _model(100)})
    for ws, root in ((small, tmp_path / "small"), (large, tmp_path / "large")):
        before = ws.stats["resolutions computed"]
        assert codes(ws, root / "model.smithy") == []
        ws.stats["check resolutions"] = ws.stats["resolutions computed"] - before
    # Ten times the shapes: the distinct names written in the file grow, the trait ids do not.
    per_shape_small = small.stats["check resolutions"] / 10
    per_shape_large = large.stats["check resolutions"] / 100
    assert per_shape_large <= per_shape_small
    assert large.stats["check resolutions"] < 100 * 5  # fewer than one per trait application


def test_a_removed_trait_definition_is_noticed_after_remembered_resolutions(tmp_path):
    ws = workspace(tmp_path, {
        "traits.smithy": '$version: "2"\nnamespace example.traits\n@trait\nstructure marker {}\n',
        "model.smithy": '$version: "2"\nnamespace example.work\nuse example.traits#marker\n@marker\nstructure S {}\n',
    })
    model = tmp_path / "model.smithy"
    assert codes(ws, model) == []
    (tmp_path / "traits.smithy").write_text('$version: "2"\nnamespace example.traits\nstring other\n')
    ws.update(tmp_path / "traits.smithy")
    assert codes(ws, model) != []
    (tmp_path / "traits.smithy").write_text('$version: "2"\nnamespace example.traits\n@trait\nstructure marker {}\n')
    ws.update(tmp_path / "traits.smithy")
    assert codes(ws, model) == []
