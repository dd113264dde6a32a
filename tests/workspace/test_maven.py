"""Maven dependencies of smithy-build.json, resolved offline: repository layouts, poms
followed transitively, models read from jars (cached), and the missing-dependency diagnostic."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from smithy.helpers import codes, diagnostics, one, text_at, write
from support.corpus import REPO
from witsmith.config import parse_config
from witsmith.settings import Settings
from witsmith.workspace.files import FileStore, ParseCache
from witsmith.workspace.smithy import SmithyWorkspace, jars
from witsmith.workspace.smithy.maven import Coordinate, Repository, parse_coordinate, pom_dependencies, resolve

SHARED_REPO = REPO.parent / "shared" / "tools" / "smithy-maven-repo"
GROUP = "com.example.traits"

TRAITS_MODEL = """$version: "2"
namespace example.traits

/// Marks a shape as audited by the compliance team.
@trait(selector: "structure")
structure audited {
    @required
    level: Integer
}
"""

BASE_MODEL = """$version: "2"
namespace example.base

/// A base identifier.
string BaseId
"""

USER_MODEL = """$version: "2"
namespace example.app

use example.traits#audited
use example.base#BaseId

@audited(level: 1)
structure Thing {
    id: BaseId
}
"""


def pom(group: str, artifact: str, version: str, dependencies: list[tuple[str, str, str]]) -> str:
    deps = "".join(f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>"
                   for g, a, v in dependencies)
    return (f'<?xml version="1.0"?><project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
            f"<groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>{version}</version>"
            f"<dependencies>{deps}</dependencies></project>")


def jar_bytes(path: Path, models: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        archive.writestr("META-INF/smithy/manifest", "".join(f"{name}\n" for name in models))
        for name, text in models.items():
            archive.writestr(f"META-INF/smithy/{name}", text)


def maven_artifact(repo: Path, artifact: str, models: dict[str, str], dependencies=(), version: str = "1.0.0") -> Path:
    folder = repo / Path(*GROUP.split(".")) / artifact / version
    jar = folder / f"{artifact}-{version}.jar"
    jar_bytes(jar, models)
    (folder / f"{artifact}-{version}.pom").write_text(pom(GROUP, artifact, version, list(dependencies)))
    return jar


def gradle_artifact(cache: Path, artifact: str, models: dict[str, str], dependencies=(), version: str = "1.0.0") -> Path:
    # Gradle keeps each file in a folder named after its hash: the jar and the pom apart.
    folder = cache / GROUP / artifact / version
    jar = folder / "1f0e3dad99908345f7439f8ffabdffc4" / f"{artifact}-{version}.jar"
    jar_bytes(jar, models)
    pom_file = folder / "b6d767d2f8ed5d21a44b0e5886680cb9" / f"{artifact}-{version}.pom"
    pom_file.parent.mkdir(parents=True)
    pom_file.write_text(pom(GROUP, artifact, version, list(dependencies)))
    return jar


def two_artifacts(layout, root: Path) -> None:
    """`traits` depends on `base`: naming `traits` must bring both."""
    layout(root, "base", {"base.smithy": BASE_MODEL})
    layout(root, "traits", {"traits.smithy": TRAITS_MODEL}, [(GROUP, "base", "1.0.0")])


def project(root: Path, dependencies: list[str], repositories: list[str] | None = None, extra: str = "") -> Path:
    maven: dict = {"dependencies": dependencies}
    if repositories is not None:
        maven["repositories"] = [{"url": r} for r in repositories]
    write(root, {
        "smithy-build.json": "{\n" + extra + json.dumps({"version": "1.0", "sources": ["model"], "maven": maven})[1:],
        "model/app.smithy": USER_MODEL,
    })
    return root / "model" / "app.smithy"


def open_workspace(root: Path, settings: Settings | None = None) -> SmithyWorkspace:
    ws = SmithyWorkspace(FileStore(), ParseCache(), settings or Settings())
    ws.add_root(root)
    return ws


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """An empty home folder, so the machine's own caches play no part."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    for name in ("MAVEN_OPTS", "GRADLE_USER_HOME", "COURSIER_CACHE", "SMITHY_MAVEN_REPOS", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    return folder


def assert_resolves(ws: SmithyWorkspace, app: Path) -> None:
    found = [(d.code, d.message) for d in diagnostics(ws, app)]
    assert found == [], found
    assert ws.shape("example.traits#audited") is not None and ws.shape("example.base#BaseId") is not None


# ----- coordinates and poms -----------------------------------------------------------------


def test_coordinates_and_unsupported_versions():
    assert parse_coordinate("a.b:c:1.2") == Coordinate("a.b", "c", "1.2")
    assert "range" in parse_coordinate("a.b:c:[1.0,2.0)")
    assert "LATEST" in parse_coordinate("a.b:c:LATEST")
    assert "not a Maven coordinate" in parse_coordinate("just-a-name")
    assert "not a version" in parse_coordinate("a.b:c:../../../etc")


def test_pom_properties_scopes_and_optional(tmp_path):
    path = tmp_path / "x.pom"
    path.write_text("""<project xmlns="http://maven.apache.org/POM/4.0.0"><groupId>g</groupId><artifactId>x</artifactId>
      <version>2.0</version><properties><other.version>3.1</other.version></properties><dependencies>
      <dependency><groupId>${project.groupId}</groupId><artifactId>same</artifactId><version>${project.version}</version></dependency>
      <dependency><groupId>g</groupId><artifactId>prop</artifactId><version>${other.version}</version></dependency>
      <dependency><groupId>g</groupId><artifactId>tested</artifactId><version>1</version><scope>test</scope></dependency>
      <dependency><groupId>g</groupId><artifactId>maybe</artifactId><version>1</version><optional>true</optional></dependency>
      <dependency><groupId>g</groupId><artifactId>managed</artifactId></dependency>
      </dependencies></project>""")
    found = [(d.group, d.artifact, d.version) for d in pom_dependencies(path)]
    assert found == [("g", "same", "2.0"), ("g", "prop", "3.1"), ("g", "managed", None)]


def test_a_broken_pom_has_no_dependencies(tmp_path):
    path = tmp_path / "x.pom"
    path.write_text("<project><dependencies><dependency>")
    assert pom_dependencies(path) == []


# ----- layouts ------------------------------------------------------------------------------


def test_transitive_resolution_from_a_repository_the_project_names(tmp_path, home):
    repo = tmp_path / "repo"
    two_artifacts(maven_artifact, repo)
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], ["../repo"])
    ws = open_workspace(tmp_path / "p")
    assert_resolves(ws, app)
    resolution = resolve([f"{GROUP}:traits:1.0.0"], [Repository(repo, "maven", "test")])
    assert [str(a.coordinate) for a in resolution.artifacts] == [f"{GROUP}:traits:1.0.0", f"{GROUP}:base:1.0.0"]
    assert resolution.artifacts[1].requested_by == Coordinate(GROUP, "traits", "1.0.0")


def test_file_url_repository(tmp_path, home):
    repo = tmp_path / "repo"
    two_artifacts(maven_artifact, repo)
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], [repo.as_uri()])
    assert_resolves(open_workspace(tmp_path / "p"), app)


def test_m2_repository_of_the_home_folder(tmp_path, home):
    two_artifacts(maven_artifact, home / ".m2" / "repository")
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"])
    assert_resolves(open_workspace(tmp_path / "p"), app)


def test_local_repository_from_maven_settings(tmp_path, home):
    two_artifacts(maven_artifact, home / "elsewhere" / "repo")
    (home / ".m2").mkdir()
    (home / ".m2" / "settings.xml").write_text(
        '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">'
        "<localRepository>${user.home}/elsewhere/repo</localRepository></settings>")
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"])
    assert_resolves(open_workspace(tmp_path / "p"), app)


def test_gradle_module_cache(tmp_path, home):
    two_artifacts(gradle_artifact, home / ".gradle" / "caches" / "modules-2" / "files-2.1")
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"])
    assert_resolves(open_workspace(tmp_path / "p"), app)


def test_coursier_cache(tmp_path, home, monkeypatch):
    cache = tmp_path / "coursier"
    two_artifacts(maven_artifact, cache / "https" / "repo1.maven.org" / "maven2")
    monkeypatch.setenv("COURSIER_CACHE", str(cache))
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"])
    assert_resolves(open_workspace(tmp_path / "p"), app)


def test_configured_repositories_from_witsmith_toml_and_a_settings_change(tmp_path, home):
    repo = tmp_path / "repo"
    two_artifacts(maven_artifact, repo)
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"])
    ws = open_workspace(tmp_path / "p")
    assert codes(ws, tmp_path / "p" / "smithy-build.json") == ["smithy/maven-dependency-not-found"]
    settings = parse_config({"smithy": {"maven-repositories": ["repo"]}}, tmp_path).settings
    assert settings.smithy_maven_repositories == (repo.resolve(),)
    ws.set_settings(settings)
    assert_resolves(ws, app)
    assert codes(ws, tmp_path / "p" / "smithy-build.json") == []


# ----- the jar cache ------------------------------------------------------------------------


def test_jars_are_read_once_per_version_of_the_file(tmp_path, home):
    repo = tmp_path / "repo"
    two_artifacts(maven_artifact, repo)
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], ["../repo"])
    open_workspace(tmp_path / "p")
    before = jars.stats["jar_reads"]
    ws = open_workspace(tmp_path / "p")  # a second workspace (a re-index) reads no jar again
    assert jars.stats["jar_reads"] == before
    assert_resolves(ws, app)
    # A rebuilt jar is read again: the model now defines another trait member.
    jar = maven_artifact(repo, "traits", {"traits.smithy": TRAITS_MODEL.replace("level: Integer", "level: Integer\n    team: String")},
                         [(GROUP, "base", "1.0.0")])
    status = jar.stat()
    os.utime(jar, ns=(status.st_atime_ns, status.st_mtime_ns + 5_000_000_000))
    ws = open_workspace(tmp_path / "p")
    assert jars.stats["jar_reads"] == before + 1
    audited = ws.shape("example.traits#audited")
    assert [m.name.text for m in audited.shape.members] == ["level", "team"]


def test_models_are_read_without_extracting_and_not_checked_as_workspace_files(tmp_path, home):
    repo = tmp_path / "repo"
    two_artifacts(maven_artifact, repo)
    project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], ["../repo"])
    ws = open_workspace(tmp_path / "p")
    model = ws.shape("example.traits#audited").path
    assert str(model).endswith("traits-1.0.0.jar!/META-INF/smithy/traits.smithy")
    assert ws.builtin_text(model).decode() == TRAITS_MODEL
    assert model not in ws.files()
    assert sorted(p.name for p in repo.rglob("*")) == sorted(
        ["com", "example", "traits", "base", "1.0.0", "1.0.0", "base-1.0.0.jar", "base-1.0.0.pom",
         "traits", "traits-1.0.0.jar", "traits-1.0.0.pom"])


# ----- missing dependencies -----------------------------------------------------------------


def test_missing_dependency_is_one_diagnostic_on_its_entry(tmp_path, home):
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], ["../nowhere", "https://repo.example.com/maven"])
    ws = open_workspace(tmp_path / "p")
    build = tmp_path / "p" / "smithy-build.json"
    note = one(ws, build, "smithy/maven-dependency-not-found")
    assert text_at(build, note) == f'"{GROUP}:traits:1.0.0"'
    for looked in (str(tmp_path / "nowhere"), str(home / ".m2" / "repository"), "files-2.1", "coursier"):
        assert looked in note.message
    assert "smithy build" in note.message and "https://repo.example.com/maven" in note.message
    assert "uses that no loaded model defines: `example.base`, `example.traits`." in note.message
    assert "found locally" not in note.message
    # Uses of the namespaces the dependency would provide are not reported one by one.
    assert "smithy/namespace-not-loaded" not in codes(ws, app)
    assert codes(ws, app) == []


def test_missing_version_names_the_versions_that_are_there(tmp_path, home):
    two_artifacts(gradle_artifact, home / ".gradle" / "caches" / "modules-2" / "files-2.1")
    project(tmp_path / "p", [f"{GROUP}:traits:2.0.0"])
    note = one(open_workspace(tmp_path / "p"), tmp_path / "p" / "smithy-build.json", "smithy/maven-dependency-not-found")
    assert f"Versions of {GROUP}:traits found locally: 1.0.0." in note.message


def test_without_a_missing_dependency_unknown_namespaces_are_still_reported(tmp_path, home):
    repo = tmp_path / "repo"
    two_artifacts(maven_artifact, repo)
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], ["../repo"])
    app.write_text(USER_MODEL.replace("use example.base#BaseId", "use example.other#BaseId"))
    ws = open_workspace(tmp_path / "p")
    assert "smithy/namespace-not-loaded" in codes(ws, app)


def test_version_ranges_and_bad_jars_are_reported(tmp_path, home):
    repo = tmp_path / "repo"
    folder = repo / Path(*GROUP.split(".")) / "broken" / "1.0.0"
    folder.mkdir(parents=True)
    (folder / "broken-1.0.0.jar").write_bytes(b"not a zip file")
    project(tmp_path / "p", [f"{GROUP}:traits:[1.0,2.0)", f"{GROUP}:broken:1.0.0", "LATEST"], ["../repo"])
    ws = open_workspace(tmp_path / "p")
    build = tmp_path / "p" / "smithy-build.json"
    found = {text_at(build, d): d.message for d in diagnostics(ws, build)}
    assert sorted(found) == sorted([f'"{GROUP}:broken:1.0.0"', f'"{GROUP}:traits:[1.0,2.0)"', '"LATEST"'])
    assert "cannot be read as a jar" in found[f'"{GROUP}:broken:1.0.0"']
    assert "range" in found[f'"{GROUP}:traits:[1.0,2.0)"'] and "not a Maven coordinate" in found['"LATEST"']


def test_transitive_dependencies_missing_locally_are_not_reported(tmp_path, home):
    repo = tmp_path / "repo"
    maven_artifact(repo, "traits", {"traits.smithy": TRAITS_MODEL}, [(GROUP, "absent", "1.0.0")])
    project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], ["../repo"])
    ws = open_workspace(tmp_path / "p")
    assert codes(ws, tmp_path / "p" / "smithy-build.json") == []


# ----- smithy-build.json with comments ------------------------------------------------------


def test_smithy_build_json_with_comments(tmp_path, home):
    write(tmp_path, {
        "smithy-build.json": '// the build\n{\n  "version": "1.0", /* sources: */ "sources": ["model"],\n'
                             '  "plugins": {"x": {"url": "https://example.com//path", "glob": "a/*b*/"}} // trailing\n}\n',
        "model/app.smithy": BASE_MODEL,
    })
    ws = open_workspace(tmp_path)
    assert codes(ws, tmp_path / "smithy-build.json") == []
    assert ws.project_of(tmp_path / "model" / "app.smithy").kind == "smithy-build"


def test_an_unclosed_comment_is_reported_where_it_starts(tmp_path, home):
    write(tmp_path, {"smithy-build.json": '{"version": "1.0"}\n/* never closed'})
    ws = open_workspace(tmp_path)
    build = tmp_path / "smithy-build.json"
    problem = one(ws, build, "smithy/invalid-project-file")
    assert problem.start == build.read_bytes().index(b"/*") and "never closed" in problem.message


# ----- Smithy's own trait packages ----------------------------------------------------------


def shared_repo() -> Path:
    if not (SHARED_REPO / "software" / "amazon" / "smithy").is_dir():
        pytest.skip(f"the local Maven repository of Smithy's trait packages is not present at {SHARED_REPO}")
    return SHARED_REPO


def test_smithy_trait_packages_resolve_transitively(tmp_path, home):
    repo = shared_repo()
    resolution = resolve(["software.amazon.smithy:smithy-aws-traits:1.73.0"], [Repository(repo, "maven", "test")])
    names = [a.coordinate.artifact for a in resolution.artifacts]
    assert names == ["smithy-aws-traits", "smithy-protocol-traits"]
    # smithy-model and smithy-diff carry no models beyond the prelude and are not in this repository.
    assert {u.text.split(":")[1] for u in resolution.unresolved} >= {"smithy-model", "smithy-diff"}
    assert all(u.requested_by is not None for u in resolution.unresolved)


# ----- .smithy-project.json -----------------------------------------------------------------


def test_smithy_project_json_alone_names_sources_and_jars_by_path(tmp_path, home):
    jar_bytes(tmp_path / "p" / "lib" / "traits.jar", {"traits.smithy": TRAITS_MODEL, "base.smithy": BASE_MODEL})
    write(tmp_path / "p", {
        ".smithy-project.json": '{\n  // the Smithy language server\'s project file\n  "sources": ["model"],\n'
                                '  "dependencies": [{"name": "traits", "path": "lib/traits.jar"}] /* by path */\n}\n',
        "model/app.smithy": USER_MODEL,
    })
    ws = open_workspace(tmp_path / "p")
    app = tmp_path / "p" / "model" / "app.smithy"
    assert ws.project_of(app).config == tmp_path / "p" / ".smithy-project.json"
    assert_resolves(ws, app)


def test_smithy_project_json_beside_smithy_build_json_adds_to_its_project(tmp_path, home):
    jar_bytes(tmp_path / "p" / "lib" / "traits.jar", {"traits.smithy": TRAITS_MODEL, "base.smithy": BASE_MODEL})
    write(tmp_path / "p", {
        "smithy-build.json": '{"version": "1.0", "sources": ["model"]}',
        ".smithy-project.json": '{"dependencies": [{"name": "t", "path": "lib/traits.jar"}, {"name": "x", "path": "lib/missing.jar"}]}',
        "model/app.smithy": USER_MODEL,
    })
    ws = open_workspace(tmp_path / "p")
    app = tmp_path / "p" / "model" / "app.smithy"
    assert ws.project_of(app).config == tmp_path / "p" / "smithy-build.json"
    assert ws.shape("example.traits#audited") is not None
    companion = tmp_path / "p" / ".smithy-project.json"
    problem = one(ws, companion, "smithy/maven-dependency-not-found")
    assert text_at(companion, problem) == "lib/missing.jar"
    assert codes(ws, tmp_path / "p" / "smithy-build.json") == []
    # Removing the companion re-reads the project without it.
    companion.unlink()
    ws.update(companion)
    assert ws.shape("example.traits#audited") is None
    assert ws.project_of(app).config == tmp_path / "p" / "smithy-build.json"


def test_shapes_read_from_a_jar_cannot_be_renamed(tmp_path, home):
    from witsmith.features.editing import RenameRefused
    from witsmith.features.smithy.rename import rename

    # A jar inside the workspace folder: its models still are not files witsmith may edit.
    jar_bytes(tmp_path / "p" / "lib" / "traits.jar", {"traits.smithy": TRAITS_MODEL, "base.smithy": BASE_MODEL})
    write(tmp_path / "p", {".smithy-project.json": '{"sources": ["model"], "dependencies": [{"name": "t", "path": "lib/traits.jar"}]}',
                           "model/app.smithy": USER_MODEL})
    ws = open_workspace(tmp_path / "p")
    app = tmp_path / "p" / "model" / "app.smithy"
    offset = USER_MODEL.index("@audited") + 2
    refused = rename(ws, app, offset, "checked", roots=[tmp_path / "p"])
    assert isinstance(refused, RenameRefused) and "jar" in refused.message


def test_a_fifo_named_like_a_jar_is_never_opened(tmp_path, home):
    repo = tmp_path / "repo"
    folder = repo / Path(*GROUP.split(".")) / "traits" / "1.0.0"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "traits-1.0.0.jar")  # opening it for reading would block forever
    (folder / "traits-1.0.0.pom").write_text(pom(GROUP, "traits", "1.0.0", []))
    os.mkfifo(tmp_path / "p.jar")
    project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], ["../repo"])
    (tmp_path / "p" / ".smithy-project.json").write_text('{"dependencies": [{"name": "f", "path": "../p.jar"}]}')
    ws = open_workspace(tmp_path / "p")
    build = tmp_path / "p" / "smithy-build.json"
    assert "only its pom was found" in one(ws, build, "smithy/maven-dependency-not-found").message
    companion = tmp_path / "p" / ".smithy-project.json"
    assert "not a regular file" in one(ws, companion, "smithy/maven-dependency-not-found").message


def test_an_oversized_model_in_a_jar_is_a_diagnostic(tmp_path, home, monkeypatch):
    monkeypatch.setattr(jars, "MAX_MODEL_BYTES", 64)
    repo = tmp_path / "repo"
    maven_artifact(repo, "traits", {"traits.smithy": TRAITS_MODEL}, version="9.9.9")
    project(tmp_path / "p", [f"{GROUP}:traits:9.9.9"], ["../repo"])
    ws = open_workspace(tmp_path / "p")
    problem = one(ws, tmp_path / "p" / "smithy-build.json", "smithy/maven-dependency-not-found")
    assert "larger than" in problem.message and ws.shape("example.traits#audited") is None


def test_older_top_level_maven_keys(tmp_path, home):
    repo = tmp_path / "repo"
    two_artifacts(maven_artifact, repo)
    write(tmp_path / "p", {
        "smithy-build.json": json.dumps({"version": "1.0", "sources": ["model"], "mavenRepositories": ["../repo"],
                                         "mavenDependencies": [f"{GROUP}:traits:1.0.0"]}),
        "model/app.smithy": USER_MODEL,
    })
    assert_resolves(open_workspace(tmp_path / "p"), tmp_path / "p" / "model" / "app.smithy")


def test_a_jar_in_imports_contributes_its_models(tmp_path, home):
    jar_bytes(tmp_path / "p" / "lib" / "traits.jar", {"traits.smithy": TRAITS_MODEL, "base.smithy": BASE_MODEL})
    write(tmp_path / "p", {"smithy-build.json": '{"version": "1.0", "sources": ["model"], "imports": ["lib/traits.jar"]}',
                           "model/app.smithy": USER_MODEL})
    assert_resolves(open_workspace(tmp_path / "p"), tmp_path / "p" / "model" / "app.smithy")


def test_hover_and_definition_reach_models_read_from_jars(tmp_path, home):
    from witsmith.features import interactive
    from witsmith.workspace.project import Workspace

    repo = tmp_path / "repo"
    two_artifacts(maven_artifact, repo)
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], ["../repo"])
    ws = Workspace()
    ws.add_root(tmp_path / "p")
    offset = USER_MODEL.index("@audited") + 2
    found = interactive.hover(ws, app, offset)
    assert "Marks a shape as audited by the compliance team." in found.markdown
    assert "in `traits-1.0.0.jar`" in found.markdown
    where = ws.smithy.definition(app, offset)
    assert str(where.path).endswith("traits-1.0.0.jar!/META-INF/smithy/traits.smithy")
    assert ws.smithy.builtin_text(where.path)[where.start:where.end] == b"audited"


def test_the_pom_may_be_in_another_repository_than_the_jar(tmp_path, home):
    jars_only, poms_only = tmp_path / "jars", tmp_path / "poms"
    two_artifacts(maven_artifact, jars_only)
    two_artifacts(maven_artifact, poms_only)
    for pom_file in jars_only.rglob("*.pom"):
        pom_file.unlink()
    for jar_file in poms_only.rglob("*.jar"):
        jar_file.unlink()
    app = project(tmp_path / "p", [f"{GROUP}:traits:1.0.0"], ["../jars", "../poms"])
    assert_resolves(open_workspace(tmp_path / "p"), app)


def test_jsonc_keeps_strings_and_offsets():
    from witsmith.workspace.smithy import jsonc

    text = '{"url": "https://x.example//a/*b*/", // c\n "q": "say \\"//\\"" /* d\n e */, "n": 1}'
    assert jsonc.loads(text) == {"url": "https://x.example//a/*b*/", "q": 'say "//"', "n": 1}
    stripped = jsonc.strip_comments(text)
    assert len(stripped) == len(text) and stripped.count("\n") == text.count("\n")
    try:
        jsonc.loads('{"a": 1,\n "b": }')
    except jsonc.JsoncError as error:
        assert error.offset == len('{"a": 1,\n "b": ')
    else:
        raise AssertionError("invalid JSON was accepted")
