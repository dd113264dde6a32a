"""Hover for WIT: the signature of what the name under the cursor resolves to (through
`use` renames, across files and into `deps/`), its fully qualified name, its
documentation and its gates; short explanations of built-in types and keywords."""

from __future__ import annotations

from pathlib import Path

from witsmith.features.editing import HoverInfo
from witsmith.features.wit.lookup import (
    Decl, Target, View, gates_text, item_label, members_of, name_text, original_of_alias, render_func,
    render_type, short_typedef, target_at, token_at, view_of,
)
from witsmith.model.wit import Func, Interface, TypeDef, World, WorldItem
from witsmith.workspace.files import normalize
from witsmith.workspace.wit import WitWorkspace

# Our own one-paragraph explanations, keyed by the word as written.  The first
# element is the form shown in the code block.
BUILTIN_TYPES: dict[str, tuple[str, str]] = {
    "bool": ("bool", "A boolean: `true` or `false`."),
    "s8": ("s8", "A signed 8-bit integer (-128 to 127)."),
    "s16": ("s16", "A signed 16-bit integer."),
    "s32": ("s32", "A signed 32-bit integer."),
    "s64": ("s64", "A signed 64-bit integer."),
    "u8": ("u8", "An unsigned 8-bit integer (0 to 255); `list<u8>` is the usual way to pass bytes."),
    "u16": ("u16", "An unsigned 16-bit integer."),
    "u32": ("u32", "An unsigned 32-bit integer."),
    "u64": ("u64", "An unsigned 64-bit integer."),
    "f32": ("f32", "A 32-bit IEEE 754 floating-point number (NaNs may be canonicalized across the boundary)."),
    "f64": ("f64", "A 64-bit IEEE 754 floating-point number (NaNs may be canonicalized across the boundary)."),
    "char": ("char", "One Unicode scalar value (a code point that is not a surrogate)."),
    "string": ("string", "A sequence of Unicode scalar values; the canonical ABI chooses how it is encoded."),
    "error-context": ("error-context", "An opaque, host-owned value describing an error, for debugging; it can "
                                       "travel with async results and stream/future failures."),
    "list": ("list<T>  list<T, N>", "A sequence of values of type `T`; `list<T, N>` has exactly `N` elements."),
    "option": ("option<T>", "Either a value of type `T` or nothing (`none`)."),
    "result": ("result<T, E>  result<T>  result<_, E>  result",
               "Success with an optional value of type `T`, or failure with an optional value of type `E`; "
               "`_` leaves the success side empty."),
    "tuple": ("tuple<T1, T2, …>", "A fixed number of values of possibly different types, without names."),
    "map": ("map<K, V>", "Key-value pairs; keys are `bool`, integers, `char` or `string`."),
    "borrow": ("borrow<R>", "A handle to the resource `R` lent for the duration of one call: the callee may "
                            "use it but not keep it. Functions cannot return borrows."),
    "own": ("own<R>", "An owned handle to the resource `R`: ownership moves to the receiver, which must drop "
                      "it. Writing the bare resource name means the same."),
    "future": ("future<T>  future", "A value of type `T` that becomes available later, read once (async)."),
    "stream": ("stream<T>  stream", "A sequence of values of type `T` produced over time (async)."),
    "_": ("_", "An empty side of a `result`: `result<_, E>` has no success value."),
}

KEYWORD_DOCS: dict[str, str] = {
    "package": "Names the package this file belongs to, `namespace:name@version`; every file of a package "
               "folder states the same name, and a `package x:y { … }` block declares a nested package.",
    "interface": "A named group of types and functions; worlds import and export interfaces, and other "
                 "interfaces bring its types in with `use`.",
    "world": "The contract of one component: what it imports from its host and what it exports.",
    "use": "Brings names into scope: `use iface.{a, b as c};` inside a body copies types from another "
           "interface; `use ns:pkg/iface@1.0.0;` at the top of a file names an interface of another package.",
    "include": "Copies every import and export of another world into this one; `with { a as b }` renames "
               "what would clash.",
    "import": "Something the component needs from its host: an interface (by path), or a named function or "
              "inline interface.",
    "export": "Something the component provides to its host: an interface (by path), or a named function or "
              "inline interface.",
    "resource": "A type whose values are handles to state owned by one side; it may have a constructor, "
                "methods and static functions.",
    "constructor": "How a resource is created: `constructor(params);`, optionally returning "
                   "`result<R, E>` when construction can fail.",
    "static": "A function scoped to a resource that does not take a handle: `name: static func(...)`.",
    "async": "Marks a function that may suspend: callers may get the result later instead of blocking.",
    "func": "A function type: `name: func(params) -> result-type;`.",
    "type": "A type alias: `type name = other-type;` gives another name to the same type.",
    "record": "A structure of named fields, each with its own type.",
    "variant": "A value that is exactly one of several named cases, each with an optional payload.",
    "enum": "A value that is one of several named cases without payloads.",
    "flags": "A set of named booleans, passed as a bit set.",
    "as": "Gives an imported name a different local name.",
    "with": "Renames names brought in by an `include` that would otherwise clash.",
    "from": "A reserved word of WIT.",
}


def hover(workspace: WitWorkspace, path: Path, offset: int) -> HoverInfo | None:
    try:
        return _hover(workspace, normalize(path), offset)
    except Exception:  # a half-typed file or a stale index must not break the editor
        return None


def _hover(workspace: WitWorkspace, path: Path, offset: int) -> HoverInfo | None:
    target = target_at(workspace, path, offset)
    if target is not None:
        markdown = describe(workspace, target)
        if markdown:
            return HoverInfo(markdown + _host_notes(workspace, path, offset), *target.at)
    token = token_at(workspace, path, offset)
    if token is None:
        return None
    word = (token.text or b"").decode("utf-8", errors="replace")
    gate = token.parent if token.parent is not None and token.parent.type.endswith("_gate") else None
    if gate is not None and (token.type == "identifier" or word in GATE_DOCS):
        return HoverInfo(_gate_markdown(workspace, gate), token.start_byte, token.end_byte)
    if token.type == "identifier" or not word:
        return None
    builtin = builtin_markdown(word)
    if builtin is None:
        return None
    return HoverInfo(builtin, token.start_byte, token.end_byte)


def _host_notes(workspace: WitWorkspace, path: Path, offset: int) -> str:
    """What the wasmCloud host does with an import under the cursor (a stub, not provided, ...)."""
    notes = [p.message for p in workspace.problems(path)
             if p.code.startswith("wasmcloud/") and p.start <= offset <= p.end]
    return "".join(f"\n\n**wasmCloud:** {note}" for note in notes)


GATE_DOCS: dict[str, str] = {
    "since": "The item exists from this version of the package on; the version cannot be later than the "
             "package's own.",
    "unstable": "The item is hidden unless its feature is enabled (for example with `--features` in "
                "wasm-tools, or witsmith's `wit.features` setting); references to it from stable items are "
                "errors.",
    "deprecated": "The item is still available but should no longer be used, from this version on; it "
                  "also needs a `@since` gate.",
}


def _gate_markdown(workspace: WitWorkspace, gate) -> str:
    kind = gate.type.removesuffix("_gate")
    text = f"```wit\n{(gate.text or b'').decode('utf-8', errors='replace')}\n```\nFeature gate.\n\n"
    text += GATE_DOCS.get(kind, "")
    feature = gate.child_by_field_name("feature")
    if kind == "unstable" and feature is not None:
        name = (feature.text or b"").decode("utf-8", errors="replace").removeprefix("%")
        state = "enabled" if workspace.settings.wit_feature_enabled(name) else "not enabled"
        text += f"\n\nThe feature `{name}` is {state}."
    return text


def builtin_markdown(word: str) -> str | None:
    if word in BUILTIN_TYPES:
        form, text = BUILTIN_TYPES[word]
        return f"```wit\n{form}\n```\nBuilt-in type.\n\n{text}"
    if word in KEYWORD_DOCS:
        return f"```wit\n{word}\n```\nKeyword.\n\n{KEYWORD_DOCS[word]}"
    return None


def builtin_documentation(word: str) -> str | None:
    """The explanation alone, for completion items."""
    if word in BUILTIN_TYPES:
        return BUILTIN_TYPES[word][1]
    return KEYWORD_DOCS.get(word)


# --- declarations -------------------------------------------------------------


def describe(workspace: WitWorkspace, target: Target) -> str | None:
    """Markdown for a resolved name: code block, qualified name, documentation, gates."""
    decl = target.decl
    note = ""
    if decl.kind in ("use-alias", "top-use-alias"):
        original = original_of_alias(workspace, target.path, decl)
        if original is None:
            return None
        note = f"Imported here as `{decl.name}`."
        target, decl = original, original.decl
    elif decl.kind in ("type", "interface", "world") and target.written.removeprefix("%") != decl.name:
        note = f"Imported here as `{target.written.removeprefix('%')}`."
    view = view_of(workspace, target.path)
    package = view.package_of(decl.unit)
    code, docs, gates, where = _parts(workspace, view, decl)
    if code is None:
        return None
    if decl.kind == "type" and decl.node.kind == "alias":
        where = "\n\n".join(x for x in (where, _alias_target(workspace, target, package)) if x)
    block = "\n".join([*gates_text(gates), code])
    sections = [f"```wit\n{block}\n```"]
    if where:
        sections.append(where)
    if docs:
        sections.append(docs)
    notes = [line for line in (note, *_gate_notes(workspace, gates, package)) if line]
    if notes:
        sections.append("\n\n".join(notes))
    return "\n\n".join(sections)


def _parts(workspace: WitWorkspace, view: View, decl: Decl) -> tuple[str | None, str, tuple, str]:
    """The code block, docs, gates and qualified-name line of a declaration."""
    package = view.package_of(decl.unit)
    scope_label = _scope_label(package, decl.scope)
    if decl.kind == "package":
        return _package_code(view, decl), decl.unit.docs, (), ""
    if decl.kind == "interface":
        interface: Interface = decl.node
        return _interface_code(interface), interface.docs, interface.gates, \
            f"`{item_label(package, decl.name)}`"
    if decl.kind == "world":
        world: World = decl.node
        return _world_code(world), world.docs, world.gates, f"`{item_label(package, decl.name)}`"
    if decl.kind == "type":
        typedef: TypeDef = decl.node
        where = f"`{scope_label}.{{{decl.name}}}`" if scope_label else ""
        return typedef_code(typedef), typedef.docs, typedef.gates, where
    if decl.kind == "func":
        func: Func = decl.node
        where = f"`{scope_label}.{{{decl.name}}}`" if scope_label else ""
        return render_func(func) + ";", func.docs, func.gates, where
    if decl.kind == "method":
        method: Func = decl.node
        owner: TypeDef = decl.owner
        kind = "static function" if method.kind == "static" else "method"
        where = f"{kind} of resource `{scope_label}.{{{owner.name.text}}}`" if scope_label else \
            f"{kind} of resource `{owner.name.text}`"
        return render_func(method) + ";", method.docs, method.gates, where
    if decl.kind == "world-item":
        item: WorldItem = decl.node
        return world_item_code(item), item.docs, item.gates, f"in world `{scope_label}`" if scope_label else ""
    if decl.kind == "member":
        owner = decl.owner
        member = decl.node
        line = members_of(TypeDef(owner.kind, owner.name, owner.span, members=(member,)))[0]
        what = {"record": "field", "flags": "flag"}.get(owner.kind, "case")
        where = f"{what} of {owner.kind} `{scope_label}.{{{owner.name.text}}}`" if scope_label else \
            f"{what} of {owner.kind} `{owner.name.text}`"
        return line, member.docs, member.gates, where
    if decl.kind == "param":
        func = decl.owner
        owner_name = "constructor" if func.kind == "constructor" else (func.name.text if func.name else "")
        return f"{name_text(decl.node.name)}: {render_type(decl.node.type)}", "", (), \
            f"parameter of `{owner_name}`"
    return None, "", (), ""


def _alias_target(workspace: WitWorkspace, target: Target, package) -> str:
    """Where a `type x = y;` leads when `y` is a named type."""
    expr = target.decl.node.target
    if expr is None or expr.name is None:
        return ""
    found = target_at(workspace, target.path, expr.name.span[0])
    if found is None or found.decl.kind != "type":
        return ""
    label = _scope_label(view_of(workspace, found.path).package_of(found.decl.unit), found.decl.scope)
    typedef = found.decl.node
    kind = "type alias" if typedef.kind == "alias" else typedef.kind
    return f"Alias of the {kind} `{label}.{{{found.decl.name}}}`" if label else f"Alias of the {kind} `{found.decl.name}`"


def _scope_label(package, scope) -> str:
    if isinstance(scope, (Interface, World)) and scope.name is not None:
        return item_label(package, scope.name.text)
    return ""


def _gate_notes(workspace: WitWorkspace, gates, package) -> list[str]:
    notes = []
    for gate in gates:
        if gate.kind == "since":
            notes.append(f"Available since version {gate.value}.")
        elif gate.kind == "unstable":
            enabled = workspace.settings.wit_feature_enabled(gate.value)
            state = "enabled" if enabled else "not enabled, so the item is hidden from users of the package"
            notes.append(f"Unstable: behind the feature `{gate.value}`, which is {state}.")
        elif gate.kind == "deprecated":
            notes.append(f"**Deprecated** since version {gate.value}.")
    return notes


def typedef_code(typedef: TypeDef) -> str:
    name = name_text(typedef.name)
    if typedef.kind == "alias":
        return f"type {name} = {render_type(typedef.target)};"
    if typedef.kind == "resource":
        if not typedef.methods:
            return f"resource {name};"
        lines = [f"    {render_func(m)};" for m in typedef.methods]
        return "\n".join([f"resource {name} {{", *lines, "}"])
    lines = [f"    {line}," for line in members_of(typedef)]
    return "\n".join([f"{typedef.kind} {name} {{", *lines, "}"])


def world_item_code(item: WorldItem) -> str:
    if item.func is not None:
        return f"{item.direction} {render_func(item.func)};"
    if item.interface is not None:
        return f"{item.direction} {name_text(item.name)}: interface {{ … }}"
    if item.path is not None:
        prefix = f"{name_text(item.name)}: " if item.name is not None else ""
        return f"{item.direction} {prefix}{item.path};"
    return item.direction


_MAX_LINES = 24  # a summary of a big interface stays readable


def _body_lines(lines: list[str]) -> list[str]:
    if len(lines) > _MAX_LINES:
        lines = lines[:_MAX_LINES] + [f"    // … {len(lines) - _MAX_LINES} more"]
    return lines


def _interface_code(interface: Interface) -> str:
    lines = []
    for use in interface.uses:
        names = ", ".join(name_text(n.name) + (f" as {name_text(n.alias)}" if n.alias else "") for n in use.names)
        lines.append(f"    use {use.path}.{{{names}}};")
    lines.extend(f"    {short_typedef(t)}" for t in interface.types)
    lines.extend(f"    {render_func(f)};" for f in interface.funcs)
    name = name_text(interface.name) if interface.name else ""
    if not lines:
        return f"interface {name} {{}}"
    return "\n".join([f"interface {name} {{", *_body_lines(lines), "}"])


def _world_code(world: World) -> str:
    lines = []
    for use in world.uses:
        names = ", ".join(name_text(n.name) + (f" as {name_text(n.alias)}" if n.alias else "") for n in use.names)
        lines.append(f"    use {use.path}.{{{names}}};")
    lines.extend(f"    {short_typedef(t)}" for t in world.types)
    lines.extend(f"    {world_item_code(item)}" for item in world.items)
    for include in world.includes:
        renames = ", ".join(f"{p.source.text} as {p.target.text}" for p in include.with_names)
        lines.append(f"    include {include.path}" + (f" with {{ {renames} }}" if renames else "") + ";")
    name = name_text(world.name)
    if not lines:
        return f"world {name} {{}}"
    return "\n".join([f"world {name} {{", *_body_lines(lines), "}"])


def _package_code(view: View, decl: Decl) -> str:
    lines = [f"package {decl.name};"]
    package = view.package_of(decl.unit)
    if package is not None:
        for name, items in sorted(package.items.items()):
            lines.append(f"{items[0].kind} {name} {{ … }}")
    return "\n".join(lines)
