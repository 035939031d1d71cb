"""One way to reach bundled data: from a source checkout, an installed wheel or a frozen build."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def _root() -> Traversable:
    try:
        return files("ivigdesk.resources")  # an installed wheel or an editable install
    except ModuleNotFoundError:
        here = Path(__file__).resolve().parent
        frozen = here / "resources"  # the PyInstaller build bundles data as ivigdesk/resources
        return frozen if frozen.is_dir() else here.parent / "resources"  # a plain source checkout


def resource(*parts: str) -> Traversable:
    """Return the bundled resource at ``resources/<parts...>``."""
    node = _root()
    for part in parts:
        node = node / part
    return node
