"""Checks of worlds: imports, exports, includes and what they bring in."""

from __future__ import annotations

from witsmith.diagnostics import Location, Related
from witsmith.model.wit import Identifier
from witsmith.workspace.wit.packages import ItemDef
from witsmith.workspace.wit.scopes import ResolverBase, Scope
from witsmith.workspace.wit.wasmcloud import host_profile, world_guidance


class WorldChecks(ResolverBase):
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
                                 f"`{prior[1].text}` (names are compared without regard to case); rename one of them",
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
                                     f"name `{item.path.interface.text}` is defined as a world, not an interface; "
                                     "import the world's interfaces, or `include` the world")
                    elif self.excluded(found.node.gates) and not excluded and not scope.excluded:
                        self.problem("wit/unstable-reference", item.path.interface.span,
                                     f"interface `{item.path}` is gated by an `@unstable` feature that is not enabled")
                    elif item.name is None:  # `import primary: store;` may repeat an interface
                        self.check_repeated(item, (id(found.package), found.name),
                                            exported_ids if item.direction == "export" else imported_ids)
                elif item.name is None and item.path.is_foreign:
                    # A package witsmith cannot see: compare the paths as written.
                    self.check_repeated(item, ("path", str(item.path)),
                                        exported_ids if item.direction == "export" else imported_ids)
        for include in world.includes:
            self.check_include(include, scope, imports, exports)
        self.check_import_export(scope)
        self.check_wasmcloud(scope)

    def check_repeated(self, item, ident: tuple, seen_ids: dict) -> None:
        """An interface imported (or exported) twice by the same world."""
        if ident in seen_ids:
            self.problem("wit/world-name-conflict", item.path.span,
                         f"interface `{item.path}` cannot be {item.direction}ed more than once; remove this one",
                         (Related(Location(self.path, *seen_ids[ident].span), "first here"),))
        seen_ids.setdefault(ident, item.path.interface)

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

    # --- wasmCloud guidance ---------------------------------------------------

    def check_wasmcloud(self, scope: Scope) -> None:
        if not self.context.wasmcloud or self.group.location != self.context.root:
            return  # worlds of vendored packages (deps/) are not the component's world
        target = self.context.wasmcloud_world
        if target is not None and scope.node.name.text != target:
            return  # guidance is about the world the component is built for

        self.out.problems.extend(world_guidance(self.path, scope.node, host_profile(self.context.wasmcloud_version)))
