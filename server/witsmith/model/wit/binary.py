"""WIT packages encoded as components (`.wasm` files in `deps/`), read into the same
per-file summary as a `.wit` file, so that their interfaces and worlds resolve.

The encoding (the component model's binary format, as `wasm-tools component wit
--wasm` and `wkg` write it) is a component whose type section holds, for each
interface and world of the package, a component type that exports it under its
full name (`ns:pkg/name@version`): an instance type for an interface, a
component type for a world.  Inside those, types are exported by name (`eq` a
definition, or `sub resource`), functions are exported by name (`[method]r.m`,
`[static]r.f`, `[constructor]r` for resources), and types taken from another
interface are outer aliases of that interface's exports: a `use`.

Only what the summary needs is kept; spans are all (0, 0): the file has no text.
Anything the decoder does not understand raises `BinaryPackageError` with what
and where (a byte offset), never anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from witsmith.model.wit.summary import (
    FileSummary, Func, Identifier, Interface, Member, PackageName, PackageUnit, TypeDef, TypeExpr, Use,
    UseName, UsePath, World, WorldItem,
)

MAGIC = b"\0asm"
COMPONENT_VERSION = b"\x0d\x00\x01\x00"
NOWHERE = (0, 0)
# Nesting of component and instance types, and of value types, far beyond what any
# real package has: deeper input is refused instead of exhausting the stack.
MAX_DEPTH = 200

PRIMITIVES = {
    0x7f: "bool", 0x7e: "s8", 0x7d: "u8", 0x7c: "s16", 0x7b: "u16", 0x7a: "s32", 0x79: "u32",
    0x78: "s64", 0x77: "u64", 0x76: "f32", 0x75: "f64", 0x74: "char", 0x73: "string", 0x64: "error-context",
}


class BinaryPackageError(Exception):
    """The bytes are not a WIT package encoded as a component (or are damaged)."""


class NotAPackage(BinaryPackageError):
    """A well-formed component that is not a WIT package (a compiled component)."""


class _Reader:
    def __init__(self, data: bytes, start: int = 0, end: int | None = None) -> None:
        self.data = data
        self.at = start
        self.end = len(data) if end is None else end

    def fail(self, what: str) -> BinaryPackageError:
        return BinaryPackageError(f"{what} at byte {self.at}")

    def byte(self) -> int:
        if self.at >= self.end:
            raise self.fail("unexpected end of data")
        value = self.data[self.at]
        self.at += 1
        return value

    def peek(self) -> int:
        if self.at >= self.end:
            raise self.fail("unexpected end of data")
        return self.data[self.at]

    def u32(self) -> int:
        result = shift = 0
        while True:
            value = self.byte()
            result |= (value & 0x7f) << shift
            if not value & 0x80:
                break
            shift += 7
            if shift > 28:
                raise self.fail("integer too long")
        if result > 0xffff_ffff:
            raise self.fail("integer out of range")
        return result

    def bytes(self, length: int) -> bytes:
        if length > self.end - self.at:
            raise self.fail(f"{length} bytes announced but only {self.end - self.at} left")
        value = self.data[self.at:self.at + length]
        self.at += length
        return value

    def string(self) -> str:
        raw = self.bytes(self.u32())
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise self.fail("a name that is not UTF-8") from None

    def count(self, each: int = 1) -> int:
        """A vector length, checked against the bytes left (each item takes at least ``each``)."""
        length = self.u32()
        if length * each > self.end - self.at:
            raise self.fail(f"a list of {length} items in {self.end - self.at} bytes")
        return length


# --- what the type index spaces hold ------------------------------------------------------

@dataclass(eq=False)
class _Def:
    """A type definition: ``kind`` is a value-type constructor, "func", "instance",
    "component", "resource" or "primitive"."""

    kind: str
    word: str = ""  # primitives
    fields: list = field(default_factory=list)  # (label, type or None) / labels / types
    scope: _Scope | None = None  # instance and component types


@dataclass(eq=False)
class _Named:
    """A type exported (or imported) by name: ``target`` is what it equals, None for a resource."""

    name: str
    target: object | None


@dataclass(eq=False)
class _FromInstance:
    """A type aliased from an export of an instance: the instance's name, the export's name."""

    instance: str
    name: str
    target: object | None


@dataclass(eq=False)
class _Scope:
    parent: _Scope | None
    types: list = field(default_factory=list)
    instances: list = field(default_factory=list)  # (name, instance _Def) of imported instances
    imports: list = field(default_factory=list)  # (name, desc kind, entry)
    exports: list = field(default_factory=list)


# --- decoding -------------------------------------------------------------------------------

class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.reader = _Reader(data)

    def valtype(self, scope: _Scope):
        code = self.reader.peek()
        if code in PRIMITIVES:
            self.reader.byte()
            return _Def("primitive", PRIMITIVES[code])
        return self.type_at(scope, self.reader.u32())

    def type_at(self, scope: _Scope, index: int):
        if index >= len(scope.types):
            raise self.reader.fail(f"type index {index} is not defined")
        return scope.types[index]

    def optional_valtype(self, scope: _Scope):
        flag = self.reader.byte()
        if flag == 0:
            return None
        if flag == 1:
            return self.valtype(scope)
        raise self.reader.fail(f"bad optional-type flag 0x{flag:02x}")

    def deftype(self, scope: _Scope, depth: int):
        if depth > MAX_DEPTH:
            raise self.reader.fail("types nested too deeply")
        r = self.reader
        code = r.byte()
        if code in PRIMITIVES:
            return _Def("primitive", PRIMITIVES[code])
        if code == 0x72:
            return _Def("record", fields=[(r.string(), self.valtype(scope)) for _ in range(r.count(2))])
        if code == 0x71:
            cases = []
            for _ in range(r.count(3)):
                label = r.string()
                payload = self.optional_valtype(scope)
                if r.byte() != 0:
                    raise r.fail("a variant case that refines another (not produced for WIT)")
                cases.append((label, payload))
            return _Def("variant", fields=cases)
        if code == 0x70:
            return _Def("list", fields=[self.valtype(scope)])
        if code == 0x67:
            element = self.valtype(scope)
            return _Def("list", word=str(r.u32()), fields=[element])
        if code == 0x6f:
            return _Def("tuple", fields=[self.valtype(scope) for _ in range(r.count())])
        if code in (0x6e, 0x6d):
            return _Def("flags" if code == 0x6e else "enum", fields=[r.string() for _ in range(r.count())])
        if code == 0x6b:
            return _Def("option", fields=[self.valtype(scope)])
        if code == 0x6a:
            return _Def("result", fields=[self.optional_valtype(scope), self.optional_valtype(scope)])
        if code in (0x69, 0x68):
            return _Def("own" if code == 0x69 else "borrow", fields=[self.type_at(scope, r.u32())])
        if code in (0x66, 0x65):
            return _Def("stream" if code == 0x66 else "future", fields=[self.optional_valtype(scope)])
        if code == 0x63:
            return _Def("map", fields=[self.valtype(scope), self.valtype(scope)])
        if code in (0x40, 0x43):
            params = [(r.string(), self.valtype(scope)) for _ in range(r.count(2))]
            shape = r.byte()
            if shape == 0x00:
                result = self.valtype(scope)
            elif shape == 0x01:
                if r.u32() != 0:
                    raise r.fail("named function results (not produced for WIT)")
                result = None
            else:
                raise r.fail(f"bad function result list 0x{shape:02x}")
            return _Def("func", word="async" if code == 0x43 else "", fields=[params, result])
        if code in (0x41, 0x42):
            inner = _Scope(scope)
            self.declarations(inner, component=code == 0x41, depth=depth + 1)
            return _Def("component" if code == 0x41 else "instance", scope=inner)
        if code in (0x3f, 0x3e):
            if r.byte() != 0x7f:
                raise r.fail("a resource whose representation is not i32")
            if r.byte() == 1:
                r.u32()
            if code == 0x3e and r.byte() == 1:
                r.u32()
            return _Def("resource")
        raise r.fail(f"unknown type constructor 0x{code:02x}")

    def name(self) -> str:
        r = self.reader
        kind = r.byte()
        if kind in (0x00, 0x01):  # 0x01: the older encoding's mark for `ns:pkg/name` names
            return r.string()
        raise r.fail(f"bad name prefix 0x{kind:02x}")

    def externdesc(self, scope: _Scope, name: str):
        """(kind, entry): what an import or export declares, added to the right index space."""
        r = self.reader
        kind = r.byte()
        if kind == 0x00:
            r.byte()
            r.u32()
            return "module", None
        if kind == 0x03:
            bound = r.byte()
            if bound == 0x00:
                entry = _Named(name, self.type_at(scope, r.u32()))
            elif bound == 0x01:
                entry = _Named(name, None)
            else:
                raise r.fail(f"bad type bound 0x{bound:02x}")
            scope.types.append(entry)
            return "type", entry
        if kind == 0x02:
            bound = r.byte()
            if bound == 0x00:
                r.u32()
            else:
                self.valtype(scope)
            return "value", None
        if kind in (0x01, 0x04, 0x05):
            entry = self.type_at(scope, r.u32())
            desc = {0x01: "func", 0x04: "component", 0x05: "instance"}[kind]
            if desc == "instance":
                scope.instances.append((name, entry))
            return desc, entry
        raise r.fail(f"bad import or export kind 0x{kind:02x}")

    def alias(self, scope: _Scope) -> None:
        r = self.reader
        sort = r.byte()
        if sort == 0x00:
            r.byte()
        target = r.byte()
        if target == 0x00:
            index, name = r.u32(), r.string()
            if sort != 0x03:
                return
            if index >= len(scope.instances):
                raise r.fail(f"instance index {index} is not defined")
            instance_name, instance = scope.instances[index]
            exported = None
            if isinstance(instance, _Def) and instance.scope is not None:
                exported = next((e for n, k, e in instance.scope.exports if n == name and k == "type"), None)
            scope.types.append(_FromInstance(instance_name, name, exported))
        elif target == 0x01:
            r.u32()
            r.string()
        elif target == 0x02:
            count, index = r.u32(), r.u32()
            if sort != 0x03:
                return
            outer = scope
            for _ in range(count):
                outer = outer.parent if outer is not None else None
            if outer is None:
                raise r.fail(f"outer alias {count} levels up goes past the outermost component")
            scope.types.append(self.type_at(outer, index))
        else:
            raise r.fail(f"bad alias target 0x{target:02x}")

    def declarations(self, scope: _Scope, component: bool, depth: int) -> None:
        r = self.reader
        for _ in range(r.count()):
            tag = r.byte()
            if tag == 0x00:
                raise r.fail("a core type (not produced for WIT)")
            if tag == 0x01:
                scope.types.append(self.deftype(scope, depth))
            elif tag == 0x02:
                self.alias(scope)
            elif tag == 0x03 and component:
                name = self.name()
                scope.imports.append((name, *self.externdesc(scope, name)))
            elif tag == 0x04:
                name = self.name()
                scope.exports.append((name, *self.externdesc(scope, name)))
            else:
                raise r.fail(f"bad declaration 0x{tag:02x}")

    def component(self) -> _Scope:
        r = self.reader
        if r.bytes(4) != MAGIC:
            raise BinaryPackageError("not a WebAssembly file (no `\\0asm` header)")
        version = r.bytes(4)
        if version != COMPONENT_VERSION:
            raise BinaryPackageError("a core WebAssembly module, not a component" if version[2:] == b"\0\0"
                                     else f"an unknown component version {version.hex()}")
        top = _Scope(None)
        while r.at < r.end:
            section = r.byte()
            size = r.u32()
            if size > r.end - r.at:
                raise r.fail(f"a section of {size} bytes with only {r.end - r.at} left")
            end = r.at + size
            if section == 7:
                body = _Reader(r.data, r.at, end)
                saved, self.reader = self.reader, body
                try:
                    for _ in range(body.count()):
                        top.types.append(self.deftype(top, 0))
                finally:
                    self.reader = saved
            elif section == 11:
                body = _Reader(r.data, r.at, end)
                saved, self.reader = self.reader, body
                try:
                    for _ in range(body.count()):
                        name = self.name()
                        if body.byte() != 0x03:
                            raise NotAPackage("exports something other than types: a compiled component")
                        entry = _Named(name, self.type_at(top, body.u32()))
                        top.types.append(entry)  # a type export is a type of its own
                        top.exports.append((name, "type", entry.target))
                        if body.at < body.end and body.byte() == 0x01:  # an explicit type ascription
                            self.externdesc(_Scope(None), name)
                finally:
                    self.reader = saved
            elif section not in (0,):
                raise NotAPackage(f"holds a section of kind {section}: a compiled component")
            r.at = end
        return top


# --- into the summary ----------------------------------------------------------------------------

def _ident(text: str) -> Identifier:
    return Identifier(text, NOWHERE)


def _split_qualified(name: str) -> tuple[str, str, str, str | None] | None:
    """`ns:pkg/item@version` into its parts."""
    base, _, version = name.partition("@")
    package, slash, item = base.partition("/")
    namespace, colon, package = package.partition(":")
    if not (colon and slash and namespace and package and item):
        return None
    return namespace, package, item, version or None


class _Summarizer:
    def __init__(self, package: PackageName) -> None:
        self.package = package

    def use_path(self, name: str) -> UsePath | None:
        """A path as WIT writes it: the package's own items by their short name."""
        parts = _split_qualified(name)
        if parts is None:
            return UsePath(_ident(name), None, None, None, NOWHERE) if name else None
        namespace, package, item, version = parts
        if (namespace, package, version) == self.package.key:
            return UsePath(_ident(item), None, None, None, NOWHERE)
        return UsePath(_ident(item), _ident(namespace), _ident(package), version, NOWHERE)

    def type_expr(self, entry, depth: int = 0) -> TypeExpr | None:
        if entry is None or depth > MAX_DEPTH:
            return None
        if isinstance(entry, (_Named, _FromInstance)):
            return TypeExpr("named", NOWHERE, name=_ident(entry.name))
        if entry.kind == "primitive":
            return TypeExpr("primitive", NOWHERE, word=entry.word)
        if entry.kind in ("own", "borrow"):
            target = entry.fields[0]
            name = target.name if isinstance(target, (_Named, _FromInstance)) else "resource"
            return TypeExpr("handle", NOWHERE, name=_ident(name), word=entry.kind)
        if entry.kind in ("list", "option", "future", "stream", "tuple", "map", "result"):
            args = tuple(self.type_expr(arg, depth + 1) for arg in entry.fields)
            size = int(entry.word) if entry.kind == "list" and entry.word else None
            return TypeExpr(entry.kind, NOWHERE, args, size=size)
        return None  # a record, variant... defined inline cannot be written in WIT

    def typedef(self, named: _Named) -> TypeDef:
        name = _ident(named.name)
        target = named.target
        if target is None:
            return TypeDef("resource", name, NOWHERE)
        if isinstance(target, _Def) and target.kind in ("record", "variant"):
            members = tuple(Member(_ident(label), self.type_expr(t), NOWHERE) for label, t in target.fields)
            return TypeDef(target.kind, name, NOWHERE, members=members)
        if isinstance(target, _Def) and target.kind in ("enum", "flags"):
            members = tuple(Member(_ident(label), None, NOWHERE) for label in target.fields)
            return TypeDef(target.kind, name, NOWHERE, members=members)
        if isinstance(target, _Def) and target.kind == "resource":
            return TypeDef("resource", name, NOWHERE)
        return TypeDef("alias", name, NOWHERE, target=self.type_expr(target))

    def func(self, export_name: str, entry) -> tuple[str | None, Func] | None:
        """(the resource it belongs to or None, the function) for a function export."""
        if not isinstance(entry, _Def) or entry.kind != "func":
            return None
        params, result = entry.fields
        is_async = entry.word == "async"
        name = export_name
        if name.startswith("[async "):
            is_async, name = True, "[" + name[len("[async "):]
        elif name.startswith("[async]"):
            is_async, name = True, name[len("[async]"):]
        members = [Member(_ident(label), self.type_expr(t), NOWHERE) for label, t in params]
        for prefix, kind in (("[constructor]", "constructor"), ("[method]", "method"), ("[static]", "static")):
            if name.startswith(prefix):
                rest = name[len(prefix):]
                resource, _, function = rest.partition(".")
                if kind == "method" and members:
                    members = members[1:]  # `self` is implicit in WIT
                func_name = None if kind == "constructor" else _ident(function)
                result_type = None if kind == "constructor" else self.type_expr(result)
                return resource, Func(func_name, kind, tuple(members), result_type, is_async, NOWHERE)
        return None, Func(_ident(name), "freestanding", tuple(members), self.type_expr(result), is_async, NOWHERE)

    def fill(self, types: list[TypeDef], uses: list[Use], funcs: list[Func] | None, scope: _Scope,
             direction: str | None = None, items: list[WorldItem] | None = None) -> None:
        methods: dict[str, list[Func]] = {}
        order: list[tuple[str, object]] = [(n, ("export", k, e)) for n, k, e in scope.exports]
        if direction is not None:  # a world: its imports too
            order = [(n, ("import", k, e)) for n, k, e in scope.imports] + order
        for name, (way, kind, entry) in order:
            if kind == "type" and isinstance(entry, _Named):
                target = entry.target
                if isinstance(target, _FromInstance):
                    path = self.use_path(target.instance)
                    if path is not None:
                        alias = _ident(name) if name != target.name else None
                        uses.append(Use(path, (UseName(_ident(target.name), alias),), NOWHERE))
                        continue
                types.append(self.typedef(entry))
            elif kind == "func":
                found = self.func(name, entry)
                if found is None:
                    continue
                resource, func = found
                if resource is not None:
                    methods.setdefault(resource, []).append(func)
                elif items is not None:
                    items.append(WorldItem(way, _ident(name), None, func, None, NOWHERE))
                elif funcs is not None:
                    funcs.append(func)
            elif kind == "instance" and items is not None:
                if ":" in name:
                    items.append(WorldItem(way, None, self.use_path(name), None, None, NOWHERE))
                elif isinstance(entry, _Def) and entry.scope is not None:
                    inline = Interface(None, NOWHERE)
                    self.fill(inline.types, inline.uses, inline.funcs, entry.scope)
                    items.append(WorldItem(way, _ident(name), None, None, inline, NOWHERE))
        for index, typedef in enumerate(types):
            if typedef.kind == "resource" and typedef.name.text in methods:
                types[index] = TypeDef("resource", typedef.name, NOWHERE,
                                       methods=tuple(methods[typedef.name.text]))


def decode_package(data: bytes) -> FileSummary:
    """The summary of a WIT package encoded as a component; raises `BinaryPackageError`."""
    try:
        top = _Decoder(data).component()
    except RecursionError:
        raise BinaryPackageError("types nested too deeply") from None
    items = []  # (kind, item name, entry) of each interface and world the package defines
    package: PackageName | None = None
    for _, _, wrapper in top.exports:
        if not isinstance(wrapper, _Def) or wrapper.kind != "component" or wrapper.scope is None:
            continue
        for full_name, kind, entry in wrapper.scope.exports:
            parts = _split_qualified(full_name)
            if parts is None or kind not in ("instance", "component"):
                continue
            namespace, name, item, version = parts
            if package is None:
                package = PackageName(namespace, name, version, NOWHERE, None)
            if (namespace, name, version) == package.key and isinstance(entry, _Def) and entry.scope is not None:
                items.append((kind, item, entry))
    if package is None:
        raise NotAPackage("exports no interface or world under a package name: not a WIT package")
    summarizer = _Summarizer(package)
    unit = PackageUnit(package, False, NOWHERE)
    for kind, item, entry in items:
        if kind == "instance":
            interface = Interface(_ident(item), NOWHERE)
            summarizer.fill(interface.types, interface.uses, interface.funcs, entry.scope)
            unit.interfaces.append(interface)
        else:
            world = World(_ident(item), NOWHERE)
            summarizer.fill(world.types, world.uses, None, entry.scope, "world", world.items)
            unit.worlds.append(world)
    return FileSummary(unit)
