"""IVIG Desk writes only to its per-user settings and log folders (and where the user saves a
worksheet), and never opens a network connection: checked with a Python audit hook."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
from ivigdesk.safe_files import PARTIAL_PREFIX  # noqa: E402


@pytest.mark.slow  # slow: a whole session, saved and printed (about 2 s); CI runs it
def test_a_working_session_writes_only_settings_logs_and_the_chosen_worksheet(tmp_path):
    home, config, data, out = (tmp_path / name for name in ("home", "config", "data", "out"))
    for folder in (home, config, data, out, tmp_path / "tmp"):
        folder.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "IVIGDESK_"))} | {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(data),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path / "tmp"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    done = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "support" / "sandbox_run.py"), str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if line.startswith(("EVENTS", "QTNETWORK")))
    events = json.loads(lines["EVENTS"])
    assert lines["QTNETWORK"] == "False"
    network = [
        e for e in events if e[0].startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.", "webbrowser."))
    ]
    assert network == []
    allowed = (config / "IVIG Desk", data / "IVIG Desk", out / "worksheet.pdf")
    # a save writes a temporary file beside the worksheet and renames it into place (atomic save)
    renamed = {Path(path) for kind, path in events if kind == "os.rename"}
    writes = [
        Path(path)
        for kind, path in events
        if kind != "os.mkdir" or not any(Path(path) == parent for a in allowed for parent in Path(a).parents)
    ]
    writes = [p for p in writes if not (p in renamed and p.parent == out and p.name.startswith(PARTIAL_PREFIX))]
    stray = [p for p in writes if not any(p == a or a in p.parents for a in allowed)]
    assert stray == [], f"written outside the settings and log folders: {stray}"
    assert any(str(p).endswith("ivigdesk.log") for p in writes)  # the log is written, and where expected
    # Qt writes the settings and the PDF from C++, out of the hook's sight: check the disk as well
    on_disk = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert on_disk == sorted(
        [
            config / "IVIG Desk" / "ivigdesk.ini",
            data / "IVIG Desk" / "ivigdesk" / "logs" / "ivigdesk.log",
            out / "worksheet.pdf",
        ]
    )


@pytest.mark.slow
def test_patient_identifiers_reach_no_file_but_the_saved_worksheet(tmp_path):
    """The identity typed for the worksheet is in the PDF the user saved, and in no other file the
    session left: settings, log, caches, temporary files (as UTF-8, UTF-16 or Latin-1)."""
    from pypdf import PdfReader

    from tests.support.sandbox_run import IDENTITY

    test_a_working_session_writes_only_settings_logs_and_the_chosen_worksheet(tmp_path)
    pdf = tmp_path / "out" / "worksheet.pdf"
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(pdf)).pages]
    for value in IDENTITY.values():
        assert value in " ".join(pages), value
    assert all(IDENTITY["name"] in page and IDENTITY["hospital_number"] in page for page in pages)  # every page
    for path in (p for p in tmp_path.rglob("*") if p.is_file() and p != pdf):
        data = path.read_bytes()
        for value in IDENTITY.values():
            for encoding in ("utf-8", "utf-16-le", "latin-1"):
                assert value.encode(encoding) not in data, f"{value!r} found in {path}"
