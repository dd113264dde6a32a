"""The collector pause around bulk loading nests, and restores what it found."""

from __future__ import annotations

import gc

from witsmith.gc_pause import gc_paused


def test_nested_pauses_restore_the_collector_at_the_outermost_end():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_error_inside_still_restores_the_collector():
    try:
        with gc_paused():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()


def test_only_a_process_tuned_for_large_graphs_sets_objects_aside(monkeypatch):
    import witsmith.gc_pause as gc_pause

    monkeypatch.setattr(gc_pause, "_holds_large_graphs", False)  # as in a library or a test run
    assert not gc_pause.set_aside_live_objects()
    assert gc.get_freeze_count() == 0
    monkeypatch.setattr(gc_pause, "_holds_large_graphs", True)
    try:
        assert gc_pause.set_aside_live_objects()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
