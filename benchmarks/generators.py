"""Seeded, deterministic generators of large Smithy and WIT sources for benchmarks."""

from __future__ import annotations

import random

SMITHY_SIMPLE = ["String", "Integer", "Long", "Boolean", "Timestamp", "Blob", "Double"]
WIT_PRIMITIVES = ["u8", "u32", "u64", "s32", "f64", "string", "bool", "char"]


def smithy_model(lines: int, seed: int = 1) -> str:
    """A Smithy 2.0 model of about ``lines`` lines: structures, lists, enums, operations."""
    rng = random.Random(seed)
    out = ['$version: "2"', "", "namespace example.bench", ""]
    structures: list[str] = []
    index = 0
    while len(out) < lines:
        index += 1
        kind = rng.random()
        if kind < 0.6 or not structures:
            name = f"Record{index}"
            out.append(f"/// Documentation for {name}.")
            out.append('@documentation("extra")' if rng.random() < 0.2 else "@sensitive" if rng.random() < 0.1 else "@tags([\"a\", \"b\"])")
            out.append(f"structure {name} {{")
            for member in range(rng.randint(2, 8)):
                target = rng.choice(SMITHY_SIMPLE + structures[-5:])
                if rng.random() < 0.3:
                    out.append("    @required")
                out.append(f"    field{member}: {target}")
            out.append("}")
            structures.append(name)
        elif kind < 0.75:
            out.append(f"list List{index} {{")
            out.append(f"    member: {rng.choice(structures)}")
            out.append("}")
        elif kind < 0.9:
            out.append(f"enum Choice{index} {{")
            for case in range(rng.randint(2, 6)):
                out.append(f'    CASE_{case} = "case-{case}"')
            out.append("}")
        else:
            out.append(f"operation Do{index} {{")
            out.append("    input := {")
            out.append(f"        item: {rng.choice(structures)}")
            out.append("    }")
            out.append("    output := {")
            out.append(f"        result: {rng.choice(structures)}")
            out.append("    }")
            out.append("}")
        out.append("")
    return "\n".join(out) + "\n"


def wit_package(lines: int, seed: int = 1) -> str:
    """A WIT package of about ``lines`` lines: interfaces with records, variants and functions."""
    rng = random.Random(seed)
    out = ["package example:bench@1.0.0;", ""]
    index = 0
    while len(out) < lines:
        index += 1
        out.append(f"/// Interface number {index}.")
        out.append(f"interface iface{index} {{")
        if index > 1:
            out.append(f"    use iface{index - 1}.{{rec{index - 1}}};")
        types: list[str] = []
        for item in range(rng.randint(3, 8)):
            kind = rng.random()
            name = f"t{index}-{item}"
            if kind < 0.4:
                out.append(f"    record {name} {{")
                for field in range(rng.randint(2, 6)):
                    out.append(f"        f{field}: {rng.choice(WIT_PRIMITIVES + types)},")
                out.append("    }")
            elif kind < 0.6:
                out.append(f"    variant {name} {{")
                for case in range(rng.randint(2, 5)):
                    out.append(f"        c{case}({rng.choice(WIT_PRIMITIVES)}),")
                out.append("    }")
            elif kind < 0.75:
                out.append(f"    enum {name} {{ a, b, c }}")
            else:
                out.append(f"    type {name} = list<{rng.choice(WIT_PRIMITIVES)}>;")
            types.append(name)
        out.append(f"    record rec{index} {{ value: {rng.choice(types)} }}")
        for func in range(rng.randint(2, 5)):
            out.append(f"    /// Function {func}.")
            out.append(
                f"    fn{func}: func(a: {rng.choice(types)}, b: option<string>) -> result<{rng.choice(types)}, string>;"
            )
        out.append("}")
        out.append("")
    out.append("world bench {")
    for i in range(1, index + 1, max(1, index // 20)):
        out.append(f"    export iface{i};")
    out.append("}")
    return "\n".join(out) + "\n"


def wit_interface(lines: int, seed: int = 1) -> str:
    """One WIT interface of about ``lines`` lines: records, variants, enums and functions
    that refer to the types declared before them."""
    rng = random.Random(seed)
    out = ["package example:single@1.0.0;", "", "interface big {"]
    types: list[str] = []
    index = 0
    while len(out) < lines - 1:
        index += 1
        name = f"item{index}"
        kind = rng.random()
        if kind < 0.45:
            out.append(f"    record {name} {{")
            for field in range(rng.randint(2, 6)):
                out.append(f"        f{field}: {rng.choice(WIT_PRIMITIVES + types[-10:])},")
            out.append("    }")
            types.append(name)
        elif kind < 0.6:
            out.append(f"    variant {name} {{")
            for case in range(rng.randint(2, 4)):
                out.append(f"        c{case}({rng.choice(WIT_PRIMITIVES)}),")
            out.append("    }")
            types.append(name)
        elif kind < 0.7:
            out.append(f"    enum {name} {{ a, b, c }}")
            types.append(name)
        elif types:
            out.append(f"    /// Function {index}.")
            out.append(f"    fn{index}: func(a: {rng.choice(types[-20:])}, b: option<string>) -> result<{rng.choice(types[-20:])}, string>;")
        out.append("")
    out.append("}")
    return "\n".join(out) + "\n"
