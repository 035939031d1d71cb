"""Print the worksheet, or save it as a PDF, with Qt's own printing (no extra dependency).

The worksheet is laid out at a fixed logical width and scaled onto one A4 page, shrinking a little
further only if a long plan would not otherwise fit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintDevice
    from PySide6.QtWidgets import QWidget

    from ivigdesk.dosing.result import DosePlan

LOGICAL_WIDTH = 720  # px: A4 less 12 mm margins at 96 dpi is about 700


def worksheet_document(plan: DosePlan, disclaimer: str) -> QTextDocument:
    from ivigdesk.dosing.worksheet import plan_to_html

    document = QTextDocument()
    document.setHtml(plan_to_html(plan, disclaimer))
    document.setTextWidth(LOGICAL_WIDTH)
    return document


def paint_page(document: QTextDocument, device: QPaintDevice, left: float, top: float, width: float, height: float):
    """Draw ``document`` into the rectangle, scaled to its width (or less, to fit its height)."""
    scale = min(width / LOGICAL_WIDTH, height / document.size().height())
    painter = QPainter(device)
    painter.translate(left, top)
    painter.scale(scale, scale)
    document.drawContents(painter)
    painter.end()


def _a4(printer: QPrinter) -> None:
    printer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(12, 12, 12, 12))
    )


def _print(printer: QPrinter, plan: DosePlan, disclaimer: str) -> None:
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    paint_page(worksheet_document(plan, disclaimer), printer, 0, 0, page.width(), page.height())


def write_pdf(plan: DosePlan, path: Path, disclaimer: str) -> Path:
    """Write the worksheet to ``path`` as a one-page A4 PDF and return the path."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName("IVIG worksheet")
    _a4(printer)
    _print(printer, plan, disclaimer)
    return path


def print_dialog(parent: QWidget, plan: DosePlan, disclaimer: str) -> None:
    """Ask for a printer, then print the worksheet."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _a4(printer)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        _print(printer, plan, disclaimer)
