"""Checks that concern a root's packages as a whole rather than one file:
package declarations, packages missing from `deps/`, the same package twice,
dependency cycles.  They read summaries and the per-file resolutions only, so they
are cheap to redo after any change.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Fix, Location, Related, TextEdit
from witsmith.model.wit import FileSummary
from witsmith.settings import Settings
from witsmith.workspace.wit.cycles import dependency_cycles
from witsmith.workspace.wit.packages import Context
from witsmith.workspace.wit.problems import Problem
from witsmith.workspace.wit.resolver import FileResolution


def _first_item_span(summary: FileSummary) -> tuple[int, int]:
    top = summary.top
    spans = [u.span for u in top.uses] + [i.name.span for i in top.interfaces if i.name] + \
        [w.name.span for w in top.worlds] + [b.name.span for b in summary.blocks if b.name]
    return min(spans) if spans else (0, 0)


def _package_docs_twice(files: list[Path], summaries: dict[Path, FileSummary]) -> list[Problem]:
    """wit-parser takes a package's doc comment from one file only: docs on the
    `package` line of a later file (in file-name order) are an error."""
    documented = [(path, summaries[path].top) for path in files
                  if path in summaries and summaries[path].top.docs_span is not None]
    if len(documented) < 2:
        return []
    first_path, first = documented[0]
    return [Problem("wit/duplicate-package-docs", path, *unit.docs_span,
                    "the package's doc comment is already given in another file; keep the `///` docs on "
                    "the `package` line of one file only (make these `//` comments, or merge them there)",
                    (Related(Location(first_path, *first.docs_span), "package documented here"),))
            for path, unit in documented[1:]]


def _unreadable_binaries(paths: list[Path], summaries: dict[Path, FileSummary]) -> list[Problem]:
    problems = []
    for path in paths:
        summary = summaries[path]
        if summary.not_a_package:
            code, advice = "wit/unverified-package", (
                "packages it may provide are not checked; keep WIT packages in deps/ as .wit folders "
                "or as packages encoded with `wasm-tools component wit --wasm`")
        else:
            code, advice = "wit/unreadable-package", (
                "the file may be truncated or damaged: fetch it again (for example with `wkg wit fetch`), "
                "or replace it with the package's .wit files")
        problems.append(Problem(code, path, 0, 0, f"witsmith cannot read {path.name} as a WIT package: "
                                                   f"{summary.binary_error}; {advice}"))
    return problems


def package_problems(context: Context, summaries: dict[Path, FileSummary],
                     resolutions: dict[Path, FileResolution], settings: Settings) -> list[Problem]:
    problems: list[Problem] = dependency_cycles(context, summaries, settings)
    for group in context.groups:
        binary = [path for path in group.files if path in summaries and summaries[path].binary_error]
        if binary:
            problems.extend(_unreadable_binaries(binary, summaries))
            continue
        declared = [(path, summaries[path].top.name) for path in group.files
                    if path in summaries and summaries[path].top.name is not None]
        if not declared:
            # wit-parser wants a header even when the files hold only nested blocks.
            for path in group.files:
                summary = summaries.get(path)
                if summary is not None:
                    start, end = _first_item_span(summary)
                    problems.append(Problem(
                        "wit/missing-package-declaration", path, start, end,
                        "no `package` declaration was found in any file of this package; add "
                        "`package namespace:name;` (with `@version` if it is published) at the top of one file"))
                    break
            continue
        problems.extend(_package_docs_twice(group.files, summaries))
        first_path, first = declared[0]
        for path, name in declared[1:]:
            if name.key != first.key:
                problems.append(Problem(
                    "wit/package-mismatch", path, name.span[0], name.span[1],
                    f"package `{name}` does not match `{first}` declared by another file of the same folder; "
                    "all files of a package must declare the same name",
                    (Related(Location(first_path, *first.span), "declared here"),)))
    # The same package provided twice.
    for packages in context.group_packages.values():
        main = packages[0] if packages and not packages[0].is_block else None
        for package in packages:
            if package.is_block and main is not None and package.key == main.key:
                path, name = package.names[0]
                anchor = next(((p, n) for p, n in main.names if n is not None), None)
                problems.append(Problem(
                    "wit/duplicate-package", path, name.span[0], name.span[1],
                    f"package `{package.label}` is both the main package and a nested block; put the block's "
                    "items at the top level instead",
                    (Related(Location(anchor[0], *anchor[1].span), "declared here"),) if anchor else ()))
            if package.is_block and len(package.names) > 1:
                first_path, first_name = package.names[0]
                for path, name in package.names[1:]:
                    problems.append(Problem(
                        "wit/duplicate-package", path, name.span[0], name.span[1],
                        f"package `{package.label}` is defined in two different blocks; merge them into one",
                        (Related(Location(first_path, *first_name.span), "also defined here"),)))
    for key, packages in context.packages.items():
        if len(packages) < 2:
            continue
        first = packages[0]
        for other in packages[1:]:
            if other.group is first.group:
                continue
            for path, name in other.names:
                if name is not None and name.key == key:
                    anchor = next(((p, n) for p, n in first.names if n is not None), None)
                    related = (Related(Location(anchor[0], *anchor[1].span), "also defined here"),) if anchor else ()
                    problems.append(Problem(
                        "wit/duplicate-package", path, name.span[0], name.span[1],
                        f"package `{other.label}` is defined in two different locations; keep one copy in deps/",
                        related))
                    break
    # The world wasmcloud.toml builds for must exist in the root package.
    target = context.wasmcloud_world
    if target is not None and context.groups:
        root = context.groups[0]
        main = next((p for p in context.group_packages.get(root.location, []) if not p.is_block), None)
        declared = next(((p, n) for p, n in main.names if n is not None), None) if main else None
        if main is not None and declared is not None:
            found = main.items.get(target.split("/")[-1].split("@")[0], [])
            if not any(item.kind == "world" for item in found):
                worlds = sorted(name for name, defs in main.items.items() if defs[0].kind == "world")
                problems.append(Problem(
                    "wasmcloud/unknown-wit-world", declared[0], declared[1].span[0], declared[1].span[1],
                    f"wasmcloud.toml builds for world `{target}`, which package `{main.label}` does not define"
                    + (f"; its worlds: {', '.join(worlds)}" if worlds else "; define the world or fix `wit_world`")))
    # Packages referred to but absent: one problem per package, at its first reference.
    missing: dict[str, list[tuple[Path, int, int]]] = {}
    for group in context.groups:
        for path in group.files:
            resolution = resolutions.get(path)
            if resolution is None:
                continue
            for label, start, end in resolution.missing:
                missing.setdefault(label, []).append((path, start, end))
    for label, places in missing.items():
        path, start, end = places[0]
        base = label.split("@")[0]
        present = sorted({p.label for keyed in context.packages.values() for p in keyed
                          if p.label.split("@")[0] == base})
        pinned = context.pinned.get(base) or context.pinned.get(base.split(":")[-1])
        if present:
            hint = f"; available instead: {', '.join(present)} (versions must match exactly): use one of " \
                   f"those or add {label} to deps/"
        elif pinned == "wit/deps.toml":
            hint = "; wit/deps.toml lists it: run `wit-deps` to fetch it"
        elif pinned:
            hint = f"; {pinned} names it: run `wkg wit fetch` to fetch it"
        else:
            hint = "; add it to deps/ (for example with `wkg wit fetch` or `wit-deps`)"
        others = tuple(Related(Location(p, s, e), "also referenced here") for p, s, e in places[1:20])
        if context.opaque:
            # deps/ holds compiled packages (.wasm, .wat) that may well provide it.
            names = ", ".join(p.name for p in context.opaque[:5])
            problems.append(Problem("wit/unverified-package", path, start, end,
                                    f"package `{label}` is not among the WIT packages in deps/; it may come from "
                                    f"{names}, which witsmith does not read", others))
            continue
        fixes: tuple[Fix, ...] = ()
        if "@" in label and present:
            # A use path ends with its version: offer each version deps/ really has.
            old_version = label.split("@", 1)[1]
            fixes = tuple(Fix(f"Use {p}", (TextEdit(path, end - len(old_version), end, p.split("@", 1)[1]),))
                          for p in present if "@" in p)
        elif present:
            # An unversioned path: add the version deps/ has after it.
            fixes = tuple(Fix(f"Use {p}", (TextEdit(path, end, end, "@" + p.split("@", 1)[1]),))
                          for p in present if "@" in p)
        problems.append(Problem("wit/missing-package", path, start, end,
                                f"package `{label}` is not in deps/{hint}", others, fixes))
    # Cycles between packages.
    edges: dict[object, list[tuple[object, Path, int, int]]] = {}
    for group in context.groups:
        for path in group.files:
            resolution = resolutions.get(path)
            if resolution is None:
                continue
            for source, target, start, end in resolution.package_edges:
                edges.setdefault(source, []).append((target, path, start, end))
    reported: set = set()
    component = _components(edges)
    for source in list(edges):
        for target, path, start, end in edges[source]:
            if source in reported:
                break
            # With an edge source -> target, target reaches back to source exactly
            # when both lie in one strongly connected component.
            if component.get(target) == component[source]:
                reported.add(source)
                label = _label(source)
                problems.append(Problem("wit/package-cycle", path, start, end,
                                        f"package `{label}` creates a dependency cycle through `{_label(target)}`"))
    return problems


def _label(key) -> str:
    if not isinstance(key, tuple) or len(key) != 3:
        return "<unnamed>"
    namespace, name, version = key
    return f"{namespace}:{name}" + (f"@{version}" if version else "")


def _components(edges: dict) -> dict:
    """Strongly connected components of the package graph (Tarjan's algorithm,
    iterative): one pass over all edges instead of a search per edge."""
    index: dict = {}
    low: dict = {}
    component: dict = {}
    on_stack: set = set()
    stack: list = []
    counter = 0
    nodes = list(edges) + [t for targets in edges.values() for t, *_ in targets]
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter([t for t, *_ in edges.get(root, [])]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for target in successors:
                if target not in index:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter([t for t, *_ in edges.get(target, [])])))
                    advanced = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = node
                    if member == node:
                        break
    return component
