"""Saving and printing the worksheet from the window: where to save (the folder last used, a
name that says what and when), a refusal said in words, and the print preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ivigdesk.ui.qt_main_window import MainWindow
    from ivigdesk.ui.qt_worksheet import PreviewDialog, WorksheetExtras


class WorksheetActions:
    """The worksheet of the plan ``window`` shows."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last_error: str | None = None  # why the last save failed (None: it did not)
        self.preview: PreviewDialog | None = None  # the preview dialog last opened

    def save(self, path: str | Path | None = None) -> Path | None:
        """Save the plan as a PDF worksheet (asks where, unless ``path`` is given). Returns the
        path only if the file was written and checked; a failure is reported in words."""
        from pathlib import Path

        from ivigdesk.safe_files import FileProblem
        from ivigdesk.ui.qt_worksheet import write_pdf

        window, plan = self.window, self.window.results.plan
        if plan is None:
            return None
        if path is None:
            path = self._ask_where_to_save()
            if path is None:
                return None
        try:
            target = write_pdf(plan, Path(path), self.extras())
        except FileProblem as problem:
            self.last_error = str(problem)
            window.statusBar().showMessage(f"Worksheet NOT saved: {problem}", 15_000)
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "IVIG Desk: worksheet not saved",
                f"The worksheet was not saved.\n\n{problem.path}\n{problem.reason[0].upper()}{problem.reason[1:]}."
                "\n\nAny existing file of that name was left as it was.",
                parent=window,
            )
            box.setObjectName("saveRefused")
            box.exec()
            return None
        self.last_error = None
        self._remember_folder(target.parent)
        window.statusBar().showMessage(f"Worksheet saved: {target}", 6000)
        return target

    def _ask_where_to_save(self) -> Path | None:
        """The save dialog, in the folder last used (else Documents), with a name that says what
        and when; the dialog asks before replacing a file."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from ivigdesk.config.settings import SAVE_FOLDER
        from ivigdesk.ui.qt_worksheet import default_file_name, default_folder

        plan = self.window.results.plan
        assert plan is not None
        start = default_folder(self.window.store.get(SAVE_FOLDER)) / default_file_name(plan)
        dialog = QFileDialog(self.window, "Save worksheet", str(start), "PDF (*.pdf)")
        dialog.setObjectName("saveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("pdf")  # added before the dialog checks for a file to replace
        dialog.selectFile(start.name)
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def _remember_folder(self, folder: Path) -> None:
        """The folder a worksheet was saved in (a folder name, never a patient's details)."""
        from ivigdesk.config.settings import SAVE_FOLDER

        self.window.store.set(SAVE_FOLDER, str(folder))
        self.window.show_notices()

    def extras(self) -> WorksheetExtras:
        """What the worksheet prints beside the plan: who it is for, the disclaimer, the paper."""
        from ivigdesk.config.settings import PAPER
        from ivigdesk.ui.qt_worksheet import WorksheetExtras

        window = self.window
        return WorksheetExtras(
            identity=window.inputs.identity(),
            disclaimer=window.kb.meta.disclaimer if window.kb else "",
            paper=window.store.get(PAPER),
        )

    def print(self, preview: bool = False) -> None:
        """Print the worksheet, or first preview its pages (drawn without a printer)."""
        from ivigdesk.ui.qt_worksheet import PreviewDialog, print_now

        plan = self.window.results.plan
        if plan is None:
            return
        if preview:
            dialog = PreviewDialog(self.window, plan, self.extras(), self.save)
            self.preview = dialog
            dialog.open()
        else:
            print_now(self.window, plan, self.extras())
