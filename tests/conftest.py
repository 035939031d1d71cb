"""Shared fixtures. Qt runs offscreen, and settings never touch the real user profile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
BUNDLED_KB = REPO / "resources" / "knowledge"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the per-user settings (window and CLI alike) at a temporary folder; no site file."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "config"))
    monkeypatch.delenv("IVIGDESK_SITE_CONFIG", raising=False)
    return tmp_path / "config" / "IVIG Desk" / "ivigdesk.ini"


@pytest.fixture(scope="session")
def kb():
    from ivigdesk.knowledge.loader import load_knowledge_base

    return load_knowledge_base()


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge base, to break on purpose."""
    target = tmp_path / "knowledge"
    shutil.copytree(BUNDLED_KB, target, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return target
