"""Every rule witsmith reports has a page that explains it with an example and the fix."""

from __future__ import annotations

import pytest

import witsmith.features.diagnostics  # noqa: F401  (declares every rule)
from support.corpus import REPO
from witsmith.diagnostics import RULES


def test_there_are_rules_for_both_languages():
    prefixes = {code.split("/")[0] for code in RULES}
    assert {"smithy", "wit"} <= prefixes


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_a_page(code):
    page = REPO / RULES[code].doc_path
    assert page.is_file(), f"{code}: write {RULES[code].doc_path}"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# {code}"), f"{page.name}: the page starts with '# {code}'"
    assert "```" in text, f"{code}: the page needs an example"
    assert "fix" in text.lower(), f"{code}: the page needs to say how to fix it"
