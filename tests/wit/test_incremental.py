"""Updating one file re-resolves only the files that depend on it; work is counted,
not timed."""

from __future__ import annotations

from witsmith.features.wit.diagnostics import file_diagnostics
from wit.helpers import project

PKG = "package my:app@1.0.0;\n"


def chain(count: int) -> dict[str, str]:
    """Files f0..fN: f0 defines `t0`; each other file uses the type of the previous one."""
    files = {"wit/f0.wit": PKG + "interface i0 { type t0 = u32; }\n"}
    for n in range(1, count):
        files[f"wit/f{n}.wit"] = f"interface i{n} {{ use i{n - 1}.{{t{n - 1}}}; type t{n} = list<t{n - 1}>; }}\n"
    return files


def test_body_edit_re_resolves_only_direct_dependents(tmp_path):
    p = project(tmp_path, chain(40))
    assert p.diagnostics() == []
    before = p.workspace.counts.files_resolved
    # Change a type's body but no declared name: only f10 and its user f11 are redone.
    path = p.root / "f10.wit"
    path.write_text("interface i10 { use i9.{t9}; type t10 = option<t9>; }\n")
    changed = p.workspace.update(path)
    assert p.workspace.counts.files_resolved - before == 2
    assert changed == {path, p.root / "f11.wit"}


def test_removing_a_type_reports_in_the_dependent_file(tmp_path):
    p = project(tmp_path, chain(5))
    path = p.root / "f2.wit"
    path.write_text("interface i2 { use i1.{t1}; type renamed = list<t1>; }\n")
    changed = p.workspace.update(path)
    assert p.root / "f3.wit" in changed
    (d,) = file_diagnostics(p.workspace, p.root / "f3.wit")
    assert d.code == "wit/unknown-use-name"


def test_renaming_an_interface_re_resolves_the_package_not_the_deps(tmp_path):
    files = chain(10)
    files["wit/deps/io.wit"] = "package wasi:io@0.2.0;\ninterface streams { type s = u8; }\n"
    p = project(tmp_path, files)
    before = p.workspace.counts.files_resolved
    path = p.root / "f9.wit"
    path.write_text("interface last { use i8.{t8}; }\n")
    p.workspace.update(path)
    # Every file of the package reads its name table; the dep does not.
    assert p.workspace.counts.files_resolved - before == 10


def test_created_and_deleted_files(tmp_path):
    p = project(tmp_path, chain(3))
    extra = p.root / "f3.wit"
    extra.write_text("interface i3 { use i2.{t2}; use missing.{x}; }\n")
    p.workspace.update(extra)
    assert extra in p.workspace.files()
    assert [d.code for d in file_diagnostics(p.workspace, extra)] == ["wit/unknown-interface"]
    (p.root / "f2.wit").unlink()
    changed = p.workspace.update(p.root / "f2.wit")
    assert extra in changed
    assert (p.root / "f2.wit") not in p.workspace.files()
    assert "wit/unknown-interface" in [d.code for d in file_diagnostics(p.workspace, extra)]


def test_adding_a_missing_dependency_clears_the_diagnostic(tmp_path):
    p = project(tmp_path, {"wit/a.wit": PKG + "world w { import wasi:io/streams@0.2.0; }\n"})
    assert p.codes() == ["wit/missing-package"]
    dep = tmp_path / "wit" / "deps" / "io" / "streams.wit"
    dep.parent.mkdir(parents=True)
    dep.write_text("package wasi:io@0.2.0;\ninterface streams {}\n")
    changed = p.workspace.update(dep)
    assert p.root / "a.wit" in changed
    assert p.diagnostics() == []


def test_open_buffer_wins_over_disk(tmp_path):
    p = project(tmp_path, chain(2))
    path = p.root / "f1.wit"
    p.workspace._files.set_buffer(path, b"interface i1 { use i0.{nope}; }\n")
    p.workspace.update(path)
    assert [d.code for d in file_diagnostics(p.workspace, path)] == ["wit/unknown-use-name"]


def test_settings_changes_re_resolve(tmp_path):
    from dataclasses import replace

    p = project(tmp_path, {"wit/a.wit": PKG + "@unstable(feature = x)\ninterface fancy {}\nworld w { import fancy; }\n",
                           "lib/pkg/y.wit": "package lib:x;\ninterface y {}\n",
                           "wit/b.wit": "world v { import lib:x/y; }\n"})
    assert sorted(p.codes()) == ["wit/missing-package", "wit/unstable-reference"]
    settings = p.workspace.settings
    p.workspace.set_settings(replace(settings, wit_features=frozenset({"x"})))
    assert p.codes() == ["wit/missing-package"]
    p.workspace.set_settings(replace(p.workspace.settings, wit_search_paths=(tmp_path / "lib",)))
    assert p.codes() == []


def test_adding_the_same_root_twice_reads_it_once(tmp_path):
    p = project(tmp_path, chain(3))
    before = p.workspace.counts.files_summarized
    p.workspace.add_root(tmp_path / "wit")
    p.workspace.add_root(tmp_path / "wit" / "f1.wit")
    p.workspace.add_root(tmp_path)
    assert p.workspace.counts.files_summarized == before


def test_an_unchanged_file_costs_nothing(tmp_path):
    p = project(tmp_path, chain(5))
    before = (p.workspace.counts.files_summarized, p.workspace.counts.files_resolved)
    assert p.workspace.update(p.root / "f2.wit") == set()
    assert (p.workspace.counts.files_summarized, p.workspace.counts.files_resolved) == before
