"""The benchmark inputs are valid sources, so the figures measure the normal path."""

from benchmarks.generators import smithy_model, wit_package
from witsmith.syntax import parse, syntax_problems


def test_generated_smithy_model_parses_cleanly():
    source = smithy_model(2_000, seed=3)
    assert source == smithy_model(2_000, seed=3), "the generator is not deterministic"
    assert list(syntax_problems(parse("smithy", source.encode()).root)) == []


def test_generated_wit_package_parses_cleanly():
    source = wit_package(2_000, seed=3)
    assert source == wit_package(2_000, seed=3), "the generator is not deterministic"
    assert list(syntax_problems(parse("wit", source.encode()).root)) == []


def test_generated_wit_interface_is_one_valid_interface(tmp_path):
    from benchmarks.generators import wit_interface
    from witsmith.features.diagnostics import file_diagnostics
    from witsmith.workspace.project import Workspace

    source = wit_interface(1_000, seed=3)
    assert source == wit_interface(1_000, seed=3), "the generator is not deterministic"
    assert source.count("interface ") == 1 and len(source.splitlines()) >= 1_000
    path = tmp_path / "big.wit"
    path.write_text(source)
    workspace = Workspace()
    workspace.add_paths([path])
    assert file_diagnostics(workspace, path) == []


def test_generated_smithy_project_checks_cleanly(tmp_path):
    from benchmarks import editor_timeline
    from witsmith.features.diagnostics import file_diagnostics
    from witsmith.workspace.project import Workspace

    editor_timeline.NAMESPACES, editor_timeline.FILES_PER_NAMESPACE = 3, 2
    try:
        opened = editor_timeline.smithy_project(tmp_path, seed=3)
    finally:
        editor_timeline.NAMESPACES, editor_timeline.FILES_PER_NAMESPACE = 60, 20
    workspace = Workspace()
    covered = workspace.add_paths([tmp_path])
    assert len(covered) == 6 and opened.parent.parent == tmp_path / "model"
    assert all(file_diagnostics(workspace, path) == [] for path in covered)
