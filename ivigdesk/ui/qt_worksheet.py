"""Print the worksheet, or save it as a PDF, with Qt's own painting (no extra dependency).

Saving renders the PDF in memory with ``QPdfWriter`` (which opens no printer and no network
connection), checks that it is a complete PDF, then writes it atomically: a failed save says why
and leaves any old file as it was. A ``QPrinter`` (which asks the print system, CUPS on Linux, for
printers) is created only when the user prints.

The worksheet is laid out at a fixed logical width and scaled onto one A4 page, shrinking a little
further only if a long plan would not otherwise fit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from ivigdesk.safe_files import write_atomically

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintDevice
    from PySide6.QtWidgets import QWidget

    from ivigdesk.dosing.result import DosePlan

LOGICAL_WIDTH = 720  # px: A4 less 12 mm margins at 96 dpi is about 700
PDF_DPI = 300
MIN_PDF_BYTES = 1000


def worksheet_document(plan: DosePlan, disclaimer: str) -> QTextDocument:
    from ivigdesk.dosing.worksheet import plan_to_html

    document = QTextDocument()
    document.setHtml(plan_to_html(plan, disclaimer))
    document.setTextWidth(LOGICAL_WIDTH)
    return document


def paint_page(
    document: QTextDocument, device: QPaintDevice, left: float, top: float, width: float, height: float
) -> bool:
    """Draw ``document`` into the rectangle, scaled to its width (or less, to fit its height);
    False if the device could not be painted on."""
    scale = min(width / LOGICAL_WIDTH, height / document.size().height())
    painter = QPainter()
    if not painter.begin(device):
        return False
    painter.translate(left, top)
    painter.scale(scale, scale)
    document.drawContents(painter)
    return painter.end()


def _a4() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(12, 12, 12, 12))


def render_pdf(plan: DosePlan, disclaimer: str) -> bytes:
    """The worksheet as the bytes of a one-page A4 PDF, made in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("IVIG worksheet")
    writer.setCreator("IVIG Desk")
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(_a4())
    page = writer.pageLayout().paintRectPixels(PDF_DPI)
    painted = paint_page(worksheet_document(plan, disclaimer), writer, 0, 0, page.width(), page.height())
    buffer.close()
    return bytes(data.data()) if painted else b""


def pdf_problem(data: bytes) -> str | None:
    """What makes ``data`` an incomplete PDF (header, size, end-of-file trailer), or None."""
    if len(data) < MIN_PDF_BYTES:
        return f"the PDF came out empty or too small ({len(data)} bytes)"
    if not data.startswith(b"%PDF-"):
        return "the PDF does not start with a PDF header"
    if b"%%EOF" not in data[-1024:]:
        return "the PDF has no end-of-file trailer"
    return None


def write_pdf(plan: DosePlan, path: Path, disclaimer: str) -> Path:
    """Save the worksheet as a one-page A4 PDF at ``path``; raises FileProblem (old file untouched)."""
    return write_atomically(Path(path), render_pdf(plan, disclaimer), pdf_problem)


def print_dialog(parent: QWidget, plan: DosePlan, disclaimer: str) -> None:
    """Ask for a printer, then print the worksheet (the only place a QPrinter is made)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_a4())
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        paint_page(worksheet_document(plan, disclaimer), printer, 0, 0, page.width(), page.height())
