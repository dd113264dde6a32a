"""Common WIT mistakes whose raw syntax error says little: explain them in words.

The parser sees a `package greeter;` or a `record` outside an interface only as an
unexpected token somewhere after it.  These checks read the source around a syntax
error and, when it is one of these mistakes, say what is wrong and how to write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PACKAGE_WITHOUT_NAMESPACE = re.compile(rb"^[ \t]*package[ \t]+(%?[A-Za-z][\w-]*)[ \t]*(@[^;\s{]*)?[ \t]*[;{]", re.MULTILINE)
TWO_PART_VERSION = re.compile(rb"@(\d+)\.(\d+)(?![\w.-])")
TOP_LEVEL_ITEM = re.compile(rb"(?<![\w-])(record|variant|enum|flags|resource|type)[ \t]+(%?[A-Za-z][\w-]*)")
PACKAGE_NAME_MESSAGE = "a package name is `namespace:name`"
INTERFACE_ITEMS = "`record`, `variant`, `enum`, `flags`, `resource` and `type`"


@dataclass(frozen=True)
class Explained:
    start: int
    end: int
    message: str
    replacement: str | None = None  # a quick fix for the range, when the right text is certain


def _line_of(source: bytes, offset: int) -> tuple[int, int]:
    start = source.rfind(b"\n", 0, offset) + 1
    end = source.find(b"\n", offset)
    return start, len(source) if end < 0 else end


def _depths(source: bytes) -> list[int]:
    """Brace depth before each byte, skipping `//` and `/* */` comments (WIT has no strings with braces)."""
    depths = [0] * (len(source) + 1)
    depth, i, n = 0, 0, len(source)
    while i < n:
        if source.startswith(b"//", i):
            end = source.find(b"\n", i)
            end = n if end < 0 else end
            for j in range(i, end):
                depths[j] = depth
            i = end
            continue
        if source.startswith(b"/*", i):
            end = source.find(b"*/", i + 2)
            end = n if end < 0 else end + 2
            for j in range(i, end):
                depths[j] = depth
            i = end
            continue
        depths[i] = depth
        if source[i:i + 1] == b"{":
            depth += 1
        elif source[i:i + 1] == b"}":
            depth = max(depth - 1, 0)
        i += 1
    depths[n] = depth
    return depths


def explain(source: bytes, errors: list[tuple[int, int]]) -> dict[int, Explained]:
    """For syntax errors (start, end) that come from a known mistake: index -> explanation."""
    if not errors:
        return {}
    result: dict[int, Explained] = {}
    for index, (start, end) in enumerate(errors):
        line_start, line_end = _line_of(source, start)
        line = source[line_start:line_end]
        version = TWO_PART_VERSION.search(line)
        if version is not None:
            begin, finish = line_start + version.start(), line_start + version.end()
            major, minor = version.group(1).decode(), version.group(2).decode()
            result[index] = Explained(begin, finish,
                                      f"a WIT version has three parts, major.minor.patch: write `@{major}.{minor}.0`",
                                      f"@{major}.{minor}.0")
    package = PACKAGE_WITHOUT_NAMESPACE.search(source)
    if package is not None and b":" not in package.group(0):
        name = package.group(1).decode(errors="replace").lstrip("%")
        first = package.start(1)
        line_end = _line_of(source, first)[1]
        for index, (start, _end) in enumerate(errors):
            if package.start() <= start <= line_end:
                result[index] = Explained(first, package.end(1),
                                          f"{PACKAGE_NAME_MESSAGE}, e.g. `example:{name}`: "
                                          f"write `package example:{name};` with your own namespace")
                break
    depths = None
    for item in TOP_LEVEL_ITEM.finditer(source):
        if depths is None:
            depths = _depths(source)
        if depths[item.start()] != 0 or _line_has_comment_before(source, item.start()):
            continue
        # The item runs to its closing brace (or to the end of its line for `type x = ...;`).
        after = source.find(b"{", item.end())
        stop = _closing(source, after, depths) if after >= 0 and source.find(b";", item.end()) not in range(item.end(), after) \
            else _line_of(source, item.start())[1]
        for index, (start, _end) in enumerate(errors):
            if item.start() <= start <= stop and index not in result:
                keyword = item.group(1).decode()
                result[index] = Explained(
                    item.start(), item.end(1),
                    f"`{keyword}` must be inside an `interface` (or a `world`), not at the top of the file: "
                    f"{INTERFACE_ITEMS} are interface items; wrap it: `interface types {{ {keyword} ... }}`")
    return result


def _line_has_comment_before(source: bytes, offset: int) -> bool:
    line_start, _ = _line_of(source, offset)
    return b"//" in source[line_start:offset]


def _closing(source: bytes, open_at: int, depths: list[int]) -> int:
    level = depths[open_at]
    for i in range(open_at + 1, len(source)):
        if source[i:i + 1] == b"}" and depths[i] == level + 1:
            return i
    return len(source)
