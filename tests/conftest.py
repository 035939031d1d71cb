"""Shared fixtures. Qt runs offscreen, and settings never touch the real user profile."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_configure(config: pytest.Config) -> None:
    """The everyday run (``-m "not slow"``) takes the quick Hypothesis profile; CI the full one."""
    if "HYPOTHESIS_PROFILE" not in os.environ and "not slow" in (config.option.markexpr or ""):
        os.environ["HYPOTHESIS_PROFILE"] = "everyday"
    from hypothesis import settings

    from tests.support.profiles import profile

    settings.load_profile(profile())


REPO = Path(__file__).resolve().parent.parent
BUNDLED_KB = REPO / "resources" / "knowledge"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the per-user settings (window and CLI alike) at a temporary folder, and the
    machine-wide site policy at a place that does not exist; no site file anywhere."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "config"))
    monkeypatch.delenv("IVIGDESK_SITE_CONFIG", raising=False)
    monkeypatch.setattr(
        "ivigdesk.config.site.machine_site_paths", lambda *args, **kwargs: [tmp_path / "machine" / "ivigdesk-site.ini"]
    )
    return tmp_path / "config" / "IVIG Desk" / "ivigdesk.ini"


@pytest.fixture(autouse=True)
def hand_worked_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Today, for start-date checks, is the day the hand-worked course dates were written."""
    day = date(2026, 11, 26)
    monkeypatch.setattr("ivigdesk.dosing.start_dates.today", lambda: day)
    return day


@pytest.fixture
def machine_policy(tmp_path: Path) -> Path:
    """Where the (isolated) machine-wide site policy file goes."""
    (tmp_path / "machine").mkdir(exist_ok=True)
    return tmp_path / "machine" / "ivigdesk-site.ini"


@pytest.fixture(scope="session")
def kb():
    from ivigdesk.knowledge.loader import load_knowledge_base

    return load_knowledge_base()


@pytest.fixture(scope="session")
def catalogue():
    """The bundled product catalogue, loaded once."""
    from ivigdesk.knowledge.products import load_product_catalogue

    return load_product_catalogue()


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge base, to break on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(BUNDLED_KB, target, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return target


@pytest.fixture
def pharmacy(tmp_path: Path) -> Path:
    """A shared drive holding an approved copy of the knowledge base and products, with manifests."""
    share = tmp_path / "share"
    for kind in ("knowledge", "products"):
        shutil.copytree(REPO / "resources" / kind, share / kind, ignore=shutil.ignore_patterns("__*"))
    return share


def edit_text(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file with ``new`` (which must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reseal(folder: Path, *names: str) -> None:
    """Rewrite the manifest as `sha256sum` would, as a pharmacy does after approving a change."""
    lines = [f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n" for n in names]
    (folder / "MANIFEST.sha256").write_text("".join(lines), encoding="utf-8")
