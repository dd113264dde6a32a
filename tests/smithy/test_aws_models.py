"""AWS-style service models checked by `witsmith check` against Smithy's trait packages,
resolved from a local Maven repository named in smithy-build.json: no unresolved
namespace, no error on valid models, and the traits' own rules apply."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.corpus import CORPUS, REPO

SHARED_REPO = REPO.parent / "shared" / "tools" / "smithy-maven-repo"
REFERENCE = REPO.parent / "shared" / "tools" / "smithy-reference" / "smithy-reference"
FIXTURE = Path(__file__).parent / "fixtures" / "aws-service" / "model" / "weather.smithy"
EBS = CORPUS / "smithy" / "smithy-rs" / "codegen-core" / "common-test-models" / "ebs.json"
DEPENDENCIES = [
    "software.amazon.smithy:smithy-aws-traits:1.73.0",
    "software.amazon.smithy:smithy-waiters:1.73.0",
    "software.amazon.smithy:smithy-rules-engine:1.73.0",
]
UNRESOLVED = ("smithy/namespace-not-loaded", "smithy/models-not-loaded", "smithy/unresolved-shape",
              "smithy/unresolved-trait", "smithy/maven-dependency-not-found")


@pytest.fixture
def maven_repo() -> Path:
    if not (SHARED_REPO / "software" / "amazon" / "smithy").is_dir():
        pytest.skip(f"the local Maven repository of Smithy's trait packages is not present at {SHARED_REPO}")
    return SHARED_REPO


@pytest.fixture(autouse=True)
def empty_home(tmp_path, monkeypatch):
    """The machine's own Maven caches play no part."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("MAVEN_OPTS", "GRADLE_USER_HOME", "COURSIER_CACHE", "SMITHY_MAVEN_REPOS", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)


def aws_project(root: Path, model: Path, repo: Path | None, text: str | None = None) -> Path:
    (root / "model").mkdir(parents=True)
    target = root / "model" / model.name
    if text is None:
        shutil.copyfile(model, target)
    else:
        target.write_text(text)
    build: dict = {"version": "1.0", "sources": ["model"]}
    if repo is not None:
        build["maven"] = {"repositories": [{"url": repo.as_uri()}], "dependencies": DEPENDENCIES}
    (root / "smithy-build.json").write_text(json.dumps(build, indent=2))
    return target


def check(root: Path, *paths: str) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "witsmith", "check", "--format", "json", *(paths or ["."])],
                            capture_output=True, text=True, cwd=root, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["diagnostics"]


def test_representative_service_model_has_no_error_and_no_unresolved_namespace(tmp_path, maven_repo):
    aws_project(tmp_path, FIXTURE, maven_repo)
    found = check(tmp_path)
    assert [(d["code"], d["message"]) for d in found if d["severity"] == "error" or d["code"] in UNRESOLVED] == []


def test_the_fixture_project_names_the_repository_by_a_relative_path(maven_repo):
    # The fixture's smithy-build.json (with comments) names the repository relative to itself.
    found = check(FIXTURE.parent.parent)
    assert [(d["code"], d["message"]) for d in found if d["severity"] == "error" or d["code"] in UNRESOLVED] == []


def test_without_the_dependencies_the_namespaces_are_unknown(tmp_path):
    aws_project(tmp_path, FIXTURE, None)
    found = {d["code"] for d in check(tmp_path)}
    assert "smithy/namespace-not-loaded" in found


def test_real_aws_service_model_from_the_corpus(tmp_path, maven_repo):
    if not EBS.is_file():
        pytest.skip(f"the real-world corpus (with smithy-rs's ebs.json, an AWS service model) is not present: {EBS}")
    aws_project(tmp_path, EBS, maven_repo)
    found = check(tmp_path)
    assert [(d["code"], d["message"]) for d in found if d["severity"] == "error" or d["code"] in UNRESOLVED] == []


def test_a_wrong_service_trait_value_is_an_error_as_smithy_says(tmp_path, maven_repo):
    text = FIXTURE.read_text().replace('@service(sdkId: "Weather", ', "@service(")
    line = next(i for i, row in enumerate(text.splitlines()) if row.startswith("@service("))
    model = aws_project(tmp_path, FIXTURE, maven_repo, text)
    errors = [d for d in check(tmp_path) if d["severity"] == "error"]
    assert [(d["code"], d["range"]["start"]["line"]) for d in errors] == [("smithy/trait-value", line)]
    assert "sdkId" in errors[0]["message"]
    if shutil.which("java") is None or not REFERENCE.is_file():
        pytest.skip("Smithy's reference validator (and Java) is not present to confirm the error")
    reference = subprocess.run([str(REFERENCE), str(model.parent)], capture_output=True, text=True, timeout=300)
    events = [json.loads(row) for row in reference.stdout.splitlines() if row.startswith("{")]
    assert [(e["severity"], e["line"] - 1) for e in events if e["severity"] == "ERROR"] == [("ERROR", line)]
    assert "sdkId" in next(e["message"] for e in events if e["severity"] == "ERROR")


def test_a_wrong_service_trait_type_in_the_real_model_is_an_error(tmp_path, maven_repo):
    if not EBS.is_file():
        pytest.skip(f"the real-world corpus (with smithy-rs's ebs.json, an AWS service model) is not present: {EBS}")
    text = EBS.read_text()
    assert '"sdkId": "EBS"' in text
    aws_project(tmp_path, EBS, maven_repo, text.replace('"sdkId": "EBS"', '"sdkId": 42'))
    errors = [d for d in check(tmp_path) if d["severity"] == "error"]
    assert [d["code"] for d in errors] == ["smithy/trait-value"] and "sdkId" in errors[0]["message"]


def test_a_file_named_alone_is_checked_with_its_project(tmp_path, maven_repo):
    # As pre-commit runs it: one file, whose smithy-build.json names the dependencies.
    aws_project(tmp_path, FIXTURE, maven_repo)
    found = check(tmp_path, "model/weather.smithy")
    assert [(d["code"], d["message"]) for d in found if d["severity"] == "error" or d["code"] in UNRESOLVED] == []
    build = json.loads((tmp_path / "smithy-build.json").read_text())
    build["maven"]["dependencies"].append("com.example:absent:1.0")
    (tmp_path / "smithy-build.json").write_text(json.dumps(build))
    found = check(tmp_path, "model/weather.smithy")
    assert [(d["path"], d["code"]) for d in found] == [("smithy-build.json", "smithy/maven-dependency-not-found")]
