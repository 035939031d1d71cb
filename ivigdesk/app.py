"""Start-up: the window, --self-test, --exit-after-startup, --exit-when-ready and crash handling.

The settings, the theme and the knowledge base are ready before the first frame, so that frame is
one the user can type into; the log file, the menus and pint's unit registry come once it is
painted (or at the first crash, if sooner).
"""

from __future__ import annotations

from ivigdesk.ui import pyside_feature_check

pyside_feature_check.install()  # before anything else is imported: PySide6 checks every module

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from PySide6.QtCore import QStandardPaths, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ivigdesk import __version__  # noqa: E402

if TYPE_CHECKING:
    from types import TracebackType

    from ivigdesk.ui.qt_main_window import MainWindow

LOGGER_NAME = "ivigdesk"


def log_folder() -> Path:
    """The per-user log folder (created on first use)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    folder = Path(base) / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_path() -> Path:
    """The rotating log file's path."""
    return log_folder() / "ivigdesk.log"


def setup_logging() -> None:
    """Log to a rotating file in the per-user folder (once; later calls do nothing)."""
    import logging
    import logging.handlers

    log = logging.getLogger(LOGGER_NAME)
    if any(isinstance(handler, logging.handlers.RotatingFileHandler) for handler in log.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(log_path(), maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)


def install_crash_handler(interactive: bool = True) -> None:
    """Log every unhandled exception and show it in a dialog, then keep running.

    Not interactive (self-test, start-up benchmark): log it and end the program with status 1.
    """

    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        import traceback

        text = "".join(traceback.format_exception(kind, error, tb))
        if sys.stderr is not None:  # a windowed build may have none
            print(text, file=sys.stderr)
        where = _log_crash(text)
        if not interactive:
            QApplication.exit(1)
        elif QApplication.instance() is not None:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(
                QMessageBox.Icon.Critical,
                "IVIG Desk: unexpected error",
                f"Something went wrong: {error}\n\nNo result on screen should be trusted until "
                f"you have re-entered the inputs.\n\n{where}",
            )
            box.setObjectName("crashDialog")
            box.setDetailedText(text)
            box.exec()

    sys.excepthook = handle


def refuse_known_bad_qt(interactive: bool) -> None:
    """Exit with status 1 and one line (and, interactively, a message box) on a Qt for Python
    release known to crash IVIG Desk."""
    from ivigdesk.ui.qt_release import known_bad_release

    reason = known_bad_release()
    if reason is None:
        return
    print(f"ivigdesk: {reason}", file=sys.stderr)
    if interactive:
        from PySide6.QtWidgets import QMessageBox

        make_app([sys.argv[0]])
        QMessageBox(QMessageBox.Icon.Critical, "IVIG Desk cannot start", reason).exec()
    sys.exit(1)


def _log_crash(text: str) -> str:
    """Log an unexpected error; say where it went, or why it could not be logged (a log or home
    folder that cannot be written must not stop the error being shown)."""
    import logging

    try:
        setup_logging()
        logging.getLogger(LOGGER_NAME).error("Unhandled exception\n%s", text)
        return f"Details were written to:\n{log_path()}"
    except Exception as problem:  # whatever stops the log, the dialog still shows
        return f"The details could not be written to the log ({problem}); they are shown below."


def make_app(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setOrganizationName("IVIG Desk")
    app.setApplicationName("ivigdesk")
    app.setApplicationDisplayName("IVIG Desk")
    app.setApplicationVersion(__version__)
    return app


def self_test(window: MainWindow) -> list[str]:
    """Check the program and return the problems found (empty: all good): the Qt release, every
    indication and circumstance answered by the window's desk at reference weights, the bundled
    data's compiled form, then the window itself."""
    from ivigdesk.self_check import compiled_data_problems, plan_problems
    from ivigdesk.ui.qt_release import known_bad_release

    problems: list[str] = [reason] if (reason := known_bad_release()) else []
    desk = window.desk
    if desk is None:
        return [*problems, f"knowledge base did not load: {window.kb_error}"]
    count, found = plan_problems(desk)
    problems += found + compiled_data_problems(desk) + _window_problems(window)
    print(f"self-test: {count} plans computed; knowledge base {desk.kb.version} sha256 {desk.kb.checksum[:12]}")
    return problems


def _window_problems(window: MainWindow) -> list[str]:
    """A plan typed into the window shows the hand-worked dose and vials, the window renders, and
    the worksheet saves and previews."""
    import tempfile

    from ivigdesk.ui.qt_worksheet import page_images

    problems = []
    window.picker.select("gbs")
    window.inputs.patient.weight.setText("70")
    window.inputs.patient.weight_unit.setCurrentText("kg")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    QApplication.processEvents()
    if (given := window.results.day(0)["give"]) != "28 g\n280 mL":  # 70 kg × 400 mg/kg (Table 2), at 10 %
        problems.append(f"window shows {given!r} for GBS 70 kg day 1, expected 28 g in 280 mL")
    window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData("octagam-10"))
    QApplication.processEvents()
    if (vials := window.results.day(0)["vials"]) != "1 × 20 g\n+ 4 × 2 g":  # 28 g of Octagam 10 %
        problems.append(f"window shows {vials!r} for GBS 70 kg Octagam 10 % vials")
    image = window.grab().toImage()
    if image.isNull() or image.width() < 100:
        problems.append("the window did not render")
    with tempfile.TemporaryDirectory() as folder:
        pdf = window.save_worksheet(Path(folder) / "worksheet.pdf")
        if pdf is None or pdf.stat().st_size < 1000:
            problems.append("the worksheet PDF was not written")
    if window.plan is None or len(page_images(window.plan, window.worksheet_extras())) < 2:
        problems.append("the worksheet's print preview drew no pages")
    return problems


def clear_print_spool() -> None:
    """Empty the private print folder: a print cut short last time leaves nothing behind."""
    from ivigdesk.ui import print_spool

    print_spool.clear()


def _peak_rss_kb() -> int | None:
    """The process's peak resident memory so far, in KB (Linux; None elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        return None


def main(argv: list[str] | None = None) -> None:
    """Entry point for ``ivigdesk`` and ``python -m ivigdesk``."""
    parser = argparse.ArgumentParser(prog="ivigdesk", description="IVIG Desk dosing calculator")
    parser.add_argument("--self-test", action="store_true", help="check the program and exit (0 = passed)")
    parser.add_argument("--exit-after-startup", action="store_true", help="exit right after the first paint")
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="print the first-paint and ready times (seconds since the epoch) and the peak memory at ready "
        "and once settled, then exit",
    )
    parser.add_argument("--version", action="version", version=f"IVIG Desk {__version__}")
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    batch = args.self_test or args.exit_after_startup or args.exit_when_ready
    refuse_known_bad_qt(interactive=not batch)
    app = make_app([sys.argv[0], *qt_args])
    install_crash_handler(interactive=not batch)

    from ivigdesk.ui.qt_main_window import MainWindow

    window = MainWindow(user_settings=not args.self_test)  # the self-test runs on the defaults, touching nothing
    window.place(window.store.saved_geometry())  # the self-test's defaults have none
    window.first_painted.connect(lambda: QTimer.singleShot(0, setup_logging))
    window.first_painted.connect(lambda: QTimer.singleShot(0, clear_print_spool))
    if args.exit_after_startup:
        window.first_painted.connect(lambda: print(f"first-paint {time.time():.6f}", flush=True))
        window.first_painted.connect(lambda: QTimer.singleShot(0, app.quit))
    if args.exit_when_ready:  # launch to first paint, and to the first frame the user can type into
        window.first_painted.connect(lambda: print(f"first-paint {time.time():.6f}", flush=True))
        window.ready_painted.connect(lambda: print(f"ready {time.time():.6f}", flush=True))
        window.ready_painted.connect(lambda: print(f"ready-peak-rss-kb {_peak_rss_kb()}", flush=True))
        window.settled.connect(lambda: print(f"peak-rss-kb {_peak_rss_kb()}", flush=True))
        window.settled.connect(lambda: QTimer.singleShot(0, app.quit))
    if args.self_test:
        outcome: list[int] = []

        def run_self_test() -> None:
            problems = self_test(window)
            for problem in problems:
                print(f"self-test FAILED: {problem}", file=sys.stderr)
            if not problems:
                print("self-test passed")
            outcome.append(1 if problems else 0)
            app.quit()

        def time_out() -> None:
            outcome.append(1)
            print("self-test timed out", file=sys.stderr)
            app.quit()

        window.knowledge_ready.connect(lambda: QTimer.singleShot(0, run_self_test))
        QTimer.singleShot(60_000, time_out)
    window.show()
    code = app.exec()
    if args.self_test:
        code = outcome[0] if outcome else 1
    import logging

    logging.getLogger(LOGGER_NAME).info("IVIG Desk %s exited with %s", __version__, code)
    sys.exit(code)
