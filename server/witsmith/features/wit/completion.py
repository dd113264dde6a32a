"""Completion for WIT, decided from the text before the cursor so that it works on
half-typed, syntax-broken lines: which body the cursor is in (interface, world,
record, `use x.{`...) and what the current statement says so far.  The workspace
supplies the names: types in scope, types of other interfaces of the package (with
the `use` that brings them in), interfaces and worlds of the package and of `deps/`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from witsmith.diagnostics import TextEdit
from witsmith.features import completion_ranking
from witsmith.features.editing import CompletionCandidate
from witsmith.features.wit import type_lists
from witsmith.features.wit.hover import builtin_documentation, typedef_code
from witsmith.features.wit.lookup import (
    PRIMITIVES, View, item_label, name_text, resolve_use_path, scope_at, scope_names, short_typedef,
    unit_at, view_of,
)
from witsmith.features.wit.open_bodies import BodyScanner
from witsmith.features.wit.open_bodies import Frame as _Frame
from witsmith.features.wit.open_bodies import blank_comments as _blank_comments
from witsmith.features.wit.type_lists import Change, TypeList, moved
from witsmith.model.wit import FileSummary, Identifier, Interface, PackageUnit, UsePath, World
from witsmith.workspace.files import normalize
from witsmith.workspace.wit import WitWorkspace
from witsmith.workspace.wit.packages import ItemDef, Package

_WORD = re.compile(rb"[A-Za-z0-9_-]")
_GATES = re.compile(r"^(?:\s*@[A-Za-z_-]+\s*(?:\([^)]*\))?)*\s*")
_PATH = r"(?P<path>[%\w:/@.+-]*)"
_DECLARED = re.compile(r"\b(record|variant|enum|flags|resource|type)\s+(%?[A-Za-z][\w-]*)")

# Generic built-ins, inserted with their brackets.
_GENERICS = {
    "list": "list<$1>", "option": "option<$1>", "result": "result<${1:_}, ${2:error}>", "tuple": "tuple<$1>",
    "borrow": "borrow<$1>", "own": "own<$1>", "future": "future<$1>", "stream": "stream<$1>",
    "map": "map<${1:string}, $2>",
}

_SNIPPETS = {
    "interface": ("interface ${1:name} {\n\t$0\n}", "a new interface"),
    "world": ("world ${1:name} {\n\t$0\n}", "a new world"),
    "record": ("record ${1:name} {\n\t${2:field}: ${3:string},\n}", "a record with one field"),
    "variant": ("variant ${1:name} {\n\t${2:case}(${3:string}),\n}", "a variant with one case"),
    "enum": ("enum ${1:name} {\n\t${2:case},\n}", "an enum with one case"),
    "flags": ("flags ${1:name} {\n\t${2:flag},\n}", "a set of flags"),
    "resource": ("resource ${1:name} {\n\tconstructor($2);\n\t${3:method}: func($4);\n}",
                 "a resource with a constructor and a method"),
    "func": ("${1:name}: func($2)${3: -> ${4:string}};", "a function"),
    "type": ("type ${1:name} = ${2:string};", "a type alias"),
    "use": ("use ${1:interface}.{${2:name}};", "bring types of another interface into scope"),
}

_TOP_KEYWORDS = ("interface", "world", "use")
_INTERFACE_KEYWORDS = ("use", "type", "record", "variant", "enum", "flags", "resource")
_WORLD_KEYWORDS = ("import", "export", "include", "use", "type", "record", "variant", "enum", "flags", "resource")
_TYPE_KINDS = {"record": "struct", "variant": "enum", "enum": "enum", "flags": "enum", "resource": "class",
               "alias": "type"}


def completions(workspace: WitWorkspace, path: Path, offset: int) -> list[CompletionCandidate]:
    return best_completions(workspace, path, offset)[0]


def best_completions(workspace: WitWorkspace, path: Path, offset: int, *, limit: int | None = None,
                     snippets: bool = True) -> tuple[list[CompletionCandidate], bool]:
    """The candidates at ``offset`` (without snippets unless ``snippets``): at most
    ``limit`` of them, the best matches for the word typed first when some were left
    out (see `completion_ranking`), and whether some were."""
    path = normalize(path)
    try:
        completer = _Completer(workspace, path, offset)
        found = completer.run()
        if completer.listed is None:
            return completion_ranking.best([c for c in found if snippets or not c.is_snippet],
                                           completer.source, offset, limit)
        kept, change, replaced = completer.listed
        typed = completer.source[completer.start:offset].decode("utf-8", errors="replace")
        chosen, incomplete = kept.ranked.best(typed, limit, None if snippets else _not_snippet)
        return [moved(replaced.get(i) or kept.ranked.candidates[i], completer.start, completer.end, change, path)
                for i in chosen], incomplete
    except Exception:  # a half-typed file or a stale index must not break the editor
        return [], False


def prepare(workspace: WitWorkspace, path: Path, offset: int | None = None, *, types: bool = True) -> bool:
    """Make now, while the editor is idle, what the next completion in ``path`` would
    otherwise make while the user waits: the body scanner's checkpoints through the
    whole text (a first request reads the text up to the cursor) and, if ``types``, the
    type list of the interface body at ``offset`` (by default the longest interface of
    the file).  Whether a type list is ready.  A list made here is kept and checked
    against the text and the workspace like any other (see `type_lists`)."""
    preparation = Preparation(workspace, path, offset, types=types)
    for _ in preparation.steps():
        pass
    return preparation.ready


class Preparation:
    """`prepare` as steps of a long file's work, a few milliseconds each: a caller on
    an event loop lets other messages through between them (each step reads the text
    as it is then, so edits in between do no harm)."""

    def __init__(self, workspace: WitWorkspace, path: Path, offset: int | None = None, *, types: bool = True) -> None:
        self.workspace, self.path, self.offset, self.types = workspace, normalize(path), offset, types
        self.ready = False  # whether the type list is ready, once the steps are done

    def steps(self) -> Iterator[None]:
        workspace, path, offset, types = self.workspace, self.path, self.offset, self.types
        try:
            tree = workspace.tree(path)
            if tree is None:
                return
            _frames(path, tree.source, len(tree.source))
            if not types:
                return
            yield
            summary = workspace.current_summary(path)  # the costly part when the buffer is ahead of the workspace
            if summary is None:
                return
            yield
            tree = workspace.tree(path)
            if tree is None:
                return
            if offset is None:
                bodies = [body for unit in summary.units for body in unit.interfaces]
                if not bodies:
                    return
                offset = max(bodies, key=lambda body: body.span[1] - body.span[0]).span[0]
            completer = _Completer(workspace, path, min(offset, len(tree.source)))
            if completer.kept_types(False):
                self.ready = True
                return
            _unit, scope = scope_at(completer.summary, completer.offset)
            if isinstance(scope, Interface):
                completer.types(scope, [], handle=False)
                self.ready = completer.listed is not None
        except Exception:  # a half-typed file or a stale index: the next request makes it
            return


def _not_snippet(candidate: CompletionCandidate) -> bool:
    return not candidate.is_snippet


# One scanner per file recently asked about (its checkpoints are for that file's text).
_SCANNERS: dict[Path, BodyScanner] = {}
_MAX_SCANNERS = 8


def _frames(path: Path, source: bytes, end: int) -> list[_Frame]:
    """The bodies open at ``end`` of ``source``, outermost first."""
    scanner = _SCANNERS.pop(path, None) or BodyScanner()
    _SCANNERS[path] = scanner  # the most recently asked last
    while len(_SCANNERS) > _MAX_SCANNERS:
        del _SCANNERS[next(iter(_SCANNERS))]
    return scanner.frames(source, end)


# Per file, the type names of the body last completed in, as candidates are made of
# them: a long interface's thousand types are not listed and rendered again on every
# request.  Its items are the same objects from one summary to the next where their
# text did not change (see `model.wit.memo`), so they are known by identity.
_BODY_TYPES: dict[Path, tuple[tuple, list[tuple]]] = {}


def _body_types(path: Path, scope: Interface | World) -> list[tuple]:
    """The `use`d and declared type names of a body, first meaning first, as
    ("use", name, UseName, Use) and ("type", name, label, kind, detail, docs, is_resource)."""
    key = (tuple(map(id, scope.uses)), tuple(map(id, scope.types)))
    known = _BODY_TYPES.get(path)
    if known is not None and known[0] == key:
        return known[1]
    rendered = {id(entry[7]): entry for entry in known[1] if entry[0] == "type"} if known else {}
    entries = []
    for name, (kind, node) in scope_names(scope).items():
        if kind == "type":
            entry = rendered.get(id(node))
            if entry is None or entry[7] is not node:
                entry = ("type", name, name_text(node.name), _TYPE_KINDS.get(node.kind, "type"), short_typedef(node),
                         node.docs or None, node.kind == "resource", node)
            entries.append(entry)
        elif kind == "use":
            entries.append(("use", name, node, next(u for u in scope.uses if node in u.names)))
    _BODY_TYPES.pop(path, None)
    _BODY_TYPES[path] = (key, entries)  # holds the items, so their identities stay theirs
    while len(_BODY_TYPES) > _MAX_SCANNERS:
        del _BODY_TYPES[next(iter(_BODY_TYPES))]
    return entries


class _Completer:
    def __init__(self, workspace: WitWorkspace, path: Path, offset: int) -> None:
        self.workspace = workspace
        self.path = path
        self.tree = workspace.tree(path)
        source = self.tree.source if self.tree is not None else None
        if source is None or not 0 <= offset <= len(source):
            raise ValueError("no such position")
        self.source = source
        self.offset = offset
        start = offset
        while start > 0 and _WORD.match(source, start - 1):
            start -= 1
        if start > 0 and source[start - 1:start] == b"%":
            start -= 1
        end = offset
        while end < len(source) and _WORD.match(source, end):
            end += 1
        self.start, self.end = start, end
        self._summary: FileSummary | None | bool = False  # not asked for yet
        self._view: View | None = None
        self.found: list[CompletionCandidate] = []
        self.labels: set[tuple[str, str]] = set()
        # At a type position in an interface: the body's kept list of type candidates,
        # how the text changed since it was made, and its candidates made again.
        self.listed: tuple[TypeList, Change, dict[int, CompletionCandidate]] | None = None

    # --- plumbing -----------------------------------------------------------

    @property
    def summary(self) -> FileSummary | None:
        """The summary of the buffer as it is now (the workspace may lag behind it, and
        the offsets of edits must match the buffer); made only for the requests that
        read names, since in a long file it costs more than the rest of a request."""
        if self._summary is False:
            self._summary = self.workspace.current_summary(self.path)
        return self._summary

    @property
    def view(self) -> View:
        if self._view is None:
            self._view = view_of(self.workspace, self.path)
        return self._view

    def is_current(self, item: ItemDef, scope: Interface | World | None) -> bool:
        """Whether a package item is the body the cursor is in (the workspace's copy of it)."""
        return scope is not None and scope.name is not None and item.path == self.path \
            and item.name == scope.name.text

    def unit(self) -> PackageUnit | None:
        return unit_at(self.summary, self.offset) if self.summary is not None else None

    def own_package(self) -> Package | None:
        unit = self.unit()
        return self.view.package_of(unit) if unit is not None else None

    def add(self, label: str, kind: str, *, start: int | None = None, insert: str | None = None,
            snippet: bool = False, detail: str | None = None, documentation: str | None = None,
            sort: str = "5", edits: tuple[TextEdit, ...] = ()) -> None:
        if (label, kind) in self.labels:
            return
        self.labels.add((label, kind))
        self.found.append(CompletionCandidate(
            label, kind, self.start if start is None else start, self.end, insert, snippet, detail,
            documentation, f"{sort}{label}", edits))

    # --- entry ----------------------------------------------------------------

    def run(self) -> list[CompletionCandidate]:
        if self.source[self.start - 1:self.start] == b"@":
            self.gates()
            return self.found
        frames = _frames(self.path, self.source, self.start)
        frame = frames[-1]
        raw = _blank_comments(self.source[frame.statement:self.start]).decode("utf-8", errors="replace")
        statement = _GATES.sub("", raw, count=1)  # gates before an item do not change what comes next
        statement_start = frame.statement + len(raw[:len(raw) - len(statement)].encode())
        if frame.kind == "use-names":
            self.use_names(frame, statement)
        elif frame.kind == "include-with":
            if not statement.strip():
                self.include_names(frame)
        elif frame.kind in ("top", "interface", "world", "resource") and self.paths(
                frame, statement, statement_start, frames):
            pass
        elif self.is_type_position(frame, statement):
            handle = re.search(r"\b(borrow|own)\s*<\s*$", statement) is not None
            if not self.kept_types(handle):
                self.types(self.scope(frames), frames, handle=handle)
        elif frame.kind == "top" and not statement.strip():
            self.top_keywords(len(frames) > 1)
        elif frame.kind == "interface":
            self.interface_body(statement)
        elif frame.kind == "world":
            self.world_body(statement)
        elif frame.kind == "resource":
            self.resource_body(statement)
        return self.found

    def scope(self, frames: list[_Frame]) -> Interface | World | None:
        """The summary's body for the innermost interface or world frame."""
        if self.summary is None:
            return None
        _unit, found = scope_at(self.summary, self.offset)
        if found is not None:
            return found
        # A broken body may be missing from the summary's spans: find it by name.
        unit = self.unit()
        for frame in reversed(frames):
            if frame.kind in ("interface", "world") and frame.name and unit is not None:
                for node in [*unit.interfaces, *unit.worlds]:
                    if node.name is not None and node.name.text == frame.name:
                        return node
        return None

    # --- contexts -----------------------------------------------------------

    def is_type_position(self, frame: _Frame, statement: str) -> bool:
        text = statement.rstrip()
        parens, angles = frame.depth
        if text.endswith("->") or text.endswith("<"):
            return True
        if text.endswith(","):
            return angles > 0
        if text.endswith(":"):
            return frame.kind == "record" or parens > 0
        if text.endswith("="):
            return text.split()[0:1] == ["type"]
        if text.endswith("("):
            return frame.kind == "variant"
        return False

    def top_keywords(self, in_block: bool) -> None:
        if not in_block and self.summary is not None and self.summary.top.name is None:
            self.keyword("package", insert="package ${1:namespace}:${2:name}@${3:0.1.0};", snippet=True)
        for word in _TOP_KEYWORDS:
            self.keyword(word)
        self.snippet("interface")
        self.snippet("world")

    def interface_body(self, statement: str) -> None:
        words = statement.split()
        if not words:
            for word in _INTERFACE_KEYWORDS:
                self.keyword(word)
            for name in ("record", "variant", "enum", "flags", "resource", "func", "type", "use"):
                self.snippet(name)
            return
        self.func_words(words, static=False)

    def resource_body(self, statement: str) -> None:
        words = statement.split()
        if not words:
            self.keyword("constructor", insert="constructor($1);", snippet=True)
            self.snippet("func", label="method")
            return
        self.func_words(words, static=True)

    def func_words(self, words: list[str], static: bool) -> None:
        """After `name:` in a body: the words that start a function type."""
        if words[-1].endswith(":") or words[-1:] == [":"]:
            self.keyword("func", insert="func($1)$0", snippet=True)
            self.keyword("async", insert="async func($1)$0", snippet=True)
            if static:
                self.keyword("static", insert="static func($1)$0", snippet=True)
        elif words[-1] in ("async", "static"):
            self.keyword("func", insert="func($1)$0", snippet=True)
            if words[-1] == "static":
                self.keyword("async")

    def world_body(self, statement: str) -> None:
        words = statement.split()
        if not words:
            for word in _WORLD_KEYWORDS:
                self.keyword(word)
            for name in ("record", "variant", "enum", "flags", "resource", "type", "use"):
                self.snippet(name)
            self.add("export func", "snippet", insert="export ${1:run}: func($2)$0;", snippet=True,
                     detail="export a function", sort="3")
            self.add("import func", "snippet", insert="import ${1:name}: func($2)$0;", snippet=True,
                     detail="import a function", sort="3")

    def paths(self, frame: _Frame, statement: str, statement_start: int, frames: list[_Frame]) -> bool:
        """`use`, `import`, `export` and `include` targets; True when the statement is one."""
        if not statement.startswith(("use", "import", "export", "include")):
            return False
        scope = self.scope(frames)
        match = re.fullmatch(r"use\s+" + _PATH, statement)
        if match:
            start = statement_start + len(statement[:match.start("path")].encode())
            self.interface_paths(start, current=scope, top_level=frame.kind == "top")
            return True
        if frame.kind == "world":
            match = re.fullmatch(r"(import|export)\s+%?[\w-]+\s*:\s+" + _PATH, statement)
            if match:
                start = statement_start + len(statement[:match.start("path")].encode())
                if "/" not in match.group("path") and ":" not in match.group("path"):
                    self.keyword("func", insert="func($1)$0;", snippet=True)
                    self.keyword("async", insert="async func($1)$0;", snippet=True)
                    self.keyword("interface", insert="interface {\n\t$0\n}", snippet=True)
                self.interface_paths(start, current=scope)
                return True
            match = re.fullmatch(r"(import|export)\s+" + _PATH, statement)
            if match:
                start = statement_start + len(statement[:match.start("path")].encode())
                self.interface_paths(start, current=scope)
                return True
            match = re.fullmatch(r"include\s+" + _PATH, statement)
            if match:
                start = statement_start + len(statement[:match.start("path")].encode())
                self.world_paths(start, current=scope)
                return True
        return False

    # --- candidates -----------------------------------------------------------

    def keyword(self, word: str, *, insert: str | None = None, snippet: bool = False) -> None:
        self.add(word, "keyword", insert=insert, snippet=snippet, detail="keyword",
                 documentation=builtin_documentation(word), sort="2")

    def snippet(self, name: str, label: str | None = None) -> None:
        body, detail = _SNIPPETS[name]
        self.add(label or name, "snippet", insert=body, snippet=True, detail=detail,
                 documentation=builtin_documentation(name), sort="3")

    def gates(self) -> None:
        for word, body in (("since", "since(version = ${1:0.1.0})"), ("unstable", "unstable(feature = ${1:name})"),
                           ("deprecated", "deprecated(version = ${1:0.1.0})")):
            self.add(word, "keyword", insert=body, snippet=True, detail=f"@{word} gate", sort="2")

    def kept_types(self, handle: bool) -> bool:
        """Take the type candidates kept for the body the cursor is in, when they still
        hold for the buffer and the workspace (see `type_lists`)."""
        kept = type_lists.LISTS.get(self.path)
        if kept is None or kept.handle != handle or self.tree is None:
            return False
        followed = kept.follow(self.tree)
        if followed is None:
            return False
        change, replaced = followed
        unit, scope = scope_at(kept.summary, change.to_old(self.offset))
        if scope is not kept.scope:
            return False
        read = self.reads(unit, scope)
        if len(read) != len(kept.read) or any(a is not b for a, b in zip(read, kept.read)):
            return False
        self.listed = (kept, change, replaced)
        return True

    def reads(self, unit: PackageUnit, scope: Interface | World) -> tuple:
        """What a body's type list reads from the workspace: the packages the file sees
        and their interfaces other than this body (each summary's own objects)."""
        view = self.view
        own = view.package_of(unit)
        read: list = [own]
        for package in ([own] if own is not None else []) + view.foreign(own):
            read.append(package)
            for items in package.items.values():
                if not self.is_current(items[0], scope):
                    read.append(items[0].node)
        return tuple(read)

    def keep_types(self, scope: Interface, handle: bool, offered: dict[str, int | None]) -> None:
        """Keep the candidates just made for ``scope`` (the whole of `found`) for later requests."""
        if self.tree is None or self.tree.too_deep_at is not None or self.summary is None:
            return
        declared: dict[str, int] = {}
        for use in scope.uses:
            for use_name in use.names:
                declared[use_name.local.text] = declared.get(use_name.local.text, 0) + 1
        for typedef in scope.types:
            declared[typedef.name.text] = declared.get(typedef.name.text, 0) + 1
        local = {name: index for name, index in offered.items() if declared.get(name) == 1}
        kept = TypeList(self.tree, self.summary, scope, handle,
                        self.reads(self.unit(), scope), completion_ranking.RankedList(self.found), local)
        type_lists.keep(self.path, kept)
        self.listed = (kept, Change(0, 0, 0), {})

    def types(self, scope: Interface | World | None, frames: list[_Frame], handle: bool = False) -> None:
        """Type names: the body's own and `use`d ones, built-ins, then other interfaces'.
        Inside `borrow<`/`own<` only resources fit."""
        local: set[str] = set()
        offered: dict[str, int | None] = {}  # the body's types: their candidates' indices
        if scope is None:
            # The tree lost the body: read its declarations from the text written so far.
            body = next((f for f in reversed(frames) if f.kind in ("interface", "world")), None)
            if body is not None:
                text = _blank_comments(self.source[body.opened:self.start]).decode("utf-8", errors="replace")
                for kind, name in _DECLARED.findall(text):
                    if not handle or kind == "resource":
                        self.add(name, _TYPE_KINDS.get(kind, "type"), detail=f"{kind} {name}", sort="0")
        if scope is not None:
            labels, found, start, end = self.labels, self.found, self.start, self.end
            for entry in _body_types(self.path, scope):
                if entry[0] == "type":
                    _, name, label, kind, detail, docs, is_resource, _ = entry
                    local.add(name)
                    offered[name] = None
                    if (not handle or is_resource) and (label, kind) not in labels:
                        # `add`, written out: a long interface has thousands of these.
                        labels.add((label, kind))
                        offered[name] = len(found)
                        found.append(CompletionCandidate(label, kind, start, end, None, False, detail, docs,
                                                         "0" + label, ()))
                else:
                    _, name, node, use = entry
                    local.add(name)
                    typedef = self.used_typedef(use.path, node.name.text)
                    if handle and typedef is not None and typedef.kind != "resource":
                        continue
                    self.add(name_text(node.local), _TYPE_KINDS.get(typedef.kind, "type") if typedef else "type",
                             detail=f"use {use.path}.{{{node.name.text}}}",
                             documentation=(typedef.docs or None) if typedef else None, sort="0")
        if not handle:
            for word in PRIMITIVES:
                self.add(word, "type", detail="built-in type", documentation=builtin_documentation(word), sort="1")
            for word, body in _GENERICS.items():
                self.add(word, "type", insert=body, snippet=True, detail="built-in type",
                         documentation=builtin_documentation(word), sort="1")
        if scope is not None:
            self.types_to_use(scope, local, handle)
        if isinstance(scope, Interface):  # every candidate found is the body's type list
            self.keep_types(scope, handle, offered)

    def used_typedef(self, path: UsePath, name: str, unit=None, package=None, depth: int = 0):
        """The type a `use` brings in, through other interfaces' `use`s (resolved in the
        package where each `use` is written)."""
        if unit is None:
            unit, package = self.unit(), self.own_package()
        item = resolve_use_path(self.view, unit, package, path) if unit is not None else None
        if item is None or item.kind != "interface" or depth > 8:
            return None
        entry = scope_names(item.node).get(name)
        if entry is None:
            return None
        if entry[0] == "type":
            return entry[1]
        if entry[0] == "use":
            origin = next((u for u in item.node.uses if entry[1] in u.names), None)
            if origin is not None:
                return self.used_typedef(origin.path, entry[1].name.text, item.unit, item.package, depth + 1)
        return None

    def types_to_use(self, scope: Interface | World, local: set[str], handle: bool = False) -> None:
        """Types of the package's other interfaces, then of other packages (deps/), each
        with the `use` that brings it in."""
        own = self.own_package()
        sources = [(own, "4")] if own is not None else []
        sources.extend((package, "7") for package in self.view.foreign(own))
        offered = set(local)
        for package, sort in sources:
            for name, items in sorted(package.items.items()):
                item = items[0]
                if item.kind != "interface" or self.is_current(item, scope):
                    continue
                path = name if package is own else item_label(package, name)
                for typedef in item.node.types:
                    if typedef.name.text in offered or (handle and typedef.kind != "resource"):
                        continue  # a name in scope, or offered from a nearer interface
                    offered.add(typedef.name.text)
                    self.add(name_text(typedef.name), _TYPE_KINDS.get(typedef.kind, "type"),
                             detail=f"{short_typedef(typedef)}  (from {path})",
                             documentation="\n\n".join(x for x in (f"```wit\n{typedef_code(typedef)}\n```",
                                                                 typedef.docs) if x),
                             sort=sort, edits=self.use_edit(scope, path, name_text(typedef.name)))

    def use_edit(self, scope: Interface | World, interface: str, name: str) -> tuple[TextEdit, ...]:
        """Add ``name`` to an existing `use interface.{...}` of the body, or a new `use` line at its top."""
        for use in scope.uses:
            if str(use.path) == interface:
                close = self.source.rfind(b"}", use.span[0], use.span[1])
                if close < 0:
                    break
                before = self.source[use.span[0]:close].rstrip()
                separator = "" if before.endswith(b"{") else ", "
                if before.endswith(b","):
                    separator = " "
                return (TextEdit(self.path, close, close, f"{separator}{name}"),)
        name_end = self._name_end(scope)
        if name_end is None:
            return ()
        brace = self.source.find(b"{", name_end, scope.span[1])
        if brace < 0:
            return ()
        line_end = self.source.find(b"\n", brace)
        statement = f"use {interface}.{{{name}}};"
        rest = self.source[brace + 1:line_end] if line_end >= 0 else b""
        if line_end < 0 or rest.strip():
            return (TextEdit(self.path, brace + 1, brace + 1, f" {statement}"),)
        indent = self._body_indent(line_end + 1, brace)
        return (TextEdit(self.path, line_end + 1, line_end + 1, f"{indent}{statement}\n"),)

    def _name_end(self, scope: Interface | World) -> int | None:
        """Where the body's name ends: its own, or the world item's for an inline interface."""
        if scope.name is not None:
            return scope.name.span[1]
        for unit in self.summary.units if self.summary is not None else ():
            for world in unit.worlds:
                for item in world.items:
                    if item.interface is scope and item.name is not None:
                        return item.name.span[1]
        return None

    def _body_indent(self, first_line: int, brace: int) -> str:
        """The indentation of the body's first non-blank line, or its header's plus two spaces."""
        at = first_line
        while at < len(self.source):
            end = self.source.find(b"\n", at)
            end = len(self.source) if end < 0 else end
            line = self.source[at:end]
            if line.strip():
                if line.strip().startswith(b"}"):
                    break
                return line[:len(line) - len(line.lstrip())].decode("utf-8", errors="replace")
            at = end + 1
        header = self.source.rfind(b"\n", 0, brace) + 1
        line = self.source[header:brace]
        return line[:len(line) - len(line.lstrip())].decode("utf-8", errors="replace") + "  "

    def interface_paths(self, start: int, current=None, top_level: bool = False) -> None:
        own = self.own_package()
        if own is not None:
            for name, items in sorted(own.items.items()):
                item = items[0]
                if item.kind == "interface" and not self.is_current(item, current):
                    self.add(name, "module", start=start, detail=f"interface {item_label(own, name)}",
                             documentation=item.node.docs or None, sort="0")
        unit = self.unit()
        if unit is not None:
            for top in unit.uses:
                self.add(top.local.text, "module", start=start, detail=f"use {top.path}", sort="0")
        for package in self.view.foreign(own):
            for name, items in sorted(package.items.items()):
                if items[0].kind == "interface":
                    label = item_label(package, name)
                    self.add(label, "module", start=start, detail=f"interface in package {package.label}",
                             documentation=items[0].node.docs or None, sort="6")

    def world_paths(self, start: int, current=None) -> None:
        own = self.own_package()
        if own is not None:
            for name, items in sorted(own.items.items()):
                if items[0].kind == "world" and not self.is_current(items[0], current):
                    self.add(name, "module", start=start, detail=f"world {item_label(own, name)}",
                             documentation=items[0].node.docs or None, sort="0")
        for package in self.view.foreign(own):
            for name, items in sorted(package.items.items()):
                if items[0].kind == "world":
                    self.add(item_label(package, name), "module", start=start,
                             detail=f"world in package {package.label}", sort="6")

    def use_names(self, frame: _Frame, statement: str) -> None:
        """After `use path.{`: the types the interface offers (not those already listed)."""
        item = self.resolve_path_text(frame.name)
        if item is None or item.kind != "interface":
            return
        written = _blank_comments(self.source[frame.opened:self.start]).decode("utf-8", errors="replace")
        listed = {part.split()[0].lstrip("%") for part in written.split(",") if part.split()}
        for name, (kind, node) in scope_names(item.node).items():
            if name in listed or kind not in ("type", "use"):
                continue
            if kind == "type":
                self.add(name_text(node.name), _TYPE_KINDS.get(node.kind, "type"), detail=short_typedef(node),
                         documentation=node.docs or None, sort="0")
            else:
                self.add(name_text(node.local), "type", detail=f"from use of {node.name.text}", sort="0")

    def include_names(self, frame: _Frame) -> None:
        """After `include w with {`: the named imports and exports of `w` that can be renamed."""
        item = self.resolve_path_text(frame.name)
        if item is None or item.kind != "world":
            return
        for entry in item.node.items:
            if entry.name is not None:
                what = "function" if entry.func is not None else "interface"
                self.add(name_text(entry.name), "function" if entry.func is not None else "module",
                         insert=f"{name_text(entry.name)} as ${{1:new-name}}", snippet=True,
                         detail=f"{entry.direction}ed {what} of {frame.name}", sort="0")

    def resolve_path_text(self, text: str) -> ItemDef | None:
        match = re.fullmatch(r"(?:(%?[\w-]+):(%?[\w-]+)/)?(%?[\w-]+)(?:@([\w.+-]+))?", text.strip())
        if match is None:
            return None
        namespace, package, interface, version = match.groups()

        def ident(word):
            return Identifier(word.lstrip("%"), (0, 0)) if word else None

        path = UsePath(ident(interface), ident(namespace), ident(package), version, (0, 0))
        unit = self.unit()
        if unit is None:
            return None
        return resolve_use_path(self.view, unit, self.own_package(), path)

