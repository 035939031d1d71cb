"""packaging/lean.py drops the same files from both PySide6 wheel layouts (the Windows wheel keeps
Qt's plugins and translations directly under PySide6/, the Linux and macOS wheels under
PySide6/Qt/), and Qt's software OpenGL on Windows; it keeps what the program needs."""

from __future__ import annotations

from pathlib import Path

import pytest

LEAN = Path(__file__).resolve().parent.parent / "packaging" / "lean.py"


@pytest.fixture(scope="module")
def needed():
    namespace: dict[str, object] = {}
    exec(LEAN.read_text(), namespace)
    return namespace["needed"]


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/translations/qt_de.qm", "PySide6/translations/qt_de.qm",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so", "PySide6/plugins/imageformats/qjpeg.dll",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so", "PySide6\\plugins\\iconengines\\qsvgicon.dll",
        "PySide6/Qt/plugins/platforms/libqminimal.so", "PySide6/plugins/platforms/qminimal.dll",
        "PySide6/plugins/platforms/qdirect2d.dll", "PySide6/plugins/generic/qtuiotouchplugin.dll",
        "PySide6/opengl32sw.dll", "PySide6/Qt6Network.dll", "PySide6/Qt6Svg.dll",
    ],
)  # fmt: skip
def test_dropped_in_both_layouts(needed, destination):
    assert not needed(destination)


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/platforms/qoffscreen.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll", "PySide6/Qt6Core.dll", "PySide6/Qt6Gui.dll",
        "PySide6/Qt6Widgets.dll", "PySide6/Qt6PrintSupport.dll", "ivigdesk/resources/knowledge/rules.yaml",
    ],
)  # fmt: skip
def test_kept(needed, destination):
    assert needed(destination)
