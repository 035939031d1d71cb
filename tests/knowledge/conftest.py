"""Shared fixtures for the knowledge-base tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def bundled_is(monkeypatch):
    """Make a writable copy stand in for the bundled folders (the only ones whose compiled form is
    read, and the only ones ``knowledge.compile`` writes)."""

    def use(share: Path) -> None:
        for module in ("ivigdesk.knowledge.loader", "ivigdesk.knowledge.products", "ivigdesk.knowledge.compile"):
            monkeypatch.setattr(f"{module}.resource", lambda kind: share / kind)

    return use
