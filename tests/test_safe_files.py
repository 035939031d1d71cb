"""Operating-system errors on the knowledge base, the manifest, the product list and the site file
are refusals that name the file and the reason, with nothing calculated; reads are bounded.

Run for real, not simulated: the command and the window run in child processes with file
permissions in force (as root, without CAP_DAC_OVERRIDE; see tests/support/unprivileged.py).
Before this change each case gave a PermissionError traceback and exit 1 in ivigdesk-calc, and
left the window on "Loading knowledge base…".
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

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
