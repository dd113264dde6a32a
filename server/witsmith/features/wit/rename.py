"""Rename for WIT: types, interfaces, worlds, functions, methods, world items, fields
and cases, parameters and `use` aliases.

A declaration is renamed with every reference the workspace's reverse index knows,
across the package's files.  References that reach it under another name (through
`use x as y`) keep that name: renaming an alias changes its own body's uses, and the
`use`s of other interfaces that take the alias by name.
Declarations inside `deps/` and built-ins are refused, as are invalid names and
names that would clash with another item of the same scope.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import TextEdit
from witsmith.features.editing import RenameEdits, RenameRefused, RenameTarget
from witsmith.features.wit.lookup import (
    KEYWORDS, PRIMITIVES, Decl, Target, declarations, is_dependency, is_valid_name, named_refs,
    resolve_use_path, scope_at, scope_names, target_at, text_at, token_at, use_paths_of, view_of,
)
from witsmith.model.wit import Interface, World
from witsmith.workspace.files import normalize
from witsmith.workspace.wit import WitWorkspace

_RENAMEABLE = ("interface", "world", "type", "func", "method", "world-item", "member", "param", "use-alias",
               "top-use-alias")
_WHAT = {"interface": "interface", "world": "world", "type": "type", "func": "function", "method": "function",
         "world-item": "import or export", "member": "member", "param": "parameter", "use-alias": "name",
         "top-use-alias": "name", "package": "package"}


def prepare_rename(workspace: WitWorkspace, path: Path, offset: int) -> RenameTarget | RenameRefused | None:
    try:
        found = _target(workspace, normalize(path), offset)
    except Exception:  # a half-typed file or a stale index must not break the editor
        return None
    if found is None or isinstance(found, RenameRefused):
        return found
    return RenameTarget(found.at[0], found.at[1], found.written)


def rename(workspace: WitWorkspace, path: Path, offset: int, new_name: str) -> RenameEdits | RenameRefused:
    try:
        return _rename(workspace, normalize(path), offset, new_name)
    except Exception as error:
        return RenameRefused(f"witsmith could not rename here: {error}")


def _target(workspace: WitWorkspace, path: Path, offset: int) -> Target | RenameRefused | None:
    token = token_at(workspace, path, offset)
    if token is None:
        return None
    word = (token.text or b"").decode("utf-8", errors="replace")
    if token.type != "identifier":
        if word in KEYWORDS or word in PRIMITIVES or token.type == "primitive_type":
            return RenameRefused(f"`{word}` is built into WIT and cannot be renamed")
        return None
    if is_dependency(workspace, path):
        return RenameRefused("this file is a dependency (in deps/ or a search path): it is not ours to edit")
    target = target_at(workspace, path, offset)
    if target is None:
        return RenameRefused(f"`{word}` does not resolve to a declaration, so there is nothing to rename")
    if target.decl.kind == "package":
        return RenameRefused("a package is renamed by editing its `package` declarations and the paths that "
                             "name it; witsmith does not rename packages")
    if target.decl.kind not in _RENAMEABLE:
        return RenameRefused(f"witsmith cannot rename this {_WHAT.get(target.decl.kind, 'name')}")
    if is_dependency(workspace, target.path):
        return RenameRefused(f"`{target.decl.name}` is declared in a dependency ({_where(target.path)}); "
                             "dependencies are not ours to edit")
    return target


def _where(path: Path) -> str:
    parts = path.parts
    if "deps" in parts:
        return "/".join(parts[parts.index("deps"):])
    return path.name


def name_problem(new_name: str) -> str | None:
    """Why ``new_name`` cannot be written as a WIT name, or None."""
    bare = new_name[1:] if new_name.startswith("%") else new_name
    if not is_valid_name(bare):
        return (f"`{new_name}` is not a valid WIT name: use kebab-case words of lower-case (or upper-case) "
                "letters and digits, each starting with a letter, joined by single `-`")
    if bare in KEYWORDS and not new_name.startswith("%"):
        return f"`{bare}` is a WIT keyword; write it as `%{bare}`"
    return None


def _rename(workspace: WitWorkspace, path: Path, offset: int, new_name: str) -> RenameEdits | RenameRefused:
    new_name = new_name.strip()
    found = _target(workspace, path, offset)
    if found is None:
        return RenameRefused("there is no name to rename here")
    if isinstance(found, RenameRefused):
        return found
    problem = name_problem(new_name)
    if problem:
        return RenameRefused(problem)
    bare = new_name.removeprefix("%")
    written = found.written.removeprefix("%")
    decl = found.decl
    if written != decl.name and decl.kind not in ("use-alias", "top-use-alias"):
        # The cursor is on a name that reaches the declaration through `use ... as`:
        # what is renamed is that alias, here.
        alias = _alias_in_scope(workspace, path, found.at[0], written)
        if alias is None:
            return RenameRefused(f"`{written}` reaches `{decl.name}` under another name; rename the `use` that "
                                 "introduces it")
        decl, found = alias, Target(alias, path, alias.span, written)
    if bare == decl.name:
        return RenameEdits(())
    if decl.kind == "use-alias":
        return _alias_edits(workspace, found.path, decl, new_name)
    if decl.kind == "top-use-alias":
        return _top_alias_edits(workspace, found.path, decl, new_name)
    clash = _clash(workspace, found.path, decl, bare)
    if clash:
        return RenameRefused(clash)
    spans: set[tuple[Path, int, int]] = {(found.path, *decl.span)}
    if decl.kind in ("interface", "world", "type"):
        for location in workspace.references(found.path, decl.span[0], include_declaration=False):
            if text_at(workspace, location.path, location.start, location.end).removeprefix("%") != decl.name:
                continue  # reached under an alias, which keeps its name
            if is_dependency(workspace, location.path):
                return RenameRefused(f"`{decl.name}` is referenced from a dependency ({_where(location.path)}), "
                                     "which is not ours to edit")
            spans.add((location.path, location.start, location.end))
        clash = _clash_where_used(workspace, found.path, decl, spans, bare)
        if clash:
            return RenameRefused(clash)
    if decl.kind == "world-item":
        spans |= _include_edits(workspace, found.path, decl)
    return RenameEdits(tuple(TextEdit(p, s, e, new_name) for p, s, e in sorted(spans)))


def _alias_in_scope(workspace: WitWorkspace, path: Path, offset: int, written: str) -> Decl | None:
    """The `use ... as written` (or top-level `use ... as written`) that a name at ``offset`` goes through."""
    summary = workspace.summary(path)
    if summary is None:
        return None
    unit, scope = scope_at(summary, offset)
    if scope is not None:
        entry = scope_names(scope).get(written)
        if entry is not None and entry[0] == "use" and entry[1].alias is not None:
            return next((d for d in declarations(summary) if d.kind == "use-alias" and d.node is entry[1]), None)
    for top in unit.uses:
        if top.alias is not None and top.alias.text == written:
            return next((d for d in declarations(summary) if d.kind == "top-use-alias" and d.node is top), None)
    return None


def _alias_edits(workspace: WitWorkspace, path: Path, decl: Decl, new_name: str) -> RenameEdits | RenameRefused:
    """`use x.{a as b}`: rename `b` and its uses in the same body.  Another interface
    of the package may take `b` from this one (`use this.{b}`): that `use` names the
    alias, so it follows, and so do that body's uses when it keeps the name."""
    bare = new_name.removeprefix("%")
    if _taken(scope_names(decl.scope), bare, decl.node):
        return RenameRefused(f"`{bare}` is already a name in this {_body_kind(decl.scope)}")
    view = view_of(workspace, path)
    package = view.package_of(decl.unit)
    spans: set[tuple[Path, int, int]] = {(path, *decl.span)}
    pending = [(path, decl.scope)]
    seen: set[int] = set()
    while pending:
        body_path, scope = pending.pop()
        if id(scope) in seen:
            continue
        seen.add(id(scope))
        spans.update((body_path, *ref.name.span) for ref in named_refs(scope) if ref.name.text == decl.name)
        if not isinstance(scope, Interface) or scope.name is None or package is None:
            continue
        for unit_path, unit in package.units:
            for other, use, use_name in _uses_of(view, unit, package, scope, decl.name):
                spans.add((unit_path, *use_name.name.span))
                if use_name.alias is None:
                    if _taken(scope_names(other), bare, use_name):
                        where = other.name.text if other.name is not None else "an inline interface"
                        return RenameRefused(f"`{bare}` is already a name in `{where}`, which uses `{decl.name}`")
                    pending.append((unit_path, other))
    return RenameEdits(tuple(TextEdit(p, s, e, new_name) for p, s, e in sorted(spans)))


def _bodies(unit):
    for interface in unit.interfaces:
        yield interface
    for world in unit.worlds:
        yield world
        for item in world.items:
            if item.interface is not None:
                yield item.interface


def _uses_of(view, unit, package, interface: Interface, name: str):
    """`use` names of ``unit`` that take ``name`` from ``interface``."""
    for body in _bodies(unit):
        for use in body.uses:
            if use.path.is_foreign:
                continue
            item = resolve_use_path(view, unit, package, use.path)
            if item is None or item.node is not interface:
                continue
            for use_name in use.names:
                if use_name.name.text == name:
                    yield body, use, use_name


def _include_edits(workspace: WitWorkspace, path: Path, decl: Decl) -> set[tuple[Path, int, int]]:
    """`include w with { old as x }` names an import or export of `w` by its kebab name."""
    view = view_of(workspace, path)
    package = view.package_of(decl.unit)
    spans = set()
    if package is None:
        return spans
    for unit_path, unit in package.units:
        for world in unit.worlds:
            for include in world.includes:
                if include.path.is_foreign:
                    continue
                item = resolve_use_path(view, unit, package, include.path)
                if item is None or item.node is not decl.scope:
                    continue
                for pair in include.with_names:
                    if pair.source.text == decl.name:
                        spans.add((unit_path, *pair.source.span))
    return spans


def _top_alias_edits(workspace: WitWorkspace, path: Path, decl: Decl, new_name: str) -> RenameEdits | RenameRefused:
    """`use ns:pkg/iface as x;`: rename `x` and the local paths of the file that use it."""
    unit = decl.unit
    bare = new_name.removeprefix("%")
    taken = {t.local.text for t in unit.uses if t is not decl.node}
    taken |= {i.name.text for i in unit.interfaces if i.name is not None} | {w.name.text for w in unit.worlds}
    if bare in taken:
        return RenameRefused(f"`{bare}` is already an item of this file")
    spans = {decl.span}
    for use_path in use_paths_of(unit):
        if not use_path.is_foreign and use_path.interface.text == decl.name:
            spans.add(use_path.interface.span)
    return RenameEdits(tuple(TextEdit(path, s, e, new_name) for s, e in sorted(spans)))


def _body_kind(scope) -> str:
    return "world" if isinstance(scope, World) else "interface"


def _taken(names: dict, bare: str, itself: object) -> bool:
    """A body already has ``bare``: names in a body are compared without regard to case."""
    for name, (_kind, node) in names.items():
        if name.lower() == bare.lower() and node is not itself:
            return True
    return False


def _clash(workspace: WitWorkspace, path: Path, decl: Decl, bare: str) -> str | None:
    """Another item of the declaration's own scope already has the new name."""
    node = decl.node
    if decl.kind in ("interface", "world"):
        view = view_of(workspace, path)
        package = view.package_of(decl.unit)
        if package is not None and bare in package.items and all(i.node is not node for i in package.items[bare]):
            return f"package `{package.label}` already has an interface or world named `{bare}`"
        for unit_path, unit in (package.units if package is not None else []):
            if any(t.local.text == bare for t in unit.uses):
                return f"a top-level `use` in {unit_path.name} already brings `{bare}` into that file"
        return None
    if decl.kind in ("type", "func"):
        if _taken(scope_names(decl.scope), bare, node):
            return f"`{bare}` is already a name in this {_body_kind(decl.scope)}"
        if isinstance(decl.scope, World):
            for item in decl.scope.items:
                if item.name is not None and item.name.text.lower() == bare.lower():
                    return f"`{bare}` is already a name in this world"
        return None
    if decl.kind == "world-item":
        world = decl.scope
        same = [i for i in world.items if i.direction == node.direction and i is not node and i.name is not None]
        if any(i.name.text.lower() == bare.lower() for i in same):
            return f"this world already {node.direction}s `{bare}`"
        if node.direction == "import" and _taken(scope_names(world), bare, node):
            return f"`{bare}` is already a name in this world"
        return None
    if decl.kind == "method":
        owner = decl.owner
        if owner.name.text.lower() == bare.lower():
            return f"a method cannot have the name of its resource `{owner.name.text}`"
        if any(m.name is not None and m is not node and m.name.text.lower() == bare.lower() for m in owner.methods):
            return f"resource `{owner.name.text}` already has a function named `{bare}`"
        return None
    if decl.kind == "member":
        owner = decl.owner
        if any(m is not node and m.name.text.lower() == bare.lower() for m in owner.members):
            return f"{owner.kind} `{owner.name.text}` already has `{bare}`"
        return None
    if decl.kind == "param":
        if any(p is not node and p.name.text.lower() == bare.lower() for p in decl.owner.params):
            return f"there is already a parameter named `{bare}`"
    return None


def _clash_where_used(workspace: WitWorkspace, decl_path: Path, decl: Decl, spans, bare: str) -> str | None:
    """A renamed type also takes its new name in each body that `use`s it without an alias."""
    if decl.kind != "type":
        return None
    for path, start, _end in spans:
        summary = workspace.summary(path)
        if summary is None or (path, start) == (decl_path, decl.span[0]):
            continue
        _unit, scope = scope_at(summary, start)
        if scope is None or scope is decl.scope:
            continue
        for use in scope.uses:
            for use_name in use.names:
                if use_name.name.span[0] == start and use_name.alias is None:
                    if _taken(scope_names(scope), bare, use_name):
                        where = scope.name.text if scope.name is not None else "an inline interface"
                        return f"`{bare}` is already a name in `{where}`, which uses `{decl.name}`"
    return None

