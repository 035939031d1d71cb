"""Where the window was, read before the first paint: only the saved geometry, with the standard
library's INI reader, so start-up pays nothing for the settings checks (they run after the
first paint). Anything unreadable means "no saved place": the window opens centred instead."""

from __future__ import annotations

import base64
import binascii
import configparser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

MAX_BYTES = 64 * 1024  # a settings file is a few hundred bytes; never read a huge one here


def saved_geometry(path: Path) -> bytes | None:
    """The window geometry saved in the settings file at ``path`` (``[window] geometry``), or None."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(raw.decode("utf-8"))
        text = parser.get("window", "geometry", fallback="").strip()
        return base64.b64decode(text, validate=True) if text else None
    except (OSError, UnicodeDecodeError, configparser.Error, binascii.Error, ValueError):
        return None
