"""A Qt for Python release known to crash IVIG Desk is refused in one line."""

from __future__ import annotations

import pytest

from ivigdesk import app
from ivigdesk.ui.qt_release import known_bad_release


@pytest.mark.parametrize(
    ("pyside", "python", "refused"),
    [("6.12.0", (3, 11, 7), True), ("6.11.3", (3, 11, 7), False), ("6.12.0", (3, 12, 1), False)],
)
def test_a_known_bad_qt_release_is_refused_in_one_line(pyside, python, refused):
    reason = known_bad_release(pyside, pyside, python)
    assert (reason is not None) == refused
    if refused:
        assert "\n" not in reason and "6.12.0" in reason and "None" in reason


def test_start_up_and_self_test_refuse_a_known_bad_release(monkeypatch, capsys):
    monkeypatch.setattr("ivigdesk.ui.qt_release.known_bad_release", lambda: "IVIG Desk will not run with PySide6 x")
    with pytest.raises(SystemExit) as done:
        app.main(["--self-test"])
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert err == "ivigdesk: IVIG Desk will not run with PySide6 x\n"
