"""Packages assembled from file summaries, and the set of packages one root sees."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from pathlib import Path

from witsmith.model.wit import FileSummary, Interface, PackageName, PackageUnit, World
from witsmith.workspace.wit.layout import Group

PackageKey = tuple[str, str, "str | None"]


@dataclass(slots=True, init=False)
class ItemDef:
    """An interface or world where it is declared."""

    kind: str  # "interface" or "world"
    name: str
    path: Path
    unit: PackageUnit
    node: Interface | World
    # Weak: a package lists its items, and a strong reference back would make every
    # package a reference cycle, which only the cyclic collector can free: packages
    # replaced by an edit would outlive it, and set aside with the index (see
    # `witsmith.gc_pause`) they would never be freed.
    _package: weakref.ReferenceType[Package]

    def __init__(self, kind: str, name: str, path: Path, unit: PackageUnit, node: Interface | World,
                 package: Package) -> None:
        self.kind, self.name, self.path, self.unit, self.node = kind, name, path, unit, node
        self._package = weakref.ref(package)

    @property
    def package(self) -> Package:
        package = self._package()
        # An item is read while the context that holds its package is: a dead one is a bug.
        assert package is not None, f"the package of {self.kind} {self.name} is gone"
        return package


@dataclass(slots=True, eq=False, weakref_slot=True)
class Package:
    key: PackageKey | None  # None when no file of the group declares a package
    group: Group
    is_block: bool
    names: list[tuple[Path, PackageName | None]] = field(default_factory=list)
    units: list[tuple[Path, PackageUnit]] = field(default_factory=list)
    items: dict[str, list[ItemDef]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        if self.key is None:
            return "<unnamed>"
        namespace, name, version = self.key
        return f"{namespace}:{name}" + (f"@{version}" if version else "")

    @property
    def version(self) -> str | None:
        return self.key[2] if self.key else None

    def add_unit(self, path: Path, unit: PackageUnit) -> None:
        self.units.append((path, unit))
        for interface in unit.interfaces:
            if interface.name:
                self.items.setdefault(interface.name.text, []).append(
                    ItemDef("interface", interface.name.text, path, unit, interface, self))
        for world in unit.worlds:
            self.items.setdefault(world.name.text, []).append(ItemDef("world", world.name.text, path, unit, world, self))

    def item(self, name: str) -> ItemDef | None:
        found = self.items.get(name)
        return found[0] if found else None


def group_main_key(group: Group, summaries: dict[Path, FileSummary]) -> PackageKey | None:
    """The package the group's top levels belong to: the first declaration, in file order."""
    for path in group.files:
        summary = summaries.get(path)
        if summary is not None and summary.top.name is not None:
            return summary.top.name.key
    return None


def build_group_packages(group: Group, summaries: dict[Path, FileSummary]) -> list[Package]:
    """The main package of a group and one package per nested block."""
    main = Package(group_main_key(group, summaries), group, False)
    packages = [main]
    blocks: dict[PackageKey, Package] = {}
    for path in group.files:
        summary = summaries.get(path)
        if summary is None:
            continue
        main.names.append((path, summary.top.name))
        main.add_unit(path, summary.top)
        for block in summary.blocks:
            if block.name is None:
                continue
            package = blocks.get(block.name.key)
            if package is None:
                package = blocks[block.name.key] = Package(block.name.key, group, True)
                packages.append(package)
            package.names.append((path, block.name))
            package.add_unit(path, block)
    return packages


@dataclass(slots=True)
class Context:
    """Everything one root resolves against: its own group and its deps' groups."""

    root: Path
    groups: list[Group]
    packages: dict[PackageKey, list[Package]] = field(default_factory=dict)
    group_packages: dict[Path, list[Package]] = field(default_factory=dict)
    # deps/ entries witsmith cannot read (compiled `.wasm`, `.wat`): packages they
    # provide are unknown, so references to absent packages are not reported.
    opaque: list[Path] = field(default_factory=list)
    # A wasmCloud project (wasmcloud.toml or .wash/ beside the WIT): guidance applies.
    wasmcloud: bool = False
    # The world wasmcloud.toml targets, when it names one.
    wasmcloud_world: str | None = None
    # The wasmCloud host version the project names (None: the newest host).
    wasmcloud_version: str | None = None
    # Packages the project's wkg.lock / wkg.toml / deps.toml name, for fetch hints.
    pinned: dict[str, str] = field(default_factory=dict)

    def rebuild(self, summaries: dict[Path, FileSummary]) -> None:
        self.packages.clear()
        self.group_packages.clear()
        for group in self.groups:
            built = build_group_packages(group, summaries)
            self.group_packages[group.location] = built
            for package in built:
                if package.key is not None:
                    self.packages.setdefault(package.key, []).append(package)

    def rebuild_group(self, group: Group, summaries: dict[Path, FileSummary]) -> None:
        """Rebuild one group's packages, leaving the others as they are."""
        for package in self.group_packages.get(group.location, []):
            if package.key is not None:
                remaining = [p for p in self.packages.get(package.key, []) if p is not package]
                if remaining:
                    self.packages[package.key] = remaining
                else:
                    self.packages.pop(package.key, None)
        built = build_group_packages(group, summaries)
        self.group_packages[group.location] = built
        for package in built:
            if package.key is not None:
                self.packages.setdefault(package.key, []).append(package)

    def find(self, key: PackageKey) -> Package | None:
        found = self.packages.get(key)
        return found[0] if found else None

    def package_of_unit(self, group: Group, unit: PackageUnit) -> Package | None:
        for package in self.group_packages.get(group.location, []):
            if unit.is_block:
                if package.is_block and unit.name and package.key == unit.name.key:
                    return package
            elif not package.is_block:
                return package
        return None

    def known_labels(self) -> list[str]:
        return sorted(packages[0].label for packages in self.packages.values())
