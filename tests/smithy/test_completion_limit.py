"""In a model of hundreds of shapes, completion makes candidates only of the shapes
that can be sent: what it sends, and whether it says the list was cut, are what
ranking every candidate would give."""

from __future__ import annotations

import pytest

from smithy.helpers import workspace
from witsmith.features import completion_ranking
from witsmith.features.smithy import completion

LIMIT = 50

OTHER = "$version: \"2\"\nnamespace ex.other\n\n" + "".join(
    f"/// Other {i}.\nstructure Far{i} {{}}\n\n@trait\nstructure farTrait{i} {{}}\n\n" for i in range(40))

MAIN = ("$version: \"2\"\nnamespace ex.main\n\nuse ex.other#Far3\n\n"
        + "".join(f"/// Shape {i}.\nstructure Shape{i} {{\n    a: String\n}}\n\n@mixin\nstructure Mix{i} {{}}\n\n"
                  f"@trait(selector: \"structure\")\nstructure tag{i} {{}}\n\n" for i in range(70))
        + "structure Target with [M] {\n    field: Sh\n    other: \n    abs: ex.other#F\n}\n\n"
        + "@ta\nstructure Tagged {}\n\n@\nstructure Tagged2 {}\n\nuse \n")


def _places(text: str) -> list[int]:
    return [text.index("field: Sh") + len("field: Sh"), text.index("other: ") + len("other: "),
            text.index("ex.other#F") + len("ex.other#F"), text.index("@ta\n") + 3, text.index("@\nstructure Tagged2") + 1,
            text.index("with [M") + len("with [M"), text.rindex("use ") + 4]


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    root = tmp_path_factory.mktemp("model")
    ws = workspace(root, {"main.smithy": MAIN, "other.smithy": OTHER})
    return ws, root / "main.smithy"


@pytest.mark.parametrize("place", range(7))
def test_what_is_sent_is_what_ranking_all_would_send(model, place):
    ws, path = model
    offset = _places(MAIN)[place]
    everything = completion.completions(ws, path, offset)
    assert len(everything) > LIMIT  # else nothing is left out and this tests nothing
    expected = completion_ranking.best(everything, path.read_bytes(), offset, LIMIT)
    assert completion.best_completions(ws, path, offset, limit=LIMIT) == expected
    assert expected[1] is True


def test_a_list_that_fits_is_sent_whole(model):
    ws, path = model
    offset = _places(MAIN)[0]
    everything = completion.completions(ws, path, offset)
    assert completion.best_completions(ws, path, offset, limit=len(everything)) == (everything, False)


def test_a_kept_ranked_list_answers_as_a_new_one_would_as_the_text_changes(model):
    from witsmith.features.smithy.cursor import cursor_at
    from witsmith.syntax import parse

    ws, path = model
    summary = ws.summary(path)

    def complete(text: str) -> tuple:
        source = text.encode()
        offset = source.index(b"other: Fa") + len("other: Fa")
        cursor = cursor_at(source, parse("smithy", source).root, offset)
        completer = completion._Completer(ws, path, summary, source, cursor, offset, LIMIT)
        return completer.run(), completer.left_out

    # The text changes while the summary stays (a long model's lags behind its buffer while
    # typing): the `use` edits of the shapes of another namespace move with the text.
    typed = MAIN.replace("other: ", "other: Fa")
    first = complete(typed)
    assert any(c.additional_edits for c in first[0])
    kept = complete("// a line more\n" + typed)
    completion._ranked_made.clear()
    assert kept == complete("// a line more\n" + typed)
    assert [e.start for c in kept[0] for e in c.additional_edits] != [e.start for c in first[0] for e in c.additional_edits]
