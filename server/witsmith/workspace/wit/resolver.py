"""Resolution of one WIT file against the packages its root sees.

Each file is resolved on its own: every reference is looked up (through `use`
renames and across files and packages), and every check that concerns the file's
own items is run.  While it works, the resolver records what it consulted (other
files, and package name tables) so the workspace can re-resolve exactly the files a
change may affect.
"""

from __future__ import annotations

from witsmith.diagnostics import Location, Related
from witsmith.model.wit import Identifier, Interface, PackageUnit
from witsmith.pacing import pace
from witsmith.workspace.wit.names import identifier_problem, version_problem
from witsmith.workspace.wit.packages import ItemDef, Package
from witsmith.workspace.wit.scopes import FileResolution, Scope, TypeFound
from witsmith.workspace.wit.typechecks import TypeChecks
from witsmith.workspace.wit.worldchecks import WorldChecks

__all__ = ["FileResolution", "Resolver"]


class Resolver(TypeChecks, WorldChecks):
    """Resolves one file: its packages' names, `use`s, interfaces and worlds."""

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

    def duplicate_of_use(self, item: Identifier, used: Identifier) -> None:
        """An item named like a top-level `use`: reported on the later of the two, as wit-parser does."""
        if item.span[0] > used.span[0]:
            self.problem("wit/duplicate-name", item.span, f"duplicate name `{item.text}` in this file: a top-level "
                         "`use` above already brings this name into the file")
        else:
            self.problem("wit/duplicate-name", used.span, f"duplicate name `{used.text}` in this file: an item "
                         "above already has this name; give the `use` another name with `as`")

    def check_unit(self, unit: PackageUnit, package: Package) -> None:
        if unit.name is not None:
            self.check_package_name(unit)
        for use in unit.uses:
            self.check_ident(use.local)
            if use.alias:
                self.decl(use.alias)
            for gate in use.gates:
                # On the `use` line, where wit-parser reports it (the gate is the fix).
                self.problem("wit/misplaced-gate", use.path.span,
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
                self.duplicate_of_use(interface.name, local_names[interface.name.text])
            scope = Scope(self.path, unit, package, interface, self.excluded(interface.gates))
            self.check_ident(interface.name)
            self.decl(interface.name)
            self.check_gates(interface.gates, package, interface.name.span)
            self.check_interface(scope)
        for world in unit.worlds:
            if world.name.text in local_names:
                self.duplicate_of_use(world.name, local_names[world.name.text])
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
                                 f"duplicate item named `{item.name.text}` in package `{package.label}`; rename one of them",
                                 (Related(Location(first.path, *first.node.name.span), "first defined here"),))

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
                             f"name `{use.path.interface.text}` is defined as a world, not an interface; `use` takes "
                             "types from interfaces")
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
                                 f"name `{use_name.name.text}` does not exist in interface `{use.path}`", candidates,
                             "use a type the interface defines")
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
                                     f"`{use_name.name.text}` is gated by an `@unstable` feature that is not enabled; gate "
                                     "this `use` with the same feature, or enable the feature")

    def check_body_names(self, scope: Scope) -> None:
        """Duplicate names in an interface or world body, compared case-insensitively,
        in source order."""
        node = scope.node
        entries = [(u.local, "use") for use in node.uses for u in use.names]
        entries += [(typedef.name, "type") for typedef in node.types]
        if isinstance(node, Interface):
            entries += [(func.name, "func") for func in node.funcs]
        seen: dict[str, tuple[Identifier, str]] = {}
        for ident, kind in sorted(entries, key=lambda entry: entry[0].span):
            key = ident.text.lower()
            prior = seen.get(key)
            if prior is None:
                seen[key] = (ident, kind)
                continue
            first, first_kind = prior
            related = (Related(Location(self.path, *first.span), "first defined here"),)
            if first.text == ident.text and first_kind == "type" and kind == "use":
                # wit-parser accepts this and silently drops the type: worth a warning.
                self.problem("wit/use-shadows-type", ident.span,
                             f"this `use` replaces the type `{ident.text}` defined above, which is then "
                             f"ignored; rename one of them (`use ... {{{ident.text} as other}}`)", related)
            elif first.text == ident.text:
                self.problem("wit/duplicate-name", ident.span, f"name `{ident.text}` is defined more than once; rename or remove one",
                             related)
            else:
                self.problem("wit/duplicate-name", ident.span,
                             f"name `{ident.text}` conflicts with previous name `{first.text}` (names are "
                             "compared without regard to case)", related)

    def check_interface(self, scope: Scope) -> None:
        node = scope.node
        self.check_uses(scope)
        self.check_body_names(scope)
        for typedef in node.types:
            pace()  # a long interface is checked a slice at a time where the caller asks for it
            self.check_typedef(typedef, scope)
        for func in node.funcs:
            pace()
            self.check_func(func, scope)
        self.check_type_cycles(scope)
