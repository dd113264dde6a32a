"""Build the tree-sitter grammars into an extension module of the package.

The generated parsers (``grammars/<lang>/src/parser.c``, and ``scanner.c`` where a
grammar has one) are committed, so a user's install needs a C compiler only: never
the tree-sitter CLI, node, or a download.  The highlight and other queries and the
rule pages are copied into the package so that an installed witsmith is
self-contained.
"""

from pathlib import Path
import shutil

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
LANGUAGES = ("smithy", "wit")


def grammar_sources() -> list[str]:
    sources = ["server/witsmith/syntax/_languages.c"]
    for lang in LANGUAGES:
        src = Path("grammars", lang, "src")
        sources.append(str(src / "parser.c"))
        if (ROOT / src / "scanner.c").exists():
            sources.append(str(src / "scanner.c"))
    return sources


class BuildPyWithData(build_py):
    """Ship each grammar's queries (``witsmith/queries/<lang>``) and the rule pages
    (``witsmith/docs/rules``) as package data."""

    def run(self) -> None:
        super().run()
        package = Path(self.build_lib, "witsmith")
        for lang in LANGUAGES:
            target = package / "queries" / lang
            target.mkdir(parents=True, exist_ok=True)
            for query in sorted((ROOT / "grammars" / lang / "queries").glob("*.scm")):
                shutil.copyfile(query, target / query.name)
        rules = ROOT / "docs" / "rules"
        for page in sorted(rules.rglob("*.md")):
            target = package / "docs" / "rules" / page.relative_to(rules)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)


setup(
    ext_modules=[
        Extension(
            "witsmith.syntax._languages",
            sources=grammar_sources(),
            # Generated parsers trip many warnings that say nothing about our code.
            extra_compile_args=["-std=c11", "-O2", "-w"],
        )
    ],
    cmdclass={"build_py": BuildPyWithData},
)
