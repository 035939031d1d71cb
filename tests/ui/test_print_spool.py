"""Two IVIG Desks on one account: the start-up clean of one never deletes the spool file of a
print the other is running. Each print spools in a folder of its own, held by a lock while it
runs (a real second process holds it here); only folders whose print is gone are removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time

import pytest

from ivigdesk.ui import print_spool
from tests.conftest import REPO

# another "instance": it prints (holds its spool folder) until told to finish on stdin
PRINTING = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    from ivigdesk.ui import print_spool
    with print_spool.private_temp() as folder:
        (folder / "spool.pdf").write_bytes(b"%PDF- Ann Example")
        print(folder, flush=True)
        sys.stdin.readline()
    print("done", flush=True)
    """
)


@pytest.fixture
def temp(tmp_path, monkeypatch):
    """A temporary folder of this test's own, for this process and the instances it starts."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def start_printing() -> tuple[subprocess.Popen[str], str]:
    instance = subprocess.Popen(
        [sys.executable, "-c", PRINTING, str(REPO)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert instance.stdout is not None
    return instance, instance.stdout.readline().strip()


def test_a_second_instance_never_deletes_a_print_in_progress(temp):
    first, spooling = start_printing()
    try:
        assert spooling.startswith(str(print_spool.folder()))
        spool = os.path.join(spooling, "spool.pdf")
        print_spool.clear()  # the second instance starts
        assert os.path.exists(spool)  # the first one's print is untouched
        with print_spool.private_temp() as mine:  # and it prints too, in a folder of its own
            assert str(mine) != spooling and os.environ["TMPDIR"] == str(mine)
            assert os.path.exists(spool)
        assert not mine.exists()  # its own folder goes after its print
    finally:
        out, _ = first.communicate("\n", timeout=30)
    assert "done" in out and not os.path.exists(spooling)  # the first one's goes after its print
    assert list(print_spool.folder().iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_print_cut_short_is_removed_at_the_next_start_and_only_it(temp):
    killed, abandoned = start_printing()
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=30)
    running, spooling = start_printing()
    try:
        assert os.path.exists(os.path.join(abandoned, "spool.pdf"))  # a crash leaves it behind
        print_spool.clear()  # the next start
        assert not os.path.exists(abandoned)
        assert os.path.exists(os.path.join(spooling, "spool.pdf"))
    finally:
        running.communicate("\n", timeout=30)
    assert list(print_spool.folder().iterdir()) == []


def test_a_folder_without_its_lock_is_left_while_it_may_be_being_made(temp):
    with print_spool.private_temp():
        pass
    root = print_spool.folder()
    new, old = root / "1-new", root / "2-old"
    for sub in (new, old):
        sub.mkdir()
        (sub / "spool.pdf").write_bytes(b"%PDF-")
    past = time.time() - print_spool.UNLOCKED_GRACE_S - 5
    os.utime(old, (past, past))
    print_spool.clear()
    assert new.exists() and not old.exists()


def test_a_print_folder_that_cannot_be_made_is_a_refusal_naming_it(tmp_path, monkeypatch, qtbot):
    """Nothing is printed, and the user is told which folder and why (no crash)."""
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QMessageBox, QWidget

    from ivigdesk.safe_files import FileProblem
    from ivigdesk.ui import qt_worksheet
    from tests.support import worksheet_plans as plans

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))  # no such folder
    with pytest.raises(FileProblem) as refused, print_spool.private_temp():
        pass
    assert str(print_spool.folder()) in str(refused.value) and "no such file" in refused.value.reason

    painted, shown = [], []
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    monkeypatch.setattr(qt_worksheet, "paint", lambda *args: painted.append(args) or 1)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    parent = QWidget()
    qtbot.addWidget(parent)
    kb, plan = plans.plan("gbs")
    qt_worksheet.print_now(parent, plan, qt_worksheet.WorksheetExtras(plans.IDENTITY, kb.meta.disclaimer, "A4"))
    assert painted == []
    assert len(shown) == 1 and "not printed" in shown[0] and str(print_spool.folder()) in shown[0]
