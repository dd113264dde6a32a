"""Readable messages for syntax errors: say what was expected where, not "ERROR"."""

from __future__ import annotations

import re

import tree_sitter

from witsmith.features.wit.unterminated import ends_too_early
from witsmith.syntax import syntax_problems
from witsmith.workspace.wit.problems import closest

# What each construct is called in messages.
CONSTRUCTS = {
    "package_decl": "package declaration", "package_block": "package block", "package_name": "package name",
    "toplevel_use": "`use`", "use_item": "`use`", "use_path": "path", "use_name": "`use` name",
    "interface_item": "interface", "interface_body": "interface body", "world_item": "world",
    "world_body": "world body", "import_item": "import", "export_item": "export", "include_item": "include",
    "include_name": "`with` rename", "func_item": "function", "func_type": "function type",
    "param_list": "parameter list", "param": "parameter", "type_item": "type alias", "record_item": "record",
    "record_body": "record", "record_field": "record field", "variant_item": "variant", "variant_body": "variant",
    "variant_case": "variant case", "enum_item": "enum", "enum_body": "enum", "enum_case": "enum case",
    "flags_item": "flags", "flags_body": "flags", "flags_field": "flag", "resource_item": "resource",
    "resource_body": "resource", "constructor": "constructor", "resource_method": "method",
    "static_method": "static function", "list_type": "list type", "map_type": "map type",
    "option_type": "option type", "result_type": "result type", "tuple_type": "tuple type", "handle": "handle",
    "since_gate": "`@since` gate", "unstable_gate": "`@unstable` gate", "deprecated_gate": "`@deprecated` gate",
    "source_file": "file",
}
KEYWORDS = frozenset(
    "as async bool borrow char constructor enum error-context export f32 f64 flags from func future import "
    "include interface list map option own package record resource result s8 s16 s32 s64 static stream string "
    "tuple type u8 u16 u32 u64 use variant with world _".split())
_AFTER = {";", ")", "}", ">"}


def _construct(node: tree_sitter.Node | None) -> str:
    while node is not None:
        if node.type in CONSTRUCTS:
            return CONSTRUCTS[node.type]
        node = node.parent
    return "file"


def _first_word(text: str) -> str:
    word = ""
    for char in text:
        if char.isalnum() or char in "-_%":
            word += char
        else:
            break
    return word or text[:1]


def readable_problems(root: tree_sitter.Node, limit: int = 200) -> list[tuple[int, int, str, str | None]]:
    """(start, end, message, replacement or None) for each syntax error, in source order."""
    expected = ends_too_early(root)
    if expected is not None:
        # Correct so far but cut short: one error, at the end, where wit-parser reports it.
        end = root.end_byte
        what = "`;`" if expected == b";" else f"`{expected.decode()}`" if expected in b"})>" else "more"
        return [(end, end, f"the file ends before its last declaration is finished: expected {what} "
                           "(a declaration cannot go on in the next file)", None)]
    found = _forbidden_characters(root.text or b"")
    forbidden_at = {start for start, _, _, _ in found}
    damaged_from, too_deep = _nesting_too_deep(root) or (None, None)
    for problem in syntax_problems(root, limit):
        if problem.start_byte in forbidden_at:
            continue  # the character itself is already reported, more precisely
        if too_deep is not None and problem.start_byte >= damaged_from:
            # What follows is the parser's recovery from the refused `<`: not the user's doing.
            found.append(too_deep)
            too_deep = None
            break
        node = root.descendant_for_byte_range(problem.start_byte, problem.end_byte)
        if problem.missing:
            quoted = re.search(r"expected `([^`]+)`", problem.message)
            token = quoted.group(1) if quoted else None
            missing = _missing_at(root, problem.start_byte)
            where = _construct(missing.parent if missing is not None else node)
            if token in _AFTER:
                message = f"expected `{token}` after {where}"
            elif token:
                message = f"expected `{token}` in {where}"
            else:
                named = problem.message.removeprefix("syntax error: ").removesuffix(" here")
                message = f"{named} in {where}"
            # Right after the token it follows, not after the comments in between.
            at = _end_of_previous_token(root, problem.start_byte)
            found.append((at, max(problem.end_byte, at) if at == problem.start_byte else at, message, None))
            continue
        error = node
        while error is not None and not error.is_error:
            error = error.parent
        text = (error.text or b"").decode("utf-8", errors="replace").strip() if error is not None else ""
        where = _construct(error.parent if error is not None else None)
        if not text:
            message = f"unexpected end of input in {where}"
            found.append((problem.start_byte, problem.end_byte, message, None))
            continue
        word = _first_word(text)
        unknown = _unknown_attribute(error, root.text or b"")
        if unknown is not None:
            found.append(unknown)
            continue
        failure = _failure_token(error, root)
        if failure is not None and failure.start_byte > error.start_byte:
            # wit-parser names the token where the construct could not go on; so do we,
            # quoting the start of the construct it broke.
            found_text = (failure.text or b"").decode("utf-8", errors="replace") or "end of input"
            source = root.text or b""
            start_at = _after_gates(error)
            snippet = source[start_at:failure.start_byte].decode("utf-8", errors="replace").strip()
            if snippet.startswith("{") and len(snippet) > 1:
                snippet = snippet[1:].strip()  # the body's brace: the construct is inside it
            snippet = (snippet.splitlines() or [text])[0][:32]
            opened = re.fullmatch(r"(variant|record|enum|flags|resource|interface|world)\s+%?[\w-]+", snippet)
            if opened and found_text not in ("{", ";"):
                message = f"expected `{{` after `{snippet}`, found `{found_text}`: the body is missing its opening brace"
                fix = None
            elif source[:failure.start_byte].rstrip().endswith(b"func") and found_text != "(":
                message = f"expected `(` after `func`, found `{found_text}`: a function's parameters come first"
                fix = None
            elif snippet.endswith(":") and where in ("interface", "resource", "interface body") \
                    and found_text not in ("}", "end of input"):
                message = f"expected `func` after `{snippet}`, found `{found_text}`: functions are declared " \
                          f"as `name: func(...)`"
                fix = None
                keyword = closest(found_text, KEYWORDS) if failure.type == "identifier" else None
                if keyword is not None and keyword != found_text:
                    message += f"; did you mean `{keyword}`?"
                    fix = keyword
            elif found_text in KEYWORDS and _in_name_position(root, failure.start_byte, failure.end_byte):
                message = f"`{found_text}` is a keyword and cannot be a name; write `%{found_text}`"
                fix = f"%{found_text}"
            else:
                message = f"unexpected `{found_text}` after incomplete `{snippet}` in {where}"
                fix = None
                keyword = closest(found_text, KEYWORDS) if failure.type == "identifier" else None
                if keyword is not None and keyword != found_text:
                    message += f"; did you mean `{keyword}`?"
                    fix = keyword
            found.append((failure.start_byte, max(failure.end_byte, failure.start_byte + 1), message, fix))
            continue
        # Point at the first offending token, not the whole damaged region (nor the
        # comments it starts with).
        first = _first_token(error)
        if first is not None and first.start_byte > problem.start_byte:
            word = (first.text or b"").decode("utf-8", errors="replace") or word
            start, end = first.start_byte, max(first.end_byte, first.start_byte + 1)
        else:
            start = problem.start_byte + ((error.text or b"").find(word.encode()) if error is not None else 0)
            start = max(start, problem.start_byte)
            end = min(start + max(len(word.encode()), 1), problem.end_byte) if problem.end_byte > start \
                else start + 1
        fix = None
        if where in _LISTS and first is not None and first.type == "identifier" \
                and _end_of_previous_token(root, start) < start \
                and (root.text or b"")[:start].rstrip()[-1:] not in b",{(<":
            message = f"expected `,` before `{word}`: the {where}'s members are separated by commas"
        elif word in KEYWORDS and _in_name_position(root, start, start + len(word.encode())):
            message = f"`{word}` is a keyword and cannot be a name; write `%{word}`"
            fix = f"%{word}"
        elif word == "package" and where == "file":
            message = ("a file has one `package` declaration; declare further packages as blocks: "
                       "`package ns:name { ... }`")
        elif word in KEYWORDS:
            message = f"unexpected keyword `{word}` in {where}"
        else:
            message = f"unexpected `{word}` in {where}"
        found.append((start, end, message, fix))
    if too_deep is not None:
        found.append(too_deep)
    return found


# Characters wit-parser refuses anywhere in a file, comments included: bidirectional
# overrides can make text read differently than it parses; these are deprecated or
# discouraged by Unicode; control codes other than tab and line breaks.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_DISCOURAGED = "\u0149\u0673\u0f77\u0f79\u17a3\u17a4\u17b4\u17b5"
_FORBIDDEN = re.compile(f"[{_BIDI}{_DISCOURAGED}\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _forbidden_characters(source: bytes) -> list[tuple[int, int, str, None]]:
    text = source.decode("utf-8", errors="replace")
    if _FORBIDDEN.search(text) is None:
        return []
    found = []
    for match in _FORBIDDEN.finditer(text):
        char = match.group()
        start = len(text[:match.start()].encode("utf-8"))
        if char in _BIDI:
            why = "a bidirectional override character, which can make text read differently than it parses"
        elif char in _DISCOURAGED:
            why = "a character Unicode deprecates or discourages"
        else:
            why = "a control character"
        found.append((start, start + len(char.encode("utf-8")),
                      f"U+{ord(char):04X} is {why}; WIT does not allow it anywhere in a file: remove it", None))
    return found


# wit-parser refuses a type nested this deep; the grammar's scanner refuses the
# `<` that would open this level, leaving it as an ERROR token.
MAX_TYPE_NESTING = 100


def _nesting_too_deep(root: tree_sitter.Node) -> tuple[int, tuple[int, int, str, None]] | None:
    """The type wit-parser finds nested too deeply, as a problem on its first token,
    and where the damage it causes to the tree starts."""
    if not root.has_error:
        return None
    depth = 0
    refused: int | None = None
    for leaf in _leaves(root):
        if refused is not None and leaf.type not in ("comment", "doc_comment") and not leaf.is_missing:
            return refused, (leaf.start_byte, max(leaf.end_byte, leaf.start_byte + 1),
                    f"types are nested too deeply: wit-parser allows {MAX_TYPE_NESTING - 1} levels of `<...>`; "
                    "give an inner type a name with `type name = ...;` and use the name here", None)
        if leaf.type == "<":
            depth += 1
        elif leaf.type == ">":
            depth -= 1
        elif leaf.is_error and leaf.text == b"<" and depth >= MAX_TYPE_NESTING - 1:
            refused = leaf.parent.start_byte if leaf.parent is not None and leaf.parent.is_error \
                else leaf.start_byte
    return None


GATES = ("since", "unstable", "deprecated")


_WORD_CHAR = re.compile(rb"[A-Za-z0-9_-]")


def _unknown_attribute(error: tree_sitter.Node | None, source: bytes) -> tuple[int, int, str, str | None] | None:
    """`@name` where `name` is not a gate WIT knows: reported on the name, as wit-parser does."""
    if error is None:
        return None
    leaves = [leaf for leaf in _leaves(error) if leaf.type not in ("comment", "doc_comment")]
    if len(leaves) < 2 or leaves[0].type != "@" or leaves[1].type not in ("identifier", *GATES):
        return None
    end = leaves[1].end_byte
    while end < len(source) and _WORD_CHAR.match(source, end):
        end += 1  # `@sinceversion`: the gate keyword is only the start of a longer name
    name = source[leaves[1].start_byte:end].decode("utf-8", errors="replace")
    if name in GATES:
        return None
    close = closest(name, GATES)
    hint = f"; did you mean `@{close}`?" if close else ""
    return (leaves[1].start_byte, end,
            f"unknown attribute `@{name}`: WIT has `@since`, `@unstable` and `@deprecated`{hint}", close)


STATEMENT_STARTS = frozenset({"type", "record", "variant", "enum", "flags", "resource", "interface", "world",
                              "use", "import", "export", "include", "package", "}", "@"})


def _leaves(node: tree_sitter.Node):
    stack = [node]
    while stack:
        current = stack.pop()
        if current.child_count == 0:
            yield current
        else:
            stack.extend(reversed(current.children))


_BLOCK_KEYWORDS = ("variant", "record", "enum", "flags", "resource", "interface", "world")
_FUNCTION_BODIES = ("interface_body", "resource_body", "world_body", "interface_item", "resource_item")


_LISTS = ("record", "variant", "enum", "flags", "parameter list", "tuple type")


def _first_token(error: tree_sitter.Node | None) -> tree_sitter.Node | None:
    """The first token of a damaged region that is not a comment."""
    if error is None:
        return None
    return next((leaf for leaf in _leaves(error) if leaf.type not in ("comment", "doc_comment")), None)


def _end_of_previous_token(root: tree_sitter.Node, offset: int) -> int:
    """The end of the last token (not comment, not missing) before ``offset``."""
    best = None
    stack = [root]
    while stack:
        node = stack.pop()
        if node.start_byte > offset or node.type in ("comment", "doc_comment") or node.is_missing:
            continue
        if node.child_count == 0:
            if node.end_byte <= offset and (best is None or node.end_byte > best):
                best = node.end_byte
            continue
        # Only the subtrees that can hold a later token than the best so far.
        if best is None or node.end_byte > best:
            stack.extend(node.children)
    return best if best is not None else offset


def _after_gates(error: tree_sitter.Node) -> int:
    """Where the broken construct starts: complete gates (and comments) before it are fine."""
    end = error.start_byte
    for child in error.children:
        if child.type in ("since_gate", "unstable_gate", "deprecated_gate") and not child.has_error:
            end = child.end_byte
        elif child.type not in ("comment", "doc_comment"):
            break
    return end


def _failure_token(error: tree_sitter.Node | None, root: tree_sitter.Node) -> tree_sitter.Node | None:
    """Where an incomplete construct stopped: the first statement keyword inside the
    damaged region after its start, else the first token after it."""
    if error is None:
        return None
    gates_end = _after_gates(error)
    leaves = [leaf for leaf in _leaves(error) if leaf.type not in ("comment", "doc_comment")
              and leaf.start_byte >= gates_end]
    # `name: something` in a body of functions, where `something` is not `func`,
    # `static` or `async`: that word.
    member = leaves[1:] if leaves and leaves[0].type == "{" else leaves  # the error may start at the body
    if len(member) > 2 and member[0].type == "identifier" and member[1].type == ":" \
            and member[2].type not in ("func", "static", "async") \
            and error.parent is not None and error.parent.type in _FUNCTION_BODIES:
        return member[2]
    # `variant v` (or `record`, `interface`...) not followed by its `{`: the next token.
    if len(leaves) > 2 and leaves[0].type in _BLOCK_KEYWORDS and leaves[1].type == "identifier" \
            and leaves[2].type not in ("{", ";"):
        return leaves[2]
    for before, leaf in zip(leaves, leaves[1:]):
        if before.type == "func" and leaf.type != "(":
            return leaf  # `f: func) -> t`: the parameter list's `(` is missing
    for leaf in leaves[1:]:
        if leaf.type in STATEMENT_STARTS and not leaf.is_named:
            return leaf
    if leaves and leaves[0].type == "@":
        for before, leaf in zip(leaves, leaves[1:]):
            if before.type == "(":
                return leaf
    for leaf in leaves[1:]:
        if leaf.type in KEYWORDS and not leaf.is_named:
            return leaf
    # A lone name is unexpected itself after another name (`b c`), but starts an
    # unfinished statement after `{`, `;` or `}` (`abcd` alone in a body).
    single_name = len(leaves) == 1 and leaves[0].type == "identifier" and _previous_char(root, error) in b"{;}"
    bare_gate = bool(leaves) and leaves[0].type == "@" and not any(leaf.type == "(" for leaf in leaves)
    if not (single_name or bare_gate):
        return None
    node = error
    while node is not None:
        sibling = node.next_sibling
        while sibling is not None and sibling.type in ("comment", "doc_comment"):
            sibling = sibling.next_sibling
        if sibling is not None:
            first = next((leaf for leaf in _leaves(sibling) if leaf.type not in ("comment", "doc_comment")), sibling)
            return first
        node = node.parent
    return None


def _missing_at(root: tree_sitter.Node, offset: int) -> tree_sitter.Node | None:
    """The MISSING node at ``offset``: descend through the subtrees that hold an error."""
    node = root
    for _ in range(10_000):
        for child in node.children:
            if child.is_missing and child.start_byte == offset:
                return child
        candidates = [c for c in node.children if c.has_error and c.start_byte <= offset <= c.end_byte]
        if not candidates:
            return None
        node = candidates[0]
    return None


# What follows a name where WIT declares one: `name:`, `type name =`, `record name {`...
_AFTER_NAME = re.compile(rb"\s*[:={,;)}.]")
# What comes before one: punctuation, or the keyword that declares it.
_BEFORE_NAME = re.compile(
    rb"(?:[({,;]|\b(?:type|record|variant|enum|flags|resource|interface|world|as|import|export|use|include))\s*$")


def _in_name_position(root: tree_sitter.Node, start: int, end: int) -> bool:
    """Whether a keyword at ``start..end`` sits where a name would: then `%` is the fix."""
    source = root.text or b""
    return bool(_AFTER_NAME.match(source, end)) and bool(_BEFORE_NAME.search(source[max(0, start - 40):start]))


def _previous_char(root: tree_sitter.Node, node: tree_sitter.Node) -> bytes:
    source = root.text or b""
    before = source[:node.start_byte].rstrip()
    # Skip a line comment ending the text before.
    return before[-1:] if before else b"{"
