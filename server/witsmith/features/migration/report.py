"""What a migration tells its user: the notes on each package, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from witsmith.features.migration.wit import Package

# Note kinds, in the order the report lists them.
NOTE_KINDS = (
    "unsupported",  # no WIT equivalent: a placeholder the user must decide
    "recursive",  # WIT types cannot refer to themselves: the reference became a placeholder
    "documented-failure",  # no @error shape, but the documentation speaks of failure: result<T, string>
    "int-enum",  # an intEnum became an enum: the integer values are listed here
    "timestamp",  # a Smithy timestamp became a record
    "renamed",  # two names met in kebab-case: one got a suffix
    "no-world",  # a service without providerReceive/actorReceive is in no world
    "not-migrated",  # resources, streams and other parts with no counterpart
    "trait",  # traits with no WIT meaning
)


@dataclass(frozen=True)
class Note:
    kind: str  # one of NOTE_KINDS
    shape: str  # the Smithy shape (or member) id the note is about, or "" for the package
    message: str


@dataclass(frozen=True)
class OperationAdvice:
    operation: str  # the Smithy operation name
    replacement: str | None  # e.g. `wasi:keyvalue/store.bucket.get`; None: no counterpart
    remark: str = ""


@dataclass(frozen=True)
class Advice:
    """Phase 2: the standard (or wasmCloud 1.x) interface that replaces a well-known contract."""

    contract: str
    replacement: str
    summary: str
    operations: tuple[OperationAdvice, ...] = ()


@dataclass
class PackageResult:
    package: Package
    text: str
    file_name: str  # relative to the output folder
    contract: str | None  # the @wasmbus contractId, when the services declare one
    services: list[str] = field(default_factory=list)  # Smithy service ids
    notes: list[Note] = field(default_factory=list)
    advice: Advice | None = None

    def notes_of(self, kind: str) -> list[Note]:
        return [note for note in self.notes if note.kind == kind]


@dataclass
class Migration:
    packages: list[PackageResult] = field(default_factory=list)
    # Namespaces not migrated, and files with syntax errors (kind "syntax-error"), and why.
    skipped: list[Note] = field(default_factory=list)
