from pathlib import Path

import pytest

from witsmith.diagnostics import Rule, Severity, report
from witsmith.settings import Settings, parse_severities

# Not registered: the registry holds only rules witsmith really reports.
EXAMPLE = Rule("test/example-rule", Severity.WARNING, "an example rule for the settings tests")


def test_severities_are_overridden_or_turned_off():
    diagnostics = [report(EXAMPLE, Path("a.wit"), 0, 1, "example")]
    assert Settings().apply(diagnostics)[0].severity is Severity.WARNING
    raised = Settings(severities=parse_severities({"test/example-rule": "error"}))
    assert raised.apply(diagnostics)[0].severity is Severity.ERROR
    assert Settings(severities=parse_severities({"test/example-rule": "off"})).apply(diagnostics) == []


def test_unknown_severity_names_are_refused_clearly():
    with pytest.raises(ValueError, match="unknown severity 'loud'"):
        parse_severities({"x": "loud"})
