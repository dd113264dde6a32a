"""The checker over every Smithy case of the shared corpus (IDL and JSON AST).

Valid cases get no error; syntax-error and semantic-error cases in the areas
witsmith covers (shape resolution, duplicates, trait values and selectors,
mixins, members, versions, JSON AST structure) get at least one.  Cases outside
those areas are listed with the reason, matched on the expected message.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from support.corpus import CORPUS, CorpusCase, select
from witsmith.diagnostics import Severity
from witsmith.features.smithy.diagnostics import file_diagnostics
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.smithy import SmithyWorkspace

# Expected-message patterns of Smithy validators witsmith does not implement, with the reason.
OUT_OF_SCOPE: list[tuple[str, str]] = [
    (r"NoLengthTraits", "the `EmitNoneSelector` linter is not run"),
]

# Valid cases whose `requires` put alternative models of one service together.
VALID_EXCEPTIONS = {
    "smithy/smithy-rs/codegen-core/common-test-models/pokemon-awsjson.smithy":
        "its `requires` list pokemon.smithy, another model of the same service (smithy-rs builds them separately), "
        "so both define PokemonService differently",
}


@cache
def _errors(case: CorpusCase) -> tuple[str, ...]:
    workspace = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    for relative in [case.path, *case.raw.get("requires", []), *case.raw.get("config", [])]:
        workspace.add_root(CORPUS / relative)
    return tuple(f"{d.code}: {d.message}" for d in file_diagnostics(workspace, CORPUS / case.path)
                 if d.severity == Severity.ERROR)


def _reason_out_of_scope(case: CorpusCase) -> str | None:
    text = "\n".join(case.raw.get("expected_messages", []))
    for pattern, reason in OUT_OF_SCOPE:
        if re.search(pattern, text):
            return reason
    return None


def _cases(*expects: str) -> list[CorpusCase]:
    return select("smithy", *expects) + select("smithy-json", *expects)


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda c: c.path)
def test_valid_case_has_no_error(corpus_root, case):
    if case.path in VALID_EXCEPTIONS:
        pytest.skip(VALID_EXCEPTIONS[case.path])
    assert _errors(case) == ()


@pytest.mark.parametrize("case", _cases("syntax-error", "semantic-error"), ids=lambda c: c.path)
def test_invalid_case_in_scope_has_an_error(corpus_root, case):
    errors = _errors(case)
    assert not [e for e in errors if e.startswith("smithy/internal-error")], errors
    reason = _reason_out_of_scope(case)
    if reason is not None and not errors:
        pytest.skip(f"a Smithy validator witsmith does not implement: {reason}")
    assert errors, f"expected an error like {case.raw.get('expected_messages', [])[:1]}"


@pytest.mark.parametrize("case", [c for c in _cases("valid") if "/wasmcloud-" in c.path], ids=lambda c: c.path)
def test_wasmcloud_cases_resolve_completely(corpus_root, case):
    workspace = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    for relative in [case.path, *case.raw.get("requires", []), *case.raw.get("config", [])]:
        workspace.add_root(CORPUS / relative)
    resolved = workspace.resolved(CORPUS / case.path)
    unresolved = [r.reference.text for r in resolved.references
                  if r.target is None and r.reference.role != "idref" and r.reference.text.lower() != "u64"
                  and r.reference.text not in ("u32", "u8")]
    assert unresolved == []
    assert _errors(case) == ()


def test_corpus_figures(corpus_root):
    """Not a threshold: prints the figures the issue asks for (run with -s)."""
    valid = _cases("valid")
    invalid = _cases("syntax-error", "semantic-error")
    flagged = sum(1 for c in invalid if _errors(c))
    clean = sum(1 for c in valid if not _errors(c))
    print(f"\nsmithy corpus: {clean}/{len(valid)} valid cases without error, "
          f"{flagged}/{len(invalid)} invalid cases with at least one error")
    assert clean >= len(valid) - len(VALID_EXCEPTIONS)
