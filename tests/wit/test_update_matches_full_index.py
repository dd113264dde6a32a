"""After any sequence of single-file updates, every file's diagnostics equal those of
a workspace indexed from scratch: the dependency tracking misses nothing."""

from __future__ import annotations

import random
import re

import pytest

from witsmith.features.wit.diagnostics import file_diagnostics
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.wit import WitWorkspace
from wit.helpers import write_files

FILES = {
    "wit/types.wit": """
        package my:app@1.0.0;
        interface types {
          use wasi:io/streams@0.2.0.{stream as s};
          record user { id: u64, name: string }
          resource conn { constructor(); get: func() -> user; }
          type alias = list<user>;
        }
        """,
    "wit/api.wit": """
        interface api {
          use types.{user, conn, alias};
          get: func(c: borrow<conn>) -> option<user>;
          all: func() -> alias;
        }
        """,
    "wit/more.wit": """
        interface more {
          use api.{};
          use types.{user as person};
          find: func(name: string) -> person;
        }
        world app {
          import api;
          import more;
          export run: func();
          include base;
        }
        world base { import wasi:io/streams@0.2.0; }
        """,
    "wit/deps/io/streams.wit": """
        package wasi:io@0.2.0;
        interface streams { type stream = u8; }
        """,
}
WORDS = re.compile(r"[a-z][a-z-]*")


def snapshot(workspace: WitWorkspace, paths) -> dict:
    return {path.name: [(d.code, d.start, d.end, d.message) for d in file_diagnostics(workspace, path)]
            for path in paths}


@pytest.mark.parametrize("seed", range(4))
def test_random_updates_agree_with_a_fresh_index(tmp_path, seed):
    write_files(tmp_path, FILES)
    root = tmp_path / "wit"
    paths = sorted(root.rglob("*.wit"))
    workspace = WitWorkspace(FileStore(), ParseCache(), Settings())
    workspace.add_root(root)
    rng = random.Random(seed)
    removed: dict = {}
    for step in range(60):
        path = rng.choice(paths)
        if path in removed:
            path.write_text(removed.pop(path))  # the file comes back
            workspace.update(path)
            continue
        text = path.read_text()
        if rng.random() < 0.1:
            removed[path] = text
            path.unlink()
            workspace.update(path)
            continue
        words = list(WORDS.finditer(text))
        if rng.random() < 0.6 and words:
            match, other = rng.choice(words), rng.choice(words).group()
            text = text[:match.start()] + other + text[match.end():]
        else:
            lines = text.split("\n")
            lines.insert(rng.randrange(len(lines)), rng.choice(lines))
            text = "\n".join(lines)
        path.write_text(text)
        workspace.update(path)
        fresh = WitWorkspace(FileStore(), ParseCache(), Settings())
        fresh.add_root(root)
        present = [p for p in paths if p not in removed]
        assert snapshot(workspace, present) == snapshot(fresh, present), f"step {step}: {path.name}"


@pytest.mark.parametrize("seed", range(3))
def test_updates_run_a_slice_at_a_time_agree_with_a_fresh_index(tmp_path, seed):
    """The server checks a long file at a pause in typing a slice at a time, answering
    requests between slices (and letting the update finish first when anything else
    changes the workspace): the verdicts are still those of a fresh index."""
    from witsmith.features import interactive
    from witsmith.workspace.project import Workspace

    write_files(tmp_path, FILES)
    root = tmp_path / "wit"
    paths = sorted(root.rglob("*.wit"))
    project = Workspace()
    project.add_root(root)
    for path in paths:  # open in the editor: their item summaries are reused across edits
        project.files.set_buffer(path, path.read_bytes())
    rng = random.Random(seed)
    sliced = 0

    def edit(path) -> None:
        text = path.read_text()
        words = list(WORDS.finditer(text))
        if rng.random() < 0.6 and words:
            match, other = rng.choice(words), rng.choice(words).group()
            text = text[:match.start()] + other + text[match.end():]
        else:
            lines = text.split("\n")
            lines.insert(rng.randrange(len(lines)), rng.choice(lines))
            text = "\n".join(lines)
        path.write_text(text)
        project.files.set_buffer(path, text.encode())

    for step in range(30):
        path = rng.choice(paths)
        edit(path)
        paced = project.update_paced(path, slice_seconds=0)
        while not paced.step():
            sliced += 1
            asked = rng.choice(paths)  # what an editor asks meanwhile
            interactive.completions(project, asked, rng.randrange(len(asked.read_bytes()) + 1))
            interactive.hover(project, asked, rng.randrange(len(asked.read_bytes()) + 1))
            if rng.random() < 0.15:
                # Another change taken at once (a rename catches up): the paced update ends first.
                changed = rng.choice([path, rng.choice(paths)])
                edit(changed)
                project.update(changed)
        fresh = WitWorkspace(FileStore(), ParseCache(), Settings())
        fresh.add_root(root)
        assert snapshot(project.wit, paths) == snapshot(fresh, paths), f"step {step}: {path.name}"
    assert sliced >= 10  # the updates did run in slices, with requests between them
