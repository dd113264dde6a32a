"""Values of protocol traits that their shapes alone cannot express.

Smithy's CorsTrait, HttpApiKeyAuthTrait, HttpHeaderTrait and TraitValidators validators, and
the checks it makes when it creates @externalDocumentation: `cors` takes `origin` or
`origins`, not both; an API key with a `scheme` goes in a header; a header name is an
RFC 9110 token; @traitValidators keys are event ids; documentation links are absolute URLs.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.event_location import at_trait
from witsmith.model.smithy import FileSummary, Node, Span, TraitUse
from witsmith.workspace.smithy import SmithyWorkspace

# RFC 9110 section 5.6.2: a token is one or more tchar.
HEADER_NAME = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
# An event id: Smithy identifiers joined by dots.
EVENT_ID = re.compile(r"^(_+[A-Za-z0-9]|[A-Za-z])\w*(\.(_+[A-Za-z0-9]|[A-Za-z])\w*)*$", re.ASCII)


def _traits(summary: FileSummary) -> list[TraitUse]:
    result = []
    for shape in summary.shapes:
        result += shape.traits
        for member in shape.members:
            result += member.traits
    for apply in summary.applies:
        result += apply.traits
    return result


CHECKED = ("smithy.api#cors", "smithy.api#httpApiKeyAuth", "smithy.api#httpHeader", "smithy.api#httpPrefixHeaders",
           "smithy.api#traitValidators", "smithy.api#externalDocumentation")


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    if workspace.applies_none_of(summary, CHECKED):
        return result
    for trait in _traits(summary):
        if trait.implicit or trait.value is None:
            continue
        trait_id = workspace.resolve_trait(summary, trait)
        value = trait.value
        if trait_id == "smithy.api#cors" and value.kind == "object":
            if value.get("origin") is not None and value.get("origins") is not None:
                result.append(at_trait(R.CORS, path, trait, "@cors takes `origin` or `origins`, not both; keep one",
                                       value=value.get("origins"), note="`origins` is set here, beside `origin`"))
        elif trait_id == "smithy.api#httpApiKeyAuth" and value.kind == "object":
            where = value.get("in")
            if value.get("scheme") is not None and where is not None and where.kind == "string" and where.value != "header":
                result.append(at_trait(R.HTTP_API_KEY, path, trait,
                                       f"an API key with a `scheme` is sent in a header, but `in` is \"{where.value}\"; "
                                       "use `in: \"header\"` or remove `scheme`", value=where, note="`in` is set here"))
        elif trait_id in ("smithy.api#httpHeader", "smithy.api#httpPrefixHeaders") and value.kind == "string":
            if value.value and not HEADER_NAME.match(value.value):
                result.append(report(R.HTTP_HEADER_NAME, path, value.start, value.end,
                                     f"`{value.value}` is not a valid HTTP header name (RFC 9110 allows letters, digits "
                                     "and !#$%&'*+-.^_`|~); remove the other characters"))
        elif trait_id == "smithy.api#traitValidators" and value.kind == "object":
            result += [at_trait(R.TRAIT_VALIDATORS, path, trait,
                                f"`{entry.key}` is not a valid event id: use identifiers joined by dots, such as "
                                "`MyTrait.TooLong`", value=_key(entry), note=f"the key `{entry.key}`")
                       for entry in value.entries if not EVENT_ID.match(entry.key)]
        elif trait_id == "smithy.api#externalDocumentation" and value.kind == "object":
            result += [at_trait(R.EXTERNAL_DOCS_URL, path, trait,
                                f"the `{entry.key}` link \"{entry.value.value}\" is not a URL; write an absolute URL "
                                "such as https://example.com/docs", value=entry.value, note=f"the `{entry.key}` link")
                       for entry in value.entries if entry.value.kind == "string" and not _is_url(entry.value)]
    return result


def _key(entry) -> Span:
    return Span(entry.key, entry.key_start, entry.key_end)


def _is_url(node: Node) -> bool:
    try:
        parts = urlsplit(node.value)
    except ValueError:
        return False
    return bool(parts.scheme) and re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*", parts.scheme) is not None
