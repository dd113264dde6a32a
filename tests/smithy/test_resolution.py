"""Resolution of shape ids across files and namespaces, definition and references."""

from __future__ import annotations

from smithy.helpers import codes, errors, one, text_at, workspace

COMMON = """$version: "2"
namespace example.common

/// An identifier.
string Id

@trait(selector: "structure")
structure audited {
    level: Integer
}
"""

SERVICE = """$version: "2"
namespace example.service

use example.common#Id
use example.common#audited

@audited(level: 2)
structure Thing {
    id: Id
    name: String
}

service Things {
    version: "1"
    operations: [GetThing]
}

operation GetThing {
    input: Thing
    output: Thing
}
"""


def test_relative_ids_resolve_through_uses_namespace_then_prelude(tmp_path):
    ws = workspace(tmp_path, {"common.smithy": COMMON, "service.smithy": SERVICE})
    assert errors(ws, tmp_path / "service.smithy") == []
    resolved = {r.reference.text: r.target for r in ws.resolved(tmp_path / "service.smithy").references}
    assert resolved["Id"] == "example.common#Id"
    assert resolved["String"] == "smithy.api#String"
    assert resolved["GetThing"] == "example.service#GetThing"
    assert resolved["audited"] == "example.common#audited"


def test_definition_and_references_cross_files(tmp_path):
    ws = workspace(tmp_path, {"common.smithy": COMMON, "service.smithy": SERVICE})
    service = tmp_path / "service.smithy"
    source = service.read_bytes()
    offset = source.index(b"id: Id") + 5
    location = ws.definition(service, offset)
    assert location.path == tmp_path / "common.smithy"
    assert text_at(location.path, _diag(location)) == "Id"
    refs = ws.references(service, offset, include_declaration=True)
    texts = sorted((r.path.name, text_at(r.path, _diag(r))) for r in refs)
    assert texts == [("common.smithy", "Id"), ("service.smithy", "Id"), ("service.smithy", "example.common#Id")]


def test_member_references_are_indexed(tmp_path):
    ws = workspace(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\nstructure S { m: String }\napply S$m @documentation("x")\n'})
    path = tmp_path / "a.smithy"
    source = path.read_bytes()
    location = ws.definition(path, source.index(b"S$m") + 2)
    assert text_at(path, _diag(location)) == "m"
    refs = ws.references(path, source.index(b"m: String"), include_declaration=False)
    assert [text_at(path, _diag(r)) for r in refs] == ["S$m"]


def test_unresolved_shape_suggests_name_and_use(tmp_path):
    ws = workspace(tmp_path, {
        "common.smithy": COMMON,
        "x.smithy": '$version: "2"\nnamespace example.x\n\nstructure S {\n    a: Strng\n    b: Id\n}\n',
    })
    path = tmp_path / "x.smithy"
    found = [d for d in errors(ws, path) if d.code == "smithy/unresolved-shape"]
    assert [text_at(path, d) for d in found] == ["Strng", "Id"]
    assert "did you mean `String`" in found[0].message
    assert any(f.title == "Add `use example.common#Id`" for f in found[1].fixes)
    edit = next(f for f in found[1].fixes if f.title.startswith("Add")).edits[0]
    assert edit.new_text == "use example.common#Id\n"


def test_unresolved_trait_and_not_a_trait(tmp_path):
    ws = workspace(tmp_path, {"x.smithy": '$version: "2"\nnamespace x\n\n@documentaton("d")\n@String\nstructure S {}\n'})
    path = tmp_path / "x.smithy"
    trait = one(ws, path, "smithy/unresolved-trait")
    assert text_at(path, trait) == "documentaton" and "documentation" in trait.message
    assert text_at(path, one(ws, path, "smithy/not-a-trait")) == "String"


def test_unknown_namespace_is_a_warning_not_an_error(tmp_path):
    ws = workspace(tmp_path, {"x.smithy": '$version: "2"\nnamespace x\nuse aws.protocols#restJson1\n@restJson1\nservice S {}\n'})
    path = tmp_path / "x.smithy"
    assert errors(ws, path) == []
    assert "smithy/namespace-not-loaded" in codes(ws, path)


def _diag(location):
    class _Range:
        start, end = location.start, location.end
    return _Range


def test_loose_files_added_one_by_one_form_one_project(tmp_path):
    from smithy.helpers import write
    from witsmith.settings import Settings
    from witsmith.workspace.files import FileStore, ParseCache
    from witsmith.workspace.smithy import SmithyWorkspace

    write(tmp_path, {"a.smithy": '$version: "2"\nnamespace a\nstring Order\n',
                     "b.smithy": '$version: "2"\nnamespace a\nstring ORDER\n'})
    ws = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    ws.add_root(tmp_path / "a.smithy")
    ws.add_root(tmp_path / "b.smithy")
    assert len([p for p in ws.projects if p.kind == "loose"]) == 1
    assert "smithy/duplicate-shape" in codes(ws, tmp_path / "a.smithy")


def test_model_paths_setting_adds_models(tmp_path):
    from smithy.helpers import write
    from witsmith.settings import Settings
    from witsmith.workspace.files import FileStore, ParseCache
    from witsmith.workspace.smithy import SmithyWorkspace

    write(tmp_path, {"lib/common.smithy": '$version: "2"\nnamespace lib\nstring Id\n',
                     "app/a.smithy": '$version: "2"\nnamespace app\nuse lib#Id\nstructure S { id: Id }\n'})
    ws = SmithyWorkspace(FileStore(), ParseCache(), Settings())
    ws.add_root(tmp_path / "app")
    assert "smithy/namespace-not-loaded" in codes(ws, tmp_path / "app" / "a.smithy")
    ws.set_settings(Settings(smithy_model_paths=(tmp_path / "lib",)))
    assert codes(ws, tmp_path / "app" / "a.smithy") == []


def test_trait_value_keys_lead_to_the_trait_members(tmp_path):
    ws = workspace(tmp_path, {"common.smithy": COMMON, "service.smithy": SERVICE})
    service = tmp_path / "service.smithy"
    location = ws.definition(service, SERVICE.index("level: 2") + 1)
    assert location.path == tmp_path / "common.smithy"
    assert text_at(location.path, _diag(location)) == "level"
    # And the prelude's members, in the built-in model's text.
    ws2 = workspace(tmp_path / "b", {"a.smithy": '$version: "2"\nnamespace a\n@range(min: 1)\ninteger N\n'})
    path = tmp_path / "b" / "a.smithy"
    builtin = ws2.definition(path, path.read_text().index("min"))
    text = ws2.builtin_text(builtin.path)
    assert text[builtin.start:builtin.end] == b"min"


def test_elided_member_leads_to_the_mixin_member(tmp_path):
    text = '$version: "2"\nnamespace a\n@mixin\nstructure Base { id: String }\nstructure S with [Base] { $id }\n'
    ws = workspace(tmp_path, {"a.smithy": text})
    path = tmp_path / "a.smithy"
    location = ws.definition(path, text.index("$id") + 1)
    assert location.start == text.index("id: String")
    refs = ws.references(path, text.index("id: String"), include_declaration=False)
    assert [r.start for r in refs] == [text.index("$id") + 1]


def test_smithy_build_sources_imports_and_maven_note(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no local Maven repository
    ws = workspace(tmp_path, {
        "smithy-build.json": '{"version": "1.0", "sources": ["model"], "imports": ["shared"],\n'
                             ' "maven": {"dependencies": ["software.amazon.smithy:smithy-aws-traits:1.0"]}}',
        "model/a.smithy": '$version: "2"\nnamespace a\nuse shared#Id\nstructure S { id: Id }\n',
        "shared/s.smithy": '$version: "2"\nnamespace shared\nstring Id\n',
    })
    build = tmp_path / "smithy-build.json"
    project = ws.project_of(tmp_path / "model" / "a.smithy")
    assert project.kind == "smithy-build" and tmp_path / "shared" / "s.smithy" in project.files
    assert errors(ws, tmp_path / "model" / "a.smithy") == []
    note = one(ws, build, "smithy/maven-dependency-not-found")
    assert "smithy-aws-traits" in note.message
    assert text_at(build, _diag(note)) == '"software.amazon.smithy:smithy-aws-traits:1.0"'
