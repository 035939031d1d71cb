"""One way to reach bundled data: from a source checkout, an installed wheel or a frozen build."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def _root() -> Traversable:
    try:
        return files("ivigdesk.resources")
    except ModuleNotFoundError:  # a plain source checkout that was never installed
        return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Traversable:
    """Return the bundled resource at ``resources/<parts...>``."""
    node = _root()
    for part in parts:
        node = node / part
    return node
