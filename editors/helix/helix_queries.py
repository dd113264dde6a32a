#!/usr/bin/env python3
"""Install witsmith's tree-sitter queries for Helix.

The queries in ``grammars/<lang>/queries`` follow nvim-treesitter's capture
names.  Helix uses different names for some highlight scopes (``@namespace``
rather than ``@module``, ``@constant.numeric`` rather than ``@number``, ...)
and a different set of indent captures (``@indent``/``@outdent``), so this
script writes a translated copy into a Helix runtime folder:

    python3 editors/helix/helix_queries.py            # ~/.config/helix/runtime/queries/{smithy,wit}
    python3 editors/helix/helix_queries.py --runtime DIR --grammars DIR
    python3 editors/helix/helix_queries.py --languages-toml   # print a languages.toml for this checkout

Only the standard library is used.  Folds are left out (Helix does not fold).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

LANGUAGES = ("smithy", "wit")

# nvim-treesitter highlight capture -> Helix scope.  Names not listed are the
# same in both (keyword, function, type, type.builtin, string, comment, ...);
# Helix resolves a dotted scope by its longest prefix in the theme.
HIGHLIGHTS = {
    "module": "namespace",
    "number": "constant.numeric",
    "number.float": "constant.numeric.float",
    "boolean": "constant.builtin.boolean",
    "property": "variable.other.member",
    "variable.member": "variable.other.member",
    "string.escape": "constant.character.escape",
    "comment.documentation": "comment.line.documentation",
    "keyword.import": "keyword.control.import",
    "keyword.modifier": "keyword.storage.modifier",
    "keyword.type": "keyword.storage.type",
    "type.definition": "type",
    "variable.parameter.builtin": "variable.parameter",
    "spell": None,
    "nospell": None,
}

# nvim-treesitter indent captures -> Helix indent captures (None: no equivalent).
INDENTS = {
    "indent.begin": "indent",
    "indent.end": "outdent",
    "indent.branch": "outdent",
    "indent.dedent": "outdent",
    "indent.auto": None,
    "indent.ignore": None,
    "indent.align": None,
    "indent.zero": None,
}

# Directives Helix does not know; their patterns keep working without them.
DROP_PREDICATES = {
    "injections": ("offset!",),
}

# query file -> capture table (files not listed are copied as they are).
TRANSLATIONS = {"highlights": HIGHLIGHTS, "indents": INDENTS}
SKIP = {"folds"}

CAPTURE = re.compile(r"@([A-Za-z_][\w.-]*)")


def _top_level_chunks(text: str) -> list[str]:
    """Split a query into top-level chunks: each pattern with its captures, and
    the comments and blank space between patterns (kept as they are)."""
    chunks: list[str] = []
    i, n = 0, len(text)
    start = 0
    depth = 0
    seen_node = False  # the current chunk holds a node (not just comments)

    def flush(at: int) -> None:
        nonlocal start, seen_node
        if at > start:
            chunks.append(text[start:at])
        start, seen_node = at, False

    while i < n:
        c = text[i]
        if c == ";":  # comment to end of line
            if depth == 0 and not seen_node:
                end = text.find("\n", i)
                end = n if end < 0 else end + 1
                flush(i)
                i = end
                flush(i)
                continue
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c == '"':
            if depth == 0 and seen_node:
                flush(i)
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            if depth == 0:
                seen_node = True
            continue
        if c in "([":
            if depth == 0 and seen_node:
                flush(i)
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth == 0:
                seen_node = True
        elif depth == 0 and c == "_" and not seen_node:
            seen_node = True
        elif depth == 0 and c == "\n":
            # A pattern ends with its line unless a capture or quantifier follows.
            rest = text[i + 1:].lstrip()
            if not seen_node or not rest[:1] or rest[0] not in "@?*+":
                flush(i + 1)
                i += 1
                continue
        i += 1
    flush(n)
    return chunks


def _drop_predicates(chunk: str, names: tuple[str, ...]) -> str:
    for name in names:
        chunk = re.sub(r"\s*\(#" + re.escape(name) + r"[^()]*\)", "", chunk)
    return chunk


def translate(text: str, kind: str) -> str:
    """The Helix version of one query file (``kind`` is its name without .scm)."""
    table = TRANSLATIONS.get(kind, {})
    out: list[str] = []
    for chunk in _top_level_chunks(text):
        if chunk.lstrip().startswith(";") or not chunk.strip():
            out.append(chunk)
            continue
        chunk = _drop_predicates(chunk, DROP_PREDICATES.get(kind, ()))
        names = CAPTURE.findall(chunk)
        mapped = {name: table.get(name, name) for name in names if not name.startswith("_")}
        if mapped and all(target is None for target in mapped.values()):
            continue  # a pattern that only meant something to Neovim
        seen: set[str] = set()

        def rename(match: re.Match) -> str:
            name = match.group(1)
            if name.startswith("_") or name not in mapped:
                return match.group(0)
            target = mapped[name]
            if target is None:
                return ""
            # `"}" @indent.branch @indent.end` becomes a single `@outdent`.
            if kind == "indents" and target in seen:
                return ""
            seen.add(target)
            return "@" + target

        chunk = CAPTURE.sub(rename, chunk)
        chunk = re.sub(r"[ \t]+\n", "\n", chunk)
        chunk = re.sub(r"[ \t]+$", "", chunk)
        out.append(chunk)
    header = f"; Generated by editors/helix/helix_queries.py from witsmith's {kind}.scm; edit the original.\n"
    return header + re.sub(r"\n{3,}", "\n\n", "".join(out))


def default_runtime() -> Path:
    if sys.platform.startswith("win"):
        return Path(os.environ.get("APPDATA", Path.home())) / "helix" / "runtime"
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "helix" / "runtime"


def default_grammars() -> Path:
    return Path(__file__).resolve().parents[2] / "grammars"


def install(grammars: Path, runtime: Path, languages=LANGUAGES) -> list[Path]:
    written: list[Path] = []
    for lang in languages:
        source = grammars / lang / "queries"
        if not source.is_dir():
            raise SystemExit(f"no queries at {source}; pass --grammars")
        target = runtime / "queries" / lang
        target.mkdir(parents=True, exist_ok=True)
        for query in sorted(source.glob("*.scm")):
            if query.stem in SKIP:
                continue
            path = target / query.name
            path.write_text(translate(query.read_text(encoding="utf-8"), query.stem), encoding="utf-8")
            written.append(path)
    return written


def languages_toml(grammars: Path) -> str:
    """languages.toml (editors/helix) with the grammar sources pointing at this checkout."""
    template = (Path(__file__).resolve().parent / "languages.toml").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        local = "source = { path = " + _toml_string(str((grammars / lang).resolve())) + " }"
        template = re.sub(r"source = \{ git = [^\n]*subpath = \"grammars/" + lang + r"\" \}", local, template)
    return template


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grammars", type=Path, default=default_grammars(),
                        help="witsmith's grammars/ folder (default: the one beside this script)")
    parser.add_argument("--runtime", type=Path, default=None,
                        help="Helix runtime folder to write queries/<lang>/ into "
                             "(default: the runtime folder in Helix's config directory)")
    parser.add_argument("--languages-toml", action="store_true",
                        help="print a languages.toml whose grammar sources point at --grammars, and exit")
    args = parser.parse_args(argv)
    if args.languages_toml:
        sys.stdout.write(languages_toml(args.grammars))
        return 0
    runtime = args.runtime or default_runtime()
    for path in install(args.grammars, runtime):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
