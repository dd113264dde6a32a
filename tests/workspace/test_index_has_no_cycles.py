"""The index's models hold no reference cycles, so that what an edit replaces is freed
by reference counting alone.

The server sets the index aside from the cyclic collector once it has landed (see
`witsmith.gc_pause.set_aside_live_objects`): a cycle among objects set aside would never
be freed, and each edit that replaced one would leak it.
"""

from __future__ import annotations

import gc
import shutil
from collections import Counter
from pathlib import Path

from witsmith.features.diagnostics import file_diagnostics
from witsmith.workspace.project import Workspace

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# A package split over two files, a nested package block, and a dependency in deps/:
# every way WIT packages are assembled from files.
WIT_FILES = {
    "app/wit/types.wit": "package demo:app@1.0.0;\n\ninterface types {\n    record point { x: u32, y: u32 }\n}\n",
    "app/wit/world.wit": (
        "package demo:app@1.0.0;\n\ninterface api {\n    use types.{point};\n    move: func(p: point) -> point;\n}\n\n"
        "world app {\n    import demo:util/log;\n    export api;\n}\n\n"
        "package demo:extra {\n    interface more {\n        f: func();\n    }\n}\n"),
    "app/wit/deps/util/util.wit": "package demo:util;\n\ninterface log {\n    log: func(message: string);\n}\n",
}


def _workspace(tmp_path: Path) -> Workspace:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    for name, text in WIT_FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    workspace = Workspace()
    workspace.add_root(tmp_path)
    return workspace


def _cyclic_garbage(work, modules: tuple[str, ...] = ("witsmith",)) -> Counter[str]:
    """The objects of ``modules`` that only the cyclic collector would free after ``work()``."""
    gc.collect()
    gc.disable()
    try:
        work()
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        return Counter(type(o).__qualname__ for o in gc.garbage if type(o).__module__.startswith(modules))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_edits_to_every_file_leave_nothing_for_the_cyclic_collector(tmp_path):
    workspace = _workspace(tmp_path)
    paths = workspace.known_files()
    assert {p.suffix for p in paths} >= {".smithy", ".wit"}
    for path in paths:
        assert file_diagnostics(workspace, path) == [], path

    def edit_each_file():
        for path in paths:
            source = path.read_bytes()
            for text in (source + b"\n// edited\n", source):
                workspace.files.set_buffer(path, text)
                workspace.update(path)
                for checked in paths:
                    file_diagnostics(workspace, checked)
            workspace.files.close_buffer(path)
            workspace.update(path)

    assert _cyclic_garbage(edit_each_file) == Counter()


def test_a_workspace_dropped_whole_leaves_nothing_for_the_cyclic_collector(tmp_path):
    """What the server does with the partial project when the full index replaces it."""
    holder = [_workspace(tmp_path)]
    for path in holder[0].known_files():
        file_diagnostics(holder[0], path)
    assert _cyclic_garbage(holder.clear) == Counter()


def test_a_paced_catch_up_and_check_leave_nothing_for_the_cyclic_collector(tmp_path):
    """What the server runs at a pause in typing in a long model, with the collector paused,
    before it sets what is alive aside (`WitsmithServer._flush`): a slice at a time, as
    `Paced` runs it in a thread of its own."""
    from witsmith.pacing import Paced

    workspace = _workspace(tmp_path)
    paths = [p for p in workspace.known_files() if p.suffix in (".smithy", ".wit")]

    def catch_up_each_file():
        for path in paths:
            workspace.files.set_buffer(path, path.read_bytes() + b"\n// edited\n")
            paced = workspace.update_paced(path, slice_seconds=0)
            while not paced.step():
                pass
            check = Paced(lambda path=path: file_diagnostics(workspace, path), slice_seconds=0)
            while not check.step():
                pass
            abandoned = Paced(lambda path=path: file_diagnostics(workspace, path), slice_seconds=0)
            abandoned.step()
            abandoned.abandon()

    assert _cyclic_garbage(catch_up_each_file, ("witsmith", "threading")) == Counter()
