"""Summaries cross from worker processes pickled: every summary class pickles as a call
with its fields, and what arrives is what was sent, for every file of the corpus."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from support.corpus import source_files
from witsmith.model.smithy import summarize_ast
from witsmith.model.smithy import summary as smithy_summary
from witsmith.model.wit import summary as wit_summary
from witsmith.workspace.indexing import summarize_file

SUMMARY_MODULES = (smithy_summary, wit_summary)


def _summary_classes() -> list[type]:
    return [value for module in SUMMARY_MODULES for value in vars(module).values()
            if dataclasses.is_dataclass(value) and isinstance(value, type) and value.__module__ == module.__name__]


@pytest.mark.parametrize("cls", _summary_classes(), ids=lambda cls: f"{cls.__module__.split('.')[-2]}.{cls.__name__}")
def test_every_summary_class_pickles_as_a_call_with_its_fields(cls):
    # The generated __getstate__/__setstate__ of slotted dataclasses take twice as long.
    assert cls.__reduce__ is not object.__reduce__


def _plain(value: object) -> object:
    """The value as nested tuples (WIT's bodies compare by identity, not by fields)."""
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, *(_plain(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, *map(_plain, value))
    return value


def _round_trip(summary: object) -> None:
    arrived = pickle.loads(pickle.dumps(summary))
    assert type(arrived) is type(summary)
    assert _plain(arrived) == _plain(summary)


def test_a_small_model_and_package_arrive_whole(tmp_path):
    model = tmp_path / "model.smithy"
    model.write_text('$version: "2"\nnamespace example\n\n/// Docs.\n@length(min: 1)\nstring Name\n\n'
                     'structure S with [M] {\n    @required\n    name: Name = "x"\n}\n\n@mixin\nstructure M {}\n'
                     'apply S @tags(["a"])\n')
    package = tmp_path / "api.wit"
    package.write_text("package example:api@1.0.0;\n\n/// Docs.\ninterface api {\n    use types.{kind};\n"
                       "    record r { a: list<option<u32>> }\n    get: func(k: kind) -> result<r, string>;\n}\n\n"
                       "world w {\n    import api;\n    export run: func();\n}\n")
    for path in (model, package):
        _, _, summary = summarize_file(str(path))
        assert summary is not None
        _round_trip(summary)
    (shape,) = [s for s in pickle.loads(pickle.dumps(summarize_file(str(model))[2])).shapes if s.name.text == "S"]
    assert [m.name.text for m in shape.members] == ["name"] and shape.mixins[0].text == "M"


def test_a_json_model_with_ranges_found_late_arrives_with_its_ranges(tmp_path):
    source = b'{"smithy": "2.0", "shapes": {"example#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}}}}'
    summary = summarize_ast(tmp_path / "model.json", source)
    arrived = pickle.loads(pickle.dumps(summary))
    assert arrived == summary
    member = arrived.shapes[0].members[0]
    assert source[member.name.start:member.name.end] == b"a"


@pytest.mark.parametrize("path", source_files("smithy", "valid", "syntax-error", "semantic-error")
                         + source_files("wit", "valid", "syntax-error", "semantic-error"), ids=str)
def test_corpus_summaries_arrive_as_sent(path: Path):
    _, _, summary = summarize_file(str(path))
    if summary is not None:
        _round_trip(summary)
