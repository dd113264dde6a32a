"""Every WIT (and WIT-related wasmCloud) rule, declared once with its default severity."""

from __future__ import annotations

from witsmith.diagnostics import Rule, Severity, rule

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFORMATION

WIT_RULES: dict[str, Rule] = {r.code: r for r in (
    rule("wit/syntax-error", E, "The text is not valid WIT syntax."),
    rule("wit/unknown-type", E, "A type name does not resolve to any type in scope."),
    rule("wit/unknown-interface", E, "An interface or world name does not resolve."),
    rule("wit/unknown-use-name", E, "A name imported with `use` does not exist in the interface."),
    rule("wit/wrong-kind", E, "A name resolves to the wrong kind of item (a world where an interface is needed, a function used as a type...)."),
    rule("wit/duplicate-name", E, "Two items, members or parameters share a name (compared case-insensitively)."),
    rule("wit/use-shadows-type", W, "A `use` brings in a name already given to a type above it, which is dropped."),
    rule("wit/missing-package-declaration", E, "No file of a package declares its `package` name."),
    rule("wit/package-mismatch", E, "Files of one package declare different package names."),
    rule("wit/missing-package", E, "A referenced package is not present in deps/."),
    rule("wit/unverified-package", Severity.HINT, "A package may come from a compiled deps/ entry witsmith does not read."),
    rule("wit/duplicate-package", E, "The same package is provided twice."),
    rule("wit/package-cycle", E, "Packages depend on each other in a cycle."),
    rule("wit/invalid-identifier", E, "A name is not kebab-case with all-lower or all-upper words."),
    rule("wit/invalid-version", E, "A version is not a valid semantic version."),
    rule("wit/type-cycle", E, "A type contains itself."),
    rule("wit/use-cycle", E, "Interfaces `use` each other, or worlds include each other, in a cycle."),
    rule("wit/empty-type", E, "A record, variant, enum, flags or tuple has no members."),
    rule("wit/handle-not-resource", E, "`own<T>` or `borrow<T>` names a type that is not a resource."),
    rule("wit/invalid-map-key", E, "A map key type is not a primitive allowed as a key."),
    rule("wit/constructor-result", E, "A constructor's declared result is not `result<the-resource, E>`."),
    rule("wit/duplicate-constructor", E, "A resource has more than one constructor."),
    rule("wit/return-borrow", E, "A function returns a type containing `borrow<T>`."),
    rule("wit/world-name-conflict", E, "A world imports or exports two things under one name."),
    rule("wit/import-export-conflict", E, "An interface a world imports depends on an interface the world exports."),
    rule("wit/include-with", E, "An `include ... with { a as b }` renames a name the included world lacks."),
    rule("wit/unreleased-since", E, "`@since` names a version newer than the package's."),
    rule("wit/since-unversioned", E, "`@since` is used in a package without a version."),
    rule("wit/conflicting-gates", E, "An item is both `@since` and `@unstable`."),
    rule("wit/misplaced-gate", E, "A gate on a record field, variant case, enum case, flag or top-level `use`."),
    rule("wit/duplicate-gate", E, "The same gate is repeated on an item."),
    rule("wit/deprecated-without-since", E, "`@deprecated` without `@since` or `@unstable`."),
    rule("wit/unstable-reference", E, "A reference to an item whose `@unstable` feature is not enabled."),
    rule("wit/legacy-named-results", E, "Old-style named results `-> (a: T)`."),
    rule("wit/nested-package", E, "A package block inside another package block."),
    rule("wit/path-outside-workspace", E, "A project file points at a folder outside the workspace, which witsmith does not read."),
    rule("wit/internal-error", E, "witsmith failed on this file; please report it."),
    rule("wasmcloud/stubbed-wasi-import", I, "The world imports a WASI package that wasmCloud hosts only stub out."),
    rule("wasmcloud/not-host-provided", I, "The world imports a standard interface the wasmCloud host does not implement."),
    rule("wasmcloud/unknown-wit-world", W, "wasmcloud.toml's `wit_world` names a world the package does not define."),
    rule("wasmcloud/draft-version", I, "The world imports a draft version of a package."),
)}
