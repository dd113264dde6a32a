"""Per-file summaries of Smithy models (IDL and JSON AST), and the built-in models."""

from witsmith.model.smithy.ast_json import looks_like_ast, summarize_ast
from witsmith.model.smithy.idl import summarize_idl
from witsmith.model.smithy.summary import (
    Apply,
    Entry,
    FileSummary,
    Member,
    Node,
    Problem,
    Reference,
    Shape,
    Span,
    Statement,
    TraitUse,
)

__all__ = [
    "Apply", "Entry", "FileSummary", "Member", "Node", "Problem", "Reference", "Shape", "Span",
    "Statement", "TraitUse", "looks_like_ast", "summarize_ast", "summarize_idl",
]
