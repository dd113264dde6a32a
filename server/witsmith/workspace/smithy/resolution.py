"""Resolving shape ids written in a file, in the specification's order.

A relative id resolves to the file's `use`s, then the file's namespace, then
the prelude.  Every id a lookup tried is recorded so that the workspace knows
which files to re-resolve when a definition appears or goes away.
"""

from __future__ import annotations

from bisect import bisect_right
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
    # The references ordered by where they start, made when first asked for (see `at`);
    # the references are complete by then (the workspace builds a file's, then stores it).
    _by_start: tuple[list[int], list[int], int] | None = field(default=None, repr=False, compare=False)

    def trait_ids(self) -> frozenset[str]:
        """Every trait id the file applies: a rule about a few traits skips a file that applies
        none of them without walking its shapes and members."""
        if self._trait_ids is None:
            self._trait_ids = frozenset(trait_id for _, trait_id, _ in self.traits if trait_id is not None)
        return self._trait_ids

    def at(self, offset: int) -> Resolved | None:
        """The shortest reference whose range holds ``offset`` (the first of equals)."""
        if self._by_start is None:
            self._by_start = _ordered_by_start(self.references)
        order, starts, longest = self._by_start
        references = self.references
        best, best_length, best_index = None, 0, 0
        # Only references starting within `longest` bytes before `offset` can hold it.
        position = bisect_right(starts, offset) - 1
        while position >= 0 and starts[position] >= offset - longest:
            index = order[position]
            ref = references[index].reference
            length = ref.end - ref.start
            if offset <= ref.end and (best is None or length < best_length or length == best_length and index < best_index):
                best, best_length, best_index = references[index], length, index
            position -= 1
        return best


def _ordered_by_start(references: list[Resolved]) -> tuple[list[int], list[int], int]:
    """The references' positions in order of where they start, those starts, and the
    longest reference's length: a lookup by offset is a bisection, where a scan of
    every reference took milliseconds in a model of tens of thousands (per hover)."""
    starts = [resolved.reference.start for resolved in references]
    order = sorted(range(len(starts)), key=starts.__getitem__)  # nearly in order already: one pass
    longest = max((resolved.reference.end - resolved.reference.start for resolved in references), default=0)
    return order, [starts[index] for index in order], longest


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
