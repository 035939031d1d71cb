"""A faster answer to the question PySide6 asks of every module imported after it.

To support ``from __feature__ import ...`` (PYSIDE-2029), PySide6 asks of each newly imported
module whether it uses PySide6, by tokenizing its whole source with ``inspect.getsource`` and
looking for the word. For the 131 modules IVIG Desk imports before the user can type that took
some 18 ms, against nothing for a bare window. The same question is answered here by searching the
source file's bytes; a module without a plain source file is asked PySide6's own way. If a
PySide6 release renames or drops the hook, nothing is changed.
"""

from __future__ import annotations

import sys
from types import ModuleType


def install() -> bool:
    """Load PySide6's import hook and replace its check by the byte search; True if it is (now)
    in place."""
    import shiboken6  # noqa: F401 - it installs the hook

    feature = sys.modules.get("shibokensupport.feature")
    upstream = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(upstream):
        return False
    if getattr(upstream, "byte_search", False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(upstream(module))

    uses_pyside.byte_search = True  # type: ignore[attr-defined]
    uses_pyside.upstream = upstream  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
