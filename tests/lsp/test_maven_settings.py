"""The client setting `smithy.mavenRepositories` adds local Maven repositories."""

from __future__ import annotations

from pathlib import Path

from witsmith.lsp.settings import settings_for


def test_client_setting_maven_repositories(tmp_path):
    settings, problems = settings_for([tmp_path], {"witsmith": {"smithy": {"mavenRepositories": ["/opt/repo", "~/repo"]}}})
    assert problems == []
    assert settings.smithy_maven_repositories == (Path("/opt/repo"), Path("~/repo").expanduser())


def test_witsmith_toml_maven_repositories_are_relative_to_the_file(tmp_path):
    (tmp_path / "witsmith.toml").write_text('[smithy]\nmaven-repositories = ["repo"]\n')
    settings, problems = settings_for([tmp_path], None)
    assert problems == [] and settings.smithy_maven_repositories == ((tmp_path / "repo").resolve(),)
