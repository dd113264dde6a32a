"""Typing in a long WIT file re-reads only the items the edit touched, and gives what
reading the whole file again gives; work is counted, not timed."""

from __future__ import annotations

import random

from support.wit_workspaces import open_wit_file

from witsmith.features.wit.completion import completions
from witsmith.features.wit.diagnostics import file_diagnostics
from witsmith.model.wit import summarize
from witsmith.model.wit.memo import DeclarationMemo
from witsmith.syntax import SourceEdit, parse


def long_interface(items: int, seed: int = 5) -> str:
    """Records, variants, enums, resources and functions naming the types before them,
    with doc comments, gates, a `use` and a world."""
    rng = random.Random(seed)
    out = ["package my:big@1.0.0;", "", "interface base {", "    type id = u64;", "}", "", "interface big {",
           "    use base.{id};"]
    names = ["id"]
    for n in range(items):
        pick = rng.random()
        name = f"t{n}"
        if pick < 0.4:
            out += [f"    /// Record {n}.", f"    record {name} {{"]
            out += [f"        f{f}: {rng.choice(names[-8:] + ['u32', 'string'])}," for f in range(rng.randint(1, 4))]
            out += ["    }"]
        elif pick < 0.55:
            out += [f"    variant {name} {{", f"        a({rng.choice(names[-8:])}),", "        b,", "    }"]
        elif pick < 0.65:
            out += [f"    @since(version = 1.0.0)", f"    enum {name} {{ x, y }}"]
        elif pick < 0.7:
            out += [f"    resource {name} {{", "        constructor(a: u32);", f"        get: func() -> {names[-1]};",
                    "    }"]
        else:
            out += [f"    do{n}: func(a: {rng.choice(names[-8:])}, b: option<string>) -> result<{names[-1]}, string>;"]
            continue
        names.append(name)
    out += ["}", "", "world app {", "    import big;", "    export run: func();", "}", ""]
    return "\n".join(out)


def _typing(source: bytes, seed: int, count: int) -> list[SourceEdit]:
    """One-character inserts and deletes at random places, some breaking the syntax."""
    rng = random.Random(seed)
    edits = []
    for _ in range(count):
        at = rng.randrange(len(source))
        if rng.random() < 0.6:
            edit = SourceEdit(at, at, rng.choice([b" ", b"x", b"{", b";", b"\n", b"-"]))
        else:
            edit = SourceEdit(at, min(len(source), at + 1), b"")
        edits.append(edit)
        source = edit.apply(source)
    return edits


def test_an_edit_re_reads_only_the_item_it_touches(tmp_path):
    text = long_interface(600)
    workspace, files, parses, path = open_wit_file(tmp_path, "big.wit", text)  # open in an editor
    assert file_diagnostics(workspace, path) == []
    tree = parses.get(path, "wit", text.encode())
    at = text.encode().index(b"f0: ", len(text) // 2) + len("f0: ")
    tree = tree.edited(SourceEdit(at, at, b"option<"))
    tree = tree.edited(SourceEdit(tree.source.index(b",", at), tree.source.index(b",", at), b">"))
    files.set_buffer(path, tree.source)
    parses.put(path, tree)

    before = workspace.counts.items_summarized
    workspace.update(path)
    assert workspace.counts.items_summarized - before == 1
    # Every range moved to where it is now: the same summary as reading the file afresh.
    assert repr(workspace.summary(path)) == repr(summarize(parse("wit", tree.source)))
    assert file_diagnostics(workspace, path) == []


def test_reused_items_match_a_fresh_summary_through_any_typing():
    source = long_interface(150, seed=8).encode()
    tree = parse("wit", source)
    memo = DeclarationMemo()
    summarize(tree, memo)
    for edit in _typing(source, seed=9, count=60):
        tree = tree.edited(edit)
        reused = summarize(tree, memo)
        assert repr(reused) == repr(summarize(parse("wit", tree.source))), edit


def test_a_summary_for_names_only_moves_every_range_but_its_types_and_functions():
    source = long_interface(150, seed=3).encode()
    tree = parse("wit", source)
    memo = DeclarationMemo()
    summarize(tree, memo)
    for edit in _typing(source, seed=4, count=30):
        tree = tree.edited(edit)
        quick = summarize(tree, memo, placed=False)
        fresh = summarize(parse("wit", tree.source))
        for quick_unit, fresh_unit in zip(quick.units, fresh.units, strict=True):
            assert quick_unit.span == fresh_unit.span
            for quick_body, fresh_body in zip(quick_unit.interfaces + quick_unit.worlds,
                                              fresh_unit.interfaces + fresh_unit.worlds, strict=True):
                assert quick_body.span == fresh_body.span
                assert repr(quick_body.uses) == repr(fresh_body.uses)
                assert [(t.kind, t.name.text, t.docs) for t in quick_body.types] == \
                       [(t.kind, t.name.text, t.docs) for t in fresh_body.types]
        # The next placed summary is exact again, whatever the quick ones reused.
        assert repr(summarize(tree, memo)) == repr(fresh)


def test_completion_while_the_workspace_lags_matches_completion_once_it_caught_up(tmp_path):
    text = long_interface(300, seed=2)
    workspace, files, parses, path = open_wit_file(tmp_path, "big.wit", text)
    tree = parses.get(path, "wit", text.encode())
    rng = random.Random(12)
    for _ in range(6):
        # Type a new field in a record, then ask for the type after its colon.
        at = tree.source.index(b"record ", rng.randrange(len(tree.source) - 2000))
        at = tree.source.index(b"{\n", at) + 2
        typed = b"        extra: "
        tree = tree.edited(SourceEdit(at, at, typed + b"\n"))
        files.set_buffer(path, tree.source)
        parses.put(path, tree)
        cursor = at + len(typed)
        lagging = completions(workspace, path, cursor)
        workspace.update(path)
        settled = completions(workspace, path, cursor)
        assert lagging == settled
        assert any(c.label == "id" for c in settled)
        # Remove the field again so that the file stays free of errors.
        tree = tree.edited(SourceEdit(at, at + len(typed) + 1, b""))
        files.set_buffer(path, tree.source)
        parses.put(path, tree)
        workspace.update(path)


def test_checking_returned_types_for_borrows_walks_each_definition_once(tmp_path, monkeypatch):
    from wit.helpers import project
    from witsmith.workspace.wit.resolver import Resolver

    count = 200
    lines = ["package my:chain@1.0.0;", "interface chain {", "    resource r { }", "    record t0 { h: own<r> }"]
    lines += [f"    record t{n} {{ prev: t{n - 1} }}" for n in range(1, count)]
    lines += [f"    get{n}: func() -> t{count - 1};" for n in range(count)]
    lines += ["    lend: func() -> option<borrow<r>>;", "}"]
    looked_up = []
    original = Resolver.find_type

    def counted(self, scope, name):
        looked_up.append(name)
        return original(self, scope, name)

    monkeypatch.setattr(Resolver, "find_type", counted)
    p = project(tmp_path, {"wit/chain.wit": "\n".join(lines) + "\n"})
    assert p.codes() == ["wit/return-borrow"]  # still found where there is one
    # Each name is looked up where it is written, and each definition's own members
    # once when asking whether a result holds a borrow: not once per function.
    assert len(looked_up) < 6 * count


def test_completion_context_read_from_checkpoints_matches_reading_from_the_top():
    """Across edits (random ones, some breaking the syntax or opening a comment) and at
    random places, the bodies open at a place are those a scan from the top finds; and
    while one place is typed in, requests anywhere read a few checkpoints' worth of
    text, not the file from the top."""
    from witsmith.features.wit.open_bodies import CHECKPOINT_BYTES, BodyScanner

    original = long_interface(1500, seed=6).encode()
    assert len(original) > 20 * CHECKPOINT_BYTES
    rng = random.Random(7)
    scanner = BodyScanner()

    def ask(source: bytes) -> int:
        """Three requests at random places, checked; the bytes they read."""
        read = scanner.read
        for _ in range(3):
            end = rng.randrange(len(source))
            assert scanner.frames(source, end) == BodyScanner().frames(source, end)
        return scanner.read - read

    source = original
    edits = _typing(source, seed=10, count=30)
    edits.insert(10, SourceEdit(len(source) // 3, len(source) // 3, b"/* open"))
    edits.insert(20, SourceEdit(len(source) // 2, len(source) // 2, b"record r {"))
    edits.insert(25, SourceEdit(len(source) // 4, len(source) // 4 + 40, b""))
    for edit in edits:
        source = edit.apply(source)
        ask(source)
    source = original  # as after undoing them all
    ask(source)
    at = source.index(b"\n", len(source) // 2) + 1
    source = SourceEdit(at, at, b"    record typed { a: u8 }\n").apply(source)
    ask(source)
    read = 0
    for n in range(30):
        source = SourceEdit(at + 25 + n, at + 25 + n, b"x").apply(source)
        read += ask(source)
    assert read < 30 * 3 * 3 * CHECKPOINT_BYTES
