"""The WIT a migration writes, as plain data, and its text.

The text follows the layout of wit-parser's printer for a new file: two-space
indent, one item a line, a blank line between items, `///` docs above the item
they describe.  Names here are already WIT identifiers (kebab-case, unescaped);
the printer adds the `%` keyword escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from witsmith.features.migration.names import escaped

INDENT = "  "


@dataclass
class Case:
    """A record field, a variant or enum case: a name, a type (None for a bare case), docs."""

    name: str
    type: str | None = None
    docs: str | None = None


@dataclass
class TypeDef:
    kind: str  # "record", "variant", "enum" or "alias"
    name: str
    docs: str | None = None
    cases: list[Case] = field(default_factory=list)  # fields, cases
    target: str | None = None  # for "alias": the aliased type


@dataclass
class Param:
    name: str
    type: str


@dataclass
class Function:
    name: str
    params: list[Param] = field(default_factory=list)
    result: str | None = None
    docs: str | None = None


@dataclass
class Interface:
    name: str
    docs: str | None = None
    uses: dict[str, list[str]] = field(default_factory=dict)  # interface -> type names
    types: list[TypeDef] = field(default_factory=list)
    functions: list[Function] = field(default_factory=list)


@dataclass
class World:
    name: str
    docs: str | None = None
    imports: list[str] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)


@dataclass
class Package:
    namespace: str
    name: str
    version: str | None = None
    docs: str | None = None
    interfaces: list[Interface] = field(default_factory=list)
    worlds: list[World] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.namespace}:{self.name}" + (f"@{self.version}" if self.version else "")

    @property
    def written_id(self) -> str:
        """The id as the `package` line writes it: keywords take a `%`."""
        return f"{escaped(self.namespace)}:{escaped(self.name)}" + (f"@{self.version}" if self.version else "")


def doc_lines(docs: str | None, indent: str) -> list[str]:
    if not docs:
        return []
    lines = docs.strip("\n").split("\n")
    # Trailing spaces and a shared indent carry no meaning in a doc comment.
    lines = [line.rstrip() for line in lines]
    return [f"{indent}///" + (f" {line}" if line else "") for line in lines]


def type_lines(typedef: TypeDef, indent: str) -> list[str]:
    lines = doc_lines(typedef.docs, indent)
    name = escaped(typedef.name)
    if typedef.kind == "alias":
        lines.append(f"{indent}type {name} = {typedef.target};")
        return lines
    lines.append(f"{indent}{typedef.kind} {name} {{")
    inner = indent + INDENT
    for case in typedef.cases:
        lines.extend(doc_lines(case.docs, inner))
        if typedef.kind == "record":
            lines.append(f"{inner}{escaped(case.name)}: {case.type},")
        elif case.type is not None:
            lines.append(f"{inner}{escaped(case.name)}({case.type}),")
        else:
            lines.append(f"{inner}{escaped(case.name)},")
    lines.append(f"{indent}}}")
    return lines


def signature(function: Function) -> str:
    params = ", ".join(f"{escaped(p.name)}: {p.type}" for p in function.params)
    result = f" -> {function.result}" if function.result else ""
    return f"{escaped(function.name)}: func({params}){result};"


def interface_lines(interface: Interface) -> list[str]:
    lines = doc_lines(interface.docs, "")
    lines.append(f"interface {escaped(interface.name)} {{")
    blocks: list[list[str]] = []
    uses = [f"{INDENT}use {escaped(source)}.{{{', '.join(escaped(n) for n in names)}}};"
            for source, names in interface.uses.items() if names]
    if uses:
        blocks.append(uses)
    for typedef in interface.types:
        blocks.append(type_lines(typedef, INDENT))
    for function in interface.functions:
        blocks.append(doc_lines(function.docs, INDENT) + [INDENT + signature(function)])
    for number, block in enumerate(blocks):
        if number:
            lines.append("")
        lines.extend(block)
    lines.append("}")
    return lines


def _world_lines(world: World) -> list[str]:
    lines = doc_lines(world.docs, "")
    lines.append(f"world {escaped(world.name)} {{")
    groups = [[f"{INDENT}import {escaped(name)};" for name in world.imports],
              [f"{INDENT}export {escaped(name)};" for name in world.exports]]
    groups = [group for group in groups if group]
    for number, group in enumerate(groups):
        if number:
            lines.append("")
        lines.extend(group)
    lines.append("}")
    return lines


def render(package: Package) -> str:
    lines = doc_lines(package.docs, "")
    lines.append(f"package {package.written_id};")
    for interface in package.interfaces:
        lines.append("")
        lines.extend(interface_lines(interface))
    for world in package.worlds:
        lines.append("")
        lines.extend(_world_lines(world))
    return "\n".join(lines) + "\n"
