"""Plain data for the interactive features (hover, completion, rename), shared by
both languages; the per-language modules ``witsmith.features.<lang>.hover``,
``.completion`` and ``.rename`` produce it.  Ranges are byte offsets."""

from __future__ import annotations

from dataclasses import dataclass, field

from witsmith.diagnostics import TextEdit


@dataclass(frozen=True)
class HoverInfo:
    markdown: str  # rendered by the editor: a code block with the signature, then documentation
    start: int  # the hovered name or token
    end: int


# Completion kinds, mapped onto the protocol's CompletionItemKind by the server.
COMPLETION_KINDS = (
    "keyword", "snippet", "module",  # namespaces, packages, interfaces in use paths
    "interface", "class",  # services, structures, resources, records
    "struct", "enum", "enum-member", "type", "function", "method", "field", "property", "trait", "value",
)


@dataclass(frozen=True)
class CompletionCandidate:
    label: str
    kind: str  # one of COMPLETION_KINDS
    replace_start: int  # the text the candidate replaces (the word typed so far)
    replace_end: int
    insert_text: str | None = None  # defaults to label
    is_snippet: bool = False  # insert_text uses $1, ${2:placeholder}, $0
    detail: str | None = None  # one line: the resolved shape id, the signature
    documentation: str | None = None  # Markdown
    sort_text: str | None = None
    additional_edits: tuple[TextEdit, ...] = ()  # e.g. the `use` that brings the name into scope


@dataclass(frozen=True)
class RenameTarget:
    start: int  # the name under the cursor
    end: int
    placeholder: str  # the current name


@dataclass(frozen=True)
class RenameRefused:
    """A rename that cannot be done, and why (shown to the user)."""

    message: str


@dataclass(frozen=True)
class RenameEdits:
    edits: tuple[TextEdit, ...] = field(default_factory=tuple)
