"""Shared fixtures. Qt runs offscreen, and settings never touch the real user profile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
BUNDLED_KB = REPO / "resources" / "knowledge"


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
