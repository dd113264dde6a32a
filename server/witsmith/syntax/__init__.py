"""The syntax layer: compiled grammars, parsing and incremental reparsing.

It knows nothing of models, workspaces or editors; everything above builds on the
trees it returns.
"""

from witsmith.syntax.languages import LANGUAGE_IDS, language, language_for_path, query
from witsmith.syntax.parsing import SourceEdit, SyntaxTree, parse
from witsmith.syntax.problems import SyntaxProblem, syntax_problems

__all__ = [
    "LANGUAGE_IDS",
    "SourceEdit",
    "SyntaxProblem",
    "SyntaxTree",
    "language",
    "language_for_path",
    "parse",
    "query",
    "syntax_problems",
]
