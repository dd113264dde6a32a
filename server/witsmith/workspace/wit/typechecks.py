"""Checks of type definitions, functions and type expressions in one file."""

from __future__ import annotations

from witsmith.diagnostics import Location, Related
from witsmith.model.wit import Func, Identifier, Interface, TypeDef, TypeExpr, World
from witsmith.pacing import pace
from witsmith.workspace.wit.graphs import strongly_connected
from witsmith.workspace.wit.scopes import ResolverBase, Scope, TypeFound

MAP_KEY_TYPES = frozenset({"bool", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "char", "string"})


class TypeChecks(ResolverBase):
    # --- types and functions -------------------------------------------------

    def check_typedef(self, typedef: TypeDef, scope: Scope) -> None:
        self.check_ident(typedef.name)
        self.decl(typedef.name)
        self.check_gates(typedef.gates, scope.package, typedef.name.span)
        excluded = self.excluded(typedef.gates)
        if excluded and isinstance(scope.node, World) and not scope.excluded:
            # wit-parser keeps the world's entry for the type while leaving the type out,
            # and then fails on that entry.
            self.problem("wit/unstable-reference", typedef.name.span,
                         f"`{typedef.name.text}` is gated by an `@unstable` feature that is not enabled, and "
                         "wit-parser refuses such a type inside a world; enable the feature, or define the type "
                         "in an interface and `use` it")
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
        if typedef.kind in ("record", "variant", "enum", "flags") and not typedef.members and not typedef.damaged:
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
            if key == "self" and func.kind == "method":
                self.problem("wit/duplicate-name", param.name.span,
                             "param `self` is defined more than once: a method already takes `self` (the resource) "
                             "implicitly; rename this parameter")
            elif key in seen:
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

    def contains_borrow(self, expr: TypeExpr, scope: Scope) -> bool:
        """Whether a type, through the definitions it names, holds a `borrow<T>`."""
        # Definitions already known to hold none, with all they name: without this, each
        # function re-walks the chains of types it names, quadratic in a long interface.
        known_free = self._borrow_free
        seen: set[int] = set()
        pending = [(expr, scope)]
        while pending:
            current, where = pending.pop()
            for part in current.walk():
                if part.kind == "handle" and part.word == "borrow":
                    return True
                if part.kind != "named":
                    continue
                found = self.find_type(where, part.name.text)
                if isinstance(found, TypeFound) and id(found.typedef) not in seen \
                        and id(found.typedef) not in known_free:
                    seen.add(id(found.typedef))
                    typedef = found.typedef
                    inner = [typedef.target] if typedef.kind == "alias" else [m.type for m in typedef.members]
                    pending.extend((sub, found.scope) for sub in inner if sub is not None)
        # Nothing reachable holds a borrow, so nothing reachable from any of these does.
        known_free.update(seen)
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
                self.unknown("wit/unknown-type", part.name, f"type `{part.name.text}` does not exist", candidates,
                             f"define it, or import it with `use some-interface.{{{part.name.text}}}`")
                continue
            if isinstance(found, tuple):
                self.problem("wit/wrong-kind", part.name.span, f"cannot use {found[0]} `{part.name.text}` as a type; name a type here")
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
                             f"type `{part.name.text}` is gated by an `@unstable` feature that is not enabled; "
                             "gate this item with the same feature, or enable the feature")
            if part.kind == "handle":
                final = self.final_type(found)
                if not (isinstance(final, TypeFound) and final.typedef.kind == "resource") and final is not None:
                    self.problem("wit/handle-not-resource", part.name.span,
                                 f"type `{part.name.text}` used in a handle must be a resource; pass it by value "
                                 "without `own`/`borrow`, or make it a resource")

    def valid_map_key(self, key: TypeExpr, scope: Scope) -> bool:
        if key.kind == "primitive":
            return key.word in MAP_KEY_TYPES
        if key.kind == "named":
            # wit-parser checks the key as written: even an alias of `string` is refused.
            return not isinstance(self.find_type(scope, key.name.text), TypeFound)
        return False

    # --- cycles ---------------------------------------------------------------

    def check_type_cycles(self, scope: Scope) -> None:
        """A type that reaches itself without going through a handle is infinite.  One
        strongly-connected-components pass over the body's types finds every cycle."""
        typedefs = {id(t): t for t in scope.node.types if t.kind != "resource"}
        edges: dict[int, list[int]] = {}
        for key, typedef in typedefs.items():
            pace()
            exprs = [typedef.target] if typedef.kind == "alias" else [m.type for m in typedef.members]
            for expr in exprs:
                if expr is None:
                    continue
                for part in expr.walk():
                    if part.kind != "named":
                        continue
                    found = self.find_type(scope, part.name.text)
                    # A cycle through another interface needs a `use` cycle, reported on its own.
                    if isinstance(found, TypeFound) and id(found.typedef) in typedefs \
                            and found.scope.node is scope.node:
                        edges.setdefault(key, []).append(id(found.typedef))
        for component in strongly_connected(list(typedefs), edges):
            if len(component) == 1 and component[0] not in edges.get(component[0], ()):
                continue
            for key in component:
                typedef = typedefs[key]
                span = typedef.target.span if typedef.kind == "alias" and typedef.target else typedef.name.span
                self.problem("wit/type-cycle", span,
                             f"type `{typedef.name.text}` depends on itself; break the cycle, for example with a "
                             "resource handle")
