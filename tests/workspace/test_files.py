"""Open buffers win over the disk; the folder walk is bounded and skips what users never edit."""

from __future__ import annotations

import os

from witsmith.workspace.files import FileStore, ParseCache, walk_files


def test_buffer_overlays_disk_and_closing_reveals_disk(tmp_path):
    path = tmp_path / "a.wit"
    path.write_bytes(b"package a:b;\n")
    store = FileStore()
    assert store.read(path) == b"package a:b;\n"
    store.set_buffer(path, b"package a:c;\n")
    assert store.read(path) == b"package a:c;\n"
    store.close_buffer(path)
    assert store.read(path) == b"package a:b;\n"
    assert store.read(tmp_path / "missing.wit") is None
    assert store.read(tmp_path) is None  # a folder is not a file


def test_walk_skips_build_output_gitignored_paths_and_symlink_loops(tmp_path):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "a.smithy").write_text("namespace a\n")
    (tmp_path / "build" / "smithyprojections").mkdir(parents=True)
    (tmp_path / "build" / "smithyprojections" / "b.smithy").write_text("namespace b\n")
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "c.smithy").write_text("namespace c\n")
    (tmp_path / ".gitignore").write_text("# output\ngenerated/\n*.tmp.smithy\n")
    (tmp_path / "model" / "d.tmp.smithy").write_text("namespace d\n")
    os.symlink(tmp_path, tmp_path / "model" / "loop")
    found = [p.relative_to(tmp_path).as_posix() for p in walk_files(tmp_path, [".smithy"])]
    assert found == ["model/a.smithy"]


def test_parse_cache_reuses_trees_for_the_same_bytes(tmp_path):
    cache = ParseCache()
    first = cache.get(tmp_path / "x.wit", "wit", b"package a:b;\n")
    assert cache.get(tmp_path / "x.wit", "wit", b"package a:b;\n") is first
    assert cache.get(tmp_path / "x.wit", "wit", b"package a:c;\n") is not first
