"""Syntax errors of IDL files, in words that say where and what was expected."""

from __future__ import annotations

from pathlib import Path

import tree_sitter

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy.parser_stop import error_stop, missing_stop
from witsmith.features.smithy.rules import DUPLICATE_NAMESPACE, SYNTAX_ERROR, SYNTAX_ORDER
from witsmith.syntax import SyntaxTree, syntax_problems
from witsmith.features.nesting import before_the_cut, nesting_diagnostics

MAX_SYNTAX_ERRORS = 100

# Where an error sits (the nearest enclosing node kind) -> what belongs there.
CONTEXTS = {
    "source_file": ("at the top level", "expected a statement: `$version: \"2\"`, `metadata`, `namespace`, `use`, a shape or `apply`"),
    "shape_body": ("in the members", "each member is written `name: Target`"),
    "enum_body": ("in the enum members", "each member is a NAME, optionally `= value`"),
    "operation_body": ("in the operation", "properties are `input`, `output` and `errors`"),
    "node_object": ("in an object", "entries are written `key: value`"),
    "trait_body": ("in the trait value", "entries are written `key: value`"),
    "node_array": ("in a list value", "items are node values separated by commas or spaces"),
    "trait": ("in a trait", "a trait is `@name` or `@name(value)`"),
    "shape_member": ("in a member", "a member is written `name: Target`"),
    "use_statement": ("in a `use` statement", "write `use namespace#Name`"),
    "namespace_statement": ("in the namespace statement", "write `namespace a.b.c` on one line"),
    "control_statement": ("in a control statement", "write `$key: value` on one line"),
    "metadata_statement": ("in a metadata statement", "write `metadata key = value`"),
    "apply_statement": ("in an `apply` statement", "write `apply Shape @trait` or `apply Shape { @a @b }`"),
    "mixins": ("in the mixin list", "write `with [MixinA, MixinB]`"),
}

SHAPE_NODES = {"structure_shape": "structure", "union_shape": "union", "list_shape": "list", "set_shape": "set",
               "map_shape": "map", "enum_shape": "enum", "int_enum_shape": "intEnum", "service_shape": "service",
               "resource_shape": "resource", "operation_shape": "operation"}


def _context(node: tree_sitter.Node) -> tuple[str, str] | None:
    parent = node.parent
    while parent is not None:
        if parent.type in CONTEXTS:
            where, hint = CONTEXTS[parent.type]
            if parent.type in ("shape_body", "enum_body", "operation_body", "node_object") and parent.parent is not None:
                owner = parent.parent
                if owner.type in SHAPE_NODES:
                    name = owner.child_by_field_name("name")
                    if name is not None and name.text:
                        where = f"{where} of {SHAPE_NODES[owner.type]} `{name.text.decode('utf-8', 'replace')}`"
            return where, hint
        parent = parent.parent
    return None


def _missing_text(node: tree_sitter.Node) -> str:
    kind = node.type
    if kind == "}":
        return "`}` to close this body"
    if kind == ")":
        return "`)` to close this trait value"
    if kind == "]":
        return "`]` to close this list"
    if kind == "identifier":
        return "a name"
    if kind == "shape_id":
        return "a shape id"
    if not node.is_named:
        return f"`{kind}`"
    return kind.replace("_", " ")


def syntax_diagnostics(path: Path, tree: SyntaxTree) -> list[Diagnostic]:
    result = []
    for problem in syntax_problems(tree.root, limit=MAX_SYNTAX_ERRORS):
        node = tree.root.descendant_for_byte_range(problem.start_byte, max(problem.start_byte, problem.end_byte))
        target = node
        while target is not None and not (target.is_missing or target.is_error):
            target = target.parent
        context = _context(target) if target is not None else None
        where = f" {context[0]}" if context else ""
        hint = f"; {context[1]}" if context else ""
        stop = error_stop(tree.source, target) if target is not None and target.is_error else None
        if problem.missing:
            # Shown on the token found instead, where Smithy's parser reports it.
            start, end = missing_stop(tree.source, problem.start_byte)
            what = (_missing_text(target) if target is not None
                    else problem.message.removeprefix("syntax error: expected ").removesuffix(" here"))
            message = f"syntax error{where}: missing {what} before {_found(tree.source[start:end])}"
        elif stop is not None:
            message = (f"syntax error{where}: expected {stop.expected}, found {_found(stop.found.encode())} "
                       f"(after `{_head(tree.source[target.start_byte:stop.offset])}`)")
            start, end = stop.offset, stop.end
        else:
            snippet = problem.message.removeprefix("syntax error: ")
            message = f"syntax error{where}: {snippet}{hint}"
            if snippet.startswith("unexpected `\\"):
                message = (f"syntax error: invalid escape {snippet.removeprefix('unexpected ')} in a string; "
                           "strings allow \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
            if _shape_without_namespace(tree, snippet):
                message = ("shapes need a namespace: add `namespace example.name` (with your own namespace) "
                           "above the first shape, after any `$version` and `metadata` lines")
            start, end = problem.start_byte, problem.end_byte
            # A long ERROR node is shown at its first line, not as a wall of red.
            newline = tree.source.find(b"\n", start, end)
            if newline > start:
                end = newline
        result.append(report(SYNTAX_ERROR, path, start, end, message))
    return before_the_cut(tree, result) + nesting_diagnostics(path, tree)


def _found(text: bytes) -> str:
    if not text:
        return "the end of the file"
    word = text.decode("utf-8", "replace")
    return f"`{word if len(word) <= 24 else word[:23] + '…'}`"


def _head(text: bytes) -> str:
    """The last line of what was read before the stop, shortened: what the reader had in hand."""
    lines = [line.split("//", 1)[0].strip() for line in text.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    last = lines[-1] if lines else ""
    return last if len(last) <= 32 else "…" + last[-31:]


SHAPE_KEYWORDS = ("structure", "union", "list", "set", "map", "enum", "intEnum", "service", "resource", "operation",
                  "string", "blob", "boolean", "byte", "short", "integer", "long", "float", "double", "bigInteger",
                  "bigDecimal", "timestamp", "document", "@")


def _shape_without_namespace(tree: SyntaxTree, snippet: str) -> bool:
    """A shape (or a trait before one) written in a file that has no namespace statement."""
    if not snippet.startswith("unexpected `"):
        return False
    word = snippet.removeprefix("unexpected `").split(" ", 1)[0]
    if not any(word == k or (k == "@" and word.startswith("@")) for k in SHAPE_KEYWORDS):
        return False
    return not any(child.type == "namespace_statement" for child in tree.root.children)


# The sections of an IDL file, in the order the specification requires.
SECTION_OF = {"$": 0, "metadata": 1, "namespace": 2, "use": 3}
SECTION_WORDS = {0: "control statements (`$...`)", 1: "`metadata` statements", 2: "the `namespace` statement",
                 3: "`use` statements", 4: "shapes and `apply` statements"}


def statement_order(path: Path, tree: SyntaxTree) -> list[Diagnostic]:
    """Explain misplaced top-level statements, which the grammar can only call unexpected.

    Only runs on trees with errors, and only looks at lines that start at
    column 0 with a statement keyword, so text inside values cannot trigger it.
    """
    if not tree.root.has_error:
        return []
    result = []
    highest = -1
    offset = 0
    namespaces = 0
    for line in tree.source.split(b"\n"):
        start = offset
        offset += len(line) + 1
        text = line.decode("utf-8", errors="replace")
        word = "$" if text.startswith("$") else text.split(" ", 1)[0]
        if word in SECTION_OF:
            section = SECTION_OF[word]
        elif word and (word[0].isalpha() or word[0] == "@") and not text.startswith(("//",)):
            section = 4
        else:
            continue
        if word == "namespace":
            namespaces += 1
            if namespaces > 1:
                result.append(report(DUPLICATE_NAMESPACE, path, start, start + len("namespace"),
                                     "a file has exactly one namespace statement; move the shapes of this "
                                     "namespace to a file of their own"))
                continue
        if section < highest:
            keyword_end = start + len(word.encode("utf-8"))
            result.append(report(SYNTAX_ORDER, path, start, keyword_end,
                                 f"{SECTION_WORDS[section]} must come before {SECTION_WORDS[highest]}; "
                                 "a file is ordered: control statements, metadata, namespace, uses, then shapes"))
        highest = max(highest, section)
    return result
