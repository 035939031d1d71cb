"""Reading and writing files (``ivigdesk.safe_files``).

Operating-system errors on the knowledge base, the manifest, the product list and the site file
are refusals that name the file and the reason, with nothing calculated; reads are bounded.

Run for real, not simulated: the command and the window run in child processes with file
permissions in force (as root, without CAP_DAC_OVERRIDE; see tests/support/unprivileged.py).
Before this change each case gave a PermissionError traceback and exit 1 in ivigdesk-calc, and
left the window on "Loading knowledge base…".

Saving over a file another program holds open (Windows: WinError 5 or 32) is refused in a
pharmacist's words after a short retry; the old file stays as it was. The real Windows refusal is
checked under Wine by packaging/check_windows_build.sh.
"""

from __future__ import annotations

import errno
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ivigdesk import safe_files
from ivigdesk.safe_files import FileProblem, write_atomically
from tests.support.unprivileged import run_unprivileged

SUPPORT = Path(__file__).resolve().parent / "support"
DOSE = ["-m", "ivigdesk.cli", "--indication", "gbs", "--weight", "70", "--concentration", "10%"]


@pytest.fixture
def site(pharmacy, tmp_path):
    """The pharmacy's copy of both data sets, named through IVIGDESK_SITE_CONFIG."""
    ini = pharmacy / "ivigdesk-site.ini"
    ini.write_text("[site]\nknowledge_folder = knowledge\nproducts_folder = products\n", encoding="utf-8")
    return {"IVIGDESK_SITE_CONFIG": str(ini), "XDG_CONFIG_HOME": str(tmp_path / "config")}


def refused_in_one_line(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("target", "mode", "words"),
    [
        ("knowledge/rules.yaml", 0o000, ("rules.yaml", "permission denied")),
        ("knowledge/MANIFEST.sha256", 0o000, ("MANIFEST.sha256", "permission denied")),
        ("products/products.yaml", 0o000, ("products.yaml", "permission denied")),
        ("knowledge", 0o000, ("permission denied",)),
        ("knowledge", 0o644, ("permission denied",)),  # a folder that can be listed but not entered
    ],
)
def test_an_unreadable_file_or_folder_is_refused_by_name(pharmacy, site, target, mode, words):
    path = pharmacy / target
    path.chmod(mode)
    try:
        refused_in_one_line(run_unprivileged(DOSE, env=site), "nothing is calculated", *words)
    finally:
        path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_site_file_in_an_unreadable_folder_is_refused_by_name(pharmacy, site):
    pharmacy.chmod(0o000)
    try:
        refused_in_one_line(run_unprivileged(DOSE, env=site), site["IVIGDESK_SITE_CONFIG"], "permission denied")
    finally:
        pharmacy.chmod(0o755)


def limited_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB: a whole 6 GB read would fail


@pytest.mark.skipif(sys.platform != "linux", reason="sparse files and RLIMIT_AS as on Linux")
@pytest.mark.parametrize("name", ["knowledge/rules.yaml", "knowledge/MANIFEST.sha256", "ivigdesk-site.ini"])
def test_a_6_gb_file_is_refused_without_being_read(pharmacy, site, name):
    os.truncate(pharmacy / name, 6 * 1024**3)  # sparse: 6 GB long, no disk used
    done = subprocess.run(
        [sys.executable, *DOSE],
        env={**os.environ, **site},
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limited_memory,
    )
    refused_in_one_line(done, Path(name).name, "the limit is")


def test_the_window_refuses_an_unreadable_knowledge_base_and_says_why(pharmacy, site):
    (pharmacy / "knowledge" / "rules.yaml").chmod(0o000)
    try:
        done = run_unprivileged([str(SUPPORT / "window_status.py")], env=site)
    finally:
        (pharmacy / "knowledge" / "rules.yaml").chmod(0o644)
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert "INVALID" in lines["STATUS"], done.stdout + done.stderr
    assert "rules.yaml" in lines["PLACEHOLDER"] and "permission denied" in lines["PLACEHOLDER"]
    assert lines["ENABLED"] == "False"


# -- saving over a file another program holds open ------------------------------------------------


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


# -- the helpers, directly --------------------------------------------------------------------------


def test_an_os_error_is_put_in_lower_case_words():
    assert safe_files.reason(PermissionError(13, "Permission denied")) == "permission denied"
    assert safe_files.reason(OSError(28, "No space left on device")) == "no space left on device"
    # no words from the system: its own words for the number ("No such file or directory")
    assert safe_files.reason(OSError(errno.ENOENT, None)) == "no such file or directory"


def test_a_read_is_bounded_at_the_limit(tmp_path):
    file = tmp_path / "rules.yaml"
    file.write_bytes(b"x" * 10)
    assert safe_files.read_bounded(file, 10) == b"x" * 10
    with pytest.raises(FileProblem) as refused:
        safe_files.read_bounded(file, 9)
    assert refused.value.path == file and refused.value.reason == "the file holds more than 9 bytes; the limit is 9"
    with pytest.raises(FileProblem, match="more than 1,000 bytes; the limit is 1,000"):
        (tmp_path / "big").write_bytes(b"y" * 1001)
        safe_files.read_bounded(tmp_path / "big", 1000)


def test_a_missing_file_or_a_folder_is_not_read(tmp_path):
    for item in (tmp_path / "absent.yaml", tmp_path):
        with pytest.raises(safe_files.FileMissing) as refused:
            safe_files.read_bounded(item, 100)
        assert refused.value.reason == "it is missing (or is not a file)"
        assert str(refused.value) == f"{item}: it is missing (or is not a file)"


def test_a_save_writes_the_bytes_and_leaves_no_partial_file(tmp_path):
    target = tmp_path / "worksheet.pdf"
    assert write_atomically(target, b"%PDF-1.4 one") == target
    assert target.read_bytes() == b"%PDF-1.4 one"
    write_atomically(target, b"%PDF-1.4 two")
    assert target.read_bytes() == b"%PDF-1.4 two" and os.listdir(tmp_path) == ["worksheet.pdf"]


def test_a_failed_check_writes_nothing(tmp_path):
    target = tmp_path / "ivigdesk.ini"
    target.write_bytes(b"old")
    with pytest.raises(FileProblem) as refused:
        write_atomically(target, b"new", lambda data: "the settings would be too large")
    assert refused.value.reason == "nothing was written: the settings would be too large"
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["ivigdesk.ini"]


def test_a_folder_a_missing_folder_and_a_read_only_file_are_refused_by_name(tmp_path):
    with pytest.raises(FileProblem, match="this is a folder; give a file name"):
        write_atomically(tmp_path, b"x")
    missing = tmp_path / "nowhere" / "worksheet.pdf"
    with pytest.raises(FileProblem, match=f"the folder {tmp_path / 'nowhere'} does not exist"):
        write_atomically(missing, b"x")
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"old")
    locked.chmod(0o444)
    with pytest.raises(FileProblem, match="the file is read-only"):
        write_atomically(locked, b"new")
    assert locked.read_bytes() == b"old"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_a_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "worksheet.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_partial_file_nobody_holds_is_removed_by_the_next_save(tmp_path):
    stale = tmp_path / f"{safe_files.PARTIAL_PREFIX}abc{safe_files.PARTIAL_SUFFIX}"
    stale.write_bytes(b"half a worksheet")
    other = tmp_path / "notes.part"  # not one of IVIG Desk's: left alone
    other.write_bytes(b"mine")
    write_atomically(tmp_path / "worksheet.pdf", b"whole")
    assert sorted(os.listdir(tmp_path)) == ["notes.part", "worksheet.pdf"]


def test_still_named_follows_the_file_not_the_name(tmp_path):
    path = tmp_path / "a"
    path.write_bytes(b"1")
    fd = os.open(path, os.O_RDONLY)
    try:
        assert safe_files.still_named(fd, path)
        path.unlink()
        assert not safe_files.still_named(fd, path)
        path.write_bytes(b"2")  # another file under the same name
        assert not safe_files.still_named(fd, path)
    finally:
        os.close(fd)


def test_an_os_error_without_a_number_or_words_is_not_named_by_its_class():
    from ivigdesk.safe_files import reason

    assert reason(OSError()) == "the system gave no reason"
    assert reason(OSError("Disk gone")) == "disk gone"
