"""A file that stops in the middle of a declaration.

wit-parser reads a file token by token and, when the text is a correct beginning
that simply ends too early (a missing `}` or `;` at the end of a file, or a file
cut where the next file of the package was meant to go on), reports
"found eof" on the end of the file.  Tree-sitter instead marks the unfinished
construct, often several lines up.  To report such a file as wit-parser does, we
check that the text *is* a correct beginning: closing its open brackets (with a
`;` where one is due) must give a tree without errors.
"""

from __future__ import annotations

import tree_sitter

from witsmith.syntax import parse

_CLOSERS = {b"{": b"}", b"(": b")", b"<": b">"}
_TRIVIA = ("comment", "doc_comment")
# A file nested deeper than this is not completed (wit-parser limits nesting too).
_MAX_OPEN = 120


def _leaves(node: tree_sitter.Node):
    stack = [node]
    while stack:
        current = stack.pop()
        if current.child_count == 0:
            yield current
        else:
            stack.extend(reversed(current.children))


def _open_brackets(root: tree_sitter.Node) -> list[bytes] | None:
    """The closers still owed at the end of the text, innermost last (None if unbalanced)."""
    owed: list[bytes] = []
    for leaf in _leaves(root):
        if leaf.is_missing or leaf.type in _TRIVIA:
            continue
        token = leaf.type.encode()
        if token in _CLOSERS:
            owed.append(_CLOSERS[token])
        elif token in (b"}", b")", b">"):
            if not owed or owed[-1] != token:
                return None
            owed.pop()
        if len(owed) > _MAX_OPEN:
            return None
    return owed


def _completions(owed: list[bytes]):
    closers = list(reversed(owed))
    yield b"".join(closers)
    for at in range(len(closers) + 1):  # a `;` is due before one of the closers
        yield b"".join(closers[:at]) + b";" + b"".join(closers[at:])
    for at in range(len(closers) + 1):  # a name and a `;`: `use a.{`, `f: func() -> `
        yield b"".join(closers[:at]) + b" x;" + b"".join(closers[at:])


def _damaged_at_end(root: tree_sitter.Node) -> bool:
    """Whether the last thing in the file is an error or a missing token: the only
    case worth completing (and cheap to find, so keystrokes pay little)."""
    node = root
    while node.child_count:
        children = [c for c in node.children if c.type not in _TRIVIA]
        if not children:
            return False
        node = children[-1]
        if node.is_error or node.is_missing:
            return True
    return False


def ends_too_early(root: tree_sitter.Node) -> bytes | None:
    """When the text is correct but unfinished, the token wit-parser expects at its end."""
    if not root.has_error or not _damaged_at_end(root):
        return None
    source = root.text or b""
    owed = _open_brackets(root)
    if owed is None:
        return None
    for completion in _completions(owed):
        if not parse("wit", source + b"\n" + completion + b"\n").root.has_error:
            return completion.strip()[:1]
    return None
