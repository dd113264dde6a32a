"""The @http URI as a Smithy URI pattern: its grammar, its characters, and where a greedy label sits.

Smithy parses the `uri` of @http when it creates the trait; a URI its pattern parser rejects
fails the build with a `Model` error on the trait (an empty segment, a `#` fragment, a trailing
`?`, a label that is not a whole segment or not an identifier, a label given twice ignoring
case, a label or a repeated key in the query string).  HttpUriFormat then rejects characters
outside US-ASCII, and HttpUriGreedyLabel warns when a greedy label is not the last label.
A URI that does not start with `/` is reported by the HTTP binding rules (smithy/http-uri).
Every event is placed where Smithy places it: on the @http trait.
"""

from __future__ import annotations

import re
from pathlib import Path

from witsmith.diagnostics import Diagnostic, report
from witsmith.features.smithy import rules as R
from witsmith.features.smithy.operation_traits import operation_traits
from witsmith.model.smithy import FileSummary, TraitUse
from witsmith.workspace.smithy import ShapeDef, SmithyWorkspace

HTTP = "smithy.api#http"
IDENTIFIER = re.compile(r"^_*[A-Za-z][A-Za-z0-9_]*$")


def pattern_problem(uri: str) -> str | None:
    """Why Smithy's URI pattern parser rejects ``uri`` (one that starts with `/`); None when it accepts it."""
    if uri.endswith("?"):
        return "it must not end with `?`"
    if "#" in uri:
        return "it must not contain a `#` fragment"
    path, _, query = uri.partition("?")
    segments = path.split("/")[1:]
    while segments and segments[-1] == "":
        segments.pop()  # Smithy's split drops trailing empty segments: `/a/` is `/a`
    seen: set[str] = set()
    for segment in segments:
        if len(segment) >= 2 and segment[0] == "{" and segment[-1] == "}":
            name = segment[1:-2] if segment[-2] == "+" else segment[1:-1]
            if not name:
                return f"the label `{segment}` has no name"
            if not IDENTIFIER.match(name):
                return f"the label name `{name}` is not an identifier (letters, digits and `_`)"
            if name.lower() in seen:
                return f"the label `{{{name}}}` appears more than once (label names ignore case)"
            seen.add(name.lower())
        elif not segment:
            return "it has an empty segment (`//`)"
        elif "{" in segment or "}" in segment:
            return f"the segment `{segment}` mixes a label with text: a label must be a whole segment, like `/{{name}}`"
    if "?" in uri:
        if "{" in query or "}" in query:
            return "labels cannot appear in the query string"
        keys: set[str] = set()
        for pair in query.split("&"):
            key = pair.split("=", 1)[0]
            if key in keys:
                return f"the literal query key `{key}` is given twice"
            keys.add(key)
    return None


def _greedy_not_last(uri: str) -> bool:
    labels = [s for s in uri.partition("?")[0].split("/") if len(s) > 2 and s[0] == "{" and s[-1] == "}"]
    return any(label.endswith("+}") for label in labels[:-1])


def check(workspace: SmithyWorkspace, path: Path, summary: FileSummary) -> list[Diagnostic]:
    result: list[Diagnostic] = []
    for operation, trait in operation_traits(workspace, summary, HTTP):
        if trait.value is None or trait.value.kind != "object":
            continue
        uri = trait.value.get("uri")
        if uri is None or uri.kind != "string":
            continue  # a missing URI is reported by the trait value rules
        if not uri.value.startswith("/"):
            # Smithy's URI pattern parser rejects it first, so nothing else of it is checked.
            result.append(report(R.HTTP_URI_PATTERN, path, trait.start, trait.end,
                                 f"the @http URI `{uri.value}` of `{operation.shape.name.text}` must start with `/`: "
                                 f"write \"/{uri.value}\""))
            continue
        result += _check_uri(path, operation, trait, uri.value)
    return result


def _check_uri(path: Path, operation: ShapeDef, trait: TraitUse, uri: str) -> list[Diagnostic]:
    name = operation.shape.name.text
    problem = pattern_problem(uri)
    if problem is not None:
        return [report(R.HTTP_URI_PATTERN, path, trait.start, trait.end,
                       f"the @http URI `{uri}` of `{name}` is not a valid URI pattern: {problem}; "
                       "Smithy cannot create the trait, so fix the URI")]
    result = []
    if not uri.isascii():
        shown = ", ".join(sorted({f"`{c}`" for c in uri if not c.isascii()}))
        result.append(report(R.HTTP_URI_FORMAT, path, trait.start, trait.end,
                             f"the @http URI `{uri}` of `{name}` has characters outside US-ASCII ({shown}); "
                             "percent-encode them (e.g. `%C3%B1`) or use ASCII only"))
    if _greedy_not_last(uri):
        result.append(report(R.HTTP_GREEDY_LABEL_NOT_LAST, path, trait.start, trait.end,
                             f"a greedy label of the @http URI `{uri}` of `{name}` is followed by another label; "
                             "make the greedy label (`{name+}`) the last label of the URI"))
    return result
