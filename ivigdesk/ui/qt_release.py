"""Refuse a Qt for Python release known to crash IVIG Desk, with one clear line instead of a crash.

PySide6-Essentials 6.12.0 (shiboken6 6.12.0) loses a reference to ``None`` on every Qt call that
returns nothing; on Python 3.11 the process aborts with ``none_dealloc`` after a few hundred
keystrokes, with no dialog and nothing in the log. Python 3.12 and newer are immune (``None`` is
immortal there). Only the package versions are read: nothing of Qt is loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# release -> what goes wrong, on the Python versions below IMMUNE_FROM
KNOWN_BAD = {
    "6.12.0": "loses a reference to None on every Qt call that returns nothing, so the program aborts "
    "after a few hundred keystrokes",
}
IMMUNE_FROM = (3, 12)
TESTED = "6.9.3 to 6.11.3"


def known_bad_release(
    pyside: str | None = None, shiboken: str | None = None, python: Sequence[int] | None = None
) -> str | None:
    """One line saying why this Qt for Python cannot be used, or None when it can."""
    python = tuple(python if python is not None else sys.version_info[:3])
    if python[:2] >= IMMUNE_FROM:
        return None
    if pyside is None or shiboken is None:
        import PySide6
        import shiboken6

        pyside, shiboken = pyside or PySide6.__version__, shiboken or shiboken6.__version__
    for name, version in (("PySide6", pyside), ("shiboken6", shiboken)):
        if version in KNOWN_BAD:
            return (
                f"IVIG Desk will not run with {name} {version} on Python {'.'.join(map(str, python[:2]))}: "
                f"that release {KNOWN_BAD[version]}. Install a tested release ({TESTED}; see "
                "requirements/app.lock) or use the standalone build."
            )
    return None
