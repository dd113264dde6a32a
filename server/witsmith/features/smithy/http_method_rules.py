"""Whether an operation's @http method matches what it does (Smithy's HttpMethodSemantics).

RFC 7231 gives each standard method a meaning: GET, HEAD, OPTIONS and TRACE only read, so the
operation should be @readonly and not @idempotent; PUT and DELETE are idempotent, so the
operation should be @idempotent and not @readonly; POST and PATCH should not be @readonly.
GET, HEAD, TRACE and DELETE requests should carry no body, so no input member may be the
@httpPayload or be left unbound (unbound members go to the body).  Smithy warns on a method
written in lower case and on OPTIONS (CORS is the service's business, through @cors).
Other methods are not checked.  Each event is on the @http trait, as Smithy places it.
"""

from __future__ import annotations

from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.operation_traits import operation_traits
from witsmith.model.smithy import FileSummary, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

HTTP = "smithy.api#http"
READONLY = "smithy.api#readonly"
IDEMPOTENT = "smithy.api#idempotent"
PAYLOAD = "smithy.api#httpPayload"
# Traits that bind a request member somewhere other than the body.
NON_BODY = ("smithy.api#httpHeader", "smithy.api#httpPrefixHeaders", "smithy.api#httpQuery",
            "smithy.api#httpQueryParams", "smithy.api#httpLabel")

# method -> (should be @readonly, should be @idempotent, may have a body); None: no expectation.
EXPECTED: dict[str, tuple[bool | None, bool | None, bool]] = {
    "GET": (True, False, False),
    "HEAD": (True, False, False),
    "OPTIONS": (True, False, True),
    "TRACE": (True, False, False),
    "POST": (False, None, True),
    "DELETE": (False, True, False),
    "PUT": (False, True, True),
    "PATCH": (False, None, True),
}


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for operation, trait in operation_traits(workspace, summary, HTTP):
        if trait.value is None or trait.value.kind != "object":
            continue
        method = trait.value.get("method")
        if method is None or method.kind != "string" or method.value.upper() not in EXPECTED:
            continue
        result += _operation(workspace, path, operation, trait, method.value)
    return result


def _operation(workspace: SmithyWorkspace, path: Path, operation: ShapeDef, trait: TraitUse,
               written: str) -> list[Diagnostic]:
    method = written.upper()
    name = operation.shape.name.text
    readonly, idempotent, body = EXPECTED[method]
    result = []

    def add(rule, message: str) -> None:
        # The trait's range is read only here: in a large JSON AST model it is found on first read.
        result.append(report(rule, path, trait.start, trait.end, message))

    if written != method:
        add(R.HTTP_METHOD_CASE, f"`{name}` uses the @http method `{written}`; write it in upper case: `{method}`")
    if method == "OPTIONS":
        add(R.HTTP_METHOD_OPTIONS, f"`{name}` models an OPTIONS request; OPTIONS is part of CORS, which the "
                                   "service's @cors trait configures: remove this operation and use @cors")
    is_readonly = workspace.has_trait(operation, READONLY) is not None
    if readonly is not None and readonly != is_readonly:
        if is_readonly:
            add(R.HTTP_METHOD_UNNECESSARY_READONLY, f"`{name}` is @readonly but uses the `{method}` method, which "
                                                    "changes state; remove @readonly or use GET")
        else:
            add(R.HTTP_METHOD_MISSING_READONLY, f"`{name}` uses the `{method}` method, which only reads, but is not "
                                                "marked @readonly; add @readonly or use another method")
    is_idempotent = workspace.has_trait(operation, IDEMPOTENT) is not None
    if idempotent is not None and idempotent != is_idempotent:
        if is_idempotent:
            add(R.HTTP_METHOD_UNNECESSARY_IDEMPOTENT, f"`{name}` is @idempotent but uses the `{method}` method; "
                                                      "remove @idempotent (a read is @readonly instead)")
        else:
            add(R.HTTP_METHOD_MISSING_IDEMPOTENT, f"`{name}` uses the `{method}` method, which is idempotent, but "
                                                  "is not marked @idempotent; add @idempotent or use POST")
    if not body:
        payload, document = _body_members(workspace, operation)
        if payload:
            add(R.HTTP_METHOD_PAYLOAD, f"`{name}` uses the `{method}` method, but its input member `{payload[0]}` "
                                       f"is the request body (@httpPayload), and many HTTP clients send no body with "
                                       f"{method}; bind it with @httpQuery, @httpHeader or @httpLabel instead")
        elif document:
            listed = ", ".join(f"`{m}`" for m in document)
            add(R.HTTP_METHOD_PAYLOAD, f"`{name}` uses the `{method}` method, but its input members {listed} are "
                                       f"sent in the request body, and many HTTP clients send no body with {method}; "
                                       "bind them with @httpQuery, @httpHeader or @httpLabel")
    return result


def _body_members(workspace: SmithyWorkspace, operation: ShapeDef) -> tuple[list[str], list[str]]:
    """The input members sent as the request's payload, and those left in its document body."""
    entry = operation.shape.property("input")
    if entry is None or entry.value.kind != "shape_id":
        return [], []
    structure = workspace.target_shape(operation.summary, entry.value.value)
    if structure is None or structure.shape.kind != "structure":
        return [], []
    payload, document = [], []
    for owner, member in workspace.all_members(structure):
        if any(workspace.has_trait(owner, trait_id, member.traits) is not None for trait_id in NON_BODY):
            continue
        if workspace.has_trait(owner, PAYLOAD, member.traits) is not None:
            payload.append(member.name.text)
        else:
            document.append(member.name.text)
    return payload, sorted(document)
