"""HTTP bindings of operations: the @http URI's labels and query literals against the input's members.

Smithy's HttpLabelTrait, HttpUriGreedyLabel and HttpQueryTrait validators check these when
the model is built; a label with no @httpLabel member (or the reverse) fails the build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from witsmith.diagnostics import Diagnostic, Location, Related, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_shape
from witsmith.features.smithy.http_uri_format_rules import pattern_problem
from witsmith.model.smithy import FileSummary, Member, Node, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

HTTP = "smithy.api#http"
HTTP_LABEL = "smithy.api#httpLabel"
HTTP_QUERY = "smithy.api#httpQuery"
RESOURCE_IDENTIFIER = "smithy.api#resourceIdentifier"


@dataclass(frozen=True)
class Label:
    name: str
    greedy: bool
    uri: Node  # the URI as written
    offset: int  # bytes from the URI's first byte to `{name}`
    length: int

    # The byte range of `{name}` in the file, read only for a diagnostic (ranges of large
    # JSON models are found only when read).
    @property
    def start(self) -> int:
        return self.uri.start + 1 + self.offset

    @property
    def end(self) -> int:
        return self.start + self.length


def uri_labels(uri: Node) -> list[Label]:
    """The `{label}` segments of an @http URI's path, with their byte ranges in the file."""
    text = uri.value
    path = text.split("?", 1)[0]
    result = []
    # The value's bytes start after the opening quote; labels and the path hold no escapes.
    position = 0
    for segment in path.split("/"):
        if len(segment) > 2 and segment.startswith("{") and segment.endswith("}"):
            name = segment[1:-1]
            greedy = name.endswith("+")
            offset = len(path[:position].encode("utf-8"))
            result.append(Label(name.rstrip("+"), greedy, uri, offset, len(segment.encode("utf-8"))))
        position += len(segment) + 1
    return result


def query_literals(uri: str) -> set[str]:
    """The keys of the literal query string of an @http URI (`/x?key=value&flag`)."""
    if "?" not in uri:
        return set()
    return {part.split("=", 1)[0] for part in uri.split("?", 1)[1].split("&") if part}


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    source = workspace.files_store.read(path)
    for shape in summary.shapes:
        if shape.kind != "operation":
            continue
        operation = ShapeDef(summary, shape)
        http = workspace.has_trait(operation, HTTP)
        if http is None or http.value is None or http.value.kind != "object":
            continue
        uri = http.value.get("uri")
        if uri is None or uri.kind != "string":
            continue  # the trait's own value checks report it
        if not uri.value.startswith("/"):
            continue  # Smithy cannot create the trait (smithy/http-uri-pattern); its labels mean nothing
        if http not in shape.traits:
            continue  # applied from another file
        if pattern_problem(uri.value) is not None:
            continue  # Smithy stops at the broken pattern (smithy/http-uri-pattern); its labels mean nothing
        found = _labels(workspace, path, operation, uri)
        written = source[uri.start:uri.end] if found and source is not None else b""
        if found and written == b'"' + uri.value.encode("utf-8") + b'"':
            result += found  # (written with escapes, offsets into the value would be off)
    return result


def _input(workspace: SmithyWorkspace, operation: ShapeDef) -> ShapeDef | None | bool:
    """The operation's input structure; None when it has none (Unit); False when it cannot be found."""
    entry = operation.shape.property("input")
    if entry is None or entry.value.kind != "shape_id":
        return None
    found = workspace.target_shape(operation.summary, entry.value.value)
    if found is None:
        return False
    if found.id == "smithy.api#Unit":
        return None
    return found if found.shape.kind == "structure" else False


def _label_name(workspace: SmithyWorkspace, owner: ShapeDef, member: Member) -> str:
    for trait in member.traits:
        if workspace.resolve_trait(owner.summary, trait) == RESOURCE_IDENTIFIER and trait.value is not None \
                and trait.value.kind == "string":
            return trait.value.value
    return member.name.text


def _trait(workspace: SmithyWorkspace, owner: ShapeDef, member: Member, trait_id: str) -> TraitUse | None:
    """The member's first application of ``trait_id`` (a remembered lookup)."""
    return workspace.has_trait(owner, trait_id, member.traits)


def _labels(workspace: SmithyWorkspace, path: Path, operation: ShapeDef, uri: Node) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    name = operation.shape.name
    labels = uri_labels(uri)
    greedy = [label for label in labels if label.greedy]
    for extra in greedy[1:]:
        result.append(report(R.HTTP_URI, path, extra.start, extra.end,
                             f"the URI `{uri.value}` has more than one greedy label; keep at most one `{{name+}}`"))
    input_def = _input(workspace, operation)
    if input_def is False:
        return result  # an unresolved input is reported elsewhere
    members = workspace.all_members(input_def) if input_def is not None else []
    bound: set[str] = set()
    literals = query_literals(uri.value)
    for owner, member in members:
        if owner.path != path:
            continue  # reported where the member is written
        query = _trait(workspace, owner, member, HTTP_QUERY)
        if query is not None and query.value is not None and query.value.kind == "string" and query.value.value in literals:
            # On the structure holding the member, as Smithy reports it; the binding and the URI are related.
            result.append(report(R.HTTP_QUERY, path, owner.shape.name.start, owner.shape.name.end,
                                 f"@httpQuery(\"{query.value.value}\") of `{member.name.text}` conflicts with the "
                                 f"literal query key `{query.value.value}` in the URI `{uri.value}` of `{name.text}`; "
                                 "rename one of them",
                                 related=(Related(Location(path, query.value.start, query.value.end),
                                                  f"the @httpQuery of `{member.name.text}`"),
                                          Related(Location(path, uri.start, uri.end), "the URI"))))
    for owner, member in members:
        trait = _trait(workspace, owner, member, HTTP_LABEL)
        if trait is None:
            continue
        label_name = _label_name(workspace, owner, member)
        bound.add(label_name)
        label = next((candidate for candidate in labels if candidate.name == label_name), None)
        if owner.path != path:
            continue
        if label is None:
            result.append(report(R.HTTP_LABEL, path, trait.id.start, trait.id.end,
                                 f"`{member.name.text}` is marked @httpLabel but the URI `{uri.value}` of "
                                 f"`{name.text}` has no `{{{label_name}}}` label; add the label or remove @httpLabel",
                                 related=(Related(Location(path, uri.start, uri.end), "the URI"),)))
        elif label.greedy:
            target = workspace.member_target(owner, member)
            if target is not None and target.shape.kind not in ("string",) and target.id != "smithy.api#String":
                result.append(report(R.HTTP_LABEL, path, trait.id.start, trait.id.end,
                                     f"`{member.name.text}` is bound to the greedy label `{{{label_name}+}}`, "
                                     f"which must target a string, not the {target.shape.kind} `{target.id}`"))
    input_name = input_def.id if input_def is not None else "smithy.api#Unit"
    for label in labels:
        if label.name not in bound:
            # On the operation, as Smithy reports it; the label is related.
            result.append(at_shape(R.HTTP_LABEL, path, operation.shape,
                                   f"the URI label `{{{label.name}}}` of `{name.text}` is bound to no member: add a "
                                   f"member `{label.name}` marked @httpLabel and @required to `{input_name}`, or "
                                   "remove the label", value=label, note=f"the label `{{{label.name}}}`"))
    return result
