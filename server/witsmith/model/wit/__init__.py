"""The WIT model: a per-file summary of packages, interfaces, worlds, types and
references, extracted from the syntax tree without looking at other files."""

from witsmith.model.wit.extract import summarize
from witsmith.model.wit.summary import (
    FileSummary, Func, Gate, Identifier, Include, IncludeName, Interface, Member, PackageName,
    PackageUnit, TopUse, TypeDef, TypeExpr, Use, UseName, UsePath, World, WorldItem,
)

__all__ = [
    "FileSummary", "Func", "Gate", "Identifier", "Include", "IncludeName", "Interface", "Member",
    "PackageName", "PackageUnit", "TopUse", "TypeDef", "TypeExpr", "Use", "UseName", "UsePath",
    "World", "WorldItem", "summarize",
]
