"""The per-file summary of a Smithy model: plain data with byte ranges.

One summary is built per file (IDL or JSON AST) and never refers to another
file; resolving names across files is the workspace's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from witsmith.model.pickling import pickled_as_fields

# Kinds as the Smithy specification spells them (JSON AST `type` values).
SIMPLE_KINDS = frozenset({
    "blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double",
    "bigInteger", "bigDecimal", "timestamp", "document", "enum", "intEnum",
})
AGGREGATE_KINDS = frozenset({"list", "set", "map", "structure", "union"})
SERVICE_KINDS = frozenset({"service", "resource", "operation"})
ALL_KINDS = SIMPLE_KINDS | AGGREGATE_KINDS | SERVICE_KINDS
NUMBER_KINDS = frozenset({"byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "intEnum"})
# Kinds whose body holds members (enum members count: they are members in Smithy).
MEMBER_KINDS = frozenset({"list", "set", "map", "structure", "union", "enum", "intEnum"})


@pickled_as_fields
@dataclass(slots=True)
class Node:
    """A node value: `kind` is object, array, string, number, boolean, null or shape_id."""

    kind: str
    value: Any  # str, int, float, bool, None; for objects and arrays see entries/items
    start: int
    end: int
    entries: list[Entry] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)

    def get(self, key: str) -> Node | None:
        for entry in self.entries:
            if entry.key == key:
                return entry.value
        return None

    def to_python(self) -> Any:
        if self.kind == "object":
            return {entry.key: entry.value.to_python() for entry in self.entries}
        if self.kind == "array":
            return [item.to_python() for item in self.items]
        return self.value


@pickled_as_fields
@dataclass(slots=True)
class Entry:
    key: str
    key_start: int
    key_end: int
    value: Node


@pickled_as_fields
@dataclass(slots=True)
class Span:
    """A piece of text with its range: a name or a shape-id as written."""

    text: str
    start: int
    end: int


@pickled_as_fields
@dataclass(slots=True)
class TraitUse:
    """A trait applied to a shape or member, as written (the id is not resolved)."""

    id: Span
    value: Node | None  # None for `@t` and `@t()`
    start: int
    end: int
    # True when written `@t(key: value)`: the value is an object by construction.
    structured: bool = False
    implicit: bool = False  # added by the language, e.g. @input on inline input


@pickled_as_fields
@dataclass(slots=True)
class Member:
    name: Span
    target: Span | None  # None when elided (`$name`) or for enum members
    start: int
    end: int
    traits: list[TraitUse] = field(default_factory=list)
    docs: str | None = None
    default: Node | None = None  # `= value` (for enum members: the enum value)
    elided: bool = False


@pickled_as_fields
@dataclass(slots=True)
class Shape:
    name: Span
    kind: str
    start: int
    end: int
    traits: list[TraitUse] = field(default_factory=list)
    docs: str | None = None
    mixins: list[Span] = field(default_factory=list)
    resource: Span | None = None  # `for Resource`
    members: list[Member] = field(default_factory=list)
    # Service, resource and operation properties (`operations: [...]`, `input: X`).
    properties: list[Entry] = field(default_factory=list)
    # The operation that declared this shape inline (`input := {...}`), if any.
    inline_of: str | None = None
    kind_start: int = 0  # where the kind keyword is (for IDL); equals start otherwise
    kind_end: int = 0

    def member(self, name: str) -> Member | None:
        for member in self.members:
            if member.name.text == name:
                return member
        return None

    def property(self, key: str) -> Entry | None:
        for entry in self.properties:
            if entry.key == key:
                return entry
        return None


@pickled_as_fields
@dataclass(slots=True)
class Reference:
    """A shape id written in the file, as written; `role` says what it refers to for.

    Roles: use, target, mixin, for, trait, apply, input, output, error,
    operation, resource, identifier, property, lifecycle, idref.
    """

    text: str
    start: int
    end: int
    role: str
    owner: str | None  # the shape (or `Shape$member`) holding it, relative to the file's namespace
    # For `idref` references: the @idRef selector the shape must match, and whether it must exist.
    selector: str | None = None
    required: bool = False


@pickled_as_fields
@dataclass(slots=True)
class Apply:
    target: Span
    traits: list[TraitUse]
    start: int
    end: int


@pickled_as_fields
@dataclass(slots=True)
class Statement:
    """A control or metadata statement."""

    key: Span
    value: Node | None
    start: int
    end: int
    # Index among the file's top-level statements: placement rules use it.
    position: int = 0


@pickled_as_fields
@dataclass(slots=True)
class Problem:
    """Something wrong that only the file itself tells: reported by the rules with `code`."""

    code: str
    start: int
    end: int
    message: str


@pickled_as_fields
@dataclass(slots=True)
class FileSummary:
    path: Path
    format: str  # "idl" or "json"
    version: str | None = None  # the `$version` value as written, None when absent
    version_span: tuple[int, int] | None = None
    controls: list[Statement] = field(default_factory=list)
    metadata: list[Statement] = field(default_factory=list)
    namespace: Span | None = None
    uses: list[Span] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    applies: list[Apply] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    builtin: bool = False

    @property
    def idl_version(self) -> int:
        """1 or 2 (files without `$version` are IDL 1.0, as the specification says)."""
        if self.version is None:
            return 1
        return 2 if self.version.startswith("2") else 1

    def shape_namespace(self, shape: Shape) -> str:
        """JSON AST shapes carry their own namespace in the name; IDL shapes take the file's."""
        if "#" in shape.name.text:
            return shape.name.text.split("#", 1)[0]
        return self.namespace.text if self.namespace else ""

    def absolute_id(self, shape: Shape) -> str:
        if "#" in shape.name.text:
            return shape.name.text
        return f"{self.namespace.text if self.namespace else ''}#{shape.name.text}"
