"""Saving the worksheet: "saved" only when a complete PDF is in place; any failure says which file
and why, and leaves the old file exactly as it was (each case failed on the earlier QPrinter save)."""

from __future__ import annotations

import fcntl
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from ivigdesk.safe_files import PARTIAL_PREFIX, PARTIAL_SUFFIX
from ivigdesk.ui.qt_worksheet import pdf_problem
from tests.support.unprivileged import run_unprivileged, unprivileged
from tests.ui.conftest import choose

SAVE = str(Path(__file__).resolve().parents[1] / "support" / "save_worksheet.py")
OLD = b"%PDF-1.4\n% the old worksheet, which a failed save must leave alone\n" + b"x" * 2000 + b"\n%%EOF\n"


def gbs_plan(window, qtbot) -> None:
    choose(window, qtbot, "gbs", "gbs")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    assert window.plan is not None


def refused(window, path: Path, words: str) -> None:
    assert window.save_worksheet(path) is None
    assert str(path) in window.worksheet.last_error and words in window.worksheet.last_error, (
        window.worksheet.last_error
    )
    assert "NOT saved" in window.statusBar().currentMessage()


def test_a_saved_worksheet_is_a_complete_pdf_and_replaces_the_old_one(window, qtbot, tmp_path):
    gbs_plan(window, qtbot)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "sheet.pdf"
    target.write_bytes(OLD)
    assert window.save_worksheet(target) == target
    assert pdf_problem(target.read_bytes()) is None and target.read_bytes() != OLD
    assert "28 g" in " ".join(PdfReader(str(target)).pages[0].extract_text().split())
    assert "Worksheet saved" in window.statusBar().currentMessage()
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]  # no temporary file left behind


@pytest.mark.parametrize("mode", [0o664, 0o600])
def test_a_replaced_worksheet_keeps_its_mode(window, qtbot, tmp_path, mode):
    """Colleagues who could open the old worksheet on a shared folder can open the new one
    (before, every save made it 0600)."""
    gbs_plan(window, qtbot)
    target = tmp_path / "sheet.pdf"
    target.write_bytes(OLD)
    target.chmod(mode)
    assert window.save_worksheet(target) == target
    assert target.read_bytes() != OLD and stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.parametrize(("umask", "mode"), [(0o002, 0o664), (0o077, 0o600)])
def test_a_new_worksheet_gets_what_the_umask_allows(window, qtbot, tmp_path, umask, mode):
    gbs_plan(window, qtbot)
    target = tmp_path / "new.pdf"
    before = os.umask(umask)
    try:
        assert window.save_worksheet(target) == target
    finally:
        os.umask(before)
    assert stat.S_IMODE(target.stat().st_mode) == mode  # 0o666 & ~umask


def test_partial_files_nobody_holds_are_removed_at_the_next_save_whatever_their_age(window, qtbot, tmp_path):
    gbs_plan(window, qtbot)
    tmp_path = tmp_path / "shared"
    tmp_path.mkdir()
    left = [tmp_path / f"{PARTIAL_PREFIX}killed{i}{PARTIAL_SUFFIX}" for i in range(3)]
    for item in left:
        item.write_bytes(b"%PDF-1.4 half a worksheet")  # just now: a save killed a moment ago
    held = tmp_path / f"{PARTIAL_PREFIX}writing{PARTIAL_SUFFIX}"
    held.write_bytes(b"%PDF-1.4 being written")
    other = tmp_path / f"{PARTIAL_PREFIX}not-ours.txt"  # not this program's pattern
    other.write_bytes(b"x")
    with open(held, "rb") as handle:  # another save holds its partial file while it writes
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert window.save_worksheet(tmp_path / "sheet.pdf") == tmp_path / "sheet.pdf"
        assert not any(item.exists() for item in left)
        assert held.exists() and other.exists()
    assert window.save_worksheet(tmp_path / "sheet.pdf") == tmp_path / "sheet.pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([other.name, "sheet.pdf"])


def test_a_read_only_worksheet_is_not_replaced(window, qtbot, tmp_path):
    gbs_plan(window, qtbot)
    target = tmp_path / "sheet.pdf"
    target.write_bytes(OLD)
    target.chmod(0o444)
    refused(window, target, "read-only")
    assert target.read_bytes() == OLD


def test_a_missing_folder_a_folder_and_a_long_name_are_refused(window, qtbot, tmp_path):
    gbs_plan(window, qtbot)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    refused(window, tmp_path / "no such folder" / "sheet.pdf", "does not exist")
    (tmp_path / "sheet.pdf").mkdir()
    refused(window, tmp_path / "sheet.pdf", "is a folder")
    refused(window, tmp_path / ("x" * 300 + ".pdf"), "too long")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]


def test_a_read_only_folder_is_refused_by_name(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "sheet.pdf").write_bytes(OLD)
    folder.chmod(0o555)
    try:
        done = run_unprivileged([SAVE, str(folder / "new.pdf")])
        assert done.returncode == 2, done.stdout + done.stderr
        assert f"refused: {folder / 'new.pdf'}" in done.stdout and "permission denied" in done.stdout
        assert sorted(p.name for p in folder.iterdir()) == ["sheet.pdf"]
    finally:
        folder.chmod(0o755)


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KB tmpfs (skipped where this process may not mount one)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("a tmpfs can be mounted only on Linux")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not allowed here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_is_refused_and_the_old_worksheet_survives(window, qtbot, tiny_disk):
    gbs_plan(window, qtbot)
    target = tiny_disk / "sheet.pdf"
    old = OLD + b"%" + b"y" * 30_000  # a 32 KB worksheet: no room for a second copy beside it
    target.write_bytes(old)
    refused(window, target, "no space left")
    assert target.read_bytes() == old
    assert [p.name for p in tiny_disk.iterdir()] == ["sheet.pdf"]


@pytest.mark.slow
def test_killing_the_program_mid_save_never_damages_the_old_worksheet(tmp_path):
    target = tmp_path / "sheet.pdf"
    target.write_bytes(OLD)
    rng = random.Random(7)
    for _ in range(12):
        child = subprocess.Popen(
            [sys.executable, SAVE, str(target), "--times", "200"],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        data = target.read_bytes()
        assert data == OLD or pdf_problem(data) is None, "the worksheet was left damaged"
        if data != OLD:
            PdfReader(str(target))  # a complete, readable PDF
    assert len(list(tmp_path.glob("sheet*"))) == 1
    # the next save removes whatever partial file the killed saves left, however new
    done = subprocess.run([sys.executable, SAVE, str(target)], capture_output=True, text=True, timeout=120)
    assert done.stdout.split()[-1] == "saved", done.stdout + done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


@pytest.mark.slow
def test_saves_running_at_once_in_one_folder_never_remove_each_others_file(tmp_path):
    """Each save removes the partial files nobody holds; a partial file another save is writing
    is held, so both saves succeed, every time."""
    children = [
        subprocess.Popen(
            [sys.executable, SAVE, str(tmp_path / f"sheet-{n}.pdf"), "--times", "60"],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        for n in range(3)
    ]
    outputs = [child.communicate(timeout=300)[0] for child in children]
    assert all(out.split()[-1] == "saved" for out in outputs), outputs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet-0.pdf", "sheet-1.pdf", "sheet-2.pdf"]


def test_strace_is_available_where_required():
    if os.environ.get("IVIGDESK_REQUIRE_STRACE") and shutil.which("strace") is None:
        pytest.fail("strace is required here (IVIGDESK_REQUIRE_STRACE) to check that saving opens no socket")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_saving_and_previewing_a_worksheet_open_no_network_socket_at_the_c_level(tmp_path):
    """Python's audit hooks cannot see libcups: strace watches every socket the process opens,
    while it saves the worksheet and then shows its print preview."""
    trace = tmp_path / "trace"
    command = ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace)]
    done = subprocess.run(
        [*command, sys.executable, SAVE, str(tmp_path / "sheet.pdf"), "--preview"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "CUPS_SERVER": "192.0.2.1"},
        timeout=120,
    )
    assert done.returncode == 0 and "saved" in done.stdout, done.stdout + done.stderr
    assert "previewed" in done.stdout
    calls = trace.read_text()
    assert "socket(" in calls or "connect(" in calls or calls == "", calls  # the trace ran
    inet = [line for line in calls.splitlines() if "AF_INET" in line]
    assert inet == [], inet


def test_unprivileged_really_cannot_override_permissions(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("x")
    secret.chmod(0)
    done = subprocess.run(
        unprivileged([sys.executable, "-c", f"open({str(secret)!r}).read()"]), capture_output=True, text=True
    )
    assert done.returncode != 0 and "Permission denied" in done.stderr
