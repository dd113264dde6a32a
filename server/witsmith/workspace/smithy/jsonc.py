"""JSON with `//` and `/* */` comments, as Smithy reads `smithy-build.json` and
`.smithy-project.json`.

Comments are replaced by spaces (newlines kept), so offsets into the cleaned text
are offsets into the original: diagnostics can point at the file as written.
"""

from __future__ import annotations

import json
from typing import Any


class JsoncError(ValueError):
    """Text that is not JSON even with comments removed; ``offset`` is where it fails."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def strip_comments(text: str) -> str:
    """``text`` with every comment outside strings blanked out, same length."""
    out: list[str] = []
    i, n = 0, len(text)
    start = 0  # start of the pending run copied as is
    while i < n:
        char = text[i]
        if char == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
        elif char == "/" and i + 1 < n and text[i + 1] == "/":
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(text[start:i])
            out.append(" " * (end - i))
            i = start = end
        elif char == "/" and i + 1 < n and text[i + 1] == "*":
            end = text.find("*/", i + 2)
            if end < 0:
                raise JsoncError("a /* comment is never closed with */", i)
            end += 2
            out.append(text[start:i])
            out.append("".join(c if c in "\r\n" else " " for c in text[i:end]))
            i = start = end
        else:
            i += 1
    out.append(text[start:])
    return "".join(out)


def loads(text: str) -> Any:
    """Parse JSON that may contain comments; raises JsoncError with an offset."""
    cleaned = strip_comments(text)
    try:
        return json.loads(cleaned)
    except json.JSONDecodeError as error:
        raise JsoncError(error.msg + f" (line {error.lineno}, column {error.colno})", error.pos) from None
