"""Bad bytes get a clear diagnostic, and the rest of the workspace still works."""

from __future__ import annotations

from pathlib import Path

import pytest

from witsmith.features.diagnostics import MAX_DIAGNOSTICS_PER_FILE, file_diagnostics
from witsmith.workspace.project import Workspace

GOOD_WIT = b"package a:good;\n\ninterface fine {\n    record r { x: u32 }\n}\n"


def check(tmp_path: Path, name: str, content: bytes) -> tuple[list, list]:
    """Diagnostics of the bad file, and of a good file beside it."""
    (tmp_path / name).write_bytes(content)
    good = tmp_path / "good" / "good.wit"
    good.parent.mkdir(exist_ok=True)
    good.write_bytes(GOOD_WIT)
    workspace = Workspace()
    workspace.add_root(tmp_path)
    return file_diagnostics(workspace, tmp_path / name), file_diagnostics(workspace, good)


@pytest.mark.parametrize("name", ["bad.wit", "bad.smithy"])
def test_invalid_utf8_reports_the_byte_offset(tmp_path, name):
    content = b"// caf\xe9\n" + (b"package a:b;\n" if name.endswith(".wit") else b"namespace a.b\n")
    found, good = check(tmp_path, name, content)
    encoding = [d for d in found if d.code.endswith("/invalid-encoding")]
    assert len(encoding) == 1 and encoding[0].start == 6
    assert "offset 6" in encoding[0].message and "UTF-8" in encoding[0].message
    assert good == []


@pytest.mark.parametrize("name", ["blob.wit", "blob.smithy"])
def test_binary_files_get_one_diagnostic(tmp_path, name):
    found, good = check(tmp_path, name, bytes(range(256)) * 40)
    assert [d.code.split("/")[1] for d in found] == ["binary-file"]
    assert good == []


@pytest.mark.parametrize("name,content", [
    ("bom.wit", "\ufeffpackage a:bom;\r\ninterface i {}\rinterface j {}\n".encode()),
    ("bom.smithy", "\ufeffnamespace a.bom\r\n\rstructure A {}\r\n".encode()),
])
def test_byte_order_mark_and_mixed_line_endings_are_fine(tmp_path, name, content):
    found, _ = check(tmp_path, name, content)
    assert found == []


def test_deep_nesting_gets_a_diagnostic_not_a_crash(tmp_path):
    deep_smithy = ("namespace a.deep\n\n@tags(" + "[" * 10_000 + "]" * 10_000 + ")\nstructure A {}\n").encode()
    found, good = check(tmp_path, "deep.smithy", deep_smithy)
    assert found and all(d.message for d in found)
    deep_wit = ("package a:deep;\ninterface i {\n type t = " + "list<" * 10_000 + "u8" + ">" * 10_000 + ";\n}\n").encode()
    found, good = check(tmp_path, "deep.wit", deep_wit)
    assert any(d.code == "wit/syntax-error" for d in found)
    assert good == []


def test_thousands_of_errors_are_capped_with_a_summary(tmp_path):
    broken = b"package a:many;\n\n" + b"".join(b"interface i%d { f: func(; }\n" % n for n in range(3000))
    found, _ = check(tmp_path, "many.wit", broken)
    assert len(found) <= MAX_DIAGNOSTICS_PER_FILE + 1
    if len(found) == MAX_DIAGNOSTICS_PER_FILE + 1:
        assert found[-1].code == "wit/too-many-problems" and "more problems" in found[-1].message


def test_smithy_json_that_is_not_json_or_not_an_ast(tmp_path):
    (tmp_path / "broken.json").write_text('{"smithy": "2.0", "shapes": {')
    (tmp_path / "other.json").write_text('{"name": "not a model"}')
    workspace = Workspace()
    workspace.add_root(tmp_path)
    known = workspace.known_files()
    assert tmp_path / "other.json" not in known  # an ordinary JSON file is none of witsmith's business
    if tmp_path / "broken.json" in known:
        found = file_diagnostics(workspace, tmp_path / "broken.json")
        assert found and found[0].code.startswith("smithy/")
