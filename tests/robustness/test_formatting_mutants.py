"""Formatting seeded mutants of valid corpus files: a safe result or a clear refusal, never a crash."""

from __future__ import annotations

import random

import pytest

from support.corpus import source_files
from witsmith.features.formatting import FormatError, format_text
from witsmith.syntax import parse

MUTANTS_PER_LANGUAGE = 150


def _mutants(lang_id: str, seed: int):
    files = source_files(lang_id, "valid")
    rng = random.Random(seed)
    for _ in range(MUTANTS_PER_LANGUAGE if files else 0):
        text = rng.choice(files).read_text(encoding="utf-8")
        if not text:
            continue
        start = rng.randrange(len(text))
        end = min(len(text), start + rng.randrange(1, 12))
        choice = rng.random()
        if choice < 0.4:
            text = text[:start] + text[end:]  # a deletion
        elif choice < 0.7:
            text = text[:start] + rng.choice(["\n", " ", "//", "/// x\n", ",", "\n\n", "\t"]) + text[start:]
        else:
            text = text[:start] + text[start:end][::-1] + text[end:]  # a shuffle
        yield text


@pytest.mark.parametrize("lang_id", ["smithy", "wit"])
def test_mutants_format_safely_or_are_refused(lang_id):
    if not source_files(lang_id, "valid"):
        pytest.skip("the shared corpus is not present")
    refused = formatted = 0
    for text in _mutants(lang_id, seed=11):
        try:
            once = format_text(lang_id, text)
        except FormatError as error:
            assert str(error), "a refusal says why"
            refused += 1
            continue
        formatted += 1
        assert not parse(lang_id, once.encode("utf-8")).has_errors
        assert format_text(lang_id, once) == once
    assert formatted, "some mutants stay valid and are formatted"
