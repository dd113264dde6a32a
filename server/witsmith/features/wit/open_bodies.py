"""Which bodies are open at a place of a WIT text (interface, world, record, `use x.{`,
...), read from the text alone so that it works on half-typed, syntax-broken lines.

Reading a long file from the top on every completion request would not fit between
keystrokes, so a `BodyScanner` keeps the state of the scan at points of the text
(checkpoints, one every so many bytes, just after a `;` or `}` outside comments).
The state at such a point depends on the text before it alone.  After an edit, the
points before it still hold; those after it are kept aside, moved by the edit's
length, and taken back when a later scan reaches one of them in the same state: the
text after it is unchanged, so every later point of the same run holds again.  A
request therefore reads at most a few checkpoints' worth of text, wherever the edit
and the cursor are.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_GATES = re.compile(r"^(?:\s*@[A-Za-z_-]+\s*(?:\([^)]*\))?)*\s*")
_BLOCK_COMMENT_MARKS = re.compile(rb"//|/\*|\*/")
_STRUCTURE = re.compile(rb"[{};()<>,]")

CHECKPOINT_BYTES = 4096


@dataclass
class Frame:
    kind: str  # top, interface, world, record, variant, enum, flags, resource, use-names, include-with, other
    name: str = ""
    statement: int = 0  # where the current statement of this body starts
    opened: int = 0  # just after the `{`
    depth: list[int] = field(default_factory=lambda: [0, 0])  # open ( and < in the current statement


def blank_comments(source: bytes) -> bytes:
    """The source with comments replaced by spaces (offsets and line ends unchanged)."""
    if b"/" not in source:
        return source
    out = bytearray(source)
    at, n = 0, len(source)
    while at < n:
        start = source.find(b"/", at)
        if start < 0 or start + 1 >= n:
            break
        follow = source[start + 1:start + 2]
        if follow == b"/":
            end = source.find(b"\n", start)
            end = n if end < 0 else end
        elif follow == b"*":
            depth, end = 1, start + 2
            for mark in _BLOCK_COMMENT_MARKS.finditer(source, end):
                if mark.group() == b"/*":
                    depth += 1
                elif mark.group() == b"*/":
                    depth -= 1
                    if depth == 0:
                        end = mark.end()
                        break
            else:
                end = n
        else:
            at = start + 1
            continue
        out[start:end] = re.sub(rb"[^\n]", b" ", source[start:end])
        at = end
    return bytes(out)


def frame_kind(statement: str) -> tuple[str, str]:
    """What a `{` opens, from the statement before it."""
    text = _GATES.sub("", statement, count=1).strip()
    words = text.split()
    name = words[1].lstrip("%") if len(words) > 1 else ""
    head = words[0] if words else ""
    if head == "package":
        return "top", name
    if head in ("interface", "world", "record", "variant", "enum", "flags", "resource"):
        return head, name
    if head == "use" and text.endswith("."):
        return "use-names", text[3:-1].strip()
    if head == "include" and re.search(r"\bwith$", text):
        return "include-with", text[len("include"):-len("with")].strip()
    if head in ("import", "export") and re.search(r"\binterface$", text):
        return "interface", ""
    return "other", ""


def copy_stack(stack: list[Frame]) -> list[Frame]:
    return [Frame(f.kind, f.name, f.statement, f.opened, list(f.depth)) for f in stack]


def common_prefix(a: bytes, b: bytes) -> int:
    """The length of the longest common prefix of two texts (in C-speed comparisons)."""
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    low, high = 0, n  # a[:low] == b[:low], a[:high] != b[:high]
    while high - low > 1:
        middle = (low + high) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle
    return low


def common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """The length of the longest common suffix of two texts, at most ``limit``."""
    n = min(len(a), len(b), limit)
    if a[len(a) - n:] == b[len(b) - n:]:
        return n
    low, high = 0, n  # the last ``low`` bytes agree, the last ``high`` do not
    while high - low > 1:
        middle = (low + high) // 2
        if a[len(a) - middle:len(a) - low] == b[len(b) - middle:len(b) - low]:
            low = middle
        else:
            high = middle
    return low


Point = tuple[int, list[Frame]]


def _moved(point: Point, same: int, old_end: int, delta: int) -> Point | None:
    """A point after an edit, with the offsets its state holds moved; None when the
    state holds an offset inside the edited text."""
    def move(offset: int) -> int | None:
        if offset <= same:
            return offset
        if offset >= old_end:
            return offset + delta
        return None

    stack = []
    for frame in point[1]:
        statement, opened = move(frame.statement), move(frame.opened)
        if statement is None or opened is None:
            return None
        stack.append(Frame(frame.kind, frame.name, statement, opened, list(frame.depth)))
    return point[0] + delta, stack


class BodyScanner:
    """The bodies open at places of one file's text, read from checkpoints."""

    def __init__(self) -> None:
        self.source = b""
        self.points: list[Point] = []  # states of ``source``, by offset
        # Runs of points from before edits, moved to where they are now: each holds if
        # its first point does (the text between its points is unchanged).
        self.pending: list[list[Point]] = []
        self.read = 0  # bytes scanned (for tests)

    def _rebase(self, source: bytes) -> None:
        old = self.source
        same = common_prefix(old, source)
        tail = common_suffix(old, source, min(len(old), len(source)) - same)
        old_end, delta = len(old) - tail, len(source) - len(old)
        self.source = source
        if old_end == same and delta == 0:
            return
        kept = [p for p in self.points if p[0] <= same]
        runs = []
        for run in [self.points[len(kept):], *self.pending]:
            before = [p for p in run if p[0] <= same]
            after = [moved for p in run if p[0] >= old_end
                     for moved in [_moved(p, same, old_end, delta)] if moved is not None]
            runs.extend(r for r in (before, after) if r)
        self.points = kept
        self.pending = sorted((r for r in runs if r[0][0] > (kept[-1][0] if kept else 0)), key=lambda r: r[0][0])

    def frames(self, source: bytes, end: int) -> list[Frame]:
        """The bodies open at ``end`` of ``source`` (comments ignored), outermost first."""
        if source is not self.source:
            self._rebase(source)
        at = bisect.bisect_right(self.points, end, key=lambda p: p[0]) - 1
        begin, stack = (self.points[at][0], copy_stack(self.points[at][1])) if at >= 0 else (0, [Frame("top")])
        while True:
            resumed = self._scan(source, begin, end, stack)
            if resumed is None:
                return stack
            begin, stack = resumed

    def _scan(self, source: bytes, begin: int, end: int, stack: list[Frame]) -> Point | None:
        """Scan from ``begin`` (where ``stack`` holds) to ``end``; the point to go on
        from when a run of earlier points is taken back on the way."""
        text = blank_comments(source[begin:end])
        # Runs of earlier points ahead that this scan may meet.
        ahead = [run for run in self.pending if begin < run[0][0] <= end]
        last = begin
        for mark in _STRUCTURE.finditer(text):
            i, c = begin + mark.start(), mark.group()
            frame = stack[-1]
            if c == b"{":
                kind, name = frame_kind(self._piece(source, text, begin, frame.statement, i))
                stack.append(Frame(kind, name, i + 1, i + 1))
            elif c == b"}":
                if len(stack) > 1:
                    popped = stack.pop()
                    parent = stack[-1]
                    if popped.kind != "use-names":
                        parent.statement, parent.depth = i + 1, [0, 0]
            elif c == b";":
                frame.statement, frame.depth = i + 1, [0, 0]
            elif c == b"(":
                frame.depth[0] += 1
            elif c == b")":
                frame.depth[0] = max(0, frame.depth[0] - 1)
            elif c == b"<":
                frame.depth[1] += 1
            elif c == b">" and source[i - 1:i] != b"-":
                frame.depth[1] = max(0, frame.depth[1] - 1)
            elif c == b"," and frame.kind in ("record", "variant", "enum", "flags", "use-names", "include-with") \
                    and frame.depth == [0, 0]:
                frame.statement = i + 1
            if c not in b";}":
                continue
            while ahead and ahead[0][0][0] < i + 1:  # passed without meeting it: it no longer holds
                self.pending.remove(ahead.pop(0))
            if ahead and ahead[0][0][0] == i + 1:
                run = ahead.pop(0)
                self.pending.remove(run)
                if run[0][1] == stack:  # the same state, and the same text after it
                    self.read += i + 1 - begin
                    self._keep(run)
                    at = bisect.bisect_right(self.points, end, key=lambda p: p[0]) - 1
                    return self.points[at][0], copy_stack(self.points[at][1])
            if i + 1 - last >= CHECKPOINT_BYTES:
                last = i + 1  # the state here depends on the text before it alone
                self._keep([(last, copy_stack(stack))])
        for run in ahead:  # met nowhere on the way: they no longer hold
            self.pending.remove(run)
        self.read += end - begin
        return None

    def _keep(self, points: list[Point]) -> None:
        at = bisect.bisect_left(self.points, points[0][0], key=lambda p: p[0])
        self.points[at:at] = points

    @staticmethod
    def _piece(source: bytes, text: bytes, begin: int, start: int, end: int) -> str:
        """The text between two offsets with comments blanked (``text`` is blanked from
        ``begin``; a statement may start before it, at a place outside comments too)."""
        piece = text[start - begin:end - begin] if start >= begin else blank_comments(source[start:end])
        return piece.decode("utf-8", errors="replace")
