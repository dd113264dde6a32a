"""editors/helix: the languages.toml and the queries translated for Helix.

Helix itself is not run (it is not packaged for the test machines); instead the
translated queries are compiled against our grammars with the tree-sitter
Python binding and run over the sample files, and every capture name is checked
against the scopes Helix documents.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HELIX = REPO / "editors" / "helix"
FIXTURES = HERE / "fixtures"

# Highlight scopes from Helix's theme documentation (book/src/themes.md).
HELIX_SCOPES = {
    "attribute", "type", "type.builtin", "type.parameter", "type.enum", "type.enum.variant", "constructor",
    "constant", "constant.builtin", "constant.builtin.boolean", "constant.character", "constant.character.escape",
    "constant.numeric", "constant.numeric.integer", "constant.numeric.float",
    "string", "string.regexp", "string.special", "string.special.path", "string.special.url", "string.special.symbol",
    "comment", "comment.line", "comment.line.documentation", "comment.block", "comment.block.documentation",
    "comment.unused",
    "variable", "variable.builtin", "variable.parameter", "variable.other", "variable.other.member",
    "variable.other.member.private", "label",
    "punctuation", "punctuation.delimiter", "punctuation.bracket", "punctuation.special",
    "keyword", "keyword.control", "keyword.control.conditional", "keyword.control.repeat", "keyword.control.import",
    "keyword.control.return", "keyword.control.exception", "keyword.operator", "keyword.directive",
    "keyword.function", "keyword.storage", "keyword.storage.type", "keyword.storage.modifier",
    "operator", "function", "function.builtin", "function.method", "function.method.private", "function.macro",
    "function.special", "tag", "tag.builtin", "namespace", "special",
}
HELIX_INDENT_CAPTURES = {"indent", "outdent", "indent.always", "outdent.always", "align", "anchor", "extend",
                         "extend.prevent-once"}
HELIX_INJECTION_CAPTURES = {"injection.content", "injection.language", "injection.filename", "injection.shebang"}


def _load_script():
    spec = importlib.util.spec_from_file_location("helix_queries", HELIX / "helix_queries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("helix-runtime")
    result = subprocess.run([sys.executable, str(HELIX / "helix_queries.py"), "--runtime", str(target)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return target


# Compiles each query and collects (capture, row, column) for every capture on
# the sample file, in a child process: a crash in the native binding then fails
# one test instead of the whole session.
_PROBE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import tree_sitter
    from witsmith.syntax.languages import language

    lang, folder, sample = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    tree = tree_sitter.Parser(language(lang)).parse(sample.read_bytes())
    out, keep = {}, []
    for path in sorted(folder.glob("*.scm")):
        query = tree_sitter.Query(language(lang), path.read_text())
        keep.append(query)
        names = [query.capture_name(i) for i in range(query.capture_count)]
        hits = []
        for name, nodes in tree_sitter.QueryCursor(query).captures(tree.root_node).items():
            hits += [[name, n.start_point[0], n.start_point[1]] for n in nodes]
        out[path.stem] = {"captures": names, "hits": hits}
    print(json.dumps(out))
""")


@pytest.fixture(scope="module")
def probed(runtime) -> dict:
    results = {}
    for lang, sample in (("smithy", FIXTURES / "model" / "weather.smithy"), ("wit", FIXTURES / "wit" / "weather.wit")):
        result = subprocess.run([sys.executable, "-c", _PROBE, lang, str(runtime / "queries" / lang), str(sample)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, f"{lang}: compiling the Helix queries failed ({result.returncode}):\n{result.stderr}"
        results[lang] = json.loads(result.stdout)
    return results


def test_languages_toml_names_witsmith_and_our_grammars():
    config = tomllib.loads((HELIX / "languages.toml").read_text())
    assert config["language-server"]["witsmith"] == {"command": "witsmith", "args": ["serve"]}
    languages = {entry["name"]: entry for entry in config["language"]}
    assert set(languages) == {"smithy", "wit"}
    for name, entry in languages.items():
        assert entry["file-types"] == [name]
        assert entry["language-servers"] == ["witsmith"]
        assert entry["grammar"] == name
    grammars = {entry["name"]: entry for entry in config["grammar"]}
    for name in ("smithy", "wit"):
        subpath = grammars[name]["source"]["subpath"]
        assert (REPO / subpath / "src" / "parser.c").is_file()


def test_languages_toml_for_a_checkout_points_at_grammars():
    text = _load_script().languages_toml(REPO / "grammars")
    config = tomllib.loads(text)
    for entry in config["grammar"]:
        path = Path(entry["source"]["path"])
        assert path == (REPO / "grammars" / entry["name"]).resolve()
        assert (path / "src" / "parser.c").is_file()


def test_every_query_but_folds_is_installed(runtime):
    for lang in ("smithy", "wit"):
        ours = {p.name for p in (REPO / "grammars" / lang / "queries").glob("*.scm")} - {"folds.scm"}
        assert {p.name for p in (runtime / "queries" / lang).glob("*.scm")} == ours


@pytest.mark.parametrize("lang", ["smithy", "wit"])
def test_capture_names_are_helix_ones(probed, lang):
    queries = probed[lang]
    strange = {name for name in queries["highlights"]["captures"] if not name.startswith("_")} - HELIX_SCOPES
    assert not strange, f"highlight captures Helix does not document: {sorted(strange)}"
    assert set(queries["indents"]["captures"]) <= HELIX_INDENT_CAPTURES, queries["indents"]["captures"]
    injection = {n for n in queries["injections"]["captures"] if not n.startswith("_")}
    assert injection <= HELIX_INJECTION_CAPTURES
    # The locals captures are the same in Helix.
    assert {n for n in queries["locals"]["captures"]} <= {"local.scope", "local.definition", "local.reference"}


@pytest.mark.parametrize("lang,sample,needle,offset,scope", [
    ("smithy", "model/weather.smithy", "example.weather", 0, "namespace"),
    ("smithy", "model/weather.smithy", "population", 0, "variable.other.member"),
    ("smithy", "model/weather.smithy", "= 0", 2, "constant.numeric"),
    ("smithy", "model/weather.smithy", "/// A city", 0, "comment.line.documentation"),
    ("smithy", "model/weather.smithy", "structure City", 10, "type"),
    ("smithy", "model/weather.smithy", "String", 0, "type.builtin"),
    ("wit", "wit/weather.wit", "example", 0, "namespace"),
    ("wit", "wit/weather.wit", "celsius", 0, "variable.other.member"),
    ("wit", "wit/weather.wit", "export", 0, "keyword.control.import"),
    ("wit", "wit/weather.wit", "func", 0, "keyword.function"),
    ("wit", "wit/weather.wit", "s32", 0, "type.builtin"),
])
def test_helix_highlights_on_the_samples(probed, lang, sample, needle, offset, scope):
    text = (FIXTURES / sample).read_text()
    index = text.index(needle) + offset
    row = text[:index].count("\n")
    col = index - (text.rfind("\n", 0, index) + 1)
    names = {name for name, r, c in probed[lang]["highlights"]["hits"] if (r, c) == (row, col)}
    assert scope in names, f"{needle!r} at {row}:{col}: {sorted(names)}"


@pytest.mark.parametrize("lang", ["smithy", "wit"])
def test_indent_queries_mark_bodies_and_closers(probed, lang):
    hits = probed[lang]["indents"]["hits"]
    assert any(name == "indent" for name, *_ in hits)
    assert any(name == "outdent" for name, *_ in hits)


def test_translation_drops_neovim_only_patterns():
    script = _load_script()
    text = '; head\n[\n  "}"\n  ")"\n] @indent.branch @indent.end\n\n(comment) @indent.auto\n\n(x) @indent.begin\n'
    out = script.translate(text, "indents")
    assert "@indent.auto" not in out and "(comment)" not in out
    assert out.count("@outdent") == 1 and "(x) @indent" in out
    assert "; head" in out
