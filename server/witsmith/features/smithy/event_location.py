"""Where a diagnostic goes: where Smithy's validator puts the matching event.

Smithy reports a trait validator's event at the trait application, and a shape's problem
at the shape, even when the fault is one value deep inside.  witsmith shows the diagnostic
on the same line, on a short meaningful range (`@trait`, the shape's name), names the
offending value in the message, and points at it as related information.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Fix, Location, Related, Rule, report
from witsmith.model.smithy import Shape, TraitUse


def _related(path: Path, value, note: str | None) -> tuple[Related, ...]:
    if value is None or note is None:
        return ()
    return (Related(Location(path, value.start, value.end), note),)


def at_trait(rule: Rule, path: Path, trait: TraitUse, message: str, *, value=None, note: str | None = None,
             fixes: tuple[Fix, ...] = ()) -> Diagnostic:
    """On the trait application's name (`@cors`; the trait's key in a JSON model)."""
    return report(rule, path, trait.start, max(trait.start, trait.id.end), message,
                  related=_related(path, value, note), fixes=fixes)


def at_shape(rule: Rule, path: Path, shape: Shape, message: str, *, value=None, note: str | None = None,
             fixes: tuple[Fix, ...] = ()) -> Diagnostic:
    """On the shape's name."""
    return report(rule, path, shape.name.start, shape.name.end, message,
                  related=_related(path, value, note), fixes=fixes)
