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
from witsmith.workspace.wit.graphs import strongly_connected
from witsmith.workspace.wit.packages import Context, ItemDef
from witsmith.workspace.wit.problems import Problem
from witsmith.workspace.wit.resolver import Resolver


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
                nodes = [("interface", n) for n in unit.interfaces] + [("world", n) for n in unit.worlds]
                for kind, node in nodes:
                    if node.name is None:
                        continue
                    key = id(node)
                    items[key] = ItemDef(kind, node.name.text, path, unit, node, package)
                    paths = [use.path for use in node.uses] if kind == "interface" else \
                        [include.path for include in node.includes]
                    for use_path in paths:
                        target = resolver.lookup_item(unit, package, use_path, False)
                        if isinstance(target, ItemDef) and target.kind == kind:
                            edges.setdefault(key, []).append(id(target.node))
                            edge_paths.setdefault((key, id(target.node)), use_path)
    problems = []
    for component in strongly_connected(list(items), edges):
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
