"""`check` resolves a wasmCloud project whose models live at a URL without any network use."""

from __future__ import annotations

import socket

from support.corpus import REPO
from witsmith.cli import main


def test_check_never_opens_a_connection(monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise AssertionError("witsmith tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.chdir(REPO)
    status = main(["check", "examples"])
    out = capsys.readouterr().out
    assert status == 0, out
    # The URL models are wasmCloud's standard ones, which witsmith has built in: nothing to report.
    assert "smithy/models-not-loaded" not in out
    assert "checked 3 files" in out
