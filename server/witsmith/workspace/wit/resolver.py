"""Resolution of one WIT file against the packages its root sees.

Each file is resolved on its own: every reference is looked up (through `use`
renames and across files and packages), and every check that concerns the file's
own items is run.  While it works, the resolver records what it consulted (other
files, and package name tables) so the workspace can re-resolve exactly the files a
change may affect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from witsmith.diagnostics import Fix, Location, Related, TextEdit
from witsmith.model.wit import (
    FileSummary, Func, Gate, Identifier, Interface, PackageUnit, TypeDef, TypeExpr, Use, UsePath, World,
)
from witsmith.settings import Settings
from witsmith.workspace.wit.layout import Group
from witsmith.workspace.wit.names import identifier_problem, to_kebab, version_greater, version_problem
from witsmith.workspace.wit.packages import Context, ItemDef, Package
from witsmith.workspace.wit.problems import Problem, closest, did_you_mean
from witsmith.workspace.wit.wasmcloud import world_guidance

MAP_KEY_TYPES = frozenset({"bool", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "char", "string"})


@dataclass(slots=True)
class FileResolution:
    problems: list[Problem] = field(default_factory=list)
    # Reference ranges in this file and the definition each one resolves to.
    refs: list[tuple[int, int, Location]] = field(default_factory=list)
    # Declared names in this file (their own definitions).
    decls: list[Location] = field(default_factory=list)
    # References into packages absent from the workspace: (package label, start, end).
    missing: list[tuple[str, int, int]] = field(default_factory=list)
    # Foreign package references: (from key, to key, start, end).
    package_edges: list[tuple[object, object, int, int]] = field(default_factory=list)
    # Files and ("pkg", key) name tables this resolution read.
    depends_on: set = field(default_factory=set)


@dataclass(slots=True, eq=False)
class Scope:
    """An interface or world body, with where it was declared."""

    path: Path
    unit: PackageUnit
    package: Package
    node: Interface | World
    excluded: bool = False


class _Silent:
    """A lookup that failed for a reason already reported elsewhere."""


SILENT = _Silent()


@dataclass(slots=True)
class TypeFound:
    typedef: TypeDef
    scope: Scope


class Resolver:
    def __init__(self, context: Context, group: Group, path: Path, summary: FileSummary,
                 summaries: dict[Path, FileSummary], settings: Settings) -> None:
        self.context = context
        self.group = group
        self.path = path
        self.summary = summary
        self.summaries = summaries
        self.settings = settings
        self.out = FileResolution()
        self._names_cache: dict[int, dict] = {}

    # --- reporting -----------------------------------------------------------

    def problem(self, code: str, span: tuple[int, int], message: str, related: tuple[Related, ...] = (),
                replacement: str | None = None) -> None:
        """Record a problem; ``replacement`` offers a quick fix that rewrites the range."""
        fixes = ()
        if replacement is not None:
            fixes = (Fix(f"Change to `{replacement}`", (TextEdit(self.path, span[0], span[1], replacement),)),)
        self.out.problems.append(Problem(code, self.path, span[0], span[1], message, related, fixes))

    def unknown(self, code: str, ident: Identifier, message: str, candidates) -> None:
        """An unknown name, with a "did you mean" and its quick fix when a name is close."""
        suggestion = closest(ident.text, candidates)
        self.problem(code, ident.span, message + did_you_mean(ident.text, candidates), (),
                     ("%" if ident.escaped else "") + suggestion if suggestion else None)

    def ref(self, span: tuple[int, int], path: Path, target: tuple[int, int]) -> None:
        self.out.refs.append((span[0], span[1], Location(path, target[0], target[1])))

    def decl(self, ident: Identifier | None) -> None:
        if ident is not None:
            self.out.decls.append(Location(self.path, ident.span[0], ident.span[1]))

    def excluded(self, gates: tuple[Gate, ...]) -> bool:
        return any(g.kind == "unstable" and not self.settings.wit_feature_enabled(g.value) for g in gates)

    # --- entry point ---------------------------------------------------------

    def run(self) -> FileResolution:
        for span in self.summary.legacy_results:
            self.problem("wit/legacy-named-results", span,
                         "named results `-> (name: type)` are no longer supported; return one type, "
                         "for example a `tuple<...>` or a record")
        for unit in self.summary.units:
            package = self.context.package_of_unit(self.group, unit)
            if package is None:
                continue
            self.out.depends_on.add(("pkg", package.key or ("group", self.group.location)))
            self.check_unit(unit, package)
        return self.out

    def check_unit(self, unit: PackageUnit, package: Package) -> None:
        if unit.name is not None:
            self.check_package_name(unit)
        for use in unit.uses:
            self.check_ident(use.local)
            if use.alias:
                self.decl(use.alias)
            for gate in use.gates:
                self.problem("wit/misplaced-gate", gate.span,
                             f"`@{gate.kind}` is not allowed on a top-level `use`; gate the items that use it instead")
            self.lookup_item(unit, package, use.path, report=True)
        local_names: dict[str, Identifier] = {}
        for use in unit.uses:
            name = use.local
            if name.text in local_names:
                self.problem("wit/duplicate-name", name.span, f"duplicate item named `{name.text}`")
            local_names[name.text] = name
        for interface in unit.interfaces:
            if interface.name and interface.name.text in local_names:
                self.problem("wit/duplicate-name", interface.name.span,
                             f"duplicate item named `{interface.name.text}`: a top-level `use` already "
                             "brings this name into the file")
            scope = Scope(self.path, unit, package, interface, self.excluded(interface.gates))
            self.check_ident(interface.name)
            self.decl(interface.name)
            self.check_gates(interface.gates, package, interface.name.span)
            self.check_interface(scope)
        for world in unit.worlds:
            if world.name.text in local_names:
                self.problem("wit/duplicate-name", world.name.span,
                             f"duplicate item named `{world.name.text}`: a top-level `use` already "
                             "brings this name into the file")
            self.check_ident(world.name)
            self.decl(world.name)
            self.check_gates(world.gates, package, world.name.span)
            self.check_world(Scope(self.path, unit, package, world, self.excluded(world.gates)))
        self.check_package_duplicates(unit, package)

    def check_package_name(self, unit: PackageUnit) -> None:
        name = unit.name
        for text in (name.namespace, name.name):
            problem = identifier_problem(text)
            if problem:
                self.problem("wit/invalid-identifier", name.span, f"invalid package name `{name}`: {problem}")
                break
        if name.version is not None and name.version_span is not None:
            problem = version_problem(name.version)
            if problem:
                self.problem("wit/invalid-version", name.version_span, problem)

    def check_package_duplicates(self, unit: PackageUnit, package: Package) -> None:
        for items in (unit.interfaces, unit.worlds):
            for item in items:
                if item.name is None:
                    continue
                defs = package.items.get(item.name.text, [])
                if len(defs) > 1 and defs[0].node is not item:
                    first = defs[0]
                    self.out.depends_on.add(first.path)
                    self.problem("wit/duplicate-name", item.name.span,
                                 f"duplicate item named `{item.name.text}` in package `{package.label}`",
                                 (Related(Location(first.path, *first.node.name.span), "first defined here"),))

    # --- identifiers and gates ----------------------------------------------

    def check_ident(self, ident: Identifier | None) -> None:
        if ident is None:
            return
        problem = identifier_problem(ident.text)
        if problem:
            suggestion = to_kebab(ident.text)
            hint = f"; write it as `{suggestion}`" if suggestion else ""
            replacement = ("%" if ident.escaped else "") + suggestion if suggestion else None
            self.problem("wit/invalid-identifier", ident.span, f"invalid identifier `{ident.text}`: {problem}{hint}",
                         replacement=replacement)

    def check_gates(self, gates: tuple[Gate, ...], package: Package, anchor: tuple[int, int] | None = None) -> None:
        seen: dict[str, Gate] = {}
        for gate in gates:
            if gate.kind in seen:
                self.problem("wit/duplicate-gate", gate.span, f"the `@{gate.kind}` gate is repeated; keep one")
            seen[gate.kind] = gate
            if gate.kind in ("since", "deprecated"):
                problem = version_problem(gate.value)
                if problem:
                    self.problem("wit/invalid-version", gate.value_span, problem)
                    continue
            if gate.kind == "since":
                version = package.version
                if version is None:
                    self.problem("wit/since-unversioned", gate.span,
                                 "`@since` needs a versioned package; add a version to the `package` declaration "
                                 "or remove the gate")
                elif version_greater(gate.value, version):
                    self.problem("wit/unreleased-since", anchor or gate.value_span,
                                 f"feature gate cannot reference unreleased version {gate.value} of package "
                                 f"`{package.label}` (current version {version})")
        if "since" in seen and "unstable" in seen:
            self.problem("wit/conflicting-gates", seen["unstable"].span,
                         "an item cannot be both `@since` and `@unstable`; remove one of the gates")
        if "deprecated" in seen and "since" not in seen and "unstable" not in seen:
            self.problem("wit/deprecated-without-since", seen["deprecated"].span,
                         "`@deprecated` needs a `@since` (or `@unstable`) gate on the same item")

    # --- items ---------------------------------------------------------------

    def lookup_item(self, unit: PackageUnit, package: Package, path: UsePath, report: bool,
                    seen: frozenset = frozenset()) -> ItemDef | _Silent | None:
        """The interface or world a path names; reports an unknown one when ``report``."""
        if path.is_foreign:
            if report and path.version is not None:
                problem = version_problem(path.version)
                if problem:
                    # The version ends the path: `ns:pkg/iface@version`.
                    self.problem("wit/invalid-version", (path.span[1] - len(path.version.encode()), path.span[1]),
                                 problem)
            key = path.package_key
            found = self.context.find(key)
            self.out.depends_on.add(("pkg", key))
            if found is None:
                if report and not self.context.opaque:
                    self.out.missing.append((path.package_label, path.span[0], path.span[1]))
                return SILENT
            if report and found is not package:
                self.out.package_edges.append((package.key, key, path.span[0], path.span[1]))
            elif report and found is package:
                self.problem("wit/package-cycle", path.span,
                             f"package `{found.label}` creates a dependency cycle: it refers to itself by its "
                             f"full name; write `{path.interface.text}` instead of `{path}`")
            item = found.item(path.interface.text)
            if item is None:
                if report:
                    self.unknown("wit/unknown-interface", path.interface,
                                 f"interface or world `{path.interface.text}` not found in package "
                                 f"`{found.label}`", list(found.items))
                return None
            self.out.depends_on.add(item.path)
            if report:
                self.ref(path.interface.span, item.path, item.node.name.span)
            return item
        name = path.interface.text
        if name not in seen:
            for use in unit.uses:
                if use.local.text == name:
                    found = self.lookup_item(unit, package, use.path, False, seen | {name})
                    if report and isinstance(found, ItemDef):
                        self.ref(path.interface.span, found.path, found.node.name.span)
                    return found
        self.out.depends_on.add(("pkg", package.key or ("group", package.group.location)))
        item = package.item(name)
        if item is None or (item.unit.is_block != unit.is_block) or (
                unit.is_block and item.unit.name != unit.name and item.package is not package):
            if item is None:
                if report:
                    candidates = list(package.items) + [u.local.text for u in unit.uses]
                    self.unknown("wit/unknown-interface", path.interface,
                                 f"interface or world `{name}` does not exist", candidates)
                return None
        self.out.depends_on.add(item.path)
        if report:
            self.ref(path.interface.span, item.path, item.node.name.span)
        return item

    def gated_foreign(self, path: UsePath) -> bool:
        """A gated-out reference to another package: wit-parser needs the package to
        exist but does not look inside it.  True when that is all there is to check."""
        if not path.is_foreign:
            return False
        self.out.depends_on.add(("pkg", path.package_key))
        found = self.context.find(path.package_key)
        if found is None and not self.context.opaque:
            self.out.missing.append((path.package_label, path.span[0], path.span[1]))
        elif found is not None and found.group is self.group and found.key == self.own_key(path):
            self.problem("wit/package-cycle", path.span,
                         f"package `{found.label}` creates a dependency cycle: it refers to itself by its "
                         f"full name; write `{path.interface.text}` instead of `{path}`")
        return True

    def own_key(self, path: UsePath):
        """The key of the package that the unit holding ``path`` belongs to."""
        unit = next((b for b in self.summary.blocks if b.span[0] <= path.span[0] < b.span[1]), self.summary.top)
        package = self.context.package_of_unit(self.group, unit)
        return package.key if package is not None else None

    def quiet(self, scope: Scope, gates: tuple[Gate, ...]) -> Scope:
        """The scope to check a gated-out item in.  wit-parser still resolves such
        items in full; only references *to* gated-out items from live ones are errors."""
        if scope.excluded or not self.excluded(gates):
            return scope
        return Scope(scope.path, scope.unit, scope.package, scope.node, True)

    def scope_of(self, item: ItemDef) -> Scope:
        return Scope(item.path, item.unit, item.package, item.node, self.excluded(item.node.gates))

    def names(self, scope: Scope) -> dict[str, tuple]:
        """What a name means inside an interface or world body: the first meaning wins."""
        cached = self._names_cache.get(id(scope.node))
        if cached is not None:
            return cached
        table: dict[str, tuple] = {}
        node = scope.node
        for use in node.uses:
            for use_name in use.names:
                table.setdefault(use_name.local.text, ("use", use, use_name))
        for typedef in node.types:
            table.setdefault(typedef.name.text, ("type", typedef))
        if isinstance(node, Interface):
            for func in node.funcs:
                table.setdefault(func.name.text, ("func", func))
        else:
            for item in node.items:
                if item.name is not None and item.direction == "import":
                    table.setdefault(item.name.text, ("func", item.func) if item.func else ("interface", item))
        self._names_cache[id(scope.node)] = table
        return table

    def find_type(self, scope: Scope, name: str, depth: int = 0) -> TypeFound | _Silent | tuple | None:
        """What a type name means in a scope: TypeFound, ("func"|"interface",), SILENT or None."""
        if depth > 64:
            return SILENT
        entry = self.names(scope).get(name)
        if entry is None:
            return None
        if entry[0] == "type":
            return TypeFound(entry[1], scope)
        if entry[0] in ("func", "interface"):
            return (entry[0],)
        use, use_name = entry[1], entry[2]
        item = self.lookup_item(scope.unit, scope.package, use.path, False)
        if not isinstance(item, ItemDef) or item.kind != "interface":
            return SILENT
        if item.path != self.path:
            self.out.depends_on.add(item.path)
        found = self.find_type(self.scope_of(item), use_name.name.text, depth + 1)
        return found if isinstance(found, TypeFound) else SILENT

    def final_type(self, found: TypeFound, depth: int = 0) -> TypeFound | TypeExpr | None:
        """Follow aliases: the record/variant/... at the end, or the non-named type an alias names."""
        while found.typedef.kind == "alias" and depth < 64:
            target = found.typedef.target
            if target is None:
                return None
            if target.kind != "named":
                return target
            nxt = self.find_type(found.scope, target.name.text)
            if not isinstance(nxt, TypeFound):
                return None
            found, depth = nxt, depth + 1
        return found

    # --- interfaces and worlds ----------------------------------------------

    def check_uses(self, scope: Scope) -> None:
        for use in scope.node.uses:
            self.check_gates(use.gates, scope.package)
            quiet = scope.excluded or self.excluded(use.gates)
            if scope.excluded and not self.excluded(use.gates) and isinstance(scope.node, Interface) \
                    and scope.node.name is not None:
                for use_name in use.names:
                    self.problem("wit/unstable-reference", use_name.local.span,
                                 f"`{use_name.local.text}` is inside an interface gated by an `@unstable` feature "
                                 "that is not enabled; gate the `use` with the same feature")
            if self.excluded(use.gates) and self.gated_foreign(use.path):
                continue
            item = self.lookup_item(scope.unit, scope.package, use.path, report=True)
            if isinstance(item, ItemDef) and item.kind == "world":
                self.problem("wit/wrong-kind", use.path.interface.span,
                             f"name `{use.path.interface.text}` is defined as a world, not an interface")
                item = None
            target = self.scope_of(item) if isinstance(item, ItemDef) else None
            for use_name in use.names:
                self.check_ident(use_name.local)
                if use_name.alias:
                    self.decl(use_name.alias)
                if target is None:
                    continue
                entry = self.names(target).get(use_name.name.text)
                if entry is None or entry[0] == "interface":
                    candidates = [n for n, e in self.names(target).items() if e[0] in ("type", "use")]
                    self.unknown("wit/unknown-use-name", use_name.name,
                                 f"name `{use_name.name.text}` does not exist in interface `{use.path}`", candidates)
                    continue
                if entry[0] == "func":
                    self.problem("wit/wrong-kind", use_name.name.span,
                                 f"cannot import function `{use_name.name.text}`: `use` imports types only")
                    continue
                found = self.find_type(target, use_name.name.text)
                if isinstance(found, TypeFound):
                    self.ref(use_name.name.span, found.scope.path, found.typedef.name.span)
                    if self.excluded(found.typedef.gates) and not quiet:
                        self.problem("wit/unstable-reference", use_name.name.span,
                                     f"`{use_name.name.text}` is gated by an `@unstable` feature that is not enabled")

    def check_body_names(self, scope: Scope) -> None:
        """Duplicate names in an interface or world body, compared case-insensitively."""
        seen: dict[str, Identifier] = {}

        def add(ident: Identifier, what: str = "name") -> None:
            key = ident.text.lower()
            first = seen.get(key)
            if first is None:
                seen[key] = ident
            elif first.text == ident.text:
                self.problem("wit/duplicate-name", ident.span, f"{what} `{ident.text}` is defined more than once",
                             (Related(Location(self.path, *first.span), "first defined here"),))
            else:
                self.problem("wit/duplicate-name", ident.span,
                             f"name `{ident.text}` conflicts with previous name `{first.text}` (names are "
                             "compared without regard to case)",
                             (Related(Location(self.path, *first.span), "first defined here"),))

        node = scope.node
        for use in node.uses:
            for use_name in use.names:
                add(use_name.local)
        for typedef in node.types:
            add(typedef.name)
        if isinstance(node, Interface):
            for func in node.funcs:
                add(func.name)

    def check_interface(self, scope: Scope) -> None:
        node = scope.node
        self.check_uses(scope)
        self.check_body_names(scope)
        for typedef in node.types:
            self.check_typedef(typedef, scope)
        for func in node.funcs:
            self.check_func(func, scope)
        self.check_type_cycles(scope)

    def check_world(self, scope: Scope) -> None:
        world = scope.node
        self.check_uses(scope)
        self.check_body_names(scope)
        for typedef in world.types:
            self.check_typedef(typedef, scope)
        imports: dict[str, tuple[str, Identifier]] = {}
        exports: dict[str, tuple[str, Identifier]] = {}
        for use in world.uses:
            for use_name in use.names:
                imports.setdefault(use_name.local.text, ("type", use_name.local))
        for typedef in world.types:
            imports.setdefault(typedef.name.text, ("type", typedef.name))
        exported_ids: dict[tuple, Identifier] = {}
        imported_ids: dict[tuple, Identifier] = {}
        for item in world.items:
            excluded = self.excluded(item.gates)
            self.check_gates(item.gates, scope.package, (item.name or item.path.interface).span)
            if excluded:
                # Checked for existence only, like wit-parser does for gated-out imports.
                if item.path is not None:
                    if not self.gated_foreign(item.path):
                        self.lookup_item(scope.unit, scope.package, item.path, report=True)
                elif item.func is not None:
                    self.check_func(item.func, self.quiet(scope, item.gates))
                elif item.interface is not None:
                    self.check_interface(Scope(self.path, scope.unit, scope.package, item.interface, True))
                continue
            names = imports if item.direction == "import" else exports
            if item.name is not None:
                self.check_ident(item.name)
                self.decl(item.name)
                kind = "func" if item.func else "interface"
                prior = names.get(item.name.text) or names.get(item.name.text.lower())
                if prior is not None:
                    self.problem("wit/world-name-conflict", item.name.span,
                                 f"{item.direction} `{item.name.text}` conflicts with prior {prior[0]} "
                                 f"`{prior[1].text}` (names are compared without regard to case)",
                                 (Related(Location(self.path, *prior[1].span), "first declared here"),))
                else:
                    names[item.name.text] = names[item.name.text.lower()] = (kind, item.name)
            if item.func is not None and not excluded:
                self.check_func(item.func, scope)
            elif item.interface is not None and not excluded:
                inline = Scope(self.path, scope.unit, scope.package, item.interface, scope.excluded)
                self.check_interface(inline)
            elif item.path is not None:
                found = self.lookup_item(scope.unit, scope.package, item.path, report=True)
                if isinstance(found, ItemDef):
                    if found.kind == "world":
                        self.problem("wit/wrong-kind", item.path.interface.span,
                                     f"name `{item.path.interface.text}` is defined as a world, not an interface")
                    elif self.excluded(found.node.gates) and not excluded and not scope.excluded:
                        self.problem("wit/unstable-reference", item.path.interface.span,
                                     f"interface `{item.path}` is gated by an `@unstable` feature that is not enabled")
                    elif item.name is None:  # `import primary: store;` may repeat an interface
                        ident = (id(found.package), found.name)
                        seen_ids = exported_ids if item.direction == "export" else imported_ids
                        if ident in seen_ids:
                            self.problem("wit/world-name-conflict", item.path.span,
                                         f"interface `{item.path}` cannot be {item.direction}ed more than once",
                                         (Related(Location(self.path, *seen_ids[ident].span), "first here"),))
                        seen_ids.setdefault(ident, item.path.interface)
        for include in world.includes:
            self.check_include(include, scope, imports, exports)
        self.check_import_export(scope)
        self.check_wasmcloud(scope)

    def interface_deps(self, item: ItemDef) -> list[ItemDef]:
        deps = []
        for use in item.node.uses:
            found = self.lookup_item(item.unit, item.package, use.path, False)
            if isinstance(found, ItemDef) and found.kind == "interface":
                if found.path != self.path:
                    self.out.depends_on.add(found.path)
                deps.append(found)
        return deps

    def check_import_export(self, scope: Scope) -> None:
        """An exported interface must not reach an exported interface through an
        imported one: the import would need the component's own export."""
        world = scope.node
        exported: dict[int, ItemDef] = {}
        roots: list[tuple[str, list[ItemDef]]] = []
        for item in world.items:
            if self.excluded(item.gates) or item.direction != "export":
                continue
            if item.path is not None:
                found = self.lookup_item(scope.unit, scope.package, item.path, False)
                if isinstance(found, ItemDef) and found.kind == "interface":
                    exported[id(found.node)] = found
            elif item.interface is not None:
                inline = ItemDef("interface", item.name.text, self.path, scope.unit, item.interface, scope.package)
                roots.append((item.name.text, self.interface_deps(inline)))
        roots.extend((item.name, self.interface_deps(item)) for item in exported.values())
        for root_name, deps in roots:
            pending = [d for d in deps if id(d.node) not in exported]
            seen: set[int] = set()
            while pending:
                item = pending.pop()
                if id(item.node) in seen:
                    continue
                seen.add(id(item.node))
                for dep in self.interface_deps(item):
                    if id(dep.node) in exported:
                        self.problem("wit/import-export-conflict", world.name.span,
                                     f"exported interface `{root_name}` depends on `{dep.name}` both directly and "
                                     f"through the imported `{item.name}`, which would need the exported "
                                     f"`{dep.name}`; export `{item.name}` too, or stop exporting `{dep.name}`")
                        return
                    pending.append(dep)

    def world_item_names(self, item: ItemDef, depth: int = 0) -> tuple[dict[str, str], dict[str, str]]:
        """The kebab names a world (with its includes) imports and exports."""
        world = item.node
        imports: dict[str, str] = {}
        exports: dict[str, str] = {}
        if depth > 32:
            return imports, exports
        for use in world.uses:
            for use_name in use.names:
                imports.setdefault(use_name.local.text, "type")
        for typedef in world.types:
            imports.setdefault(typedef.name.text, "type")
        for entry in world.items:
            if entry.name is not None and not self.excluded(entry.gates):
                (imports if entry.direction == "import" else exports).setdefault(
                    entry.name.text, "func" if entry.func else "interface")
        for include in world.includes:
            found = self.lookup_item(item.unit, item.package, include.path, False)
            if isinstance(found, ItemDef) and found.kind == "world" and found.node is not world:
                self.out.depends_on.add(found.path)
                more_imports, more_exports = self.world_item_names(found, depth + 1)
                renames = {pair.source.text: pair.target.text for pair in include.with_names}
                for name, kind in more_imports.items():
                    imports.setdefault(renames.get(name, name), kind)
                for name, kind in more_exports.items():
                    exports.setdefault(renames.get(name, name), kind)
        return imports, exports

    def check_include(self, include, scope: Scope, imports: dict, exports: dict) -> None:
        self.check_gates(include.gates, scope.package, include.path.interface.span)
        found = self.lookup_item(scope.unit, scope.package, include.path, report=True)
        if not isinstance(found, ItemDef):
            return
        if found.kind != "world":
            self.problem("wit/wrong-kind", include.path.interface.span,
                         f"`{include.path.interface.text}` is an interface; only worlds can be included")
            return
        for use in scope.unit.uses:
            if scope.path == self.path and self.lookup_item(scope.unit, scope.package, use.path, False) is found:
                # wit-parser binds a top-level `use` as an interface, so the world can no
                # longer be included through the same name.
                self.problem("wit/wrong-kind", include.path.interface.span,
                             f"name `{include.path.interface.text}` is defined as an interface here (by the "
                             f"top-level `use {use.path}`), not a world; remove that `use`")
                return
        if self.excluded(found.node.gates) and not self.excluded(include.gates) and not scope.excluded:
            self.problem("wit/unstable-reference", include.path.interface.span,
                         f"world `{include.path}` is gated by an `@unstable` feature that is not enabled")
            return
        if found.node is scope.node:
            return
        included_imports, included_exports = self.world_item_names(found)
        renames: dict[str, str] = {}
        for pair in include.with_names:
            self.check_ident(pair.target)
            source = pair.source.text
            if source not in included_imports and source not in included_exports:
                self.problem("wit/include-with", pair.source.span,
                             f"no import or export kebab-name `{source}` in world `{include.path}`; interfaces "
                             "imported by their id cannot be renamed")
            elif source in renames:
                self.problem("wit/include-with", pair.source.span, f"`{source}` is renamed more than once")
            renames[source] = pair.target.text
        for own, included, direction in ((imports, included_imports, "import"), (exports, included_exports, "export")):
            for name, kind in included.items():
                name = renames.get(name, name)
                if name in own:
                    self.problem("wit/world-name-conflict", include.path.interface.span,
                                 f"{direction} of `{name}` shadows previously {direction}ed items; rename it with "
                                 f"`include {include.path} with {{ {name} as new-name }}`")
                else:
                    own[name] = (kind, include.path.interface)

    # --- types and functions -------------------------------------------------

    def check_typedef(self, typedef: TypeDef, scope: Scope) -> None:
        self.check_ident(typedef.name)
        self.decl(typedef.name)
        self.check_gates(typedef.gates, scope.package, typedef.name.span)
        excluded = self.excluded(typedef.gates)
        if excluded:
            for method in typedef.methods:
                if not self.excluded(method.gates):
                    self.problem("wit/unstable-reference", method.keyword_span or method.name.span,
                                 f"this method belongs to resource `{typedef.name.text}`, which is gated by an "
                                 "`@unstable` feature that is not enabled; gate the method with the same feature")
        elif scope.excluded and isinstance(scope.node, Interface) and scope.node.name is not None:
            self.problem("wit/unstable-reference", typedef.name.span,
                         f"`{typedef.name.text}` is inside an interface gated by an `@unstable` feature that is not "
                         "enabled; gate the type with the same feature")
        scope = self.quiet(scope, typedef.gates)
        if typedef.kind == "resource":
            for method in typedef.methods:
                self.check_gates(method.gates, scope.package, method.name.span if method.name else method.keyword_span)
        if typedef.kind == "alias":
            if typedef.target is not None:
                self.check_type(typedef.target, scope)
            return
        if typedef.kind in ("record", "variant", "enum", "flags") and not typedef.members:
            self.problem("wit/empty-type", typedef.name.span,
                         f"empty {typedef.kind}: `{typedef.name.text}` needs at least one "
                         f"{'field' if typedef.kind in ('record', 'flags') else 'case'}")
        seen: dict[str, Identifier] = {}
        for member in typedef.members:
            for gate in member.gates:
                self.problem("wit/misplaced-gate", gate.span,
                             f"`@{gate.kind}` is not allowed on a {typedef.kind} "
                             f"{'field' if typedef.kind in ('record', 'flags') else 'case'}; gate the whole "
                             f"{typedef.kind}, or add a new {typedef.kind} version instead")
            self.check_ident(member.name)
            key = member.name.text.lower()
            if key in seen:
                self.problem("wit/duplicate-name", member.name.span,
                             f"`{member.name.text}` is defined more than once in {typedef.kind} `{typedef.name.text}`",
                             (Related(Location(self.path, *seen[key].span), "first defined here"),))
            seen[key] = member.name
            if member.type is not None:
                self.check_type(member.type, scope)
        if typedef.kind == "resource":
            self.check_resource(typedef, scope)

    def check_resource(self, resource: TypeDef, scope: Scope) -> None:
        names: dict[str, Identifier] = {}
        constructor: Func | None = None
        for method in resource.methods:
            method_scope = self.quiet(scope, method.gates)
            if method.kind == "constructor":
                if constructor is not None:
                    self.problem("wit/duplicate-constructor", method.keyword_span,
                                 f"resource `{resource.name.text}` already has a constructor")
                constructor = method
                self.check_constructor(method, resource, method_scope)
                continue
            key = method.name.text.lower()
            if key == resource.name.text.lower():
                self.problem("wit/duplicate-name", method.name.span,
                             f"`{method.name.text}` has the name of its resource `{resource.name.text}`; "
                             "rename the function",
                             (Related(Location(self.path, *resource.name.span), "resource defined here"),))
            elif key in names:
                self.problem("wit/duplicate-name", method.name.span,
                             f"`{method.name.text}` is defined more than once in resource `{resource.name.text}`",
                             (Related(Location(self.path, *names[key].span), "first defined here"),))
            names[key] = method.name
            self.check_func(method, method_scope)

    def check_constructor(self, ctor: Func, resource: TypeDef, scope: Scope) -> None:
        self.check_gates(ctor.gates, scope.package)
        self.check_params(ctor, scope)
        result = ctor.result
        if result is None:
            return
        self.check_type(result, scope)
        if result.kind != "result":
            self.problem("wit/constructor-result", result.span,
                         "if a constructor declares a return type it must be `result<"
                         f"{resource.name.text}>` or `result<{resource.name.text}, error-type>`")
            return
        ok = result.args[0] if result.args else None
        if ok is None or ok.kind not in ("named", "handle") or ok.name.text != resource.name.text or \
                (ok.kind == "handle" and ok.word != "own"):
            span = ok.span if ok is not None else result.span
            self.problem("wit/constructor-result", span,
                         f"the `ok` type must be the resource being constructed, `{resource.name.text}`")

    def check_params(self, func: Func, scope: Scope) -> None:
        seen: dict[str, Identifier] = {}
        for param in func.params:
            self.check_ident(param.name)
            key = param.name.text.lower()
            if key in seen:
                self.problem("wit/duplicate-name", param.name.span, f"param `{param.name.text}` is defined more than once",
                             (Related(Location(self.path, *seen[key].span), "first defined here"),))
            seen[key] = param.name
            if param.type is not None:
                self.check_type(param.type, scope)

    def check_func(self, func: Func, scope: Scope) -> None:
        self.check_ident(func.name)
        self.decl(func.name)
        self.check_gates(func.gates, scope.package, func.name.span if func.name else None)
        scope = self.quiet(scope, func.gates)
        self.check_params(func, scope)
        if func.result is not None:
            self.check_type(func.result, scope)
            if self.contains_borrow(func.result, scope):
                self.problem("wit/return-borrow", func.name.span if func.name else func.span,
                             f"function `{func.name.text}` returns a type that contains a `borrow<T>`, which "
                             "is not supported; return an `own<T>` (or the resource) instead")

    def contains_borrow(self, expr: TypeExpr, scope: Scope, seen: set | None = None) -> bool:
        seen = set() if seen is None else seen
        for part in expr.walk():
            if part.kind == "handle" and part.word == "borrow":
                return True
            if part.kind == "named":
                found = self.find_type(scope, part.name.text)
                if isinstance(found, TypeFound) and id(found.typedef) not in seen:
                    seen.add(id(found.typedef))
                    typedef = found.typedef
                    inner = [typedef.target] if typedef.kind == "alias" else [m.type for m in typedef.members]
                    for sub in inner:
                        if sub is not None and self.contains_borrow(sub, found.scope, seen):
                            return True
        return False

    def check_type(self, expr: TypeExpr, scope: Scope) -> None:
        for part in expr.walk():
            if part.kind == "map":
                key = part.args[0]
                if key is not None and not self.valid_map_key(key, scope):
                    self.problem("wit/invalid-map-key", key.span,
                                 "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, "
                                 "s64, char or string")
            if part.kind == "tuple" and not part.args:
                self.problem("wit/empty-type", part.span, "empty tuple: `tuple<>` needs at least one element type")
            if part.name is None:
                continue
            found = self.find_type(scope, part.name.text)
            if found is None:
                candidates = [n for n, e in self.names(scope).items() if e[0] in ("type", "use")]
                self.unknown("wit/unknown-type", part.name, f"type `{part.name.text}` does not exist", candidates)
                continue
            if isinstance(found, tuple):
                self.problem("wit/wrong-kind", part.name.span, f"cannot use {found[0]} `{part.name.text}` as a type")
                continue
            entry = self.names(scope).get(part.name.text)
            if entry is not None and entry[0] == "use" and self.excluded(entry[1].gates) and not scope.excluded:
                self.problem("wit/unstable-reference", part.name.span,
                             f"`{part.name.text}` comes from a `use` gated by an `@unstable` feature that is not "
                             "enabled; gate this item with the same feature")
                continue
            if not isinstance(found, TypeFound):
                if part.kind == "handle":
                    pass
                continue
            self.ref(part.name.span, found.scope.path, found.typedef.name.span)
            if self.excluded(found.typedef.gates) and not scope.excluded:
                self.problem("wit/unstable-reference", part.name.span,
                             f"type `{part.name.text}` is gated by an `@unstable` feature that is not enabled")
            if part.kind == "handle":
                final = self.final_type(found)
                if not (isinstance(final, TypeFound) and final.typedef.kind == "resource") and final is not None:
                    self.problem("wit/handle-not-resource", part.name.span,
                                 f"type `{part.name.text}` used in a handle must be a resource")

    def valid_map_key(self, key: TypeExpr, scope: Scope) -> bool:
        if key.kind == "primitive":
            return key.word in MAP_KEY_TYPES
        if key.kind == "named":
            # wit-parser checks the key as written: even an alias of `string` is refused.
            return not isinstance(self.find_type(scope, key.name.text), TypeFound)
        return False

    # --- cycles ---------------------------------------------------------------

    def check_type_cycles(self, scope: Scope) -> None:
        """A type that reaches itself without going through a handle is infinite."""
        for typedef in scope.node.types:
            if typedef.kind == "resource":
                continue
            if self.reaches(TypeFound(typedef, scope), typedef, set()):
                span = typedef.target.span if typedef.kind == "alias" and typedef.target else typedef.name.span
                self.problem("wit/type-cycle", span,
                             f"type `{typedef.name.text}` depends on itself; break the cycle, for example with a "
                             "resource handle")

    def reaches(self, start: TypeFound, goal: TypeDef, seen: set) -> bool:
        typedef = start.typedef
        exprs = [typedef.target] if typedef.kind == "alias" else [m.type for m in typedef.members]
        for expr in exprs:
            if expr is None:
                continue
            for part in expr.walk():
                if part.kind != "named":
                    continue
                found = self.find_type(start.scope, part.name.text)
                # A cycle through another interface needs a `use` cycle, reported on its own.
                if not isinstance(found, TypeFound) or found.typedef.kind == "resource" \
                        or found.scope.node is not start.scope.node:
                    continue
                if found.typedef is goal:
                    return True
                if id(found.typedef) in seen:
                    continue
                seen.add(id(found.typedef))
                if self.reaches(found, goal, seen):
                    return True
        return False

    # --- wasmCloud guidance ---------------------------------------------------

    def check_wasmcloud(self, scope: Scope) -> None:
        if not self.context.wasmcloud:
            return

        self.out.problems.extend(world_guidance(self.path, scope.node))
