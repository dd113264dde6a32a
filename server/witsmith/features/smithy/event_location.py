"""Where a diagnostic goes: where Smithy's validator puts the matching event.

Smithy reports a trait validator's event at the trait application, and a shape's problem
at the shape, even when the fault is one value deep inside.  witsmith shows the diagnostic
on the same line, on a short meaningful range (`@trait`, the shape's name), names the
offending value in the message, and points at it as related information.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, Fix, Location, Related, Rule, report
from witsmith.model.smithy import FileSummary, Reference, Shape, TraitUse


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


# Relationships Smithy's validators report on the shape that holds them, not on the written id.
HELD_BY_SHAPE = frozenset({"input", "output", "error", "operation", "resource", "lifecycle", "mixin", "for",
                           "identifier"})


def holder(summary: FileSummary, ref: Reference, roles: frozenset[str] = HELD_BY_SHAPE) -> Shape | None:
    """The shape of this file whose relationship `ref` is, when Smithy reports on that shape."""
    if ref.role not in roles or not ref.owner or "$" in ref.owner:
        return None
    return next((shape for shape in summary.shapes if summary.absolute_id(shape) == ref.owner), None)


def at_holder(rule: Rule, path: Path, summary: FileSummary, ref: Reference, message: str, *,
              related: tuple[Related, ...] = (), fixes: tuple[Fix, ...] = (),
              roles: frozenset[str] = HELD_BY_SHAPE) -> Diagnostic:
    """On the name of the shape holding the relationship (the written id is related); on the id otherwise."""
    shape = holder(summary, ref, roles)
    name = shape.name if shape is not None else None
    if name is None and ref.role == "target" and ref.owner and summary.format != "idl":
        name = defined_name(summary, ref.owner)  # a JSON member's target sits on a line of its own
    if name is None:
        return report(rule, path, ref.start, ref.end, message, related=related, fixes=fixes)
    here = Related(Location(path, ref.start, ref.end), f"`{ref.text}` is named here")
    return report(rule, path, name.start, name.end, message, related=(here, *related), fixes=fixes)


def at_object(rule: Rule, path: Path, obj, head, message: str, *, value=None, note: str | None = None) -> Diagnostic:
    """On an object value's opening, through `head` (its identifying entry, such as an `id`): Smithy
    reports a metadata entry's problem at the object."""
    end = head.end if head is not None and head.end > obj.start else obj.start + 1
    return report(rule, path, obj.start, end, message, related=_related(path, value, note))


def defined_name(summary: FileSummary, owner: str):
    """The name span of the shape or member `owner` (an absolute id) when this file defines it."""
    shape_id, _, member_name = owner.partition("$")
    for shape in summary.shapes:
        if summary.absolute_id(shape) == shape_id:
            if not member_name:
                return shape.name
            member = shape.member(member_name)
            return member.name if member is not None else None
    return None
