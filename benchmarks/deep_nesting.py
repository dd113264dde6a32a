"""Files nested 10,000 levels deep: the time to parse them and list their syntax
diagnostics, now that a pre-scan stops the parse at the bracket that nests past `MAX_NESTING`.

`--whole` also times tree-sitter on the whole text, as it ran before the pre-scan
(seconds: its time grows with the square of the depth).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import tree_sitter

from witsmith.features.diagnostics import syntax_diagnostics
from witsmith.syntax import language, parse

DEPTH = 10_000

CASES = {
    "Smithy objects in a trait": ("smithy", '$version: "2"\nnamespace a.deep\n@tags(' + "{a: " * DEPTH + '"x"'
                                  + "}" * DEPTH + ")\nstructure A {}\n"),
    "Smithy inline structures": ("smithy", '$version: "2"\nnamespace a.deep\noperation O { input := '
                                 + "{ a: { " * DEPTH + "}" * DEPTH + "}\n"),
    "WIT types": ("wit", "package a:deep;\ninterface i {\n type t = " + "list<" * DEPTH + "u8" + ">" * DEPTH + ";\n}\n"),
}


def run(whole: bool = False) -> list[dict]:
    rows = []
    for label, (lang, text) in CASES.items():
        source = text.encode()
        began = time.perf_counter()
        tree = parse(lang, source)
        found = syntax_diagnostics(Path(f"deep.{lang}"), tree)
        seconds = time.perf_counter() - began
        detail = {"diagnostics": len(found), "cut_at": tree.too_deep_at}
        if whole:
            began = time.perf_counter()
            tree_sitter.Parser(language(lang)).parse(source)
            detail["whole_text_seconds"] = round(time.perf_counter() - began, 2)
        rows.append({"benchmark": f"{DEPTH:,} levels deep, {label}", "value": round(seconds * 1e3, 1),
                     "unit": "ms", "detail": detail})
    return rows


if __name__ == "__main__":
    for row in run(whole="--whole" in sys.argv):
        extra = (f", the whole text in tree-sitter {row['detail']['whole_text_seconds']} s"
                 if "whole_text_seconds" in row["detail"] else "")
        print(f"{row['benchmark']}: {row['value']} {row['unit']} to parse and list "
              f"{row['detail']['diagnostics']} syntax diagnostics{extra}")
