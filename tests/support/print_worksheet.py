"""Print the 5-day dermatomyositis worksheet (test identity) on the CUPS queue named, through the
program's own print path (``prepare_printer`` and ``print_on``), and say how many pages."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> int:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from ivigdesk.ui import print_spool
    from ivigdesk.ui.qt_worksheet import WorksheetExtras, prepare_printer, print_on
    from tests.support import worksheet_plans as plans

    app = QApplication(sys.argv[:1])  # noqa: F841 - fonts need an application
    kb, plan = plans.plan("dm5")
    extras = WorksheetExtras(plans.IDENTITY, kb.meta.disclaimer, "A4")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(sys.argv[1])
    if not printer.isValid() or printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        print(f"no such printer: {sys.argv[1]}", flush=True)
        return 1
    prepare_printer(printer, extras)
    pages = print_on(printer, plan, extras)
    print(f"printed {pages} pages at {printer.resolution()} dpi; spool folder {print_spool.folder()}", flush=True)
    return 0 if pages else 1


if __name__ == "__main__":
    sys.exit(main())
