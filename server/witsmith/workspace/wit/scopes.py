"""What resolving one WIT file shares between its checks: the result being built,
scopes, reporting, and name lookup through `use` renames, files and packages.

While it looks names up, a resolver records what it consulted (other files, and
package name tables) so the workspace can re-resolve exactly the files a change may
affect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from witsmith.diagnostics import Fix, Location, Related, TextEdit
from witsmith.model.wit import (
    FileSummary, Gate, Identifier, Interface, PackageUnit, TypeDef, TypeExpr, UsePath, World,
)
from witsmith.settings import Settings
from witsmith.workspace.wit.layout import Group
from witsmith.workspace.wit.names import identifier_problem, to_kebab, version_greater, version_problem
from witsmith.workspace.wit.packages import Context, ItemDef, Package
from witsmith.workspace.wit.problems import Problem, closest, did_you_mean


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


class ResolverBase:
    """State and lookups of one file's resolution.  The checks live in mixins
    (`TypeChecks`, `WorldChecks`) combined by `Resolver`; they call each other's
    methods through the combined class."""

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
        self._type_cache: dict[tuple[int, str], object] = {}
        self._borrow_free: set[int] = set()  # ids of type definitions that hold no `borrow<T>`, all through

    # --- reporting -----------------------------------------------------------

    def problem(self, code: str, span: tuple[int, int], message: str, related: tuple[Related, ...] = (),
                replacement: str | None = None) -> None:
        """Record a problem; ``replacement`` offers a quick fix that rewrites the range."""
        fixes = ()
        if replacement is not None:
            fixes = (Fix(f"Change to `{replacement}`", (TextEdit(self.path, span[0], span[1], replacement),)),)
        self.out.problems.append(Problem(code, self.path, span[0], span[1], message, related, fixes))

    def unknown(self, code: str, ident: Identifier, message: str, candidates, hint: str) -> None:
        """An unknown name, with a "did you mean" and its quick fix when a name is close,
        else ``hint``."""
        suggestion = closest(ident.text, candidates)
        message += did_you_mean(ident.text, candidates) if suggestion else f"; {hint}"
        self.problem(code, ident.span, message, (), ("%" if ident.escaped else "") + suggestion if suggestion else None)

    def ref(self, span: tuple[int, int], path: Path, target: tuple[int, int]) -> None:
        self.out.refs.append((span[0], span[1], Location(path, target[0], target[1])))

    def decl(self, ident: Identifier | None) -> None:
        if ident is not None:
            self.out.decls.append(Location(self.path, ident.span[0], ident.span[1]))

    def excluded(self, gates: tuple[Gate, ...]) -> bool:
        return any(g.kind == "unstable" and not self.settings.wit_feature_enabled(g.value) for g in gates)

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
            if gate.kind == "unstable":
                self.check_ident(Identifier(gate.value, gate.value_span))
            if gate.kind in ("since", "deprecated"):
                problem = version_problem(gate.value)
                if problem:
                    self.problem("wit/invalid-version", gate.value_span, problem)
                    continue
            if gate.kind == "since":
                version = package.version
                if version is None:
                    self.problem("wit/since-unversioned", anchor or gate.span,
                                 "`@since` needs a versioned package; add a version to the `package` declaration "
                                 "or remove the gate")
                elif version_greater(gate.value, version):
                    self.problem("wit/unreleased-since", anchor or gate.value_span,
                                 f"feature gate cannot reference unreleased version {gate.value} of package "
                                 f"`{package.label}` (current version {version})")
        if "since" in seen and "unstable" in seen:
            # wit-parser reports it on the `@since` gate, whichever comes first.
            self.problem("wit/conflicting-gates", seen["since"].span,
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
                if report:
                    self.out.missing.append((path.package_label, path.span[0], path.span[1]))
                return SILENT
            if report and found is not package:
                self.out.package_edges.append((package.key, key, path.span[0], path.span[1]))
            elif report and found is package:
                self.problem("wit/package-cycle", path.span,
                             f"package `{found.label}` creates a dependency cycle: it refers to itself by its "
                             f"full name; write `{path.interface.text}` instead of `{path}`")
            if report:
                declared = next(((p, n) for p, n in found.names if n is not None), None)
                if declared is not None:
                    # `ns:pkg` in a path leads to the package's declaration.
                    self.ref((path.namespace.span[0], path.package.span[1]), declared[0], declared[1].span)
            item = found.item(path.interface.text)
            if item is None:
                if report:
                    self.unknown("wit/unknown-interface", path.interface,
                                 f"interface or world `{path.interface.text}` not found in package "
                                 f"`{found.label}`", list(found.items), "check the name against the package in deps/")
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
                                 f"interface or world `{name}` does not exist", candidates,
                                 "define it in this package, or name a foreign one as `ns:pkg/name@version`")
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
        if found is None:
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

    def find_type(self, scope: Scope, name: str) -> TypeFound | _Silent | tuple | None:
        """What a type name means in a scope: TypeFound, ("func"|"interface",), SILENT
        or None.  `use` chains are followed iteratively and remembered, so long chains
        of re-exports cost neither deep recursion nor repeated walks."""
        first = (id(scope.node), name)
        if first in self._type_cache:
            return self._type_cache[first]
        chain: list[tuple[int, str]] = []
        result: TypeFound | _Silent | tuple | None = SILENT
        while True:
            key = (id(scope.node), name)
            if key in self._type_cache:
                result = self._type_cache[key]
                break
            if key in chain:  # a `use` cycle: reported as such elsewhere
                break
            chain.append(key)
            entry = self.names(scope).get(name)
            if entry is None:
                result = None
                break
            if entry[0] == "type":
                result = TypeFound(entry[1], scope)
                break
            if entry[0] in ("func", "interface"):
                result = (entry[0],)
                break
            use, use_name = entry[1], entry[2]
            item = self.lookup_item(scope.unit, scope.package, use.path, False)
            if not isinstance(item, ItemDef) or item.kind != "interface":
                break
            if item.path != self.path:
                self.out.depends_on.add(item.path)
            scope, name = self.scope_of(item), use_name.name.text
        # What the name was looked up as decides the answer only where the chain starts;
        # a chain that ends badly was reported where it broke.
        for index, key in enumerate(chain):
            own = result if index == len(chain) - 1 else (result if isinstance(result, TypeFound) else SILENT)
            self._type_cache[key] = own
        if len(chain) > 1 and not isinstance(result, TypeFound):
            self._type_cache[first] = SILENT
        return self._type_cache.get(first, result)

    def final_type(self, found: TypeFound, depth: int = 0) -> TypeFound | TypeExpr | None:
        """Follow aliases: the record/variant/... at the end, or the non-named type an alias names."""
        while found.typedef.kind == "alias" and depth < 100_000:
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
