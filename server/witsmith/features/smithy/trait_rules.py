"""Traits: where they may be applied (selectors) and whether their values fit their shapes.

Values are checked against the trait's own shape the way Smithy does: types,
required and unknown structure members, enum values, and the @length, @range
and @pattern constraints of the shapes and members involved.  Member default
values (`= value`) go through the same check.
"""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import defined_name
from witsmith.features.smithy.java_regex import java_regex_error
from witsmith.features.smithy.selectors import Evaluator, Target, Unsupported
from witsmith.model.smithy import FileSummary, Member, Node, TraitUse
from witsmith.model.smithy.ast_json import ABSOLUTE_ID
from witsmith.pacing import in_slices, pace
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

INT_BOUNDS = {"byte": (-2**7, 2**7 - 1), "short": (-2**15, 2**15 - 1), "integer": (-2**31, 2**31 - 1),
              "long": (-2**63, 2**63 - 1), "intEnum": (-2**31, 2**31 - 1), "bigInteger": (None, None)}
FLOAT_KINDS = ("float", "double", "bigDecimal")
MAX_DEPTH = 32


def _trait_selector(workspace: SmithyWorkspace, trait_def: ShapeDef) -> str | None:
    marker = workspace.has_trait(trait_def, "smithy.api#trait", trait_def.shape.traits)
    if marker is None:
        return None
    if marker.value is not None and marker.value.kind == "object":
        selector = marker.value.get("selector")
        if selector is not None and selector.kind == "string":
            return selector.value
    return "*"


def _target_of(workspace: SmithyWorkspace, summary: FileSummary, owner: str) -> Target | None:
    absolute = owner if "#" in owner else workspace.resolve_text(summary, owner)
    if absolute is None:
        return None
    shape_id, _, member_name = absolute.partition("$")
    shape_def = workspace.shape(shape_id)
    if shape_def is None:
        return None
    if member_name:
        found = workspace.member(shape_def, member_name)
        return Target(found[0], found[1]) if found is not None else None
    return Target(shape_def)


class ValueChecker:
    def __init__(self, workspace: SmithyWorkspace) -> None:
        self.workspace = workspace
        self.problems: list[tuple[int, int, str]] = []
        self.unknown_members: list[tuple[int, int, str]] = []
        self.out_of_range: list[tuple[int, int, str]] = []

    def fail(self, node: Node, message: str) -> None:
        self.problems.append((node.start, node.end, message))

    def check(self, shape: ShapeDef, member_traits: list[TraitUse], node: Node, where: str, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            return
        kind = shape.shape.kind
        if kind == "document":
            return
        if node.kind == "null":
            self.fail(node, f"{where} cannot be null: it must be a {kind} value")
            return
        if kind in ("string", "enum"):
            if node.kind not in ("string", "shape_id"):
                self.fail(node, f"{where} must be a string (for `{shape.id}`), not a {node.kind}")
                return
            if kind == "enum":
                values = [m.default.value if m.default is not None and m.default.kind == "string" else m.name.text
                          for _, m in self.workspace.all_members(shape)]
                if values and node.value not in values:
                    shown = ", ".join(f'"{v}"' for v in values[:8])
                    self.fail(node, f"{where} must be one of {shown}, not \"{node.value}\"")
                    return
            self._length(shape, member_traits, node, len(node.value), where)
            self._pattern(shape, member_traits, node, where)
            self._string_enum(shape, node, where)
        elif kind == "blob":
            if node.kind != "string":
                self.fail(node, f"{where} must be a string (a blob value), not a {node.kind}")
        elif kind == "boolean":
            if node.kind != "boolean":
                self.fail(node, f"{where} must be true or false, not a {node.kind}")
        elif kind == "timestamp":
            if node.kind not in ("string", "number"):
                self.fail(node, f"{where} must be a timestamp (a date-time string or epoch seconds), not a {node.kind}")
        elif kind in INT_BOUNDS or kind in FLOAT_KINDS:
            self._number(shape, member_traits, node, where)
        elif kind in ("list", "set"):
            if node.kind != "array":
                self.fail(node, f"{where} must be a list (for `{shape.id}`), not a {node.kind}")
                return
            self._length(shape, member_traits, node, len(node.items), where)
            found = self.workspace.member(shape, "member")
            if found is not None:
                target = self.workspace.member_target(*found)
                if target is not None:
                    for index, item in enumerate(node.items):
                        self.check(target, found[1].traits, item, f"{where}[{index}]", depth + 1)
        elif kind == "map":
            if node.kind != "object":
                self.fail(node, f"{where} must be an object (for the map `{shape.id}`), not a {node.kind}")
                return
            self._length(shape, member_traits, node, len(node.entries), where)
            found = self.workspace.member(shape, "value")
            if found is not None:
                target = self.workspace.member_target(*found)
                if target is not None:
                    for entry in node.entries:
                        self.check(target, found[1].traits, entry.value, f"{where}.{entry.key}", depth + 1)
        elif kind in ("structure", "union"):
            self._structure(shape, node, where, depth)

    def _structure(self, shape: ShapeDef, node: Node, where: str, depth: int) -> None:
        kind = shape.shape.kind
        if node.kind != "object":
            self.fail(node, f"{where} must be an object (for the {kind} `{shape.id}`), not a {node.kind}")
            return
        members = {m.name.text: (owner, m) for owner, m in self.workspace.all_members(shape)}
        for entry in node.entries:
            found = members.get(entry.key)
            if found is None:
                known = ", ".join(sorted(members)) or "none"
                self.unknown_members.append((entry.key_start, entry.key_end,
                                      f"`{entry.key}` is not a member of `{shape.id}` (its members: {known}); remove it or fix the name"))
                continue
            target = self.workspace.member_target(*found)
            if target is not None:
                self.check(target, found[1].traits, entry.value, f"`{entry.key}`", depth + 1)
        if kind == "union" and len(node.entries) != 1:
            self.fail(node, f"{where} must set exactly one member of the union `{shape.id}`")
            return
        given = {e.key for e in node.entries}
        missing = [name for name, (owner, m) in members.items() if name not in given
                   and self.workspace.has_trait(owner, "smithy.api#required", m.traits) is not None and m.default is None]
        if missing:
            self.fail(node, f"{where} is missing the required member{'s' if len(missing) > 1 else ''} "
                            f"{', '.join(f'`{m}`' for m in missing)} of `{shape.id}`")

    def _constraint(self, shape: ShapeDef, member_traits: list[TraitUse], trait_id: str) -> Node | None:
        for traits in (member_traits, shape.shape.traits):
            found = self.workspace.has_trait(shape, trait_id, traits)
            if found is not None and found.value is not None:
                return found.value
        return None

    def _length(self, shape: ShapeDef, member_traits: list[TraitUse], node: Node, size: int, where: str) -> None:
        length = self._constraint(shape, member_traits, "smithy.api#length")
        if length is None or length.kind != "object":
            return
        low, high = length.get("min"), length.get("max")
        if low is not None and low.kind == "number" and size < low.value:
            self.fail(node, f"{where} is too short: @length needs at least {low.value}, found {size}")
        if high is not None and high.kind == "number" and size > high.value:
            self.fail(node, f"{where} is too long: @length allows at most {high.value}, found {size}")

    def _pattern(self, shape: ShapeDef, member_traits: list[TraitUse], node: Node, where: str) -> None:
        pattern = self._constraint(shape, member_traits, "smithy.api#pattern")
        if pattern is None or pattern.kind != "string":
            return
        try:
            if re.search(pattern.value, node.value) is None:
                self.fail(node, f"{where} does not match the @pattern `{pattern.value}`")
        except re.error:
            pass  # Smithy patterns are ECMA-262; one Python cannot read is not the user's error here

    def _string_enum(self, shape: ShapeDef, node: Node, where: str) -> None:
        values = self.workspace.has_trait(shape, "smithy.api#enum", shape.shape.traits)
        if values is None or values.value is None or values.value.kind != "array":
            return
        allowed = [item.get("value").value for item in values.value.items
                   if item.kind == "object" and item.get("value") is not None]
        if allowed and node.value not in allowed:
            self.fail(node, f"{where} must be one of {', '.join(repr(a) for a in allowed[:8])}")

    def _number(self, shape: ShapeDef, member_traits: list[TraitUse], node: Node, where: str) -> None:
        kind = shape.shape.kind
        if kind in FLOAT_KINDS and node.kind == "string" and node.value in ("NaN", "Infinity", "-Infinity"):
            return
        if node.kind != "number":
            self.fail(node, f"{where} must be a number (a {kind}), not a {node.kind}")
            return
        value = node.value
        if kind in INT_BOUNDS:
            if isinstance(value, float) and not value.is_integer():
                self.fail(node, f"{where} must be a whole number (a {kind}), not {value}")
                return
            low, high = INT_BOUNDS[kind]
            if low is not None and not low <= value <= high:
                self.fail(node, f"{where} does not fit in a {kind} ({low} to {high})")
                return
        limits = self._constraint(shape, member_traits, "smithy.api#range")
        if limits is not None and limits.kind == "object":
            low, high = limits.get("min"), limits.get("max")
            if low is not None and low.kind == "number" and value < low.value:
                self.out_of_range.append((node.start, node.end, f"{where} is below the @range minimum {low.value}"))
            if high is not None and high.kind == "number" and value > high.value:
                self.out_of_range.append((node.start, node.end, f"{where} is above the @range maximum {high.value}"))


def traits(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    resolved = workspace.resolved(path)
    if resolved is None:
        return []
    result: list[Diagnostic] = []
    evaluator = Evaluator(workspace)
    strict = summary.idl_version == 2
    wasmcloud = workspace.is_wasmcloud(path)
    seen: dict[tuple[str, str], TraitUse] = {}
    passed: dict[tuple, ShapeDef] = {}
    # A file applies few distinct traits to many shapes, and several traits to each shape:
    # definitions, selectors and targets are looked up once per check.
    definitions: dict[str, tuple[ShapeDef | None, str | None, str]] = {}
    targets: dict[str, Target | None] = {}
    # A JSON model's @default is also its member's default value: checked once, for the trait and for `defaults`.
    checked_defaults: dict[tuple[int, int], tuple] = {}
    for trait, trait_id, owner in resolved.traits:
        pace()  # a large model's traits are checked a slice at a time where the caller asks for it
        if trait_id is None or trait.implicit:
            continue
        known = definitions.get(trait_id)
        if known is None:
            trait_def = workspace.shape(trait_id)
            known = definitions[trait_id] = (trait_def, _trait_selector(workspace, trait_def) if trait_def is not None else None,
                                             trait_id.split("#", 1)[1])
        trait_def, selector, name = known
        if trait_def is None:
            continue
        if selector is None:
            continue  # not a trait: reported by the resolution rules
        if owner in targets:
            target = targets[owner]
        else:
            target = targets[owner] = _target_of(workspace, summary, owner)
        if target is not None:
            key = (target.shape.id, target.member.name.text if target.member else None, trait_id)
            earlier = seen.get(key)
            if earlier is not None:
                where = key[0] + (f"${key[1]}" if key[1] is not None else "")
                same = (earlier.value.to_python() if earlier.value else None) == (trait.value.to_python() if trait.value else None)
                both_lists = trait_def.shape.kind in ("list", "set")
                if not same and not both_lists:
                    result.append(report(R.TRAIT_CONFLICT, path, trait.id.start, trait.id.end,
                                         f"@{name} is already applied to `{where}` with another value; keep one",
                                         related=(Related(Location(path, earlier.id.start, earlier.id.end), "first applied here"),)))
            seen.setdefault(key, trait)
            try:
                allowed = evaluator.matches(selector, target)
            except (Unsupported, RecursionError):
                allowed = True
            if not allowed and wasmcloud and trait_id == "org.wasmcloud.model#n" and target.member is not None \
                    and target.shape.shape.kind == "union":
                allowed = True  # weld numbers union variants with @n, whatever the copy of its model says
            if not allowed:
                what = f"the member `{target.member.name.text}`" if target.member else f"the {target.kind} `{target.shape.id}`"
                rule = R.WC_TRAIT_TARGET if wasmcloud else R.TRAIT_TARGET
                result.append(report(rule, path, trait.id.start, trait.id.end,
                                     f"@{name} cannot be applied to {what}: it only applies to shapes matching `{selector}`; "
                                     "remove it or move it to a matching shape"
                                     + (" (weld accepts this; Smithy's own tools reject it)" if wasmcloud else ""),
                                     related=(Related(Location(trait_def.path, trait_def.shape.name.start, trait_def.shape.name.end),
                                                      f"@{name} is defined here"),)))
        if trait_id == "smithy.api#default" and target is not None:
            result += _default_trait(workspace, path, target, trait, checked_defaults)
        else:
            result += _value(workspace, path, trait, trait_def, name, strict, wasmcloud, passed)
        if target is not None and trait_id in ("smithy.api#range", "smithy.api#length"):
            result += _constraint_definition(path, target, trait, name)
        if trait_id == "smithy.api#pattern":
            result += _pattern_compiles(path, trait)
    result += defaults(workspace, path, summary, checked_defaults)
    result += _default_assignments_allowed(workspace, path, summary, evaluator)
    result += conflicts(workspace, path, summary, resolved.traits)
    result += idrefs(workspace, path, summary, evaluator)
    return result


def _pattern_compiles(path: Path, trait: TraitUse) -> list[Diagnostic]:
    """Smithy compiles @pattern with Java's regular expressions; one that does not compile fails the build."""
    value = trait.value
    if value is None or value.kind != "string":
        return []
    problem = java_regex_error(value.value)
    if problem is None:
        return []
    return [report(R.INVALID_PATTERN, path, value.start, value.end,
                   f"the @pattern regular expression `{value.value}` does not compile: {problem}; "
                   "fix it (Smithy reads it as a Java regular expression)")]


def _default_trait(workspace: SmithyWorkspace, path: Path, target: Target, trait: TraitUse,
                   checked: dict[tuple[int, int], tuple] | None = None) -> list[Diagnostic]:
    if target.member is None:
        if trait.value is not None and trait.value.kind == "null":
            return [report(R.TRAIT_VALUE, path, trait.value.start, trait.value.end,
                           "only members can have a null default (it removes an inherited default); remove @default here")]
        return []
    if trait.value is None:
        return []
    return _default(workspace, path, target.shape, target.member, trait.value, checked)


def _default_assignments_allowed(workspace: SmithyWorkspace, path: Path, summary: FileSummary, evaluator: Evaluator) -> list[Diagnostic]:
    """`name: T = value` is the @default trait, so its selector applies (map keys cannot have one)."""
    result = []
    default_def = workspace.shape("smithy.api#default")
    selector = _trait_selector(workspace, default_def) if default_def is not None else None
    if selector is None:
        return result
    for shape in in_slices(summary.shapes):
        if shape.kind in ("enum", "intEnum"):
            continue
        owner = ShapeDef(summary, shape)
        for member in shape.members:
            if member.default is None:
                continue
            try:
                allowed = evaluator.matches(selector, Target(owner, member))
            except (Unsupported, RecursionError):
                continue
            if not allowed:
                result.append(report(R.TRAIT_TARGET, path, member.default.start, member.default.end,
                                     f"`{member.name.text}` of the {shape.kind} `{shape.name.text}` cannot have a default value; remove `= ...`"))
    return result


def _constraint_definition(path: Path, target: Target, trait: TraitUse, name: str) -> list[Diagnostic]:
    """@range and @length bounds must make sense for the shape they constrain."""
    value = trait.value
    if value is None or value.kind != "object":
        return []
    result = []
    low, high = value.get("min"), value.get("max")
    numbers = [n for n in (low, high) if n is not None and n.kind == "number"]
    if name == "length":
        for bound in numbers:
            if bound.value < 0:
                result.append(report(R.TRAIT_VALUE, path, bound.start, bound.end, "@length bounds cannot be negative"))
    if len(numbers) == 2 and low.value > high.value:
        result.append(report(R.TRAIT_VALUE, path, value.start, value.end,
                             f"@{name} has min {low.value} above max {high.value}; swap them"))
    if name == "range":
        kind = target.shape.shape.kind
        if target.member is not None:
            kind = ""
        if kind in INT_BOUNDS:
            for bound in numbers:
                if isinstance(bound.value, float) and not bound.value.is_integer():
                    result.append(report(R.TRAIT_VALUE, path, bound.start, bound.end,
                                         f"@range on a {kind} needs whole-number bounds, not {bound.value}"))
    return result


def conflicts(workspace: SmithyWorkspace, path: Path, summary: FileSummary, uses) -> list[Diagnostic]:
    """Traits whose definition lists another applied trait under `conflicts`."""
    result: list[Diagnostic] = []
    # By trait id, read once per check; most files apply no trait that lists conflicts.
    conflicting = {trait_id: _conflicts_of(workspace, trait_id) for trait_id in {u[1] for u in uses} if trait_id is not None}
    if not any(conflicting.values()):
        return result
    # Only shapes that carry a trait listing conflicts can have one.
    listing = {trait_id for trait_id, others in conflicting.items() if others}
    concerned = {owner for _, trait_id, owner in uses if trait_id in listing}
    by_owner: dict[str, list[tuple[TraitUse, str]]] = {}
    for trait, trait_id, owner in in_slices(uses, 128):
        if trait_id is not None and owner in concerned:
            by_owner.setdefault(owner, []).append((trait, trait_id))
    for owner, applied in by_owner.items():
        ids = {trait_id for _, trait_id in applied}
        for trait, trait_id in applied:
            others = conflicting.get(trait_id)
            if others is None:
                others = conflicting[trait_id] = _conflicts_of(workspace, trait_id)
            for other_id in others:
                if other_id in ids:
                    message = (f"@{trait_id.split('#')[1]} conflicts with @{other_id.split('#')[1]} on `{owner}`; "
                               "keep only one")
                    name = defined_name(summary, owner)
                    if name is None:
                        result.append(report(R.TRAIT_CONFLICT, path, trait.id.start, trait.id.end, message))
                    else:  # Smithy's TraitConflict event is on the shape (or member); the trait is related
                        result.append(report(R.TRAIT_CONFLICT, path, name.start, name.end, message,
                                             related=(Related(Location(path, trait.id.start, trait.id.end),
                                                              f"@{trait_id.split('#')[1]}"),)))
    return result


def _conflicts_of(workspace: SmithyWorkspace, trait_id: str) -> list[str]:
    """The trait ids that a trait's definition lists under `conflicts`."""
    trait_def = workspace.shape(trait_id)
    marker = workspace.has_trait(trait_def, "smithy.api#trait", trait_def.shape.traits) if trait_def else None
    listed = marker.value.get("conflicts") if marker is not None and marker.value is not None and marker.value.kind == "object" else None
    if listed is None or listed.kind != "array":
        return []
    result = []
    for item in listed.items:
        other = item.value if isinstance(item.value, str) else None
        if other is not None:
            result.append(other if "#" in other else f"{trait_id.split('#')[0]}#{other}")
    return result


def idrefs(workspace: SmithyWorkspace, path: Path, summary: FileSummary, evaluator: Evaluator) -> list[Diagnostic]:
    """Shape ids in @idRef values: well formed, present when required, and matching the selector."""
    resolved = workspace.resolved(path)
    result: list[Diagnostic] = []
    relative = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\$[A-Za-z_][A-Za-z0-9_]*)?$")
    for item in in_slices(resolved.references if resolved is not None else [], 256):
        ref = item.reference
        if ref.role != "idref":
            continue
        if not (ABSOLUTE_ID.match(ref.text) or relative.match(ref.text)):
            result.append(report(R.TRAIT_VALUE, path, ref.start, ref.end, f"`{ref.text}` is not a valid shape id"))
            continue
        if item.target is None:
            continue
        shape_id, _, member = item.target.partition("$")
        shape_def = workspace.shape(shape_id)
        if shape_def is None:
            continue
        selector = ref.selector or "*"
        if selector == "*":
            continue
        target = Target(shape_def)
        if member:
            found = workspace.member(shape_def, member)
            if found is None:
                continue
            target = Target(found[0], found[1])
        try:
            ok = evaluator.matches(selector, target)
        except (Unsupported, RecursionError):
            continue
        if not ok:
            result.append(report(R.TRAIT_VALUE, path, ref.start, ref.end,
                                 f"`{ref.text}` does not match the selector `{selector}` that this value requires"))
    return result



def _simple_value_key(trait: TraitUse, trait_def: ShapeDef) -> tuple | None:
    """What a check of this trait value depends on, when that is only the trait definition and a
    scalar (or empty) value: such values repeat by the thousand in large models (`@documentation`,
    `@required`, `@httpQuery`), and one that passed once passes again."""
    value = trait.value
    if value is None:
        return None
    if value.kind in ("string", "number", "boolean"):
        return id(trait_def), trait.structured, value.kind, type(value.value), value.value
    if value.kind == "object" and not value.entries or value.kind == "array" and not value.items:
        return id(trait_def), trait.structured, value.kind
    # Small structured values repeat too (`@range(min: 1, max: 100)` on every page size).
    content = _small_content(value, 0)
    return (id(trait_def), trait.structured, content) if content is not None else None


def _small_content(value: Node, depth: int) -> tuple | None:
    """The kinds and values of a small JSON-like value, nested as tuples; None for a large or deep one."""
    if depth > 2:
        return None
    if value.entries:
        if len(value.entries) > 4:
            return None
        inner = []
        for entry in value.entries:
            found = _small_content(entry.value, depth + 1)
            if found is None:
                return None
            inner.append((entry.key, found))
        return (value.kind, tuple(inner))
    if value.items:
        return None
    return (value.kind, type(value.value), value.value)


def _value(workspace: SmithyWorkspace, path: Path, trait: TraitUse, trait_def: ShapeDef, name: str,
           strict: bool, wasmcloud: bool, passed: dict[tuple, ShapeDef] | None = None) -> list[Diagnostic]:
    """The problems of a trait's value; `passed` remembers simple values found valid during one check."""
    key = _simple_value_key(trait, trait_def) if passed is not None else None
    if key is not None and passed.get(key) is trait_def:
        return []
    result = _checked_value(workspace, path, trait, trait_def, name, strict, wasmcloud)
    if key is not None and not result:
        passed[key] = trait_def  # kept, so the id in the key stays this definition's
    return result


def _checked_value(workspace: SmithyWorkspace, path: Path, trait: TraitUse, trait_def: ShapeDef, name: str,
                   strict: bool, wasmcloud: bool) -> list[Diagnostic]:
    checker = ValueChecker(workspace)
    kind = trait_def.shape.kind
    value = trait.value
    if value is None:
        if kind in ("structure",):
            value = Node("object", None, trait.id.start, trait.id.end)
        elif kind in ("list", "set", "map", "document") or not strict:
            return []  # IDL 1.0 coerced a missing value; weld still does
        else:
            return [report(R.TRAIT_VALUE, path, trait.id.start, trait.id.end,
                           f"@{name} needs a value: it is a {kind} trait, e.g. @{name}({_example(kind)})")]
    elif trait.structured and kind not in ("structure", "union", "map", "document"):
        checker.fail(value, f"@{name} takes a {kind} value, not `key: value` pairs")
        value = None
    if value is not None:
        checker.check(trait_def, [], value, f"the value of @{name}")
    rule = R.TRAIT_VALUE if not wasmcloud else R.WC_TRAIT_VALUE
    suffix = "" if not wasmcloud else " (weld accepts this; Smithy's own tools reject it)"
    result = [report(rule, path, start, end, message + suffix) for start, end, message in checker.problems + checker.out_of_range]
    result += [report(R.UNKNOWN_TRAIT_MEMBER, path, start, end, message) for start, end, message in checker.unknown_members]
    return result


def _example(kind: str) -> str:
    return {"string": '"text"', "enum": '"VALUE"', "boolean": "true"}.get(kind, "1")


def defaults(workspace: SmithyWorkspace, path: Path, summary: FileSummary,
             checked: dict[tuple[int, int], tuple] | None = None) -> list[Diagnostic]:
    """Member defaults (`= value` and @default) must fit the member's target; ``checked``
    holds the answers of `_default` already found in this check."""
    result: list[Diagnostic] = []
    for shape in in_slices(summary.shapes):
        if shape.kind in ("enum", "intEnum"):
            continue
        owner = ShapeDef(summary, shape)
        for member in shape.members:
            value = member.default
            if value is None:
                explicit = workspace.has_trait(owner, "smithy.api#default", member.traits)
                value = explicit.value if explicit is not None else None
            if shape.kind == "structure" and summary.idl_version == 2 and member.target is not None:
                result += _coherent_default(workspace, path, owner, member, value)
            if value is None:
                continue
            result += _default(workspace, path, owner, member, value, checked)
    return result


def _coherent_default(workspace: SmithyWorkspace, path: Path, owner: ShapeDef, member: Member, value: Node | None) -> list[Diagnostic]:
    """A member targeting a shape with a default repeats that default (IDL 2.0)."""
    target = workspace.member_target(owner, member)
    if target is None or target.shape.kind in ("list", "set", "map", "structure", "union"):
        return []
    shape_default = workspace.has_trait(target, "smithy.api#default", target.shape.traits)
    if shape_default is None or shape_default.value is None or shape_default.value.kind == "null":
        return []
    expected = shape_default.value.to_python()
    shown = shape_default.value.to_python()
    if value is None:
        if workspace.has_trait(owner, "smithy.api#clientOptional", member.traits) is not None:
            return []
        return [report(R.TRAIT_VALUE, path, member.name.start, member.name.end,
                       f"`{member.name.text}` targets `{target.id}`, which has the default {shown!r}; "
                       f"the member must repeat it: `{member.name.text}: {member.target.text} = {_literal(shown)}`")]
    if value.kind != "null" and value.to_python() != expected:
        return [report(R.TRAIT_VALUE, path, value.start, value.end,
                       f"this default differs from the default {shown!r} of the target `{target.id}`; use "
                       f"{_literal(shown)} or target a shape without a default")]
    return []


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def _default(workspace: SmithyWorkspace, path: Path, owner: ShapeDef, member: Member, value: Node,
             checked: dict[tuple[int, int], tuple] | None = None) -> list[Diagnostic]:
    """The problems of a member's default value (remembered in ``checked`` by member and value:
    the answer depends on nothing else, as the owner is the summary's shape that holds the member)."""
    if checked is None:
        return _checked_default(workspace, path, owner, member, value)
    key = (id(member), id(value))
    known = checked.get(key)
    if known is None or known[0] is not member or known[1] is not value:
        known = checked[key] = (member, value, _checked_default(workspace, path, owner, member, value))
    return list(known[2])


def _checked_default(workspace: SmithyWorkspace, path: Path, owner: ShapeDef, member: Member, value: Node) -> list[Diagnostic]:
    target = workspace.member_target(owner, member)
    if target is None or value.kind == "null":
        return []
    kind = target.shape.kind
    if kind in ("list", "set", "map") and (value.items or value.entries):
        return [report(R.TRAIT_VALUE, path, value.start, value.end,
                       f"the default of a {kind} must be empty (`{'[]' if kind != 'map' else '{}'}`)")]
    if kind == "document" and value.kind in ("array", "object") and (value.items or value.entries):
        return [report(R.TRAIT_VALUE, path, value.start, value.end,
                       "a document default must be null, a boolean, number or string, or an empty list or object")]
    checker = ValueChecker(workspace)
    checker.check(target, member.traits, value, f"the default of `{member.name.text}`")
    return ([report(R.TRAIT_VALUE, path, start, end, message) for start, end, message in checker.problems]
            + [report(R.DEFAULT_RANGE, path, start, end, message + "; Smithy warns because clients may still send the default")
               for start, end, message in checker.out_of_range])
