"""Cycles between interfaces (`use`) and between worlds (`include`), found over a
whole root at once.

Per-file resolution would have to follow every chain to its end, making each file
depend on everything it can reach; one strongly-connected-components pass over the
graph is cheaper and keeps per-file dependencies short.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.model.wit import FileSummary
from witsmith.settings import Settings
from witsmith.workspace.wit.packages import Context, ItemDef
from witsmith.workspace.wit.problems import Problem
from witsmith.workspace.wit.resolver import Resolver


def _components(nodes: list[int], edges: dict[int, list[int]]) -> list[list[int]]:
    """Tarjan's strongly connected components, iteratively (deep graphs are fine)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    result: list[list[int]] = []
    counter = 0
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(edges.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
    return result


def dependency_cycles(context: Context, summaries: dict[Path, FileSummary], settings: Settings) -> list[Problem]:
    items: dict[int, ItemDef] = {}
    edges: dict[int, list[int]] = {}
    # (from item, to item) -> the path that makes the edge, for precise ranges.
    edge_paths: dict[tuple[int, int], object] = {}
    for group in context.groups:
        for path in group.files:
            summary = summaries.get(path)
            if summary is None:
                continue
            resolver = Resolver(context, group, path, summary, summaries, settings)
            for unit in summary.units:
                package = context.package_of_unit(group, unit)
                if package is None:
                    continue
                for node in [*unit.interfaces, *unit.worlds]:
                    if node.name is None:
                        continue
                    key = id(node)
                    items[key] = ItemDef("interface" if node in unit.interfaces else "world", node.name.text,
                                         path, unit, node, package)
                    paths = [use.path for use in node.uses] if node in unit.interfaces else \
                        [include.path for include in node.includes]
                    for use_path in paths:
                        target = resolver.lookup_item(unit, package, use_path, False)
                        if isinstance(target, ItemDef) and target.kind == items[key].kind:
                            edges.setdefault(key, []).append(id(target.node))
                            edge_paths.setdefault((key, id(target.node)), use_path)
    problems = []
    for component in _components(list(items), edges):
        members = set(component)
        if len(component) == 1 and component[0] not in edges.get(component[0], ()):
            continue
        if len({id(items[k].package) for k in component}) > 1:
            continue  # a cycle between packages: reported once, as a package cycle
        for key in sorted(component, key=lambda k: (str(items[k].path), items[k].node.name.span)):
            item = items[key]
            via = next((edge_paths[(key, t)] for t in edges.get(key, ()) if t in members), None)
            if via is not None and via.is_foreign and via.package_key == item.package.key:
                continue  # a package naming itself: reported where the reference is resolved
            if item.kind == "interface":
                message = (f"interface `{item.name}` depends on itself through `use {via}`; move the shared "
                           "types into a third interface")
            else:
                message = f"world `{item.name}` includes itself through `include {via}`"
            problems.append(Problem("wit/use-cycle", item.path, *item.node.name.span, message))
    return problems
