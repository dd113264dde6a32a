"""Whether a regular expression compiles as Smithy compiles @pattern values (java.util.regex).

Python's `re` reads most of Java's syntax alike.  The constructs only Java has are
rewritten to something Python reads the same way before compiling; a construct whose
meaning differs too much (nested classes, class intersections) makes the check give
up rather than guess, so an error is reported only when Java would fail as well.
"""

from __future__ import annotations

import re
import warnings

# Escapes Java knows and Python does not, each replaced by a plain character.
_JAVA_ONLY_ESCAPES = set("hHvVRXGzeE")
_COUNTED = re.compile(r"\{(\d+)(,(\d*))?\}")
_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z]*(-[a-zA-Z]*)?\)")
_FLAGGED_GROUP = re.compile(r"\(\?[a-zA-Z]*(-[a-zA-Z]*)?:")
_NAMED_GROUP = re.compile(r"\(\?<([a-zA-Z][a-zA-Z0-9]*)>")


class _Unsure(Exception):
    """The pattern uses a construct this check does not model."""


def java_regex_error(pattern: str) -> str | None:
    """Why Java would refuse ``pattern``, in words; None when it compiles (or we cannot tell)."""
    try:
        translated = _translate(pattern)
    except _Unsure:
        return None
    except ValueError as error:
        return str(error)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            re.compile(translated)
        except re.error as error:
            if "look-behind" in error.msg or "group reference" in error.msg:
                return None  # Java allows bounded look-behinds and references to later groups
            return error.msg
        except (RecursionError, OverflowError):
            return None
    return None


def _translate(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    quantifiable = False  # whether the last thing written can take a quantifier
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                raise ValueError("the pattern ends with an unfinished escape `\\`")
            e = pattern[i + 1]
            if e == "Q":
                end = pattern.find("\\E", i + 2)
                literal = pattern[i + 2:] if end == -1 else pattern[i + 2:end]
                out.append(re.escape(literal) if not in_class else "".join("\\" + ch for ch in literal))
                i = n if end == -1 else end + 2
                quantifiable = bool(literal)
                continue
            if e in "pP":
                if i + 2 < n and pattern[i + 2] == "{":
                    close = pattern.find("}", i + 3)
                    if close == -1:
                        raise ValueError("unclosed `\\p{...}` character property")
                    i = close + 1
                else:
                    i += 3
                out.append("a")
                quantifiable = True
                continue
            if e == "x" and i + 2 < n and pattern[i + 2] == "{":
                close = pattern.find("}", i + 3)
                if close == -1 or not re.fullmatch(r"[0-9a-fA-F]+", pattern[i + 3:close]):
                    raise ValueError("a `\\x{...}` escape needs hexadecimal digits and a closing `}`")
                out.append("a")
                i = close + 1
                quantifiable = True
                continue
            if e == "c":
                if i + 2 >= n:
                    raise ValueError("a `\\c` escape needs a control character after it")
                out.append("a")
                i += 3
                quantifiable = True
                continue
            if e == "k":
                match = re.match(r"<([a-zA-Z][a-zA-Z0-9]*)>", pattern[i + 2:])
                if match is None:
                    raise ValueError("a `\\k` back reference needs a group name in angle brackets")
                out.append("a")
                i += 2 + match.end()
                quantifiable = True
                continue
            if e == "N":
                raise _Unsure
            if e.isdigit():
                # Back references and octal escapes: Java reads them leniently.
                j = i + 2
                while j < n and pattern[j].isdigit():
                    j += 1
                out.append("a")
                i = j
                quantifiable = True
                continue
            if e in _JAVA_ONLY_ESCAPES:
                out.append("a")
                i += 2
                quantifiable = e not in "GzE"
                continue
            if e == "U":
                raise ValueError(f"`\\{e}` is not an escape Java's regular expressions know")
            out.append(pattern[i:i + 2])
            i += 2
            quantifiable = e not in "bBAZ"
            continue
        if in_class:
            if c == "[":
                raise _Unsure  # a nested class: a union in Java, a literal `[` in Python
            if c == "&" and pattern.startswith("&&", i):
                raise _Unsure  # an intersection, which Python does not have
            if c == "]":
                in_class = False
                quantifiable = True
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):
                raise _Unsure  # `[]...]`: Java and Python differ on a leading `]`
            continue
        if c == "(":
            flags = _INLINE_FLAGS.match(pattern, i)
            if flags is not None and pattern[i + 2:i + 3] not in ("<", "=", "!", ">", ":"):
                i = flags.end()  # Java allows flags anywhere; they do not change whether it compiles
                continue
            flagged = _FLAGGED_GROUP.match(pattern, i)
            if flagged is not None and flagged.end() - i > 3:
                out.append("(?:")
                i = flagged.end()
                quantifiable = False
                continue
            named = _NAMED_GROUP.match(pattern, i)
            if named is not None:
                out.append(f"(?P<{named.group(1)}>")
                i = named.end()
                quantifiable = False
                continue
            if pattern.startswith("(?P", i):
                raise ValueError("`(?P` is Python syntax; Java names a group with `(?<name>...)`")
            out.append(c)
            i += 1
            quantifiable = False
            continue
        if c == "{":
            counted = _COUNTED.match(pattern, i)
            if counted is None or not quantifiable:
                raise ValueError(f"illegal repetition at position {i}: escape a literal `{{` as `\\{{`")
            low, high = int(counted.group(1)), counted.group(3)
            if high and int(high) < low:
                raise ValueError(f"illegal repetition range `{counted.group(0)}`: the minimum is above the maximum")
            out.append(counted.group(0))
            i = counted.end()
            if pattern.startswith(("?", "+"), i):
                out.append(pattern[i])
                i += 1
            quantifiable = False
            continue
        if c in "*+?":
            out.append(c)
            i += 1
            if pattern.startswith(("?", "+"), i):
                out.append(pattern[i])
                i += 1
            quantifiable = False
            continue
        if c in "^$" and pattern.startswith(("*", "+", "?", "{"), i + 1):
            raise _Unsure  # Java may quantify an anchor where Python refuses to
        out.append(c)
        i += 1
        quantifiable = c not in "|^$"
    return "".join(out)
