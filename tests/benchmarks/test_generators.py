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
