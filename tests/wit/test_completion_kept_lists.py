"""A body's type candidates kept across keystrokes (`features.wit.type_lists`) give
exactly what completing afresh gives, ranked as the full list would be."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from support.wit_workspaces import open_wit_file

from witsmith.features import completion_ranking
from witsmith.features.editing import CompletionCandidate
from witsmith.features.wit import completion, type_lists
from witsmith.features.wit.type_lists import change_between
from witsmith.syntax import SourceEdit


def long_interface(items: int, seed: int) -> str:
    """Records, variants, enums, resources and functions naming the types before them,
    with doc comments, gates, `use`s, a world and a second interface."""
    rng = random.Random(seed)
    out = ["package my:big@1.0.0;", "", "interface base {", "    type id = u64;", "    record elsewhere { a: u8 }",
           "    resource handle-x;", "}", "", "interface big {", "    use base.{id};"]
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
            out += ["    @since(version = 1.0.0)", f"    enum {name} {{ x, y }}"]
        elif pick < 0.7:
            out += [f"    resource {name} {{", "        constructor(a: u32);", f"        get: func() -> {names[-1]};",
                    "    }"]
        else:
            out += [f"    do{n}: func(a: {rng.choice(names[-8:])}, b: option<string>) -> result<{names[-1]}, string>;"]
            continue
        names.append(name)
    out += ["    take: func(h: borrow<t0>, i: own<>);", "}", "", "world app {", "    import big;", "    export run: func(h: own<handle-x>);", "}", ""]
    return "\n".join(out)


def _fresh(workspace, path, offset, limit, snippets):
    """Completion as made without any kept list, ranked the plain way."""
    kept = dict(type_lists.LISTS)
    type_lists.LISTS.clear()
    try:
        every = completion.completions(workspace, path, offset)
    finally:
        type_lists.LISTS.clear()
        type_lists.LISTS.update(kept)
    source = workspace.tree(path).source
    return completion_ranking.best([c for c in every if snippets or not c.is_snippet], source, offset, limit)


def _type_positions(source: bytes, rng: random.Random, count: int) -> list[int]:
    """Places after `name: ` (a field, a parameter), some with part of a word typed."""
    found = []
    while len(found) < count:
        at = source.find(b": ", rng.randrange(len(source)))
        if at >= 0:
            at += 2
            while rng.random() < 0.4 and at < len(source) and source[at:at + 1].isalnum():
                at += 1
            found.append(at)
    return found


def test_kept_lists_match_completing_afresh_through_typing(tmp_path):
    text = long_interface(250, seed=4)
    workspace, files, parses, path = open_wit_file(tmp_path, "big.wit", text)
    tree = parses.get(path, "wit", text.encode())
    rng = random.Random(7)
    reused = 0
    for step in range(160):
        source = tree.source
        if step % 20 == 0:  # typing moves to another place now and then: a field's name or type
            hot = source.index(rng.choice([b": ", b"\n        f"]), rng.randrange(len(source) - 2000)) + 2
        roll = rng.random()
        if roll < 0.75:  # typing at one place: mostly inside an item, now and then breaking it
            typed = rng.choice([b"x", b"-", b"1", b"x", b"-", b"1", b" ", b",", b"\n", b"}", b"{"])
            edit = SourceEdit(hot, hot, typed)
            hot += len(typed)
        elif roll < 0.85:  # a new type, or a renamed one
            at = source.index(b"\n    record ", rng.randrange(len(source) - 2000)) + 1
            edit = rng.choice([SourceEdit(at, at, b"    record fresh%d { a: u8 }\n" % step),
                               SourceEdit(at + len(b"    record "), at + len(b"    record "), b"z")])
        else:  # a deletion anywhere
            at = rng.randrange(len(source) - 3)
            edit = SourceEdit(at, at + rng.randint(1, 3), b"")
        tree = tree.edited(edit)
        files.set_buffer(path, tree.source)
        parses.put(path, tree)
        if rng.random() < 0.1:
            workspace.update(path)  # the workspace catches up now and then
        offsets = _type_positions(tree.source, rng, 2)
        if step % 10 == 9:  # inside `borrow<`/`own<`: resources only
            offsets += [tree.source.find(b"borrow<") + len(b"borrow<"), tree.source.find(b"own<>") + len(b"own<")]
        for offset in offsets:
            for limit, snippets in ((200, True), (40, False), (None, True)):
                found = completion.best_completions(workspace, path, offset, limit=limit, snippets=snippets)
                assert found == _fresh(workspace, path, offset, limit, snippets), (step, offset, limit)
            kept = type_lists.LISTS.get(path)
            reused += kept is not None and kept.tree.source is not tree.source
    assert reused > 50  # the kept lists were taken, not only made again


SCENARIO = """package my:pkg@1.0.0;

interface other {
    record other-thing { a: u8 }
    record not-used { a: u8 }
}

interface big {
    use other.{other-thing};
%s
    probe: func(a: );
}
""" % "\n".join(f"    /// Record {n}.\n    record r{n} {{ f0: u8, f1: string }}" for n in range(12))


def test_types_added_removed_and_renamed_while_typing(tmp_path):
    workspace, files, parses, path = open_wit_file(tmp_path, "pkg.wit", SCENARIO)
    tree = parses.get(path, "wit", SCENARIO.encode())

    def edit(old: bytes, new: bytes, after: bytes = b"") -> dict[str, tuple]:
        nonlocal tree
        at = tree.source.index(old, tree.source.index(after) if after else 0)
        tree = tree.edited(SourceEdit(at, at + len(old), new))
        files.set_buffer(path, tree.source)
        parses.put(path, tree)
        return ask()

    def ask() -> dict[str, tuple]:
        """What each candidate says (where it is inserted moves with the edits)."""
        offset = tree.source.index(b"a: );") + len(b"a: ")
        found, _ = completion.best_completions(workspace, path, offset, limit=200)
        assert (found, False) == _fresh(workspace, path, offset, 200, True)
        return {c.label: (c.kind, c.detail, c.documentation, c.sort_text, c.insert_text) for c in found}

    first = ask()
    assert {"r0", "r11", "other-thing", "not-used", "u8"} <= first.keys() and first["r3"][1] == "record r3 { f0, f1 }"
    made_from = type_lists.LISTS[path].tree

    # Inside one record: its candidate alone is made again.
    found = edit(b"f1", b"f1-and-more", after=b"record r3 ")
    assert found["r3"][1] == "record r3 { f0, f1-and-more }"
    assert {k: v for k, v in found.items() if k != "r3"} == {k: v for k, v in first.items() if k != "r3"}
    assert type_lists.LISTS[path].tree is made_from  # kept, not made again
    # A type renamed inside its own declaration: the old name goes, the new one comes.
    found = edit(b"record r5 ", b"record r5-renamed ")
    assert "r5-renamed" in found and "r5" not in found
    # Renamed to a name the body declares after it: the first declaration is offered.
    found = edit(b"record r9 ", b"record r10 ")
    assert "r9" not in found and found["r10"][2] == "Record 9."
    # A type added between items, then one removed.
    found = edit(b"    probe:", b"    record fresh-one { a: u8 }\n    probe:")
    assert found["fresh-one"][1] == "record fresh-one { a }"
    found = edit(b"    /// Record 7.\n    record r7 { f0: u8, f1: string }\n", b"")
    assert "r7" not in found and "fresh-one" in found and "r6" in found
    # A function's inside changes no name in scope.
    before = found
    found = edit(b"probe: func(a: ", b"probe: func(b: u8, a: ")
    assert found == before
    # A type renamed in another body: this body's list is as it was while the workspace
    # has not read the edit (it names types of other interfaces as the workspace has them)...
    kept = type_lists.LISTS[path].tree
    found = edit(b"record not-used ", b"record other-renamed ")
    assert found == before and type_lists.LISTS[path].tree is kept
    # ... and changes for that one name once it has.
    workspace.update(path)
    found = ask()
    assert found.keys() ^ before.keys() == {"other-renamed", "not-used"}
    assert found["other-renamed"][1] == "record other-renamed { a }  (from other)"
    assert {k: v for k, v in found.items() if k != "other-renamed"} == {k: v for k, v in before.items() if k != "not-used"}


def test_the_changed_stretch_of_two_texts():
    assert change_between(b"abcdef", b"abcdef") == type_lists.Change(6, 6, 0)
    assert change_between(b"abcdef", b"abXcdef") == type_lists.Change(2, 2, 1)
    assert change_between(b"abcdef", b"abef") == type_lists.Change(2, 4, -2)
    assert change_between(b"aaaa", b"aaaaa") == type_lists.Change(4, 4, 1)  # never overlapping
    assert change_between(b"", b"xyz") == type_lists.Change(0, 0, 3)
    change = change_between(b"abcdef", b"abXYef")
    assert change == type_lists.Change(2, 4, 0)
    assert change.to_old(1) == 1 and change.to_old(3) == 2 and change.to_old(5) == 5


_LABELS = st.lists(st.text(alphabet="abcxyz-%Z0", min_size=1, max_size=8), min_size=1, max_size=60)


@settings(max_examples=150, deadline=None)
@given(labels=_LABELS, typed=st.text(alphabet="abcxyz-Z", max_size=4), limit=st.integers(1, 70),
       sorts=st.lists(st.sampled_from("0147"), min_size=60, max_size=60), no_snippets=st.booleans())
def test_a_ranked_list_chooses_as_sorting_the_whole_list_does(labels, typed, limit, sorts, no_snippets):
    candidates = [CompletionCandidate(label, "type", 0, 0, None, n % 3 == 0, None, None, sorts[n] + label)
                  for n, label in enumerate(labels)]
    kept = [c for c in candidates if not (no_snippets and c.is_snippet)]
    source = typed.encode()
    expected, incomplete = completion_ranking.best(kept, source, len(source), limit)
    chosen, cut = completion_ranking.RankedList(candidates).best(
        typed, limit, (lambda c: not c.is_snippet) if no_snippets else None)
    assert [candidates[i] for i in chosen] == expected and cut == incomplete
