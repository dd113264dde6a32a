"""A small evaluator for the Smithy selectors that trait definitions use.

It answers one question: may a trait with this selector be applied to this
shape or member?  It understands shape types, `*`, `>` (member to its
container and to its target), `-[put, ...]->` (from a service, resource or
operation forward), `[trait|x]`, `[id=...]`, `:is`, `:not` and `:test`.  Anything else raises `Unsupported`, and the caller then reports
nothing: an unknown answer must never become a false error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from witsmith.model.smithy import Member
from witsmith.model.smithy.summary import NUMBER_KINDS, SIMPLE_KINDS
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace


class Unsupported(Exception):
    pass


TYPE_WORDS = {
    "*": None,
    "simpleType": SIMPLE_KINDS,
    "number": NUMBER_KINDS,
    "collection": frozenset({"list", "set"}),
    "list": frozenset({"list", "set"}),
    "string": frozenset({"string", "enum"}),
    "integer": frozenset({"integer", "intEnum"}),
}
KNOWN_TYPES = {"blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger",
               "bigDecimal", "timestamp", "document", "enum", "intEnum", "list", "set", "map", "structure", "union",
               "service", "resource", "operation", "member", "simpleType", "number", "collection", "*"}


# Relationship names of `-[name]->` and the property that holds each.
RELATIONSHIPS = {"put": "put", "create": "create", "read": "read", "update": "update", "delete": "delete",
                 "list": "list", "input": "input", "output": "output", "error": "errors", "operation": "operations",
                 "collectionOperation": "collectionOperations", "resource": "resources", "identifier": "identifiers"}


@dataclass(frozen=True, slots=True)
class Target:
    """A shape, or a member of a shape."""

    shape: ShapeDef
    member: Member | None = None

    @property
    def kind(self) -> str:
        return "member" if self.member is not None else self.shape.shape.kind


# ----- parsing -----------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*(-\[[^\]]*\]->|>|,|\(|\)|\[[^\]]*\]|:[A-Za-z]+|\*|[A-Za-z_][A-Za-z0-9_.#$]*)")


def _tokens(text: str) -> list[str]:
    result, pos = [], 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise Unsupported(text[pos:])
        result.append(match.group(1))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return result


def parse(text: str) -> list[list]:
    """Alternatives (top-level commas), each a list of compounds and '>' steps.

    A compound is a list of atoms: ("type", word), ("attr", text), (":is"|":not"|":test", alternatives).
    """
    tokens = _tokens(text)
    alternatives, index = _parse_alternatives(tokens, 0)
    if index != len(tokens):
        raise Unsupported(text)
    return alternatives


# Parsed selectors by text: a model applies a few dozen distinct traits thousands of times, and
# parsing the selector at every application was a fifth of a large model's check.  Entries are
# never mutated; an unsupported selector is remembered as its exception.
_PARSED: dict[str, list[list] | Unsupported] = {}
_PARSED_LIMIT = 1024


def parsed(text: str) -> list[list]:
    """`parse(text)`, remembered."""
    found = _PARSED.get(text)
    if found is None:
        try:
            found = parse(text)
        except Unsupported as problem:
            found = problem
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.clear()
        _PARSED[text] = found
    if isinstance(found, Unsupported):
        raise Unsupported(*found.args)
    return found


# Selectors that are only shape types (`*`, `structure`, `:is`-free `string, number`), by
# text, as their type words; `()` for other selectors.  Most trait definitions' selectors
# are such, and a large model applies them thousands of times: they need no evaluation.
_TYPE_WORDS: dict[str, tuple[str, ...]] = {}


def _type_words(text: str) -> tuple[str, ...] | None:
    """The type words of a selector made only of alternative shape types; None for any other
    (raises `Unsupported` as `parsed` does)."""
    found = _TYPE_WORDS.get(text)
    if found is None:
        words: list[str] = []
        for alternative in parsed(text):
            if len(alternative) != 1 or not isinstance(alternative[0], list) or len(alternative[0]) != 1 \
                    or alternative[0][0][0] != "type":
                words = []
                break
            words.append(alternative[0][0][1])
        found = tuple(words)
        if len(_TYPE_WORDS) >= _PARSED_LIMIT:
            _TYPE_WORDS.clear()
        _TYPE_WORDS[text] = found
    return found or None


# Selectors whose answer for a member depends only on the kind and traits of its container,
# its own traits and the shape it targets, by text: the trait ids their attributes name.
_MEMBER_ANSWER_TRAITS: dict[str, tuple[str, ...] | None] = {}


def _member_answer_traits(text: str) -> tuple[str, ...] | None:
    """The trait ids a selector's `[trait|...]` attributes name, when its answer for a member
    depends on nothing else than: the container's kind and those traits on it, those traits on
    the member, and the shape the member targets (whatever is read of that shape is its own).
    None for other selectors: an `id` attribute reads names, a relationship reads properties,
    and a `:is`, `:test` or `:not` on a compound before `>` may read the container's other members."""
    if text in _MEMBER_ANSWER_TRAITS:
        return _MEMBER_ANSWER_TRAITS[text]
    trait_ids: list[str] = []

    def shareable(alternatives: list) -> bool:
        for sequence in alternatives:
            for position, step in enumerate(sequence):
                if isinstance(step, tuple):
                    return False  # a relationship
                if step == ">":
                    continue
                before_child = position + 1 < len(sequence) and sequence[position + 1] == ">"
                for kind, value in step:
                    if kind == "attr":
                        if not value.startswith("trait|") or any(op in value[6:] for op in "=|"):
                            return False
                        name = value[6:]
                        trait_ids.append(name if "#" in name else f"smithy.api#{name}")
                    elif kind in (":is", ":test", ":not"):
                        if before_child or not shareable(value):
                            return False
        return True

    try:
        found = tuple(dict.fromkeys(trait_ids)) if shareable(parsed(text)) else None
    except Unsupported:
        found = None
    if len(_MEMBER_ANSWER_TRAITS) >= _PARSED_LIMIT:
        _MEMBER_ANSWER_TRAITS.clear()
    _MEMBER_ANSWER_TRAITS[text] = found
    return found


def _parse_alternatives(tokens: list[str], index: int) -> tuple[list[list], int]:
    alternatives = []
    sequence: list = []
    compound: list = []
    while index < len(tokens):
        token = tokens[index]
        if token == ")":
            break
        index += 1
        if token == ",":
            if compound:
                sequence.append(compound)
            alternatives.append(sequence)
            sequence, compound = [], []
        elif token == ">":
            if compound:
                sequence.append(compound)
                compound = []
            sequence.append(">")
        elif token.startswith("-["):
            if compound:
                sequence.append(compound)
                compound = []
            names = tuple(name.strip() for name in token[2:-3].split(","))
            if not all(name in RELATIONSHIPS for name in names):
                raise Unsupported(token)
            sequence.append(("rel", names))
        elif token.startswith("["):
            compound.append(("attr", token[1:-1]))
        elif token.startswith(":"):
            if token not in (":is", ":not", ":test") or index >= len(tokens) or tokens[index] != "(":
                raise Unsupported(token)
            inner, index = _parse_alternatives(tokens, index + 1)
            if index >= len(tokens) or tokens[index] != ")":
                raise Unsupported(token)
            index += 1
            compound.append((token, inner))
        else:
            if token not in KNOWN_TYPES:
                raise Unsupported(token)
            # A new type word after a complete compound starts a descendant step we do not support.
            if compound and any(a[0] == "type" for a in compound):
                raise Unsupported(token)
            compound.append(("type", token))
    if compound:
        sequence.append(compound)
    alternatives.append(sequence)
    return alternatives, index


# ----- evaluation --------------------------------------------------------------------------

class Evaluator:
    def __init__(self, workspace: SmithyWorkspace) -> None:
        self.workspace = workspace
        # Answers already found, by selector (or parsed `:is`/`:test`/`:not` argument), target and depth:
        # a file applies the same few selectors to thousands of shapes whose members share targets.
        # An evaluator lives for one check of one workspace state, so the answers cannot go stale.
        self._answers: dict[tuple, tuple] = {}
        # Answers of selectors of shape types alone, by selector and the target's kind.
        self._kind_answers: dict[tuple[str, str], bool] = {}

    def matches(self, selector: str, target: Target) -> bool:
        """Raises `Unsupported` when the selector uses what this evaluator does not know."""
        words = _type_words(selector)
        if words is not None:
            kind = "member" if target.member is not None else target.shape.shape.kind
            key = (selector, kind)
            found = self._kind_answers.get(key)
            if found is None:
                found = self._kind_answers[key] = any(self._type(word, target, kind) for word in words)
            return found
        if target.member is not None:
            trait_ids = _member_answer_traits(selector)
            if trait_ids is not None:
                return self._member_matches(selector, trait_ids, target)
        key = (selector, id(target.shape), id(target.member))
        known = self._answers.get(key)
        if known is not None and known[0] is target.shape and known[1] is target.member:
            return known[-1]
        found = any(self._ends_at(alternative, target, 0) for alternative in parsed(selector))
        self._answers[key] = (target.shape, target.member, found)
        return found

    def _member_matches(self, selector: str, trait_ids: tuple[str, ...], target: Target) -> bool:
        """`matches` for a member and a selector whose answer for it depends only on what
        `_member_answer_traits` says: members alike in those respects share one answer (a
        large model has thousands of members, of a few kinds)."""
        workspace = self.workspace
        container, member = target.shape, target.member
        aimed = workspace.member_target(container, member)
        key = ("member", selector, container.shape.kind,
               tuple(workspace.has_trait(container, t) is not None for t in trait_ids),
               tuple(workspace.has_trait(container, t, member.traits) is not None
                     or (t == "smithy.api#default" and member.default is not None) for t in trait_ids),
               id(aimed.shape) if aimed is not None else None)
        known = self._answers.get(key)
        if known is not None and known[0] is (aimed.shape if aimed is not None else None):
            return known[-1]
        found = any(self._ends_at(alternative, target, 0) for alternative in parsed(selector))
        self._answers[key] = (aimed.shape if aimed is not None else None, found)
        return found

    def _ends_at(self, sequence: list, target: Target, depth: int) -> bool:
        if depth > 16 or not sequence:
            return not sequence
        for step in sequence:  # a plain loop: this runs for every shape a trait is applied to
            if isinstance(step, tuple):
                raise Unsupported("shapes that point to a shape by a relationship")
        if sequence[-1] == ">":
            raise Unsupported(">")
        if not self._compound(sequence[-1], target, depth):
            return False
        if len(sequence) == 1:
            return True
        if sequence[-2] != ">":
            raise Unsupported("descendant")
        return any(self._ends_at(sequence[:-2], before, depth + 1) for before in self._predecessors(target))

    def _starts_at(self, sequence: list, target: Target, depth: int) -> bool:
        if depth > 16 or not sequence:
            return not sequence
        if isinstance(sequence[0], tuple):
            related = self._related(target, sequence[0][1])
            return any(self._starts_at(sequence[1:], after, depth + 1) for after in related)
        if sequence[0] == ">":
            return any(self._starts_at(sequence[1:], after, depth + 1) for after in self._successors(target))
        if not self._compound(sequence[0], target, depth):
            return False
        rest = sequence[1:]
        if not rest:
            return True
        if isinstance(rest[0], tuple):
            return self._starts_at(rest, target, depth)
        if rest[0] != ">":
            raise Unsupported("descendant")
        return any(self._starts_at(rest[1:], after, depth + 1) for after in self._successors(target))

    def _compound(self, compound: list, target: Target, depth: int) -> bool:
        for atom in compound:
            kind, value = atom
            if kind == "type":
                if not self._type(value, target):
                    return False
            elif kind == "attr":
                if not self._attribute(value, target):
                    return False
            elif kind == ":is":
                if not self._remembered(value, target, depth, self._ends_at):
                    return False
            elif kind == ":test":
                if not self._remembered(value, target, depth, self._starts_at):
                    return False
            elif kind == ":not":
                if self._remembered(value, target, depth, self._starts_at):
                    return False
        return True

    def _remembered(self, alternatives: list, target: Target, depth: int, evaluate) -> bool:
        """Whether one of the alternatives (an argument of `:is`, `:test` or `:not`) holds for the target."""
        key = (id(alternatives), evaluate.__name__, id(target.shape), id(target.member), depth)
        known = self._answers.get(key)
        # The objects are kept and compared, so an id reused by a newer object never answers for it.
        if known is not None and known[0] is target.shape and known[1] is target.member and known[2] is alternatives:
            return known[-1]
        found = any(evaluate(alt, target, depth + 1) for alt in alternatives)
        self._answers[key] = (target.shape, target.member, alternatives, found)
        return found

    def _type(self, word: str, target: Target, actual: str | None = None) -> bool:
        if actual is None:
            actual = target.kind
        if word == "*":
            return True
        allowed = TYPE_WORDS.get(word)
        if allowed is not None:
            return actual in allowed
        return actual == word

    def _attribute(self, text: str, target: Target) -> bool:
        if text.startswith("trait|"):
            name = text[len("trait|"):]
            if any(op in name for op in ("=", "|")):
                raise Unsupported(text)
            trait_id = name if "#" in name else f"smithy.api#{name}"
            traits = target.member.traits if target.member is not None else None
            if target.member is not None and trait_id == "smithy.api#default" and target.member.default is not None:
                return True
            if target.member is not None:
                return self.workspace.has_trait(target.shape, trait_id, traits) is not None
            return self.workspace.has_trait(target.shape, trait_id) is not None
        if text.startswith("id="):
            wanted = text[3:].strip("'\"")
            actual = target.shape.id + (f"${target.member.name.text}" if target.member is not None else "")
            return actual == wanted
        if text.startswith("id|member="):
            return target.member is not None and target.member.name.text == text.split("=", 1)[1].strip("'\"")
        raise Unsupported(text)

    def _related(self, target: Target, names: tuple[str, ...]) -> list[Target]:
        """The shapes a service, resource or operation refers to by the named relationships."""
        if target.member is not None or target.kind not in ("service", "resource", "operation"):
            return []
        result = []
        for name in names:
            entry = target.shape.shape.property(RELATIONSHIPS[name])
            if entry is None:
                continue
            value = entry.value
            nodes = value.items if value.kind == "array" else [e.value for e in value.entries] if value.kind == "object" else [value]
            for node in nodes:
                if node.kind != "shape_id":
                    continue
                found = self.workspace.target_shape(target.shape.summary, node.value)
                if found is None:
                    raise Unsupported("unresolved relationship")
                result.append(Target(found))
        return result

    def _predecessors(self, target: Target) -> list[Target]:
        if target.member is not None:
            return [Target(target.shape)]
        raise Unsupported("shapes that point to a shape")

    def _successors(self, target: Target) -> list[Target]:
        if target.member is not None:
            found = self.workspace.member_target(target.shape, target.member)
            if found is None:
                raise Unsupported("unresolved member target")
            return [Target(found)]
        kind = target.shape.shape.kind
        if kind in ("structure", "union", "list", "set", "map", "enum", "intEnum"):
            return [Target(owner, member) for owner, member in self.workspace.all_members(target.shape)]
        if kind in ("service", "resource", "operation"):
            raise Unsupported("service relationships")
        return []
