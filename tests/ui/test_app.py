"""Smaller reliability faults, each of which failed before: the crash handler without a log, an
implausible start date in the window, the self-test changing the user's settings, a known-bad Qt."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from ivigdesk import app


def test_the_crash_handler_shows_its_dialog_when_the_log_cannot_be_written(qtbot, monkeypatch, capsys):
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)

    def no_log_folder():
        raise PermissionError(13, "Permission denied", "/home/nobody/.local/share/IVIG Desk")

    monkeypatch.setattr(app, "log_folder", no_log_folder)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put the test runner's hook back afterwards
    app.install_crash_handler(interactive=True)
    try:
        raise RuntimeError("a fault in IVIG Desk")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert len(shown) == 1
    assert "could not be written to the log" in shown[0].text() and "Permission denied" in shown[0].text()
    assert "a fault in IVIG Desk" in shown[0].detailedText()
    assert "RuntimeError: a fault in IVIG Desk" in capsys.readouterr().err


@pytest.mark.slow
def test_the_self_test_leaves_the_users_settings_untouched(isolated_settings, tmp_path):
    isolated_settings.parent.mkdir(parents=True)
    original = b"[inputs]\nproduct = privigen\nconcentration = 5 %\n\n[policy]\nrounding = none\n"
    isolated_settings.write_bytes(original)
    os.utime(isolated_settings, (1_000_000_000, 1_000_000_000))
    done = subprocess.run(
        [sys.executable, "-m", "ivigdesk", "--self-test"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert isolated_settings.read_bytes() == original
    assert isolated_settings.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in isolated_settings.parent.iterdir()) == ["ivigdesk.ini"]
