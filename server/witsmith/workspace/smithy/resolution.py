"""Resolving shape ids written in a file, in the specification's order.

A relative id resolves to the file's `use`s, then the file's namespace, then
the prelude.  Every id a lookup tried is recorded so that the workspace knows
which files to re-resolve when a definition appears or goes away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from witsmith.model.smithy import FileSummary, Reference, TraitUse
from witsmith.model.smithy.builtin import PRELUDE_NAMESPACE


@dataclass(slots=True)
class Resolved:
    reference: Reference
    target: str | None  # the absolute id (with `$member` when the reference names one)
    # The absolute ids tried, for the dependency index.
    tried: tuple[str, ...] = ()


@dataclass
class ResolvedFile:
    references: list[Resolved] = field(default_factory=list)
    # Trait applications with their resolved trait id (None when unresolved).
    traits: list[tuple[TraitUse, str | None, str]] = field(default_factory=list)
    # The resolved ids among `traits`, made when first asked for (see `trait_ids`).
    _trait_ids: frozenset[str] | None = field(default=None, repr=False, compare=False)

    def trait_ids(self) -> frozenset[str]:
        """Every trait id the file applies: a rule about a few traits skips a file that applies
        none of them without walking its shapes and members."""
        if self._trait_ids is None:
            self._trait_ids = frozenset(trait_id for _, trait_id, _ in self.traits if trait_id is not None)
        return self._trait_ids

    def at(self, offset: int) -> Resolved | None:
        best = None
        for resolved in self.references:
            ref = resolved.reference
            if ref.start <= offset <= ref.end and (best is None or ref.end - ref.start < best.reference.end - best.reference.start):
                best = resolved
        return best


def split_id(text: str) -> tuple[str | None, str, str | None]:
    """(namespace or None, name, member or None) of a shape id as written."""
    namespace = None
    if "#" in text:
        namespace, text = text.split("#", 1)
    member = None
    if "$" in text:
        text, member = text.split("$", 1)
    return namespace, text, member


def uses_by_name(summary: FileSummary) -> dict[str, str]:
    result: dict[str, str] = {}
    for use in summary.uses:
        namespace, name, _ = split_id(use.text)
        if namespace is not None and name not in result:
            result[name] = f"{namespace}#{name}"
    return result


def candidates(summary: FileSummary, text: str, uses: dict[str, str]) -> list[str]:
    """The shape-level absolute ids a reference may mean, in resolution order."""
    namespace, name, _ = split_id(text)
    if namespace is not None:
        return [f"{namespace}#{name}"]
    if name in uses:
        return [uses[name]]
    result = []
    if summary.namespace is not None:
        result.append(f"{summary.namespace.text}#{name}")
    result.append(f"{PRELUDE_NAMESPACE}#{name}")
    return result


def with_member(shape_id: str, text: str) -> str:
    _, _, member = split_id(text)
    return f"{shape_id}${member}" if member else shape_id
