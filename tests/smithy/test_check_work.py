"""A large model's check does each piece of work once, not once per trait application
(work is counted, not timed)."""

from __future__ import annotations

from witsmith.features.smithy import selectors

from smithy.helpers import codes, diagnostics, workspace

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


def test_alike_members_share_one_selector_evaluation(tmp_path, monkeypatch):
    ws = workspace(tmp_path, {"model.smithy": _model()})
    evaluated: list[int] = []
    real = selectors.Evaluator._ends_at
    monkeypatch.setattr(selectors.Evaluator, "_ends_at",
                        lambda self, sequence, target, depth: (depth == 0 and target.member is not None
                                                               and evaluated.append(depth)) or real(self, sequence, target, depth))
    assert codes(ws, tmp_path / "model.smithy") == []
    # @required and @length on 60 alike members: a few evaluations, not one per member.
    assert 0 < len(evaluated) < 10


def test_members_that_differ_where_a_selector_looks_get_their_own_answers(tmp_path):
    traits = ('$version: "2"\nnamespace example.traits\n'
              "@trait(selector: \"structure > member[trait|required]\")\nstructure onRequired {}\n"
              "@trait(selector: \"structure[trait|sensitive] > member\")\nstructure inSensitive {}\n"
              "@trait(selector: \":test(member > string)\")\nstructure onStrings {}\n")
    lines = ['$version: "2"', "namespace example.work", "use example.traits#onRequired",
             "use example.traits#inSensitive", "use example.traits#onStrings", ""]
    for index in range(3):
        lines += ["@sensitive", f"structure Marked{index} {{", "    @required", "    @onRequired", "    @inSensitive",
                  "    @onStrings", "    a: String", "}",
                  f"structure Plain{index} {{", "    @onRequired", "    @inSensitive", "    @onStrings", "    a: Integer", "}"]
    ws = workspace(tmp_path, {"traits.smithy": traits, "model.smithy": "\n".join(lines) + "\n"})
    found = [d for d in diagnostics(ws, tmp_path / "model.smithy") if d.code == "smithy/trait-target"]
    # Each Plain structure's member breaks all three selectors; no Marked one breaks any.
    text = (tmp_path / "model.smithy").read_text()
    assert len(found) == 9
    assert all(text.rfind("structure Plain", 0, d.start) > text.rfind("structure Marked", 0, d.start) for d in found)
