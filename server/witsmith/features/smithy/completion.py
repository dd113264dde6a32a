"""Completion for Smithy, from the context before the cursor (see `cursor.py`):
statement keywords and declaration snippets, shape names in scope (with the `use`
that brings a shape of another namespace into scope), trait names, trait and
property keys, `use` and `apply` targets."""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from witsmith.features import completion_ranking
from witsmith.features.editing import CompletionCandidate
from witsmith.features.smithy.cursor import Cursor, Frame, cursor_at, is_object_like, key_state, line_is_traits_only
from witsmith.features.smithy.keywords import CONTROL_KEYS, METADATA_KEYS, PROPERTY_KEYS, SHAPE_KEYWORDS, STATEMENT_KEYWORDS
from witsmith.features.smithy.lookup import (
    Nameable,
    documentation,
    has_marker,
    is_wasmcloud,
    known_namespaces,
    nameable_shapes,
    quick_documentation,
    source_of,
    summary_of,
    trait_selector,
    use_edit,
)
from witsmith.features.smithy.selectors import Evaluator, Target
from witsmith.model.smithy import FileSummary, Member
from witsmith.model.smithy.summary import SERVICE_KINDS
from witsmith.model.smithy.builtin import BUILTIN_SOURCES, PRELUDE_NAMESPACE
from witsmith.workspace.files import normalize
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

SIMPLE_KEYWORDS = ("blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double",
                   "bigInteger", "bigDecimal", "timestamp", "document")
KIND_LABELS = {
    "structure": "struct", "union": "struct", "service": "interface", "resource": "class", "operation": "function",
    "enum": "enum", "intEnum": "enum", "list": "type", "set": "type", "map": "type",
}
LIFECYCLE_KEYS = frozenset({"create", "put", "read", "update", "delete", "list"})
WASMBUS_ID = "org.wasmcloud.model#wasmbus"


def completions(workspace: SmithyWorkspace, path: Path, offset: int) -> list[CompletionCandidate]:
    """Every candidate at ``offset``."""
    return _completions(workspace, path, offset, None)[0]


def best_completions(workspace: SmithyWorkspace, path: Path, offset: int, *, limit: int | None,
                     snippets: bool = True) -> tuple[list[CompletionCandidate], bool]:
    """At most ``limit`` candidates (no snippets unless ``snippets``), the best matches
    for the word typed first when some were left out, and whether some were.  Of a
    model's thousands of shapes, only those that can be among the ``limit`` sent are
    made into candidates."""
    found, left_out, source = _completions(workspace, path, offset, limit)
    if not snippets:
        found = [c for c in found if not c.is_snippet]
    best, cut = completion_ranking.best(found, source, offset, limit)
    return best, cut or left_out


def _completions(workspace: SmithyWorkspace, path: Path, offset: int, limit: int | None
                 ) -> tuple[list[CompletionCandidate], bool, bytes]:
    """The candidates, whether some were left out to keep to ``limit``, and the text."""
    source = b""
    try:
        path = normalize(path)
        summary = summary_of(workspace, path)
        source = source_of(workspace, path) or b""
        if summary is None or summary.format != "idl" or summary.builtin or not 0 <= offset <= len(source):
            return [], False, source
        tree = workspace.tree(path)
        cursor = cursor_at(source, tree.root if tree is not None else None, offset)
        if cursor is None:
            return [], False, source
        completer = _Completer(workspace, path, summary, source, cursor, offset, limit)
        return completer.run(), completer.left_out, source
    except Exception:  # noqa: BLE001 - completion never fails a request; it offers nothing
        return [], False, source


# Per workspace, the ranked lists of `_Completer._ranked_list` for the last file's
# nameable shapes: (nameables, the text when `use` edits depend on it, the list).
_ranked_made: weakref.WeakKeyDictionary[SmithyWorkspace, dict[tuple, tuple]] = weakref.WeakKeyDictionary()


@dataclass(slots=True)
class _ShapeChoice:
    """A shape candidate before it is made: what ranks it, and what making it needs."""

    nameable: Nameable
    written: str
    label: str
    sort_text: str
    use: str | None  # the id a `use` is added for
    edits: tuple
    note: str | None = None  # a paragraph for the end of its documentation


class _Completer:
    def __init__(self, workspace: SmithyWorkspace, path: Path, summary: FileSummary, source: bytes,
                 cursor: Cursor, offset: int, limit: int | None = None) -> None:
        self.workspace = workspace
        self.path = path
        self.summary = summary
        self.source = source
        self.cursor = cursor
        self.offset = offset
        self._nameable: list[Nameable] | None = None
        # Lists of shapes longer than this are cut to their best (see `_best`).
        self.limit = limit
        self.left_out = False

    # ----- dispatch ------------------------------------------------------------------------

    def run(self) -> list[CompletionCandidate]:
        cursor, frame = self.cursor, self.cursor.frame
        if cursor.in_string:
            return self.idref_values(frame) if frame.kind in ("trait", "trait_object", "trait_array") else []
        if cursor.after_at:
            if frame.kind in ("value", "trait_object", "trait_array", "property_list", "property_object", "mixins"):
                return []
            return self.traits()
        line = cursor.line
        if frame.kind == "top":
            return self.top_level(line)
        if frame.kind == "shape_body":
            return self.shape_body(frame, line)
        if frame.kind == "operation_body":
            return self.operation_body(frame, line)
        if frame.kind == "entity_body":
            return self.entity_body(frame, line)
        if frame.kind == "property_list":
            return self.property_values(frame.key)
        if frame.kind == "property_object":
            if len(line) >= 2 and line[-1].text == ":":
                return self.shapes()
            return []
        if frame.kind == "mixins":
            return self.shapes(mixins=True)
        if frame.kind in ("trait", "trait_object", "trait_array"):
            return self.trait_value(frame)
        return []

    def top_level(self, line) -> list[CompletionCandidate]:
        cursor = self.cursor
        words = _texts(line)
        if cursor.after_dollar:
            namespace = self.summary.namespace
            return self.control_keys() if not words and (namespace is None or namespace.start >= self.offset) else []
        if not words or line_is_traits_only(line):
            return self.statement_keywords(traits_before=bool(words) or _pending_traits(self.cursor.frame.tokens))
        if words == ["use"]:
            return self.use_targets()
        if words == ["apply"]:
            return self.apply_targets()
        if words == ["namespace"]:
            return [self._item(ns, "module", detail="namespace") for ns in known_namespaces(self.workspace, self.path)
                    if ns not in BUILTIN_SOURCES]
        if words == ["metadata"]:
            return [self._item(key, "property", documentation=doc) for key, doc in METADATA_KEYS.items()]
        if len(words) >= 3 and words[-1] == "for" and words[0] in ("structure", "union", "list", "map"):
            return self.shapes(want=lambda d: d.shape.kind == "resource")
        return []

    # ----- top level -----------------------------------------------------------------------

    def control_keys(self) -> list[CompletionCandidate]:
        present = {c.key.text for c in self.summary.controls}
        result = []
        for key, doc in CONTROL_KEYS.items():
            if key in present:
                continue
            text = 'version: "2"' if key == "version" else f'{key}: "$1"'
            result.append(self._item(key, "keyword", insert_text=text, is_snippet=key != "version", documentation=doc))
        return result

    def statement_keywords(self, traits_before: bool) -> list[CompletionCandidate]:
        summary, offset = self.summary, self.offset
        namespace_before = summary.namespace is not None and summary.namespace.end <= offset
        result: list[CompletionCandidate] = []
        if not namespace_before and not traits_before:
            if summary.version is None and not summary.metadata and summary.namespace is None:
                result.append(self._item("$version", "keyword", insert_text='\\$version: "${1:2}"', is_snippet=True,
                                         documentation=CONTROL_KEYS["version"], sort_text="0"))
            result.append(self._item("metadata", "keyword", insert_text="metadata ",
                                     documentation=STATEMENT_KEYWORDS["metadata"]))
            if summary.namespace is None:
                result.append(self._item("namespace", "keyword", insert_text="namespace ",
                                         documentation=STATEMENT_KEYWORDS["namespace"]))
            return result
        shapes_before = any(s.start < offset and s.inline_of is None for s in summary.shapes) or any(
            a.start < offset for a in summary.applies)
        if not traits_before:
            if not shapes_before:
                result.append(self._item("use", "keyword", insert_text="use ", documentation=STATEMENT_KEYWORDS["use"]))
            result.append(self._item("apply", "keyword", insert_text="apply ", documentation=STATEMENT_KEYWORDS["apply"]))
        version = summary.idl_version
        for word in SIMPLE_KEYWORDS + ("enum", "intEnum", "list", "set", "map", "structure", "union", "service",
                                       "resource", "operation"):
            if version == 1 and word in ("enum", "intEnum"):
                continue
            if version == 2 and word == "set":
                continue
            result.append(self._item(word, "keyword", insert_text=word + " ", documentation=SHAPE_KEYWORDS.get(word)))
        result.extend(self.snippets(traits_before))
        return result

    def snippets(self, traits_before: bool) -> list[CompletionCandidate]:
        version = self.summary.idl_version
        result = [
            self._item("structure {…}", "snippet", is_snippet=True, sort_text="~structure",
                       insert_text="structure ${1:Name} {\n    ${2:name}: ${3:String}\n}\n$0",
                       detail="a structure with one member", documentation=SHAPE_KEYWORDS["structure"]),
            self._item("service {…}", "snippet", is_snippet=True, sort_text="~service",
                       insert_text='service ${1:Name} {\n    version: "${2:1.0}"\n    operations: [$3]\n}\n$0',
                       detail="a service with its version and operations", documentation=SHAPE_KEYWORDS["service"]),
        ]
        if version == 2:
            operation = ("operation ${1:Name} {\n    input := {\n        $2\n    }\n    output := {\n        $3\n    }\n}\n$0")
            detail = "an operation with inline input and output structures"
        else:
            operation = ("operation ${1:Name} {\n    input: ${1:Name}Input\n    output: ${1:Name}Output\n}\n\n"
                         "structure ${1:Name}Input {\n    $2\n}\n\nstructure ${1:Name}Output {\n    $3\n}\n$0")
            detail = "an operation with its input and output structures"
        result.append(self._item("operation {…}", "snippet", is_snippet=True, sort_text="~operation",
                                 insert_text=operation, detail=detail, documentation=SHAPE_KEYWORDS["operation"]))
        if not traits_before:
            result.append(self._wasmcloud_service())
        return result

    def _wasmcloud_service(self) -> CompletionCandidate:
        wasmcloud = is_wasmcloud(self.workspace, self.path)
        edits = ()
        written = "wasmbus"
        resolved = self.workspace.resolve_text(self.summary, "wasmbus")
        if resolved != WASMBUS_ID:
            edit = use_edit(self.summary, self.source, WASMBUS_ID) if resolved is None else None
            if edit is not None:
                edits = (edit,)
            else:
                written = WASMBUS_ID
        text = (f'@{written}(contractId: "${{2:wasmcloud:example}}", providerReceive: true)\n'
                'service ${1:Name} {\n    version: "0.1"\n    operations: [$3]\n}\n$0')
        return self._item("service @wasmbus {…}", "snippet", is_snippet=True, insert_text=text,
                          sort_text="~service0" if wasmcloud else "~service9", additional_edits=edits,
                          detail="a wasmCloud capability contract service",
                          documentation="A service marked with `@wasmbus`: wasmCloud generates the actor and provider "
                                        "interfaces of the contract `contractId` from it.")

    def use_targets(self) -> list[CompletionCandidate]:
        own = self.summary.namespace.text if self.summary.namespace else None
        used = {u.text for u in self.summary.uses}
        choices = []
        for nameable in self.nameable():
            shape_def = nameable.shape_def
            if shape_def.namespace in (own, PRELUDE_NAMESPACE) or shape_def.id in used:
                continue
            choices.append(self._shape_choice(nameable, shape_def.id, label=shape_def.id))
        result = [self._shape_item(choice) for choice in self._best(completion_ranking.RankedList(choices))]
        for namespace in known_namespaces(self.workspace, self.path):
            if namespace in (own, PRELUDE_NAMESPACE):
                continue
            result.append(self._item(namespace, "module", insert_text=namespace + "#", detail="namespace",
                                     sort_text="1" + namespace))
        return result

    def apply_targets(self) -> list[CompletionCandidate]:
        word = self.cursor.word
        if "$" in word:
            shape_text = word.split("$", 1)[0]
            shape_def = self.workspace.target_shape(self.summary, shape_text)
            if shape_def is None:
                return []
            return [self._member_item(owner, member, label=f"{shape_text}${member.name.text}")
                    for owner, member in self.workspace.all_members(shape_def)]
        return self.shapes(want=lambda d: d.namespace != PRELUDE_NAMESPACE, everything=True)

    # ----- bodies --------------------------------------------------------------------------

    def enclosing_shape(self) -> ShapeDef | None:
        best = None
        for shape in self.summary.shapes:
            if shape.start <= self.offset <= shape.end and (best is None or shape.start >= best.start):
                best = shape
        return ShapeDef(self.summary, best) if best is not None else None

    def shape_body(self, frame: Frame, line) -> list[CompletionCandidate]:
        words = _texts(line)
        if len(line) >= 2 and words[-1] == ":" and line[-2].kind == "word":
            return self.shapes()
        if len(line) >= 4 and words[-1] == "=" and words[-3] == ":" and line[-2].kind == "word":
            target = self.workspace.target_shape(self.summary, words[-2])
            return self._values(target, None) if target is not None else []
        if self.cursor.after_dollar:
            return self.elided_members()
        if words and not line_is_traits_only(line):
            return []
        names = {"list": ("member",), "set": ("member",), "map": ("key", "value")}.get(frame.shape_kind or "", ())
        present = {t.text for t in frame.tokens if t.kind == "word"}
        return [self._item(name, "field", insert_text=f"{name}: ") for name in names if name not in present]

    def elided_members(self) -> list[CompletionCandidate]:
        shape_def = self.enclosing_shape()
        if shape_def is None:
            return []
        declared = {m.name.text for m in shape_def.shape.members if m.name.text != self.cursor.word}
        result = []
        for mixin in shape_def.shape.mixins:
            mixin_def = self.workspace.target_shape(self.summary, mixin.text)
            if mixin_def is None:
                continue
            for owner, member in self.workspace.all_members(mixin_def):
                if member.name.text not in declared:
                    result.append(self._member_item(owner, member))
        if shape_def.shape.resource is not None:
            resource = self.workspace.target_shape(self.summary, shape_def.shape.resource.text)
            for key in ("identifiers", "properties"):
                entry = resource.shape.property(key) if resource is not None else None
                if entry is not None and entry.value.kind == "object":
                    for item in entry.value.entries:
                        if item.key not in declared:
                            target = item.value.value if item.value.kind == "shape_id" else None
                            what = "identifier" if key == "identifiers" else "property"
                            detail = f"{resource.id} {what}" + (f": {target}" if target else "")
                            result.append(self._item(item.key, "field", detail=detail))
        return result

    def _present_keys(self, frame: Frame) -> set[str]:
        present = set()
        tokens = frame.tokens
        for index, token in enumerate(tokens[:-1]):
            if token.kind == "word" and tokens[index + 1].kind in ("walrus",) or (
                    token.kind == "word" and tokens[index + 1].text == ":"):
                present.add(token.text)
        # Keys after the cursor count too: the summary has them when the body parsed.
        enclosing = self.enclosing_shape()
        if enclosing is not None and enclosing.shape.kind == frame.shape_kind:
            present |= {entry.key for entry in enclosing.shape.properties}
        return present

    def operation_body(self, frame: Frame, line) -> list[CompletionCandidate]:
        words = _texts(line)
        if len(words) >= 2 and words[-1] == ":" and words[-2] in ("input", "output"):
            return self.shapes(want=lambda d: d.shape.kind == "structure" and not has_marker(d.shape, "error"),
                               prefer=lambda d: has_marker(d.shape, words[-2]))
        if words:
            return []
        present = self._present_keys(frame)
        return [self._item(key, "property", insert_text=f"{key}: " if key != "errors" else "errors: [$0]",
                           is_snippet=key == "errors", documentation=doc)
                for key, doc in PROPERTY_KEYS["operation"].items() if key not in present]

    def entity_body(self, frame: Frame, line) -> list[CompletionCandidate]:
        words = _texts(line)
        kind = frame.shape_kind or "service"
        if len(words) >= 2 and words[-1] == ":":
            key = words[-2]
            if key in LIFECYCLE_KEYS:
                return self.shapes(want=lambda d: d.shape.kind == "operation")
            return []
        if words:
            return []
        present = self._present_keys(frame)
        result = []
        for key, doc in PROPERTY_KEYS.get(kind, {}).items():
            if key in present:
                continue
            if key in ("operations", "resources", "errors", "collectionOperations"):
                insert, snippet = f"{key}: [$0]", True
            elif key in ("identifiers", "properties", "rename"):
                insert, snippet = f"{key}: {{ $0 }}", True
            elif key == "version":
                insert, snippet = 'version: "$0"', True
            else:
                insert, snippet = f"{key}: ", False
            result.append(self._item(key, "property", insert_text=insert, is_snippet=snippet, documentation=doc))
        return result

    def property_values(self, key: str | None) -> list[CompletionCandidate]:
        if key in ("operations", "collectionOperations"):
            return self.shapes(want=lambda d: d.shape.kind == "operation")
        if key == "resources":
            return self.shapes(want=lambda d: d.shape.kind == "resource")
        if key == "errors":
            return self.shapes(want=lambda d: d.shape.kind == "structure" and has_marker(d.shape, "error"))
        return []

    # ----- shapes and traits ---------------------------------------------------------------

    def nameable(self) -> list[Nameable]:
        if self._nameable is None:
            self._nameable = nameable_shapes(self.workspace, self.path, self.summary)
        return self._nameable

    def shapes(self, want=None, prefer=None, mixins: bool = False, everything: bool = False) -> list[CompletionCandidate]:
        """Shapes the cursor may name: by name when in scope, by name with a new `use`, or by full id.

        Trait definitions are applied with `@` and mixins only copied with `with [...]`:
        neither is offered where a shape is targeted; nor are services, resources and
        operations unless `want` asks for them.
        """
        word = self.cursor.word
        absolute = "#" in word or "." in word
        if want is None and prefer is None:  # a member's target: what a long model's completion asks most
            chosen = self._best(self._ranked_list(mixins, everything, absolute))
        else:
            chosen = self._best(completion_ranking.RankedList(self._shape_choices(want, prefer, mixins, everything, absolute)))
        return [self._shape_item(choice) for choice in chosen]

    def _ranked_list(self, mixins: bool, everything: bool, absolute: bool) -> completion_ranking.RankedList:
        """The unfiltered shape choices, ranked once and kept while the nameable shapes
        (and, when a choice adds a `use`, the text) stay the same: each keystroke's
        completion then scores only the names that match the word typed."""
        nameables = self.nameable()
        key = (mixins, everything, absolute)
        kept = _ranked_made.setdefault(self.workspace, {})
        made = kept.get(key)
        if made is None or made[0] is not nameables or (made[1] is not None and made[1] != self.source):
            choices = self._shape_choices(None, None, mixins, everything, absolute)
            # Where a `use` goes depends on the text: such lists are made again when it changes.
            needs_source = any(choice.use is not None for choice in choices)
            if made is not None and made[0] is not nameables:
                kept.clear()
            made = kept[key] = (nameables, self.source if needs_source else None, completion_ranking.RankedList(choices))
        return made[2]

    def _shape_choices(self, want, prefer, mixins: bool, everything: bool, absolute: bool) -> list[_ShapeChoice]:
        choices = []
        for nameable in self.nameable():
            shape_def = nameable.shape_def
            if not everything and (nameable.is_trait or nameable.is_mixin != mixins):
                continue
            if want is None and not everything and shape_def.shape.kind in SERVICE_KINDS:
                continue  # members and identifiers target data shapes only
            if want is not None and not want(shape_def):
                continue
            preferred = prefer is not None and prefer(shape_def)
            if absolute:
                choices.append(self._shape_choice(nameable, shape_def.id, label=shape_def.id, rank="2"))
                continue
            rank = ("0" if preferred else "1") if nameable.in_scope else ("2" if nameable.use else "3")
            choices.append(self._shape_choice(nameable, nameable.written, rank=rank, use=nameable.use))
        return choices

    def traits(self) -> list[CompletionCandidate]:
        word = self.cursor.word
        absolute = "#" in word or "." in word
        target = self._trait_target()
        evaluator = Evaluator(self.workspace)
        choices = []
        for nameable in self.nameable():
            if not nameable.is_trait:
                continue
            shape_def = nameable.shape_def
            selector = trait_selector(self.workspace, shape_def) or "*"
            if target is not None and selector != "*":
                try:
                    if not evaluator.matches(selector, target):
                        continue
                except Exception:  # noqa: BLE001 - a selector we cannot evaluate does not hide the trait
                    pass
            if absolute:
                choice = self._shape_choice(nameable, shape_def.id, label=shape_def.id, rank="2")
            else:
                rank = "0" if nameable.in_scope else ("2" if nameable.use else "3")
                choice = self._shape_choice(nameable, nameable.written, rank=rank, use=nameable.use)
            choice.note = f"Applies to `{selector}`."
            choices.append(choice)
        return [self._shape_item(choice, kind="trait") for choice in self._best(completion_ranking.RankedList(choices))]

    def _trait_target(self) -> Target | None:
        """The shape or member the trait being typed will apply to, when the tree tells."""
        start = self.cursor.word_start - 1
        for shape in self.summary.shapes:
            if not shape.start <= start <= shape.end:
                continue
            shape_def = ShapeDef(self.summary, shape)
            for trait in shape.traits:
                if trait.start <= start < trait.end:
                    return Target(shape_def)
            for member in shape.members:
                for trait in member.traits:
                    if trait.start <= start < trait.end:
                        return Target(shape_def, member)
        return None

    def trait_value(self, frame: Frame) -> list[CompletionCandidate]:
        trait_def = self.workspace.target_shape(self.summary, frame.trait) if frame.trait else None
        if trait_def is None:
            return []
        value_def = self._walk(trait_def, frame.path)
        if value_def is None:
            return []
        if frame.kind == "trait_array":
            return self._values(value_def, None, element=True)
        if not is_object_like(frame) and frame.kind == "trait" and frame.tokens:
            return []
        state, key = key_state(frame)
        if state == "value" and key is not None:
            found = self.workspace.member(value_def, key)
            if found is None:
                return []
            return self._values(found[0], found[1])
        if value_def.shape.kind not in ("structure", "union"):
            if frame.kind == "trait" and not frame.tokens:
                return self._values(value_def, None)
            return []
        present = {t.text.strip('"') for i, t in enumerate(frame.tokens[:-1])
                   if t.kind in ("word", "string") and frame.tokens[i + 1].text == ":"}
        result = []
        for owner, member in self.workspace.all_members(value_def):
            if member.name.text in present:
                continue
            required = any(t.id.text in ("required", "smithy.api#required") for t in member.traits)
            result.append(self._member_item(owner, member, insert_text=f"{member.name.text}: ",
                                            rank="0" if required else "1"))
        return result

    def idref_values(self, frame: Frame) -> list[CompletionCandidate]:
        """Shape ids for a string that an @idRef marks as one, filtered by the @idRef's selector."""
        trait_def = self.workspace.target_shape(self.summary, frame.trait) if frame.trait else None
        value_def = self._walk(trait_def, frame.path) if trait_def is not None else None
        if value_def is None:
            return []
        member_traits: list = []
        target = value_def
        if frame.kind == "trait_array" or value_def.shape.kind in ("list", "set") and not frame.tokens:
            found = self.workspace.member(value_def, "member")
            if found is None:
                return []
            member_traits, target = found[1].traits, self.workspace.member_target(*found)
        elif is_object_like(frame) and frame.tokens:
            state, key = key_state(frame)
            found = self.workspace.member(value_def, key) if state == "value" and key else None
            if found is None:
                return []
            member_traits, target = found[1].traits, self.workspace.member_target(*found)
        if target is None:
            return []
        idref = self.workspace.has_trait(target, "smithy.api#idRef", member_traits) or self.workspace.has_trait(
            target, "smithy.api#idRef", target.shape.traits)
        if idref is None:
            return []
        selector = "*"
        if idref.value is not None and idref.value.kind == "object":
            found_selector = idref.value.get("selector")
            if found_selector is not None and found_selector.kind == "string":
                selector = str(found_selector.value)
        evaluator = Evaluator(self.workspace)
        choices = []
        for nameable in self.nameable():
            shape_def = nameable.shape_def
            if selector != "*":
                try:
                    if not evaluator.matches(selector, Target(shape_def)):
                        continue
                except Exception:  # noqa: BLE001 - a selector we cannot evaluate does not hide the shape
                    pass
            choices.append(self._shape_choice(nameable, shape_def.id, label=shape_def.id,
                                              rank="0" if nameable.in_scope else "1"))
        return [self._shape_item(choice) for choice in self._best(completion_ranking.RankedList(choices))]

    def _walk(self, shape_def: ShapeDef, path: tuple[str, ...]) -> ShapeDef | None:
        current = shape_def
        for step in path:
            kind = current.shape.kind
            if step == "[]":
                name = "member" if kind in ("list", "set") else None
            elif kind == "map":
                name = "value"
            else:
                name = step
            found = self.workspace.member(current, name) if name else None
            current = self.workspace.member_target(*found) if found is not None else None
            if current is None:
                return None
        return current

    def _values(self, owner: ShapeDef, member: Member | None, element: bool = False) -> list[CompletionCandidate]:
        """Literal values for a trait member (or list element): booleans and enum values."""
        target = self.workspace.member_target(owner, member) if member is not None else owner
        if target is not None and element and target.shape.kind in ("list", "set"):
            found = self.workspace.member(target, "member")
            target = self.workspace.member_target(*found) if found is not None else None
        if target is None:
            return []
        kind = target.shape.kind
        if kind == "boolean":
            return [self._item(word, "value") for word in ("true", "false")]
        if kind == "enum":
            result = []
            for enum_member in target.shape.members:
                value = enum_member.default.value if enum_member.default is not None else enum_member.name.text
                result.append(self._item(f'"{value}"', "enum-member", detail=f"{target.id}${enum_member.name.text}",
                                         documentation=enum_member.docs))
            return result
        legacy = self.workspace.has_trait(target, "smithy.api#enum")
        if kind == "string" and legacy is not None and legacy.value is not None and legacy.value.kind == "array":
            result = []
            for item in legacy.value.items:
                value = item.get("value") if item.kind == "object" else None
                if value is not None and value.kind == "string":
                    result.append(self._item(f'"{value.value}"', "enum-member", detail=target.id))
            return result
        return []

    # ----- candidates ----------------------------------------------------------------------

    @property
    def _lead(self) -> str:
        """A space after a `:` or `=` typed just before (completion triggered by the character itself)."""
        start = self.cursor.word_start
        if self.cursor.in_string or start == 0 or start != self.offset:
            return ""
        return " " if self.source[start - 1:start] in (b":", b"=") else ""

    def _item(self, label: str, kind: str, **fields) -> CompletionCandidate:
        lead = self._lead
        if lead:
            fields["insert_text"] = lead + (fields.get("insert_text") or label)
        return CompletionCandidate(label=label, kind=kind, replace_start=self.cursor.word_start,
                                   replace_end=self.offset, **fields)

    def _shape_choice(self, nameable: Nameable, written: str, *, label: str | None = None, rank: str = "1",
                      use: str | None = None) -> _ShapeChoice:
        """What a shape's candidate is ranked by (its label and sort text), and the `use` it adds."""
        edits = ()
        if use is not None:
            edit = use_edit(self.summary, self.source, use)
            if edit is None:
                written = use
            else:
                edits = (edit,)
        label = label or written
        return _ShapeChoice(nameable, written, label, f"{rank}{label.lower()}", use if edits else None, edits)

    def _best(self, ranked: completion_ranking.RankedList) -> list[_ShapeChoice]:
        """All the choices when they fit in ``limit``, else the ``limit`` best for the word
        typed (all that can be sent: `completion_ranking.best` would choose the same)."""
        if self.limit is None or len(ranked.candidates) <= self.limit:
            return ranked.candidates
        typed = self.source[self.cursor.word_start:self.offset].decode("utf-8", errors="replace")
        indices, self.left_out = ranked.best(typed, self.limit)
        return [ranked.candidates[index] for index in indices]

    def _shape_item(self, choice: _ShapeChoice, *, kind: str | None = None) -> CompletionCandidate:
        shape_def = choice.nameable.shape_def
        docs = quick_documentation(shape_def.shape)
        for paragraph in (choice.note, f"Adds `use {choice.use}`." if choice.use is not None else None):
            if paragraph is not None:
                docs = (docs + "\n\n" if docs else "") + paragraph
        return CompletionCandidate(
            label=choice.label,
            kind=kind or ("trait" if choice.nameable.is_trait else KIND_LABELS.get(shape_def.shape.kind, "type")),
            replace_start=self.cursor.word_start, replace_end=self.offset,
            insert_text=self._lead + choice.written, detail=shape_def.id, documentation=docs,
            sort_text=choice.sort_text, additional_edits=choice.edits)

    def _member_item(self, owner: ShapeDef, member: Member, *, label: str | None = None,
                     insert_text: str | None = None, rank: str = "1") -> CompletionCandidate:
        target = member.target.text if member.target is not None else None
        detail = f"{owner.id}${member.name.text}" + (f": {target}" if target else "")
        return CompletionCandidate(
            label=label or member.name.text, kind="field", replace_start=self.cursor.word_start,
            replace_end=self.offset, insert_text=insert_text or label, detail=detail,
            documentation=documentation(self.workspace, owner, member),
            sort_text=f"{rank}{(label or member.name.text).lower()}")


def _texts(line) -> list[str]:
    return [token.text for token in line]


def _pending_traits(tokens) -> bool:
    """Whether the top level ends with trait applications still waiting for their shape."""
    index, found = len(tokens), False
    while index > 0:
        end = index
        if tokens[end - 1].kind == "group" and tokens[end - 1].text == ")":
            end -= 1
        if end >= 2 and tokens[end - 1].kind == "word" and tokens[end - 2].text == "@":
            index, found = end - 2, True
        else:
            break
    if not found:
        return False
    # `apply Target @trait` is a whole statement: its traits wait for nothing.
    return not (index >= 2 and tokens[index - 2].text == "apply")



class Preparation:
    """What completion in a long model needs, made at an idle moment: the list of shapes
    the file may name (a third of a request in a 20,000-line model), kept until a
    definition changes, then those a member may target, ranked once.  Nothing while the
    whole model is not yet indexed."""

    def __init__(self, workspace: SmithyWorkspace, path: Path, *, types: bool = True) -> None:
        self.workspace, self.path, self.types = workspace, normalize(path), types

    def steps(self) -> Iterator[None]:
        summary = self.workspace.summary(self.path) if self.types else None
        if summary is None:
            return
        nameable_shapes(self.workspace, self.path, summary)
        yield
        # The ranked list a member's target is completed from (see `_Completer._ranked_list`).
        source = source_of(self.workspace, self.path)
        if source is not None and summary.format == "idl":
            _Completer(self.workspace, self.path, summary, source, None, 0)._ranked_list(False, False, False)
            yield
