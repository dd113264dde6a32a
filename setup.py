"""Build the tree-sitter grammars into an extension module of the package.

The generated parsers (``grammars/<lang>/src/parser.c``, and ``scanner.c`` where a
grammar has one) are committed, so a user's install needs a C compiler only: never
the tree-sitter CLI, node, or a download.  The highlight and other queries are
copied into the package so that an installed witsmith is self-contained.
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


class BuildPyWithQueries(build_py):
    """Ship each grammar's queries as package data under ``witsmith/queries/<lang>``."""

    def run(self) -> None:
        super().run()
        for lang in LANGUAGES:
            target = Path(self.build_lib, "witsmith", "queries", lang)
            target.mkdir(parents=True, exist_ok=True)
            for query in sorted((ROOT / "grammars" / lang / "queries").glob("*.scm")):
                shutil.copyfile(query, target / query.name)


setup(
    ext_modules=[
        Extension(
            "witsmith.syntax._languages",
            sources=grammar_sources(),
            # Generated parsers trip many warnings that say nothing about our code.
            extra_compile_args=["-std=c11", "-O2", "-w"],
        )
    ],
    cmdclass={"build_py": BuildPyWithQueries},
)
