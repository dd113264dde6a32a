"""Every real model the reference tools accept parses cleanly; most broken ones do not.

The reference tools' verdicts come from the corpus manifest.  Syntax-error cases
our grammar accepts must be listed, with the reason, in the grammar's
``test/syntax-error-exceptions.txt``; the list is checked both ways so it stays true.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.corpus import CORPUS, REPO, select, source_files
from witsmith.syntax import parse, syntax_problems

# The share of syntax-error cases each grammar must reject (the targets).
REQUIRED_DETECTION = {"smithy": 0.90, "wit": 0.95}


def first_problem(lang: str, path: Path) -> str | None:
    tree = parse(lang, path.read_bytes())
    for problem in syntax_problems(tree.root, limit=1):
        row, column = problem.start_point
        return f"{path.relative_to(CORPUS)}:{row + 1}:{column + 1}: {problem.message}"
    return None


def ids(paths: list[Path]) -> list[str]:
    return [str(path.relative_to(CORPUS)) for path in paths]


SMITHY_ACCEPTED = source_files("smithy", "valid", "semantic-error")
WIT_VALID = source_files("wit", "valid")


@pytest.mark.parametrize("path", SMITHY_ACCEPTED, ids=ids(SMITHY_ACCEPTED))
def test_smithy_model_parses_without_errors(corpus_root, path):
    assert first_problem("smithy", path) is None


@pytest.mark.parametrize("path", WIT_VALID, ids=ids(WIT_VALID))
def test_valid_wit_file_parses_without_errors(corpus_root, path):
    assert first_problem("wit", path) is None


def read_exceptions(lang: str) -> dict[str, str]:
    listing = REPO / "grammars" / lang / "test" / "syntax-error-exceptions.txt"
    exceptions = {}
    if listing.is_file():
        for line in listing.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                path, _, reason = line.partition("\t")
                assert reason.strip(), f"{listing.name}: {path} has no reason"
                exceptions[path.strip()] = reason.strip()
    return exceptions


@pytest.mark.parametrize("lang", ["smithy", "wit"])
def test_syntax_error_cases_are_rejected(corpus_root, lang):
    cases = select(lang, "syntax-error")
    assert cases, f"the manifest has no {lang} syntax-error cases"
    undetected = {
        case.path
        for case in cases
        if all(first_problem(lang, path) is None for path in case.source_files())
    }
    exceptions = read_exceptions(lang)

    unexplained = sorted(undetected - exceptions.keys())
    assert not unexplained, f"accepted without a listed reason: {unexplained}"
    stale = sorted(exceptions.keys() - undetected)
    assert not stale, f"listed as accepted but now rejected (remove them from the list): {stale}"

    detected = len(cases) - len(undetected)
    assert detected / len(cases) >= REQUIRED_DETECTION[lang], (
        f"{lang}: {detected} of {len(cases)} syntax-error cases rejected"
    )
