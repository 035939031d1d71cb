"""The window's menus: File, Go, Settings and Help. The titles are there from the first frame;
their actions are added just after it (a shortcut makes PySide6 build its Qt enumerations, some
12 ms). Each title's Alt letter is used nowhere else in the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction, QKeySequence

    from ivigdesk.ui.qt_main_window import MainWindow


class WindowMenus:
    """The menu bar of ``window``; the actions that need a plan are enabled only with one."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        self.file, self.go = bar.addMenu("&File"), bar.addMenu("&Go")
        self.settings, self.help = bar.addMenu("Se&ttings"), bar.addMenu("&Help")
        self.plan_actions: list[QAction] = []

    def filled(self) -> bool:
        return bool(self.file.actions())

    def enable_plan_actions(self, enabled: bool) -> None:
        for action in self.plan_actions:
            action.setEnabled(enabled)

    def fill(self) -> None:
        """Every action, once the user can type."""
        from PySide6.QtGui import QKeySequence

        window, action = self.window, self._action
        self.plan_actions = [
            action("&Copy plan", "Ctrl+Shift+C", window.copy_plan),
            action("&Save worksheet (PDF)…", "Ctrl+Shift+S", lambda: window.save_worksheet()),
            action("Print pre&view…", None, lambda: window.worksheet.print(preview=True)),
            action("&Print worksheet…", QKeySequence.StandardKey.Print, window.worksheet.print),
        ]
        self.file.addAction(action("&New patient", QKeySequence.StandardKey.New, window.new_patient))
        self.file.addSeparator()
        self.file.addActions(self.plan_actions)
        self.file.addSeparator()
        self.file.addAction(action("&Quit", QKeySequence.StandardKey.Quit, window.close))
        self.go.addActions(
            [
                action("Find &diagnosis", "Ctrl+F", window.picker.focus_search),
                action("Go to &weight", "Ctrl+W", window.inputs.focus_weight),
                action("Go to the &result", "Ctrl+R", window.focus_result),
            ]
        )
        self.help.addAction(action("IVIG Desk &help", QKeySequence.StandardKey.HelpContents, window.show_help))
        self.help.addAction(action("&About IVIG Desk", None, window.show_about))
        self._fill_settings()

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: Callable[[], object]
    ) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _fill_settings(self) -> None:
        """One submenu for each pharmacy setting, its choice ticked; a choice applies at once."""
        from PySide6.QtGui import QAction, QActionGroup

        from ivigdesk.config.settings import FACTOR, PAPER, ROUNDING, TOLERANCE, WEIGHT_RULE
        from ivigdesk.dosing.body_weight import WEIGHT_RULES
        from ivigdesk.dosing.rounding import POLICIES

        words = {
            WEIGHT_RULE: {k: r.name for k, r in WEIGHT_RULES.items()},
            FACTOR: {},
            ROUNDING: POLICIES,
            TOLERANCE: {t: f"{t} %" for t in TOLERANCE.choices or ()},
            PAPER: {"auto": "As the printer and locale choose (A4 or Letter)"},
        }
        store = self.window.store
        for key, texts in words.items():
            sub = self.settings.addMenu(key.label)
            group = QActionGroup(self.window)
            current = store.get(key)
            for option in key.choices or ():
                action = QAction(texts.get(option, option), self.window)
                action.setCheckable(True)
                action.setChecked(option == current)
                action.setData((key.path, option))
                if key is WEIGHT_RULE:
                    action.setToolTip(WEIGHT_RULES[option].description)
                group.addAction(action)
                sub.addAction(action)
            sub.setToolTipsVisible(True)
            group.triggered.connect(self._setting_chosen)

    def _setting_chosen(self, action: QAction) -> None:
        from ivigdesk.config.settings import KEYS

        path, value = action.data()
        self.window.store.set(next(key for key in KEYS if key.path == path), value)
        self.window.show_notices()
        self.window.recalculate()
