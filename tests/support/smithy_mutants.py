"""Seeded copies of valid Smithy IDL models, each with one common mistake.

Each mutation finds a place where its mistake can be made (by text patterns, so the
generator does not depend on the parser it helps test) and makes it there; a seeded
random choice picks the place and which mutations a model gets, so a run is repeatable.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

SHAPE_LINE = re.compile(r"^(?P<indent>)(?P<kind>string|structure|integer|long|list|map|union|enum|blob|boolean)"
                        r"\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\b", re.M)
STRING_SHAPE = re.compile(r"^string\s+[A-Za-z_]\w*\s*$", re.M)
STRUCTURE_SHAPE = re.compile(r"^structure\s+[A-Za-z_]\w*\b", re.M)
MEMBER_TARGET = re.compile(r"^(\s+)([A-Za-z_]\w*)\s*:\s*([A-Z]\w*)\s*$", re.M)
HTTP_URI = re.compile(r'(@http\s*\([^)]*?uri\s*:\s*")(/[^"]*)(")', re.S)
HTTP_METHOD = re.compile(r'(@http\s*\([^)]*?method\s*:\s*")([A-Z]+)(")', re.S)
TRAIT_AT_LINE_START = re.compile(r"^(\s*)@(required|documentation|readonly|idempotent|sensitive|httpLabel)\b", re.M)
INTEGER_SHAPE = re.compile(r"^(integer|long)\s+[A-Za-z_]\w*\s*$", re.M)
LENGTH_TRAIT = re.compile(r"@length\s*\(\s*min\s*:\s*(\d+)")
OPERATION_SHAPE = re.compile(r"^operation\s+[A-Za-z_]\w*\s*\{", re.M)


@dataclass(frozen=True)
class Mutant:
    kind: str
    text: str
    line: int  # the 1-based line the mistake is on (in the mutated text)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _pick(rng: random.Random, matches: list[re.Match]) -> re.Match | None:
    return rng.choice(matches) if matches else None


def _insert_before(text: str, match: re.Match, line: str, kind: str) -> Mutant:
    start = text.rfind("\n", 0, match.start()) + 1
    return Mutant(kind, text[:start] + line + "\n" + text[start:], _line(text, start))


def bad_pattern(text: str, rng: random.Random) -> Mutant | None:
    """An @pattern whose regular expression does not compile."""
    match = _pick(rng, list(STRING_SHAPE.finditer(text)))
    regex = rng.choice(['^[a-z+$', '(abc', '*abc', 'a{2,1}', '[z-a]'])
    return match and _insert_before(text, match, f'@pattern("{regex}")', "bad-pattern")


def unbound_uri_label(text: str, rng: random.Random) -> Mutant | None:
    """A label in an @http URI that no input member is bound to."""
    match = _pick(rng, list(HTTP_URI.finditer(text)))
    if match is None:
        return None
    uri = match.group(2).split("?")[0].rstrip("/")
    mutated = text[:match.start(2)] + uri + "/{unboundLabel}" + text[match.end(2):]
    return Mutant("unbound-uri-label", mutated, _line(text, match.start(2)))


def undefined_target(text: str, rng: random.Random) -> Mutant | None:
    """A member that targets a shape nobody defines."""
    match = _pick(rng, list(MEMBER_TARGET.finditer(text)))
    if match is None:
        return None
    mutated = text[:match.start(3)] + match.group(3) + "Missing" + text[match.end(3):]
    return Mutant("undefined-target", mutated, _line(text, match.start(3)))


def misspelled_trait(text: str, rng: random.Random) -> Mutant | None:
    """A trait name with a typo."""
    match = _pick(rng, list(TRAIT_AT_LINE_START.finditer(text)))
    if match is None:
        return None
    name = match.group(2)
    typo = name[:-2] + name[-1] + name[-2]
    mutated = text[:match.start(2)] + typo + text[match.end(2):]
    return Mutant("misspelled-trait", mutated, _line(text, match.start(2)))


def duplicate_shape(text: str, rng: random.Random) -> Mutant | None:
    """A second shape with the name of an existing one."""
    match = _pick(rng, list(STRING_SHAPE.finditer(text)) + list(INTEGER_SHAPE.finditer(text)))
    if match is None:
        return None
    copy = "\n" + match.group(0).strip() + "\n"
    return Mutant("duplicate-shape", text + copy, _line(text + copy, len(text) + 1))


def trait_on_wrong_shape(text: str, rng: random.Random) -> Mutant | None:
    """A trait applied to a shape its selector does not allow."""
    match = _pick(rng, list(STRUCTURE_SHAPE.finditer(text)))
    trait = rng.choice(["@length(min: 1)", "@pattern(\"^a$\")", "@range(min: 1)", "@httpLabel", "@uniqueItems"])
    return match and _insert_before(text, match, trait, "trait-on-wrong-shape")


def inverted_range(text: str, rng: random.Random) -> Mutant | None:
    """A @range whose minimum is above its maximum."""
    match = _pick(rng, list(INTEGER_SHAPE.finditer(text)))
    return match and _insert_before(text, match, "@range(min: 10, max: 1)", "inverted-range")


def wrong_trait_value(text: str, rng: random.Random) -> Mutant | None:
    """A trait value of the wrong type."""
    match = _pick(rng, list(STRING_SHAPE.finditer(text)))
    value = rng.choice(['@length(min: "one")', "@documentation(42)", "@deprecated(since: 3)", "@sensitive(true)"])
    return match and _insert_before(text, match, value, "wrong-trait-value")


def unknown_trait_property(text: str, rng: random.Random) -> Mutant | None:
    """A property the trait's shape does not have."""
    match = _pick(rng, list(HTTP_METHOD.finditer(text)))
    if match is None:
        return None
    mutated = text[:match.end(3)] + ", colour: \"blue\"" + text[match.end(3):]
    return Mutant("unknown-trait-property", mutated, _line(text, match.start(1)))


def bad_http_method(text: str, rng: random.Random) -> Mutant | None:
    """A URI that does not start with a slash."""
    match = _pick(rng, list(HTTP_URI.finditer(text)))
    if match is None:
        return None
    mutated = text[:match.start(2)] + match.group(2).lstrip("/") + text[match.end(2):]
    return Mutant("uri-without-slash", mutated, _line(text, match.start(2)))


def missing_brace(text: str, rng: random.Random) -> Mutant | None:
    """A structure whose opening brace is gone."""
    matches = [m for m in STRUCTURE_SHAPE.finditer(text) if text.find("{", m.end(), m.end() + 3) != -1]
    match = _pick(rng, matches)
    if match is None:
        return None
    brace = text.find("{", match.end())
    return Mutant("missing-brace", text[:brace] + text[brace + 1:], _line(text, brace))


def unknown_operation_property(text: str, rng: random.Random) -> Mutant | None:
    """An operation property Smithy does not know."""
    match = _pick(rng, list(OPERATION_SHAPE.finditer(text)))
    if match is None:
        return None
    mutated = text[:match.end()] + "\n    outputs: Unit" + text[match.end():]
    return Mutant("unknown-operation-property", mutated, _line(mutated, match.end() + 1))


HTTP_LABEL_TRAIT = re.compile(r"^(\s*)@httpLabel\b[^\n]*\n", re.M)
REQUIRED_BEFORE_LABEL = re.compile(r"^\s*@required\s*\n(\s*@httpLabel\b)", re.M)
VERSION_2 = re.compile(r'^\$version:\s*"2(\.0)?"', re.M)
LIST_SHAPE = re.compile(r"^list(\s+[A-Za-z_]\w*\s*\{)", re.M)
STRUCTURE_MEMBER = re.compile(r"^structure\s+[A-Za-z_]\w*\s*\{\n(\s+)([a-z]\w*)\s*:\s*([A-Z]\w*)\s*$", re.M)
ENUM_MEMBER = re.compile(r"^enum\s+[A-Za-z_]\w*\s*\{\n(\s+)([A-Z_][A-Z0-9_]*)\s*$", re.M)
USE_STATEMENT = re.compile(r"^use\s+([\w.]+#\w+)\s*$", re.M)


def label_without_binding(text: str, rng: random.Random) -> Mutant | None:
    """The @httpLabel of a member bound to a URI label, removed."""
    match = _pick(rng, list(HTTP_LABEL_TRAIT.finditer(text)))
    if match is None:
        return None
    return Mutant("label-without-binding", text[:match.start()] + text[match.end():], _line(text, match.start()))


def label_not_required(text: str, rng: random.Random) -> Mutant | None:
    """An @httpLabel member that is no longer @required."""
    match = _pick(rng, list(REQUIRED_BEFORE_LABEL.finditer(text)))
    if match is None:
        return None
    return Mutant("label-not-required", text[:match.start()] + "\n" + match.group(1) + text[match.end():],
                  _line(text, match.start(1)))


def set_in_idl2(text: str, rng: random.Random) -> Mutant | None:
    """A list turned into an IDL 1.0 `set` in a 2.0 file."""
    if VERSION_2.search(text) is None:
        return None
    match = _pick(rng, list(LIST_SHAPE.finditer(text)))
    if match is None:
        return None
    return Mutant("set-in-idl-2", text[:match.start()] + "set" + text[match.start() + 4:], _line(text, match.start()))


def box_in_idl2(text: str, rng: random.Random) -> Mutant | None:
    """An IDL 1.0 @box in a 2.0 file."""
    if VERSION_2.search(text) is None:
        return None
    match = _pick(rng, list(INTEGER_SHAPE.finditer(text)))
    return match and _insert_before(text, match, "@box", "box-in-idl-2")


def duplicate_member(text: str, rng: random.Random) -> Mutant | None:
    """A structure member written twice."""
    match = _pick(rng, list(STRUCTURE_MEMBER.finditer(text)))
    if match is None:
        return None
    line = f"{match.group(1)}{match.group(2)}: {match.group(3)}\n"
    position = match.end() + 1
    return Mutant("duplicate-member", text[:position] + line + text[position:], _line(text, position))


def duplicate_enum_value(text: str, rng: random.Random) -> Mutant | None:
    """An enum member written twice."""
    match = _pick(rng, list(ENUM_MEMBER.finditer(text)))
    if match is None:
        return None
    position = match.end() + 1
    return Mutant("duplicate-enum-member", text[:position] + match.group(1) + match.group(2) + "\n" + text[position:],
                  _line(text, position))


def use_of_missing_shape(text: str, rng: random.Random) -> Mutant | None:
    """A `use` of a shape its namespace does not have."""
    match = _pick(rng, list(USE_STATEMENT.finditer(text)))
    if match is None:
        return None
    mutated = text[:match.end(1)] + "Missing" + text[match.end(1):]
    return Mutant("use-of-missing-shape", mutated, _line(text, match.start(1)))


def member_use_statement(text: str, rng: random.Random) -> Mutant | None:
    """A `use` statement naming a member."""
    match = _pick(rng, list(USE_STATEMENT.finditer(text)))
    if match is None:
        return None
    mutated = text[:match.end(1)] + "$member" + text[match.end(1):]
    return Mutant("use-of-member", mutated, _line(text, match.start(1)))


def numeric_version(text: str, rng: random.Random) -> Mutant | None:
    """`$version: 2` written as a number."""
    match = VERSION_2.search(text)
    if match is None:
        return None
    return Mutant("numeric-version", text[:match.start()] + "$version: 2" + text[match.end():], _line(text, match.start()))


MUTATIONS: tuple[Callable[[str, random.Random], Mutant | None], ...] = (
    bad_pattern, unbound_uri_label, undefined_target, misspelled_trait, duplicate_shape, trait_on_wrong_shape,
    inverted_range, wrong_trait_value, unknown_trait_property, bad_http_method, missing_brace,
    unknown_operation_property, label_without_binding, label_not_required, set_in_idl2, box_in_idl2,
    duplicate_member, duplicate_enum_value, use_of_missing_shape, member_use_statement, numeric_version,
)


def empty_uri_segment(text: str, rng: random.Random) -> Mutant | None:
    """An @http URI with an empty segment (`/a//b`), which Smithy's URI pattern parser rejects."""
    match = _pick(rng, [m for m in HTTP_URI.finditer(text) if len(m.group(2)) > 1])
    if match is None:
        return None
    start = match.start(2) + 1
    return Mutant("empty-uri-segment", text[:start] + "/" + text[start:], _line(text, match.start()))


def post_to_get(text: str, rng: random.Random) -> Mutant | None:
    """A POST operation turned into a GET: an error when its input still goes in the request body."""
    match = _pick(rng, [m for m in HTTP_METHOD.finditer(text) if m.group(2) == "POST"])
    if match is None:
        return None
    return Mutant("post-to-get", text[:match.start(2)] + "GET" + text[match.end(2):], _line(text, match.start()))


def recursive_union(text: str, rng: random.Random) -> Mutant | None:
    """A union whose only member is itself: no value of it can be built."""
    if not re.search(r"^namespace\s", text, re.M):
        return None
    name = f"Loop{rng.randrange(1000)}"
    addition = f"\nunion {name} {{\n    next: {name}\n}}\n"
    body = text if text.endswith("\n") else text + "\n"
    return Mutant("recursive-union", body + addition, _line(body + addition, len(body) + 1))


# Mutations added later draw from a seeded stream of their own, so the earlier ones stay as they were.
LATER_MUTATIONS: tuple[Callable[[str, random.Random], Mutant | None], ...] = (
    empty_uri_segment, post_to_get, recursive_union,
)


def mutants(text: str, seed: str, per_model: int = 4) -> list[Mutant]:
    """Up to ``per_model`` mutants of one model, each with one mistake, chosen by ``seed``; then one
    for each of the later mutations that applies."""
    rng = random.Random(seed)
    order = list(MUTATIONS)
    rng.shuffle(order)
    result = []
    for mutation in order:
        mutant = mutation(text, rng)
        if mutant is not None:
            result.append(mutant)
        if len(result) == per_model:
            break
    later = random.Random(f"{seed}:later")
    for mutation in LATER_MUTATIONS:
        mutant = mutation(text, later)
        if mutant is not None:
            result.append(mutant)
    return result
