"""Updating one file re-resolves only the files that depend on it (work is counted, not timed)."""

from __future__ import annotations

from smithy.helpers import codes, errors, workspace

LEAVES = 40


def _files() -> dict[str, str]:
    files = {"common.smithy": '$version: "2"\nnamespace example.common\nstring Id\nstring Name\n'}
    for index in range(LEAVES):
        uses_common = index < 5
        body = "    id: Id\n" if uses_common else "    n: Integer\n"
        header = "use example.common#Id\n" if uses_common else ""
        files[f"leaf{index}.smithy"] = f'$version: "2"\nnamespace example.leaf{index}\n{header}\nstructure Leaf{index} {{\n{body}}}\n'
    return files


def _resolved_by(ws, action) -> int:
    before = ws.stats["resolved_files"]
    action()
    return ws.stats["resolved_files"] - before


def test_changing_a_shared_file_re_resolves_only_its_dependents(tmp_path):
    ws = workspace(tmp_path, _files())
    common = tmp_path / "common.smithy"
    common.write_text('$version: "2"\nnamespace example.common\nstring Id\nstring Name\nstring Extra\n')
    affected: set = set()
    work = _resolved_by(ws, lambda: affected.update(ws.update(common)))
    assert work == 1 + 5
    assert affected == {common} | {tmp_path / f"leaf{i}.smithy" for i in range(5)}


def test_changing_a_leaf_re_resolves_only_itself(tmp_path):
    ws = workspace(tmp_path, _files())
    leaf = tmp_path / "leaf30.smithy"
    leaf.write_text('$version: "2"\nnamespace example.leaf30\nstructure Leaf30 { n: Long }\n')
    assert _resolved_by(ws, lambda: ws.update(leaf)) == 1


def test_removing_a_definition_reports_in_dependents_and_adding_it_back_clears(tmp_path):
    ws = workspace(tmp_path, _files())
    common = tmp_path / "common.smithy"
    leaf = tmp_path / "leaf0.smithy"
    common.unlink()
    assert leaf in ws.update(common)
    # The namespace is gone from the workspace altogether: one warning on the `use`.
    assert "smithy/namespace-not-loaded" in codes(ws, leaf)
    assert common not in ws.files()
    common.write_text('$version: "2"\nnamespace example.common\nstring Id\n')
    assert leaf in ws.update(common)
    assert errors(ws, leaf) == []


def test_new_file_resolves_a_dangling_reference(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\nstructure S { t: Thing }\n'})
    assert "smithy/unresolved-shape" in codes(ws, tmp_path / "a.smithy")
    new = tmp_path / "b.smithy"
    new.write_text('$version: "2"\nnamespace a\nstring Thing\n')
    work = _resolved_by(ws, lambda: ws.update(new))
    assert work == 2
    assert errors(ws, tmp_path / "a.smithy") == []


def test_open_buffer_is_read_instead_of_disk(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\nstructure S { t: String }\n'})
    path = tmp_path / "a.smithy"
    ws.files_store.set_buffer(path, b'$version: "2"\nnamespace a\nstructure S { t: Strng }\n')
    ws.update(path)
    assert "smithy/unresolved-shape" in codes(ws, path)


def test_a_workspace_copy_of_a_builtin_namespace_replaces_it(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": "namespace a\nuse org.wasmcloud.model#U32\nstructure S { n: U32 }\n"})
    path = tmp_path / "a.smithy"
    assert errors(ws, path) == []
    own = tmp_path / "model.smithy"
    own.write_text("namespace org.wasmcloud.model\nstring Other\n")
    assert path in ws.update(own)
    assert "smithy/unresolved-shape" in codes(ws, path)


def test_duplicate_across_files_updates_both(tmp_path):
    ws = workspace(tmp_path, {"one.smithy": '$version: "2"\nnamespace a\nstring Order\n'})
    two = tmp_path / "two.smithy"
    two.write_text('$version: "2"\nnamespace a\nstructure ORDER {}\n')
    assert tmp_path / "one.smithy" in ws.update(two)
    assert "smithy/duplicate-shape" in codes(ws, tmp_path / "one.smithy")


def test_a_changed_member_target_changes_the_verdicts_that_read_it(tmp_path):
    """Member targets are remembered between checks: a definition that changes kind must be seen."""
    ws = workspace(tmp_path, {
        "a.smithy": '$version: "2"\nnamespace a\nstructure S {\n    @length(min: 1)\n    t: Thing\n}\n',
        "b.smithy": '$version: "2"\nnamespace a\nstring Thing\n'})
    a, b = tmp_path / "a.smithy", tmp_path / "b.smithy"
    assert "smithy/trait-target" not in codes(ws, a)
    b.write_text('$version: "2"\nnamespace a\ninteger Thing\n')
    ws.update(b)
    assert "smithy/trait-target" in codes(ws, a)
    b.write_text('$version: "2"\nnamespace a\nblob Thing\n')
    ws.update(b)
    assert "smithy/trait-target" not in codes(ws, a)


# Versions of one file that add and take away what whole-model rules look for.
B_VERSIONS = [
    '$version: "2"\nmetadata suppressions = []\nnamespace b\nstring Plain\n',
    '$version: "2"\nnamespace b\noperation B {}\nresource R {}\n',
    '$version: "2"\nnamespace b\n@smithy.api#documentation("d")\n@deprecated\nstructure S {}\n',
    '$version: "2"\nmetadata x = 1\nnamespace b\n@documentation("d")\noperation B {}\n',
    '$version: "2"\nnamespace b\n',
]


def test_the_files_whole_model_rules_read_follow_every_edit(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nmetadata k = 1\nnamespace a\n@documentation("a")\nresource A {}\n',
                              "b.smithy": B_VERSIONS[-1]})
    b = tmp_path / "b.smithy"

    def expected():
        return ([s.path for s in ws.summaries() if s.metadata],
                {kind: [s.path for s in ws.summaries() if any(x.kind == kind for x in s.shapes)]
                 for kind in ("operation", "resource", "structure")},
                {name: [s.path for s in ws.summaries()
                        if any(t.id.text.rsplit("#", 1)[-1] == name for x in s.shapes for t in x.traits)]
                 for name in ("documentation", "deprecated")})

    def indexed():
        return ([s.path for s in ws.summaries_with_metadata()],
                {kind: [s.path for s in ws.summaries_with_shapes_of(kind)] for kind in ("operation", "resource", "structure")},
                {name: [s.path for s in ws.summaries_with_shape_trait(name)] for name in ("documentation", "deprecated")})

    for text in B_VERSIONS + B_VERSIONS[::-1]:
        b.write_text(text)
        ws.update(b)
        assert indexed() == expected(), text
    b.unlink()
    ws.update(b)
    assert indexed() == expected() == ([tmp_path / "a.smithy"], {"operation": [], "resource": [tmp_path / "a.smithy"],
                                                                 "structure": []},
                                       {"documentation": [tmp_path / "a.smithy"], "deprecated": []})


def test_an_input_taken_up_by_a_second_operation_elsewhere_is_reported_until_it_is_given_back(tmp_path):
    ws = workspace(tmp_path, {
        "a.smithy": '$version: "2"\nnamespace a\n@input\nstructure In {}\noperation A { input: In }\n',
        "b.smithy": '$version: "2"\nnamespace a\nstring Other\n'})
    a, b = tmp_path / "a.smithy", tmp_path / "b.smithy"
    assert codes(ws, a) == []
    b.write_text('$version: "2"\nnamespace a\noperation B { input: In }\n')
    ws.update(b)
    assert codes(ws, a) == ["smithy/input-output-reuse"]
    b.write_text('$version: "2"\nnamespace a\nstring Other\n')
    ws.update(b)
    assert codes(ws, a) == []


def test_loose_files_are_one_model_when_one_folder_holds_the_other(tmp_path):
    shape = '$version: "2"\nnamespace n{}\nstring S{}\n'
    ws = workspace(tmp_path, {"a/x.smithy": shape.format(1, 1), "a/b/y.smithy": shape.format(2, 2),
                              "a/bb/w.smithy": shape.format(3, 3), "c/z.smithy": shape.format(4, 4)})
    x, y, w, z = (tmp_path / name for name in ("a/x.smithy", "a/b/y.smithy", "a/bb/w.smithy", "c/z.smithy"))
    assert ws.one_model(x, y) and ws.one_model(y, x) and ws.one_model(x, w) and ws.one_model(x, x)
    assert not ws.one_model(y, w)  # `a/b` is no folder of `a/bb`, though its name is a prefix of it
    assert not ws.one_model(x, z) and not ws.one_model(z, y)


APPLYING_VERSIONS = [
    '$version: "2"\nnamespace b\nuse a#Base\n\nstructure B {\n    base: Base\n    other: a#Other\n}\n\napply a#Base @tags(["x"])\n',
    '$version: "2"\nnamespace b\nuse a#Base\n\nstructure B {\n    base: Base\n}\n\napply a#Other @tags(["y"])\napply B @documentation("d")\n',
    '$version: "2"\nnamespace b\n\nstructure B {\n    base: Missing\n    list: Strings\n}\n\nlist Strings { member: String }\n',
    '$version: "2"\nnamespace b\nuse a#Base\n\n@a#marker\nstructure B with [a#Mixin] {\n    base: Base\n}\n\napply a#Base @tags(["x"])\n',
    '$version: "2"\nnamespace b\n\nstructure B {}\n',
]


def _dependency_indexes(ws, root) -> tuple:
    def name(path) -> str:
        return path.relative_to(root).as_posix()

    def nonempty(index: dict) -> dict:
        return {(name(key) if not isinstance(key, str) else key): {p if isinstance(p, str) else name(p) for p in values}
                for key, values in index.items() if values}
    return (nonempty(ws._dependents), nonempty(ws._dependents_by_ns), nonempty(ws._reverse), nonempty(ws._applied_by),
            nonempty(ws._tried_by_file), nonempty(ws._targets_by_file),
            {name(path): [(r.reference.text, r.reference.start, r.target, r.tried) for r in resolved.references]
             for path, resolved in ws._resolved.items()})


def test_an_edited_files_resolution_leaves_the_indexes_a_fresh_workspace_would_have(tmp_path):
    a = ('$version: "2"\nnamespace a\nstructure Base {}\nstructure Other {}\n@trait\nstructure marker {}\n'
         '@mixin\nstructure Mixin {\n    m: String\n}\n')
    edited = tmp_path / "edited"
    ws = workspace(edited, {"a.smithy": a, "b.smithy": APPLYING_VERSIONS[0]})
    for number, text in enumerate(APPLYING_VERSIONS[1:] + APPLYING_VERSIONS[::-1]):
        (edited / "b.smithy").write_text(text)
        ws.update(edited / "b.smithy")
        fresh_root = tmp_path / f"fresh{number}"
        fresh = workspace(fresh_root, {"a.smithy": a, "b.smithy": text})
        assert _dependency_indexes(ws, edited) == _dependency_indexes(fresh, fresh_root), text
