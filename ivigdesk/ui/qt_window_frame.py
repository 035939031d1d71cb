"""The window as the screen and the start-up see it: where it opens (where it was, if that still
fits; else centred, or maximised on a small screen), and when its first frame, and its first
frame the user can type into, are painted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QPaintEvent, QShowEvent
    from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = (1280, 760)
FRAME = (16, 48)  # room a window manager's title bar and borders take, beyond the window itself


def run_in_turns(owner: QWidget, steps: list[Callable[[], object]]) -> None:
    """Run each step in its own turn of the event loop, in order (none once ``owner`` is gone)."""
    if steps:
        steps[0]()
        QTimer.singleShot(0, owner, lambda: run_in_turns(owner, steps[1:]))


class FramedWindow(QMainWindow):
    """A main window that fits on screen and reports its first frames. A subclass readies its
    contents in ``_start`` (when first shown, before the first frame), sets ``_ready_to_paint``
    when the next frame is one the user can type into, and continues in ``_after_ready``."""

    first_painted = Signal()
    ready_painted = Signal()  # the first frame painted with the inputs enabled: the user can type

    def __init__(self) -> None:
        super().__init__()
        self._painted = False
        self._ready_to_paint = False
        self._started = False
        self._show_maximised = False  # set by place() on a small screen

    def place(self, saved: bytes | None = None) -> None:
        """Open where it was last closed (``saved``, from saveGeometry) if that fits the screens
        now attached; else at the default size centred on the screen, or maximised on a screen
        smaller than that (1024 × 768, or 200 % scaling), so the whole window is always on screen."""
        from PySide6.QtCore import QByteArray

        if saved and self.restoreGeometry(QByteArray(saved)):
            QTimer.singleShot(0, self._fit_on_screen)  # once shown, when the frame's size is known
            return
        available = self.screen().availableGeometry()
        if available.width() < DEFAULT_SIZE[0] + FRAME[0] or available.height() < DEFAULT_SIZE[1] + FRAME[1]:
            self._show_maximised = True  # when shown (see setVisible)
            return
        width, height = DEFAULT_SIZE
        self.resize(width, height)
        self.move(available.x() + (available.width() - width) // 2, available.y() + (available.height() - height) // 2)

    def setVisible(self, visible: bool) -> None:
        """Shown maximised when place() asked for it. showMaximized() leaves Qt's namespace alone,
        whereas windowState() and setWindowState() build all its enumerations at once (some 20 ms
        before the first frame, measured)."""
        if visible and self._show_maximised:
            self._show_maximised = False
            self.showMaximized()  # which sets the state, then comes back here to show
            return
        super().setVisible(visible)

    def _fit_on_screen(self) -> None:
        """Bring a restored window wholly onto the screen it is on, frame and all."""
        available, frame = self.screen().availableGeometry(), self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), available.width() - extra_w)
        height = min(self.height(), available.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(frame.x(), available.x()), available.right() + 1 - width - extra_w)
        y = min(max(frame.y(), available.y()), available.bottom() + 1 - height - extra_h)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:
        """The first time the window is shown, before its first frame: ``_start``."""
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._start()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted or self._ready_to_paint:
            QTimer.singleShot(0, self._frame_painted)  # once the children are painted and the frame is shown

    def _frame_painted(self) -> None:
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
        if self._ready_to_paint:
            self._ready_to_paint = False
            self.ready_painted.emit()
            QTimer.singleShot(0, self._after_ready)

    def _start(self) -> None:
        """Ready the contents before the first frame (a subclass's)."""

    def _after_ready(self) -> None:
        """Continue once the user can type (a subclass's)."""
