"""The window's frame: the start-up steps run one per turn of the event loop, in order, and the
first frames are reported."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ivigdesk.ui.qt_window_frame import FramedWindow, run_in_turns


def test_the_steps_run_in_order_one_per_turn(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    done: list[str] = []
    run_in_turns(owner, [lambda: done.append("menus"), lambda: done.append("calculation")])
    assert done == ["menus"]  # the first now, the next in a later turn
    qtbot.waitUntil(lambda: done == ["menus", "calculation"])


def test_the_first_frame_and_the_ready_frame_are_reported(qtbot):
    class Window(FramedWindow):
        started = 0

        def _start(self) -> None:
            self.started += 1
            self._ready_to_paint = True

    window = Window()
    qtbot.addWidget(window)
    with qtbot.waitSignals([window.first_painted, window.ready_painted], timeout=5000):
        window.show()
    window.hide()
    window.show()
    assert window.started == 1  # started once, when first shown
