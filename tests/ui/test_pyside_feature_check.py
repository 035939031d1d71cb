"""The faster answer to PySide6's per-import question is the same answer."""

from __future__ import annotations

import sys

import ivigdesk.knowledge.model
import ivigdesk.ui.qt_main_window  # noqa: F401 - both must be loaded
from ivigdesk.ui import pyside_feature_check


def test_the_byte_search_answers_as_pyside6_does_for_every_loaded_module():
    assert pyside_feature_check.install()
    feature = sys.modules["shibokensupport.feature"]
    fast = feature._mod_uses_pyside
    upstream = fast.upstream  # the check it replaced
    assert getattr(fast, "byte_search", False) and not getattr(upstream, "byte_search", False)
    modules = [m for m in list(sys.modules.values()) if str(getattr(m, "__file__", "")).endswith(".py")]
    assert len(modules) > 100
    assert [fast(m) for m in modules] == [upstream(m) for m in modules]
    assert fast(sys.modules["ivigdesk.ui.qt_main_window"]) and not fast(sys.modules["ivigdesk.knowledge.model"])
    assert pyside_feature_check.install()  # a second call changes nothing
    assert feature._mod_uses_pyside is fast
