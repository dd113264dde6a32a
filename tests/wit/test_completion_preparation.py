"""What a completion in a long file needs, made ahead at an idle moment
(`features.wit.completion.Preparation`): the next request takes the prepared type
list instead of making one, and what it gives is what completing afresh gives, after
edits too."""

from __future__ import annotations

from support.wit_workspaces import open_wit_file
from wit.test_completion_kept_lists import SCENARIO, _fresh, long_interface

from witsmith.features import interactive
from witsmith.features.wit import completion, type_lists
from witsmith.syntax import SourceEdit
from witsmith.workspace.project import Workspace


def test_a_prepared_type_list_is_taken_by_the_next_request_and_follows_edits(tmp_path):
    workspace, files, parses, path = open_wit_file(tmp_path, "pkg.wit", SCENARIO)
    tree = parses.get(path, "wit", SCENARIO.encode())
    type_lists.LISTS.pop(path, None)
    # At the place last edited: inside a record of `big`.
    assert completion.prepare(workspace, path, tree.source.index(b"f1", tree.source.index(b"record r3 ")))
    prepared = type_lists.LISTS[path]
    assert prepared.scope.name.text == "big"

    def ask() -> set[str]:
        offset = tree.source.index(b"a: );") + len(b"a: ")
        found = completion.best_completions(workspace, path, offset, limit=200)
        assert found == _fresh(workspace, path, offset, 200, True)
        return {c.label for c in found[0]}

    labels = ask()
    assert {"r0", "r11", "other-thing", "not-used", "u8"} <= labels
    assert type_lists.LISTS[path] is prepared  # taken, not made again

    def edit(old: bytes, new: bytes, after: bytes = b"") -> None:
        nonlocal tree
        at = tree.source.index(old, tree.source.index(after) if after else 0)
        tree = tree.edited(SourceEdit(at, at + len(old), new))
        files.set_buffer(path, tree.source)
        parses.put(path, tree)

    edit(b"f1", b"f1-more", after=b"record r3 ")  # inside one record: still the prepared list
    assert ask() == labels and type_lists.LISTS[path] is prepared
    edit(b"record r5 ", b"record r5-renamed ")  # a name in scope changed: made again, right
    assert ask() == labels - {"r5"} | {"r5-renamed"}
    # Prepared again after the workspace caught up (as at a pause in typing): taken again.
    workspace.update(path)
    assert completion.prepare(workspace, path, None)
    again = type_lists.LISTS[path]
    assert again is not prepared and ask() == labels - {"r5"} | {"r5-renamed"}
    assert type_lists.LISTS[path] is again


def test_without_a_place_the_longest_interface_is_prepared(tmp_path):
    folder = tmp_path / "wit"
    folder.mkdir()
    path = folder / "pkg.wit"
    path.write_text(long_interface(60, seed=2))  # `base` (short), `big` (long), a world
    project = Workspace()
    project.add_root(folder)
    type_lists.LISTS.pop(path, None)
    preparation = interactive.completion_preparation(project, path)  # the entry point the server calls
    steps = list(preparation.steps())
    assert len(steps) >= 2  # in steps, so that an event loop can answer between them
    assert preparation.ready and type_lists.LISTS[path].scope.name.text == "big"


def test_nothing_to_prepare_is_no_error(tmp_path):
    workspace, _files, _parses, path = open_wit_file(tmp_path, "pkg.wit", "package my:pkg;\n\nworld w {\n    import f: func(\n")
    assert not completion.prepare(workspace, path, None)  # no interface
    assert not completion.prepare(workspace, path, 10_000)  # beyond the text
    assert not completion.prepare(workspace, tmp_path / "wit" / "missing.wit", 0)
    assert not completion.prepare(workspace, path, 0, types=False)  # the scanner alone
