"""Saving over a file another program holds open (Windows: WinError 5 or 32) is refused in a
pharmacist's words after a short retry; the old file stays as it was. The real Windows refusal is
checked under Wine by packaging/check_windows_build.sh."""

from __future__ import annotations

import os

import pytest

from ivigdesk import safe_files
from ivigdesk.safe_files import FileProblem, write_atomically


def held_open(winerror: int) -> PermissionError:
    error = PermissionError(13, "Access is denied")
    error.winerror = winerror  # type: ignore[attr-defined]  # what Windows sets
    return error


@pytest.fixture
def waits(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(safe_files.time, "sleep", slept.append)
    return slept


@pytest.mark.parametrize("winerror", [5, 32])
def test_a_file_held_open_is_refused_in_words_and_left_alone(tmp_path, monkeypatch, waits, winerror):
    target = tmp_path / "worksheet.pdf"
    target.write_bytes(b"the old worksheet")
    tries = []

    def refuse(source, destination):
        tries.append(destination)
        raise held_open(winerror)

    monkeypatch.setattr(safe_files.os, "replace", refuse)
    with pytest.raises(FileProblem) as refused:
        write_atomically(target, b"the new worksheet")
    assert "open in another program" in refused.value.reason
    assert "close it in the PDF viewer, or save under another name" in refused.value.reason
    assert "denied" not in refused.value.reason
    assert target.read_bytes() == b"the old worksheet"
    assert os.listdir(tmp_path) == ["worksheet.pdf"]  # no temporary left
    assert len(tries) > 1 and 0.5 <= sum(waits) <= 2  # tried again for about a second


def test_a_brief_antivirus_lock_does_not_stop_the_save(tmp_path, monkeypatch, waits):
    target = tmp_path / "worksheet.pdf"
    target.write_bytes(b"the old worksheet")
    real_replace = os.replace
    held = [held_open(32), held_open(32)]

    def briefly_held(source, destination):
        if held:
            raise held.pop()
        real_replace(source, destination)

    monkeypatch.setattr(safe_files.os, "replace", briefly_held)
    write_atomically(target, b"the new worksheet")
    assert target.read_bytes() == b"the new worksheet" and len(waits) == 2


def test_permission_denied_without_a_windows_lock_is_not_retried(tmp_path, monkeypatch, waits):
    target = tmp_path / "worksheet.pdf"  # absent: a folder the user may not write, not a lock
    monkeypatch.setattr(safe_files.os, "replace", lambda s, d: (_ for _ in ()).throw(held_open(5)))
    with pytest.raises(FileProblem) as refused:
        write_atomically(target, b"x")
    assert "open in another program" not in refused.value.reason and waits == []
