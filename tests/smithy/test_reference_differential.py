"""witsmith against Smithy's own validator, model by model.

Both check the Smithy cases of the shared corpus (those that need no Maven models beyond
the ones the reference bundles) and seeded mutants of its valid IDL models, each with one
common mistake.  Verdicts are compared (any ERROR or DANGER event against any witsmith
error), then, where both find an error, whether witsmith has one on the reference's first
error line.  The figures and every disagreement are printed (run with -s); the thresholds
asserted are the ones reached, so a regression fails and an improvement can raise them.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from support.corpus import CORPUS, CorpusCase, cases
from support.smithy_mutants import mutants
from support.smithy_reference import (
    Model,
    errors_of,
    first_error_line,
    lines_of,
    needs_only_bundled_models,
    run_reference,
    scratch_folder,
    unavailable_reason,
)
from witsmith.diagnostics import Severity
from witsmith.features.smithy.diagnostics import file_diagnostics
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.smithy import SmithyWorkspace

SEED = "witsmith-smithy-mutants-1"

# Ratchets: the agreement reached; raise them as witsmith improves, never lower them silently.
# The first-line figure is over the cases where both find an error.  witsmith shows each diagnostic
# where Smithy puts its event (the trait application, the shape, the token its parser stops at), so
# a new rule that points at the offending value where Smithy points at the shape makes it dip.
MIN_CORPUS_VERDICTS = 0.99
MIN_CORPUS_FIRST_LINES = 0.97
MIN_MUTANT_VERDICTS = 1.0
MIN_MUTANT_FIRST_LINES = 0.97
MAX_ERRORS_ON_VALID = 0


@dataclass
class Checked:
    model: Model
    config: tuple[Path, ...]
    kind: str  # "corpus" or the mutation's name
    witsmith_lines: set[int] | None = None  # lines of witsmith's errors in the main file
    origin: Model | None = None  # for a mutant: the model it was made from

    @property
    def reference_fails(self) -> bool:
        return bool(errors_of(self.model))

    @property
    def witsmith_fails(self) -> bool:
        return bool(self.witsmith_lines)


def _case_model(case: CorpusCase) -> Checked:
    others = tuple(CORPUS / p for p in case.raw.get("requires", []) if p.endswith((".smithy", ".json")))
    config = tuple(CORPUS / p for p in case.raw.get("config", []))
    return Checked(Model(case.path, CORPUS / case.path, others), config, "corpus")


def _witsmith_lines(checked: Checked) -> set[int]:
    workspace = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    for path in (*checked.model.files(), *checked.config):
        workspace.add_root(path)
    source = checked.model.main.read_bytes()
    return lines_of(source, (d.start for d in file_diagnostics(workspace, checked.model.main)
                             if d.severity == Severity.ERROR))


def _lints_for_absence(case: CorpusCase) -> bool:
    """An `EmitNoneSelector` linter's verdict depends on every shape of the model, and the reference
    always loads the trait packages it bundles: their shapes match selectors the case's own do not."""
    return b"EmitNoneSelector" in (CORPUS / case.path).read_bytes()


@cache
def _differential() -> tuple[list[Checked], list[Checked]]:
    # The weld dialect (wasmCloud 0.x IDL 1.0, read by atelier) differs from Smithy on purpose:
    # its trait definitions use selectors Smithy rejects, so Smithy resolves none of its traits.
    corpus = [_case_model(case) for case in cases()
              if case.lang in ("smithy", "smithy-json") and needs_only_bundled_models(case.raw)
              and "/wasmcloud-" not in case.path and not _lints_for_absence(case)]
    scratch = scratch_folder()
    generated: list[Checked] = []
    for index, checked in enumerate(c for c in corpus if c.model.main.suffix == ".smithy"):
        text = checked.model.main.read_text(encoding="utf-8")
        for number, mutant in enumerate(mutants(text, f"{SEED}:{checked.model.name}")):
            folder = scratch / "mutants" / f"{index:04d}-{number}"
            folder.mkdir(parents=True)
            main = folder / checked.model.main.name
            main.write_text(mutant.text, encoding="utf-8")
            model = Model(f"{checked.model.name} [{mutant.kind}]", main, checked.model.others)
            generated.append(Checked(model, checked.config, mutant.kind, origin=checked.model))
    try:
        run_reference([c.model for c in (*corpus, *generated)], scratch / "reference")
        for checked in (*corpus, *generated):
            checked.witsmith_lines = _witsmith_lines(checked)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    # A mutant counts only when the model it was made from is valid for the reference.
    generated = [c for c in generated if c.origin is not None and not errors_of(c.origin)]
    return corpus, generated


@pytest.fixture(scope="module")
def differential(corpus_root):
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    return _differential()


def _describe(checked: Checked) -> str:
    reference = errors_of(checked.model)
    if reference:
        first = reference[0]
        return f"{checked.model.name}: reference {first.id} line {first.line}: {first.message[:140]!r}"
    return f"{checked.model.name}: witsmith errors on lines {sorted(checked.witsmith_lines or ())}, reference none"


def _figures(title: str, checked: list[Checked]) -> tuple[float, float]:
    agree = [c for c in checked if c.reference_fails == c.witsmith_fails]
    both = [c for c in checked if c.reference_fails and c.witsmith_fails and first_error_line(c.model)]
    on_line = [c for c in both if first_error_line(c.model) in (c.witsmith_lines or ())]
    verdicts = len(agree) / len(checked) if checked else 1.0
    lines = len(on_line) / len(both) if both else 1.0
    print(f"\n{title}: verdicts agree on {len(agree)}/{len(checked)} ({verdicts:.1%}); "
          f"first error line on {len(on_line)}/{len(both)} ({lines:.1%})")
    by_id: dict[str, int] = {}
    for c in checked:
        if c.reference_fails != c.witsmith_fails:
            key = errors_of(c.model)[0].id if c.reference_fails else "witsmith-only"
            by_id[key] = by_id.get(key, 0) + 1
    print("  verdict misses by reference event id: "
          + ", ".join(f"{k} {v}" for k, v in sorted(by_id.items(), key=lambda kv: -kv[1])))
    for c in checked:
        if c.reference_fails != c.witsmith_fails:
            print("  verdict  " + _describe(c))
    for c in both:
        if c not in on_line:
            print(f"  line     {_describe(c)}; witsmith on {sorted(c.witsmith_lines or ())[:5]}")
    return verdicts, lines


def test_corpus_agrees_with_the_reference(differential):
    corpus, _ = differential
    verdicts, lines = _figures("smithy corpus vs reference", corpus)
    assert verdicts >= MIN_CORPUS_VERDICTS
    assert lines >= MIN_CORPUS_FIRST_LINES


def test_no_witsmith_error_on_models_the_reference_accepts(differential):
    corpus, _ = differential
    false_errors = [_describe(c) for c in corpus if c.witsmith_fails and not c.reference_fails]
    assert len(false_errors) <= MAX_ERRORS_ON_VALID, false_errors


def test_mutants_agree_with_the_reference(differential):
    _, generated = differential
    verdicts, lines = _figures("smithy mutants vs reference", generated)
    by_kind: dict[str, list[int]] = {}
    for c in generated:
        tally = by_kind.setdefault(c.kind, [0, 0])
        tally[0] += c.reference_fails == c.witsmith_fails
        tally[1] += 1
    print("  by mutation: " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in sorted(by_kind.items())))
    assert generated, "no mutant was generated"
    assert verdicts >= MIN_MUTANT_VERDICTS
    assert lines >= MIN_MUTANT_FIRST_LINES
