"""What the WIT editor features (hover, completion, rename) need to know about a
position: the declaration a name resolves to, the packages a file sees, the body
around an offset, and how to render types and signatures.  Built on the workspace's
public queries (`summary`, `tree`, `definition`, `context_for`, `group_for`,
`settings`) and the public helpers of the model and workspace layers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import tree_sitter

from witsmith.diagnostics import Location
from witsmith.model.wit import (
    FileSummary, Func, Interface, Member, PackageUnit, TypeDef, TypeExpr, UsePath, World,
)
from witsmith.workspace.files import normalize
from witsmith.workspace.wit import WitWorkspace
from witsmith.workspace.wit.layout import Group
from witsmith.workspace.wit.packages import ItemDef, Package

Span = tuple[int, int]

# The words wit-parser reserves: a name spelled like one must be written `%name`.
KEYWORDS = frozenset(
    "as async bool borrow char constructor enum error-context export f32 f64 flags from func future import "
    "include interface list map option own package record resource result s8 s16 s32 s64 static stream "
    "string tuple type u8 u16 u32 u64 use variant with world _".split())

PRIMITIVES = ("bool", "s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64", "f32", "f64", "char", "string",
              "error-context")


def is_valid_name(text: str) -> bool:
    """A WIT identifier without its `%`: words of all-lower or all-upper ASCII letters
    and digits, each starting with a letter, joined by single `-`."""
    if not text:
        return False
    for word in text.split("-"):
        if not word or not word.isascii() or not word.isalnum() or not word[0].isalpha():
            return False
        if word.lower() != word and word.upper() != word:
            return False
    return True


def source_of(workspace: WitWorkspace, path: Path) -> bytes | None:
    try:
        tree = workspace.tree(path)
    except Exception:  # an unreadable file is simply not there for a feature
        return None
    return tree.source if tree is not None else None


def text_at(workspace: WitWorkspace, path: Path, start: int, end: int) -> str:
    source = source_of(workspace, path)
    if source is None:
        return ""
    return source[start:end].decode("utf-8", errors="replace")


# --- where a file sits ---------------------------------------------------------


def dependency_folder(path: Path) -> Path | None:
    """The `deps/` folder a file is inside, or None for a file of a root package."""
    path = normalize(path)
    # deps/ is flat: an entry is a file in it or a folder of files in it.
    for ancestor in (path.parent, path.parent.parent):
        if ancestor.name == "deps":
            return ancestor
    return None


def is_dependency(workspace: WitWorkspace, path: Path) -> bool:
    """A file witsmith reads but the user does not own: inside `deps/` or a configured search path."""
    path = normalize(path)
    group = workspace.group_for(path)
    if dependency_folder(path) is not None or (group is not None and group.is_dep):
        return True
    for search in workspace.settings.wit_search_paths:
        search = normalize(search)
        if path == search or search in path.parents:
            return True
    return False


@dataclass
class View:
    """The packages one file sees, and the package each of its units belongs to."""

    packages: list[Package]
    own_group: Group | None

    def find(self, key) -> Package | None:
        return next((p for p in self.packages if p.key == key and key is not None), None)

    def package_of(self, unit: PackageUnit) -> Package | None:
        for package in self.packages:
            if package.group is not self.own_group:
                continue
            if unit.is_block:
                if package.is_block and unit.name is not None and package.key == unit.name.key:
                    return package
            elif not package.is_block:
                return package
        return None

    def foreign(self, own: Package | None) -> list[Package]:
        """Packages other than ``own`` with a name, as `use`/`import` paths can reach them."""
        return [p for p in self.packages if p is not own and p.key is not None]


def view_of(workspace: WitWorkspace, path: Path) -> View:
    path = normalize(path)
    context, group = workspace.context_for(path), workspace.group_for(path)
    if context is not None and group is not None:
        packages = [p for g in context.groups for p in context.group_packages.get(g.location, [])]
        return View(packages, group)
    # A file outside every root sees nothing but itself (and has no summary either).
    return View([], None)


def unit_at(summary: FileSummary, offset: int) -> PackageUnit:
    for block in summary.blocks:
        if block.span[0] <= offset < block.span[1]:
            return block
    return summary.top


def resolve_use_path(view: View, unit: PackageUnit, package: Package | None, use_path: UsePath,
                     depth: int = 0) -> ItemDef | None:
    """The interface or world a path names, through the file's top-level `use` aliases."""
    if use_path.is_foreign:
        found = view.find(use_path.package_key)
        return found.item(use_path.interface.text) if found is not None else None
    if depth < 8:
        for top in unit.uses:
            if top.local.text == use_path.interface.text:
                return resolve_use_path(view, unit, package, top.path, depth + 1)
    return package.item(use_path.interface.text) if package is not None else None


def item_label(package: Package | None, name: str) -> str:
    """`ns:pkg/name@version`, as a path naming the item from another package."""
    if package is None or package.key is None:
        return name
    namespace, package_name, version = package.key
    return f"{namespace}:{package_name}/{name}" + (f"@{version}" if version else "")


# --- declarations in one file --------------------------------------------------


@dataclass(frozen=True)
class Decl:
    """A name declared in a file, with what holds it.

    ``kind``: package, interface, world, type, func, method, world-item, use-alias,
    top-use-alias, member or param.  ``scope`` is the interface or world body the
    name lives in (None at the top level); ``owner`` the type, function, `use` or
    world item it belongs to."""

    kind: str
    name: str
    span: Span
    node: object
    unit: PackageUnit
    scope: Interface | World | None = None
    owner: object = None


def _body_decls(unit: PackageUnit, scope: Interface | World) -> Iterator[Decl]:
    for use in scope.uses:
        for use_name in use.names:
            if use_name.alias is not None:
                yield Decl("use-alias", use_name.alias.text, use_name.alias.span, use_name, unit, scope, use)
    for typedef in scope.types:
        yield Decl("type", typedef.name.text, typedef.name.span, typedef, unit, scope)
        for member in typedef.members:
            yield Decl("member", member.name.text, member.name.span, member, unit, scope, typedef)
        for method in typedef.methods:
            if method.name is not None:
                yield Decl("method", method.name.text, method.name.span, method, unit, scope, typedef)
            yield from _param_decls(unit, scope, method)
    if isinstance(scope, Interface):
        for func in scope.funcs:
            if func.name is not None:
                yield Decl("func", func.name.text, func.name.span, func, unit, scope)
            yield from _param_decls(unit, scope, func)
    else:
        for item in scope.items:
            if item.name is not None:
                yield Decl("world-item", item.name.text, item.name.span, item, unit, scope)
            if item.func is not None:
                yield from _param_decls(unit, scope, item.func)
            if item.interface is not None:
                yield from _body_decls(unit, item.interface)


def _param_decls(unit: PackageUnit, scope, func: Func) -> Iterator[Decl]:
    for param in func.params:
        yield Decl("param", param.name.text, param.name.span, param, unit, scope, func)


def declarations(summary: FileSummary) -> Iterator[Decl]:
    for unit in summary.units:
        if unit.name is not None:
            yield Decl("package", str(unit.name), unit.name.span, unit.name, unit)
        for top in unit.uses:
            if top.alias is not None:
                yield Decl("top-use-alias", top.alias.text, top.alias.span, top, unit)
        for interface in unit.interfaces:
            if interface.name is not None:
                yield Decl("interface", interface.name.text, interface.name.span, interface, unit)
            yield from _body_decls(unit, interface)
        for world in unit.worlds:
            yield Decl("world", world.name.text, world.name.span, world, unit)
            yield from _body_decls(unit, world)


def declaration_named_at(summary: FileSummary, span: Span) -> Decl | None:
    """The declaration whose name is exactly ``span``."""
    return next((d for d in declarations(summary) if d.span == span), None)


def declaration_covering(summary: FileSummary, offset: int) -> Decl | None:
    """The declaration whose name holds ``offset`` (its end included)."""
    return next((d for d in declarations(summary) if d.span[0] <= offset <= d.span[1]), None)


def scope_at(summary: FileSummary, offset: int) -> tuple[PackageUnit, Interface | World | None]:
    """The innermost interface or world body around ``offset`` (an inline interface
    of a world counts as its own body, as in wit-parser)."""
    unit = unit_at(summary, offset)
    for interface in unit.interfaces:
        if interface.span[0] <= offset < interface.span[1]:
            return unit, interface
    for world in unit.worlds:
        if world.span[0] <= offset < world.span[1]:
            for item in world.items:
                if item.interface is not None and item.span[0] <= offset < item.span[1]:
                    return unit, item.interface
            return unit, world
    return unit, None


def scope_names(scope: Interface | World) -> dict[str, tuple[str, object]]:
    """The names a body declares, first meaning first: ("use", a UseName), ("type",
    a TypeDef), ("func", a Func) or ("import", a WorldItem)."""
    table: dict[str, tuple[str, object]] = {}
    for use in scope.uses:
        for use_name in use.names:
            table.setdefault(use_name.local.text, ("use", use_name))
    for typedef in scope.types:
        table.setdefault(typedef.name.text, ("type", typedef))
    if isinstance(scope, Interface):
        for func in scope.funcs:
            if func.name is not None:
                table.setdefault(func.name.text, ("func", func))
    else:
        for item in scope.items:
            if item.name is not None and item.direction == "import":
                table.setdefault(item.name.text, ("import", item))
    return table


def named_refs(scope: Interface | World) -> Iterator[TypeExpr]:
    """Every named type (and handle) written in a body, outside inline interfaces."""
    exprs: list[TypeExpr | None] = []

    def of_func(func: Func | None) -> None:
        if func is not None:
            exprs.extend(p.type for p in func.params)
            exprs.append(func.result)

    for typedef in scope.types:
        exprs.append(typedef.target)
        exprs.extend(m.type for m in typedef.members)
        for method in typedef.methods:
            of_func(method)
    if isinstance(scope, Interface):
        for func in scope.funcs:
            of_func(func)
    else:
        for item in scope.items:
            of_func(item.func)
    for expr in exprs:
        if expr is None:
            continue
        for part in expr.walk():
            if part.name is not None:
                yield part


def use_paths_of(unit: PackageUnit) -> Iterator[UsePath]:
    """Every interface or world path written in a unit's bodies."""
    for interface in unit.interfaces:
        for use in interface.uses:
            yield use.path
    for world in unit.worlds:
        for use in world.uses:
            yield use.path
        for item in world.items:
            if item.path is not None:
                yield item.path
            if item.interface is not None:
                for use in item.interface.uses:
                    yield use.path
        for include in world.includes:
            yield include.path


# --- what is under the cursor --------------------------------------------------


def token_at(workspace: WitWorkspace, path: Path, offset: int) -> tree_sitter.Node | None:
    """The leaf token at ``offset``, or the one just before it when the cursor ends a word."""
    try:
        tree = workspace.tree(path)
    except Exception:
        return None
    if tree is None or not 0 <= offset <= len(tree.source):
        return None
    candidates = []
    for at in (offset, offset - 1):
        if at < 0 or at >= len(tree.source):
            continue
        node = tree.root.descendant_for_byte_range(at, at + 1)
        while node is not None and node.child_count > 0 and node.type not in ("primitive_type", "version"):
            # A named node with children covering the byte: go to the leaf.
            inner = next((c for c in node.children if c.start_byte <= at < c.end_byte), None)
            if inner is None:
                break
            node = inner
        if node is not None and node.start_byte <= offset <= node.end_byte and node.end_byte > node.start_byte:
            candidates.append(node)
    for node in candidates:  # prefer a word to punctuation
        if node.type == "identifier" or (not node.is_named and node.type[:1].isalpha()) \
                or node.type == "primitive_type":
            return node
    return candidates[0] if candidates else None


@dataclass(frozen=True)
class Target:
    """What a name under the cursor stands for: the declaration it resolves to, and
    the written name (the reference or declaration) under the cursor."""

    decl: Decl
    path: Path  # the file of the declaration
    at: Span  # the name under the cursor
    written: str  # the text under the cursor, `%` kept


def target_at(workspace: WitWorkspace, path: Path, offset: int) -> Target | None:
    path = normalize(path)
    token = token_at(workspace, path, offset)
    if token is None or token.type != "identifier":
        return None
    at = (token.start_byte, token.end_byte)
    written = (token.text or b"").decode("utf-8", errors="replace")
    probe = token.start_byte
    location: Location | None
    try:
        location = workspace.definition(path, probe)
    except Exception:
        location = None
    found: tuple[Decl, Path] | None = None
    if location is not None:
        summary = workspace.summary(location.path)
        decl = declaration_named_at(summary, (location.start, location.end)) if summary else None
        if decl is not None:
            found = (decl, location.path)
    if found is None:
        found = _included_item(workspace, path, token)
    if found is None:
        summary = workspace.summary(path)
        decl = declaration_covering(summary, probe) if summary is not None else None
        if decl is None or not decl.span[0] <= probe < decl.span[1]:
            return None
        found = (decl, path)
    decl, where = found
    bare = written.removeprefix("%")
    if decl.kind not in ("package", "use-alias", "top-use-alias") and bare != decl.name \
            and not _alias_written(workspace, path, bare):
        # Another name can only reach a declaration through `use ... as`; anything
        # else is the workspace lagging behind the buffer.
        return None
    if decl.kind == "package":
        # A package name is several tokens; the whole `ns:pkg` (or `ns:pkg@version`) is the name.
        parent = token.parent
        if parent is not None and parent.type == "package_name":
            at = (parent.start_byte, parent.end_byte)
        elif parent is not None and parent.type == "use_path":
            namespace = parent.child_by_field_name("namespace")
            package = parent.child_by_field_name("package")
            if namespace is not None and package is not None:
                at = (namespace.start_byte, package.end_byte)
        written = text_at(workspace, path, *at)
    return Target(decl, where, at, written)


def _included_item(workspace: WitWorkspace, path: Path, token: tree_sitter.Node) -> tuple[Decl, Path] | None:
    """`include w with { a as b }`: `a` names an import or export of the world `w`."""
    pair = token.parent
    if pair is None or pair.type != "include_name" or pair.child_by_field_name("from") != token:
        return None
    summary = workspace.summary(path)
    if summary is None or pair.parent is None:
        return None
    unit = unit_at(summary, pair.start_byte)
    include = next((i for w in unit.worlds for i in w.includes
                    if i.span == (pair.parent.start_byte, pair.parent.end_byte)), None)
    if include is None:
        return None
    view = view_of(workspace, path)
    item = resolve_use_path(view, unit, view.package_of(unit), include.path)
    where = workspace.summary(item.path) if item is not None and item.kind == "world" else None
    if where is None:
        return None
    name = (token.text or b"").decode("utf-8", errors="replace").removeprefix("%")
    decl = next((d for d in declarations(where) if d.kind == "world-item" and d.scope is item.node
                 and d.name == name), None)
    return (decl, item.path) if decl is not None else None


def _alias_written(workspace: WitWorkspace, path: Path, name: str) -> bool:
    source = source_of(workspace, path) or b""
    return re.search(rb"\bas\s+%?" + re.escape(name.encode()) + rb"(?![\w-])", source) is not None


def original_of_alias(workspace: WitWorkspace, path: Path, decl: Decl) -> Target | None:
    """What a `use` alias stands for: the declaration its `use` resolves to."""
    if decl.kind == "use-alias":
        name = decl.node.name
    elif decl.kind == "top-use-alias":
        name = decl.node.path.interface
    else:
        return None
    found = target_at(workspace, path, name.span[0])
    if found is None or found.decl is decl or found.decl.kind in ("use-alias", "top-use-alias"):
        return None
    return found


# --- rendering ----------------------------------------------------------------


def name_text(ident) -> str:
    return ("%" if ident.escaped else "") + ident.text


def render_type(expr: TypeExpr | None) -> str:
    if expr is None:
        return "_"
    args = [render_type(a) if a is not None else "_" for a in expr.args]
    if expr.kind == "primitive":
        return expr.word
    if expr.kind == "named":
        return name_text(expr.name)
    if expr.kind == "handle":
        return f"{expr.word}<{name_text(expr.name)}>"
    if expr.kind == "list":
        return f"list<{args[0]}" + (f", {expr.size}" if expr.size is not None else "") + ">"
    if expr.kind == "result":
        ok, err = expr.args if len(expr.args) == 2 else (None, None)
        if ok is None and err is None:
            return "result"
        if err is None:
            return f"result<{render_type(ok)}>"
        return f"result<{render_type(ok) if ok is not None else '_'}, {render_type(err)}>"
    if expr.kind in ("future", "stream"):
        return expr.kind if not expr.args or expr.args[0] is None else f"{expr.kind}<{args[0]}>"
    if expr.kind in ("list", "option", "map", "tuple"):
        return f"{expr.kind}<{', '.join(args)}>"
    return expr.kind


def render_params(params: tuple[Member, ...]) -> str:
    return ", ".join(f"{name_text(p.name)}: {render_type(p.type)}" for p in params)


def render_func(func: Func, name: str | None = None) -> str:
    """`name: async func(a: t) -> r`, a method as `name: static func(...)`, or `constructor(...)`."""
    params = render_params(func.params)
    result = f" -> {render_type(func.result)}" if func.result is not None else ""
    if func.kind == "constructor":
        return f"constructor({params}){result}"
    words = ("static " if func.kind == "static" else "") + ("async " if func.is_async else "")
    label = name if name is not None else (name_text(func.name) if func.name else "")
    return f"{label}: {words}func({params}){result}"


def members_of(typedef: TypeDef) -> list[str]:
    if typedef.kind == "record":
        return [f"{name_text(m.name)}: {render_type(m.type)}" for m in typedef.members]
    if typedef.kind == "variant":
        return [name_text(m.name) + (f"({render_type(m.type)})" if m.type is not None else "") for m in typedef.members]
    return [name_text(m.name) for m in typedef.members]


def short_typedef(typedef: TypeDef) -> str:
    """One line for a type inside a summary: `record user { id, name }`."""
    name = name_text(typedef.name)
    if typedef.kind == "alias":
        return f"type {name} = {render_type(typedef.target)};"
    if typedef.kind == "resource":
        return f"resource {name}" + (" { … }" if typedef.methods else ";")
    names = [name_text(m.name) for m in typedef.members]
    shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
    return f"{typedef.kind} {name} {{ {shown} }}"


def gates_text(gates) -> list[str]:
    lines = []
    for gate in gates:
        key = "feature" if gate.kind == "unstable" else "version"
        lines.append(f"@{gate.kind}({key} = {gate.value})")
    return lines
