"""The plain-data summary of one WIT file: what it declares and every name it refers to.

Everything carries byte ranges into the file's source as ``(start, end)`` pairs.
Nothing here looks beyond one file; resolution happens in the workspace layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from witsmith.model.pickling import pickled_as_fields

Span = tuple[int, int]


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Gate:
    kind: str  # "since", "unstable" or "deprecated"
    value: str  # the version, or the feature name
    span: Span  # the whole `@since(...)`
    value_span: Span


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class PackageName:
    namespace: str
    name: str
    version: str | None
    span: Span
    version_span: Span | None

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.namespace, self.name, self.version)

    def __str__(self) -> str:
        return f"{self.namespace}:{self.name}" + (f"@{self.version}" if self.version else "")


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Identifier:
    """A declared or referenced name; ``text`` has the `%` escape removed."""

    text: str
    span: Span
    escaped: bool = False


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class UsePath:
    """`iface`, or `ns:pkg/iface@version`."""

    interface: Identifier
    namespace: Identifier | None
    package: Identifier | None
    version: str | None
    span: Span

    @property
    def is_foreign(self) -> bool:
        return self.package is not None

    @property
    def package_key(self) -> tuple[str, str, str | None] | None:
        if self.namespace is None or self.package is None:
            return None
        return (self.namespace.text, self.package.text, self.version)

    @property
    def package_label(self) -> str:
        if self.namespace is None or self.package is None:
            return ""
        return f"{self.namespace.text}:{self.package.text}" + (f"@{self.version}" if self.version else "")

    def __str__(self) -> str:
        if self.is_foreign:
            base = f"{self.namespace.text}:{self.package.text}/{self.interface.text}"
            return base + (f"@{self.version}" if self.version else "")
        return self.interface.text


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class TypeExpr:
    """A type as written.  ``kind`` is the grammar's: primitive, list, map, option,
    result, tuple, handle, future, stream, named.  ``args`` holds the inner types
    (None for an absent `result` side); ``name`` is set for named types and handles
    (the referenced identifier) and ``word`` for primitives and handle kinds."""

    kind: str
    span: Span
    args: tuple[TypeExpr | None, ...] = ()
    name: Identifier | None = None
    word: str = ""
    size: int | None = None  # fixed-length lists

    def walk(self):
        yield self
        for arg in self.args:
            if arg is not None:
                yield from arg.walk()


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Member:
    """A record field, variant case, enum case, flag or parameter."""

    name: Identifier
    type: TypeExpr | None
    span: Span
    gates: tuple[Gate, ...] = ()
    docs: str = ""


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Func:
    name: Identifier | None  # None for a constructor
    kind: str  # "freestanding", "method", "static" or "constructor"
    params: tuple[Member, ...]
    result: TypeExpr | None
    is_async: bool
    span: Span  # the whole item
    gates: tuple[Gate, ...] = ()
    docs: str = ""
    # Old-style `-> (name: type, ...)` results, which the grammar leaves in an ERROR.
    keyword_span: Span | None = None  # `constructor`, for constructors


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class TypeDef:
    kind: str  # "alias", "record", "variant", "enum", "flags" or "resource"
    name: Identifier
    span: Span
    gates: tuple[Gate, ...] = ()
    docs: str = ""
    target: TypeExpr | None = None  # aliases
    members: tuple[Member, ...] = ()
    methods: tuple[Func, ...] = ()  # resources, constructors included
    damaged: bool = False  # the body holds a syntax error: members may be missing


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class UseName:
    name: Identifier
    alias: Identifier | None

    @property
    def local(self) -> Identifier:
        return self.alias or self.name


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Use:
    """`use path.{a, b as c};` inside an interface or world."""

    path: UsePath
    names: tuple[UseName, ...]
    span: Span
    gates: tuple[Gate, ...] = ()


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class TopUse:
    """`use path as alias;` at the top level of a file or package block."""

    path: UsePath
    alias: Identifier | None
    span: Span
    gates: tuple[Gate, ...] = ()

    @property
    def local(self) -> Identifier:
        return self.alias or self.path.interface


@pickled_as_fields
@dataclass(slots=True, eq=False)  # compared by identity: two equal bodies are two interfaces
class Interface:
    name: Identifier | None  # None for an inline `import x: interface { }`
    span: Span
    gates: tuple[Gate, ...] = ()
    docs: str = ""
    uses: list[Use] = field(default_factory=list)
    types: list[TypeDef] = field(default_factory=list)
    funcs: list[Func] = field(default_factory=list)


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class WorldItem:
    """An `import` or `export`: of an interface by path, of a function, or of an inline interface."""

    direction: str  # "import" or "export"
    name: Identifier | None  # the kebab name, when there is one
    path: UsePath | None
    func: Func | None
    interface: Interface | None
    span: Span
    gates: tuple[Gate, ...] = ()
    docs: str = ""


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class IncludeName:
    source: Identifier
    target: Identifier


@pickled_as_fields
@dataclass(frozen=True, slots=True)
class Include:
    path: UsePath
    with_names: tuple[IncludeName, ...]
    span: Span
    gates: tuple[Gate, ...] = ()


@pickled_as_fields
@dataclass(slots=True, eq=False)
class World:
    name: Identifier
    span: Span
    gates: tuple[Gate, ...] = ()
    docs: str = ""
    uses: list[Use] = field(default_factory=list)
    types: list[TypeDef] = field(default_factory=list)
    items: list[WorldItem] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)


@pickled_as_fields
@dataclass(slots=True, eq=False)
class PackageUnit:
    """The items of a file that belong to one package: the top level (under the
    file's `package` declaration, if any) or one nested `package x:y { }` block."""

    name: PackageName | None
    is_block: bool
    span: Span
    uses: list[TopUse] = field(default_factory=list)
    interfaces: list[Interface] = field(default_factory=list)
    worlds: list[World] = field(default_factory=list)
    docs: str = ""
    docs_span: Span | None = None  # the doc comments on the `package` line, when there are any

    @property
    def is_empty(self) -> bool:
        return not (self.uses or self.interfaces or self.worlds)


@pickled_as_fields
@dataclass(slots=True)
class FileSummary:
    top: PackageUnit
    blocks: list[PackageUnit] = field(default_factory=list)
    # Old-style named results (`-> (a: u32)`), found inside ERROR nodes.
    legacy_results: list[Span] = field(default_factory=list)
    # Package blocks found nested inside a package block (wit-parser forbids them).
    nested_blocks: list[Span] = field(default_factory=list)
    # For a binary (`.wasm`) package that could not be read: why.
    binary_error: str | None = None
    # A binary that is a compiled component rather than an encoded WIT package.
    not_a_package: bool = False

    @property
    def units(self) -> list[PackageUnit]:
        return [self.top, *self.blocks]

    def declared_names(self) -> frozenset:
        """What other files can see of this one: package identities and item names."""
        names = set()
        for unit in self.units:
            key = unit.name.key if unit.name else None
            names.add(("package", unit.is_block, key))
            for interface in unit.interfaces:
                if interface.name:
                    names.add(("item", unit.is_block, key, interface.name.text))
            for world in unit.worlds:
                names.add(("item", unit.is_block, key, world.name.text))
        return frozenset(names)
