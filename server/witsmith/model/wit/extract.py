"""Build a `FileSummary` from a WIT syntax tree.

Damaged parts of the tree (ERROR nodes, missing names) are skipped rather than
guessed at: the syntax diagnostics already cover them, and a half-read item would
only add confusing semantic errors on top.
"""

from __future__ import annotations

import re

import tree_sitter

from witsmith.model.wit.summary import (
    FileSummary,
    Func,
    Gate,
    Identifier,
    Include,
    IncludeName,
    Interface,
    Member,
    PackageName,
    PackageUnit,
    TopUse,
    TypeDef,
    TypeExpr,
    Use,
    UseName,
    UsePath,
    World,
    WorldItem,
)
from witsmith.model.wit.memo import DeclarationMemo
from witsmith.syntax import SyntaxTree

Node = tree_sitter.Node

_TYPE_ITEMS = {
    "type_item": "alias",
    "record_item": "record",
    "variant_item": "variant",
    "enum_item": "enum",
    "flags_item": "flags",
    "resource_item": "resource",
}
_MEMBER_NODES = {"record_field", "variant_case", "enum_case", "flags_field"}
_LEGACY_RESULTS = re.compile(rb"->\s*\(\s*(%?[A-Za-z_][\w-]*)\s*:")


def _span(node: Node) -> tuple[int, int]:
    return (node.start_byte, node.end_byte)


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    return (node.text or b"").decode("utf-8", errors="replace")


def _ident(node: Node | None) -> Identifier | None:
    if node is None or node.is_missing or node.type != "identifier":
        return None
    text = _text(node)
    if not text:
        return None
    escaped = text.startswith("%")
    return Identifier(text[1:] if escaped else text, _span(node), escaped)


def _docs(node: Node) -> str:
    lines = []
    for doc in node.children_by_field_name("docs"):
        text = _text(doc).strip()
        if text.startswith("///"):
            lines.append(text[3:].removeprefix(" "))
        elif text.startswith("/**"):
            body = text[3:].removesuffix("*/")
            lines.extend(line.strip().removeprefix("*").strip() for line in body.splitlines())
    return "\n".join(lines).strip()


def _docs_span(node: Node | None) -> tuple[int, int] | None:
    """Where a node's doc comments start and end, when it has any."""
    docs = node.children_by_field_name("docs") if node is not None else []
    return (docs[0].start_byte, docs[-1].end_byte) if docs else None


def _gates(node: Node) -> tuple[Gate, ...]:
    gates = []
    for gate in node.children_by_field_name("gate"):
        if gate.type == "since_gate":
            value = gate.child_by_field_name("version")
            kind = "since"
        elif gate.type == "deprecated_gate":
            value = gate.child_by_field_name("version")
            kind = "deprecated"
        elif gate.type == "unstable_gate":
            value = gate.child_by_field_name("feature")
            kind = "unstable"
        else:
            continue
        if value is None or value.is_missing:
            continue
        text = _text(value).removeprefix("%")
        gates.append(Gate(kind, text, _span(gate), _span(value)))
    return tuple(gates)


def _use_path(node: Node | None) -> UsePath | None:
    if node is None or node.type != "use_path":
        return None
    interface = _ident(node.child_by_field_name("interface"))
    if interface is None:
        return None
    namespace = _ident(node.child_by_field_name("namespace"))
    package = _ident(node.child_by_field_name("package"))
    version = node.child_by_field_name("version")
    if (namespace is None) != (package is None):
        return None
    return UsePath(interface, namespace, package, _text(version) if version is not None else None, _span(node))


def _type(node: Node | None) -> TypeExpr | None:
    if node is None or node.is_missing or node.is_error:
        return None
    kind = node.type.removesuffix("_type")
    span = _span(node)
    if node.type == "primitive_type":
        return TypeExpr("primitive", span, word=_text(node))
    if node.type == "named_type":
        name = _ident(node.child_by_field_name("name"))
        return TypeExpr("named", span, name=name) if name else None
    if node.type == "handle":
        resource = node.child_by_field_name("resource")
        name = _ident(resource.child_by_field_name("name")) if resource is not None else None
        word = _text(node.child_by_field_name("kind")) or "own"
        return TypeExpr("handle", span, name=name, word=word) if name else None
    if node.type == "list_type":
        size = node.child_by_field_name("size")
        try:
            length = int(_text(size)) if size is not None else None
        except ValueError:
            length = None
        return TypeExpr("list", span, (_type(node.child_by_field_name("element")),), size=length)
    if node.type == "map_type":
        return TypeExpr("map", span, (_type(node.child_by_field_name("key")), _type(node.child_by_field_name("value"))))
    if node.type == "option_type":
        return TypeExpr("option", span, (_type(node.child_by_field_name("type")),))
    if node.type == "result_type":
        return TypeExpr("result", span, (_type(node.child_by_field_name("ok")), _type(node.child_by_field_name("err"))))
    if node.type == "tuple_type":
        return TypeExpr("tuple", span, tuple(_type(e) for e in node.children_by_field_name("element")))
    if node.type in ("future_type", "stream_type"):
        return TypeExpr(kind, span, (_type(node.child_by_field_name("type")),))
    return None


def _params(node: Node | None) -> tuple[Member, ...]:
    if node is None:
        return ()
    params = []
    for param in node.named_children:
        if param.type != "param":
            continue
        name = _ident(param.child_by_field_name("name"))
        if name is not None:
            params.append(Member(name, _type(param.child_by_field_name("type")), _span(param)))
    return tuple(params)


def _func(node: Node, kind: str) -> Func | None:
    if kind == "constructor":
        keyword = node.children[0] if node.children else node
        result = _type(node.child_by_field_name("result"))
        return Func(None, kind, _params(node.child_by_field_name("params")), result, False, _span(node),
                    _gates(node), _docs(node), _span(keyword))
    name = _ident(node.child_by_field_name("name"))
    signature = node.child_by_field_name("type")
    if name is None or signature is None or signature.type != "func_type":
        return None
    is_async = signature.child_by_field_name("async") is not None or any(
        child.type == "async" for child in signature.children
    )
    return Func(name, kind, _params(signature.child_by_field_name("params")),
                _type(signature.child_by_field_name("result")), is_async, _span(node), _gates(node), _docs(node))


def _members(body: Node | None) -> tuple[Member, ...]:
    if body is None:
        return ()
    members = []
    for child in body.named_children:
        if child.type in _MEMBER_NODES:
            name = _ident(child.child_by_field_name("name"))
            if name is not None:
                members.append(Member(name, _type(child.child_by_field_name("type")), _span(child),
                                      _gates(child), _docs(child)))
    return tuple(members)


def _typedef(node: Node) -> TypeDef | None:
    name = _ident(node.child_by_field_name("name"))
    if name is None:
        return None
    kind = _TYPE_ITEMS[node.type]
    body = node.child_by_field_name("body")
    if kind == "alias":
        target = _type(node.child_by_field_name("type"))
        return TypeDef(kind, name, _span(node), _gates(node), _docs(node), target=target)
    if kind == "resource":
        methods = []
        if body is not None:
            for child in body.named_children:
                method_kind = {"constructor": "constructor", "resource_method": "method",
                               "static_method": "static"}.get(child.type)
                if method_kind:
                    method = _func(child, method_kind)
                    if method is not None:
                        methods.append(method)
        return TypeDef(kind, name, _span(node), _gates(node), _docs(node), methods=tuple(methods))
    return TypeDef(kind, name, _span(node), _gates(node), _docs(node), members=_members(body),
                   damaged=body is not None and body.has_error)


TYPE_ITEMS = frozenset(_TYPE_ITEMS)  # the node types of type declarations in a body


def typedef_item(node: Node) -> TypeDef | None:
    """One type declaration (a node of `TYPE_ITEMS`) read on its own, as a summary
    reads it: for a caller that knows only this item of a body changed."""
    return _typedef(node) if node.type in _TYPE_ITEMS else None


def _use(node: Node) -> Use | None:
    path = _use_path(node.child_by_field_name("path"))
    if path is None:
        return None
    names = []
    for use_name in node.children_by_field_name("names"):
        name = _ident(use_name.child_by_field_name("name"))
        if name is not None:
            names.append(UseName(name, _ident(use_name.child_by_field_name("alias"))))
    return Use(path, tuple(names), _span(node), _gates(node))


def _freestanding(node: Node) -> Func | None:
    return _func(node, "freestanding")


def _interface_body(body: Node | None, interface: Interface, memo: DeclarationMemo) -> None:
    if body is None:
        return
    for child in body.named_children:
        if child.type == "use_item":
            use = memo.item(child, _use)
            if use:
                interface.uses.append(use)
        elif child.type == "func_item":
            func = memo.item(child, _freestanding, placed=memo.placed)
            if func:
                interface.funcs.append(func)
        elif child.type in _TYPE_ITEMS:
            typedef = memo.item(child, _typedef, placed=memo.placed)
            if typedef:
                interface.types.append(typedef)


def _interface(node: Node, memo: DeclarationMemo) -> Interface | None:
    name = _ident(node.child_by_field_name("name"))
    if name is None:
        return None
    interface = Interface(name, _span(node), _gates(node), _docs(node))
    _interface_body(node.child_by_field_name("body"), interface, memo)
    return interface


def _world_item(node: Node, memo: DeclarationMemo) -> WorldItem | None:
    direction = "import" if node.type == "import_item" else "export"
    name = _ident(node.child_by_field_name("name"))
    kind = node.child_by_field_name("kind")
    if kind is None:
        return None
    gates, docs = _gates(node), _docs(node)
    if kind.type == "use_path":
        path = _use_path(kind)
        if path is None:
            return None
        return WorldItem(direction, name, path, None, None, _span(node), gates, docs)
    if name is None:
        return None
    if kind.type == "func_type":
        is_async = any(child.type == "async" for child in kind.children)
        func = Func(name, "freestanding", _params(kind.child_by_field_name("params")),
                    _type(kind.child_by_field_name("result")), is_async, _span(node), gates, docs)
        return WorldItem(direction, name, None, func, None, _span(node), gates, docs)
    if kind.type == "interface_body":
        interface = Interface(None, _span(node), gates, docs)
        _interface_body(kind, interface, memo)
        return WorldItem(direction, name, None, None, interface, _span(node), gates, docs)
    return None


def _world(node: Node, memo: DeclarationMemo) -> World | None:
    name = _ident(node.child_by_field_name("name"))
    if name is None:
        return None
    world = World(name, _span(node), _gates(node), _docs(node))
    body = node.child_by_field_name("body")
    if body is None:
        return world
    for child in body.named_children:
        if child.type in ("import_item", "export_item"):
            item = _world_item(child, memo)
            if item:
                world.items.append(item)
        elif child.type == "include_item":
            path = _use_path(child.child_by_field_name("path"))
            if path is None:
                continue
            names = []
            for pair in child.children_by_field_name("with"):
                source = _ident(pair.child_by_field_name("from"))
                target = _ident(pair.child_by_field_name("to"))
                if source and target:
                    names.append(IncludeName(source, target))
            world.includes.append(Include(path, tuple(names), _span(child), _gates(child)))
        elif child.type == "use_item":
            use = memo.item(child, _use)
            if use:
                world.uses.append(use)
        elif child.type in _TYPE_ITEMS:
            typedef = memo.item(child, _typedef, placed=memo.placed)
            if typedef:
                world.types.append(typedef)
    return world


def _package_name(node: Node | None) -> PackageName | None:
    if node is None or node.type != "package_name":
        return None
    namespace = _ident(node.child_by_field_name("namespace"))
    name = _ident(node.child_by_field_name("name"))
    if namespace is None or name is None:
        return None
    version = node.child_by_field_name("version")
    return PackageName(namespace.text, name.text, _text(version) if version is not None else None, _span(node),
                       _span(version) if version is not None else None)


def _fill_unit(unit: PackageUnit, children: list[Node], memo: DeclarationMemo) -> None:
    for child in children:
        if child.type == "toplevel_use":
            path = _use_path(child.child_by_field_name("path"))
            if path:
                unit.uses.append(TopUse(path, _ident(child.child_by_field_name("alias")), _span(child), _gates(child)))
        elif child.type == "interface_item":
            interface = _interface(child, memo)
            if interface:
                unit.interfaces.append(interface)
        elif child.type == "world_item":
            world = _world(child, memo)
            if world:
                unit.worlds.append(world)


def _scan_errors(root: Node, summary: FileSummary, source: bytes) -> None:
    """Find what the grammar rejects but wit-parser names precisely: old-style named
    results and package blocks nested in package blocks."""
    if not root.has_error:
        return
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error:
            text = source[node.start_byte:node.end_byte]
            # The old syntax breaks the tree right before `(name:`, so look just past the error too.
            match = _LEGACY_RESULTS.search(source, node.start_byte, min(len(source), node.end_byte + 64))
            if match and match.start() <= node.end_byte:
                summary.legacy_results.append((node.start_byte, match.end()))
            if re.search(rb"\bpackage\s+[%\w-]+:[%\w-]+(@\S+)?\s*\{", text):
                summary.nested_blocks.append((node.start_byte, node.end_byte))
            continue
        if node.has_error:
            stack.extend(node.children)


def summarize(tree: SyntaxTree, memo: DeclarationMemo | None = None, *, placed: bool = True) -> FileSummary:
    """The summary of a tree.  Given the ``memo`` of the same file's last summary,
    items of interface and world bodies whose text is unchanged are taken from it
    (shifted to where they are now) instead of being read from the tree again.

    Not ``placed``, reused types and functions keep the byte ranges of the text they
    were read from: a summary for a caller that reads their names and text but none
    of their ranges (completion), made without moving thousands of ranges per edit.
    Every other range (packages, interfaces, worlds and their items, `use`s) is exact.
    """
    memo = memo if memo is not None else DeclarationMemo()
    memo.placed = placed
    try:
        return _summarize(tree, memo)
    finally:
        memo.placed = True
        memo.finish()


def _summarize(tree: SyntaxTree, memo: DeclarationMemo) -> FileSummary:
    root = tree.root
    decl = None
    top_children = []
    blocks = []
    for child in root.named_children:
        if child.type == "package_decl" and decl is None:
            decl = child
        elif child.type == "package_block":
            blocks.append(child)
        else:
            top_children.append(child)
    top = PackageUnit(_package_name(decl.child_by_field_name("name")) if decl is not None else None, False,
                      _span(decl) if decl is not None else (0, 0), docs=_docs(decl) if decl is not None else "",
                      docs_span=_docs_span(decl))
    _fill_unit(top, top_children, memo)
    summary = FileSummary(top)
    for block in blocks:
        name = _package_name(block.child_by_field_name("name"))
        unit = PackageUnit(name, True, _span(block), docs=_docs(block))
        body = block.child_by_field_name("body")
        if body is not None:
            _fill_unit(unit, body.named_children, memo)
            # The grammar reads a block inside a block so that it can be reported here.
            summary.nested_blocks.extend(
                (inner.start_byte, inner.end_byte) for inner in body.named_children if inner.type == "package_block")
        summary.blocks.append(unit)
    _scan_errors(root, summary, tree.source)
    summary.nested_blocks.sort()
    return summary
