"""Smithy (wasmCloud 0.x contracts) to WIT (wasmCloud 1.x interfaces): phase 1 translates a
contract's services and shapes, phase 2 advises which standard interface replaces it."""

from witsmith.features.migration.plan import MigrationError, migrate, parse_package, translation_of
from witsmith.features.migration.report import Advice, Migration, Note, OperationAdvice, PackageResult

__all__ = ["Advice", "Migration", "MigrationError", "Note", "OperationAdvice", "PackageResult", "migrate",
           "parse_package", "translation_of"]
