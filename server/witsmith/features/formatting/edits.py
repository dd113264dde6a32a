"""The smallest set of edits that turns one text into another, in byte offsets of the old text.

Editors keep cursors, folds and marks on the lines an edit does not touch, so a
formatter answers with the changed lines only, never one whole-document replacement.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ByteEdit:
    """Replace the bytes ``[start, end)`` of the old text (UTF-8) with ``new_text``."""

    start: int
    end: int
    new_text: str


def _line_offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")))
    return offsets


def minimal_edits(old: str, new: str) -> list[ByteEdit]:
    """Edits over whole lines of ``old`` (sorted, not overlapping) that produce ``new``."""
    if old == new:
        return []
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    # Compare only what lies between the common first and last lines: formatting after an
    # edit usually changes a few lines of a long file.
    head = 0
    limit = min(len(old_lines), len(new_lines))
    while head < limit and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while tail < limit - head and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    old_middle = old_lines[head : len(old_lines) - tail]
    new_middle = new_lines[head : len(new_lines) - tail]
    start = len("".join(old_lines[:head]).encode("utf-8"))
    offsets = [0] * head + [start + offset for offset in _line_offsets(old_middle)]
    matcher = difflib.SequenceMatcher(None, old_middle, new_middle, autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        i1, i2, j1, j2 = i1 + head, i2 + head, j1 + head, j2 + head
        if tag == "replace" and i2 - i1 == j2 - j1:
            # Line for line: one edit a line, so a range can take some lines and not others.
            for offset in range(i2 - i1):
                if old_lines[i1 + offset] != new_lines[j1 + offset]:
                    edits.append(ByteEdit(offsets[i1 + offset], offsets[i1 + offset + 1], new_lines[j1 + offset]))
        elif tag != "equal":
            edits.append(ByteEdit(offsets[i1], offsets[i2], "".join(new_lines[j1:j2])))
    return edits


def apply_edits(old: str, edits: list[ByteEdit]) -> str:
    """``old`` with ``edits`` applied (they must be sorted and not overlap)."""
    data = old.encode("utf-8")
    out = []
    position = 0
    for edit in edits:
        out.append(data[position : edit.start])
        out.append(edit.new_text.encode("utf-8"))
        position = edit.end
    out.append(data[position:])
    return b"".join(out).decode("utf-8")
