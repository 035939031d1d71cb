"""Lay the worksheet out on pages, then save it as a PDF, preview it, or print it.

The parts come from ``ivigdesk.dosing.worksheet``. Part one (the plan and its check) flows over
as many pages as it needs; each infusion day's block starts a new page, and two days share a page
when both fit. Every page carries the patient, the indication and "page X of Y".

Saving renders the PDF in memory with ``QPdfWriter`` (no printer, no network connection), checks
that it is complete, then writes it atomically: a failed save says why and leaves any old file as
it was. The preview draws the same pages on screen, also without a printer: a ``QPrinter`` asks
the print system (CUPS on Linux, which connects to 127.0.0.1:631) for printers the moment it is
made, so one is made only when the user asks to print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QDialog, QWidget

from ivigdesk.dosing.identity import PatientIdentity
from ivigdesk.safe_files import write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QImage, QPagedPaintDevice

    from ivigdesk.dosing.result import DosePlan
    from ivigdesk.dosing.worksheet import Worksheet

LOGICAL_WIDTH = 720  # px the worksheet is laid out at; scaled to the page's printable width
HEADER = 44  # logical px above the body on every page: title, patient, page number
FOOTER = 16
GAP = 18  # between two days on one page
PDF_DPI = 300
MIN_PDF_BYTES = 1000
MARGIN_MM = 12


@dataclass(frozen=True)
class WorksheetExtras:
    """What the worksheet prints beside the plan: who it is for (never saved anywhere else),
    the disclaimer, and the paper ("auto": A4, or US Letter where the locale measures in inches)."""

    identity: PatientIdentity = field(default_factory=PatientIdentity)
    disclaimer: str = ""
    paper: str = "auto"


def page_layout(paper: str) -> QPageLayout:
    from PySide6.QtCore import QLocale

    if paper == "auto":
        paper = "Letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "A4"
    size = QPageSize(QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins)


@dataclass
class Placed:
    """Part of a document drawn on a page: its slice from ``top`` (document coordinates) of
    ``height``, at ``y`` on the page body."""

    document: QTextDocument
    top: float
    height: float
    y: float


class Pages:
    """The worksheet cut into pages for a body of ``body_height`` logical px."""

    def __init__(self, sheet: Worksheet, body_height: float) -> None:
        self.sheet = sheet
        self.body_height = body_height
        self.pages: list[list[Placed]] = []
        plan = _document(sheet.plan_html, body_height)
        for index in range(plan.pageCount()):
            self.pages.append([Placed(plan, index * body_height, body_height, 0)])
        room = 0.0  # what is left on the last page for another day
        for html in sheet.day_html:
            day = _document(html, body_height)
            height = day.size().height()
            if day.pageCount() == 1 and height + GAP <= room:
                y = body_height - room + GAP
                self.pages[-1].append(Placed(day, 0, height, y))
                room -= height + GAP
                continue
            for index in range(day.pageCount()):
                self.pages.append([Placed(day, index * body_height, body_height, 0)])
            room = body_height - height if day.pageCount() == 1 else 0

    def __len__(self) -> int:
        return len(self.pages)


def _document(html: str, body_height: float) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setPageSize(QSizeF(LOGICAL_WIDTH, body_height))  # lines are never cut by a page edge
    return document


def layout_pages(sheet: Worksheet, paint_width: float, paint_height: float) -> tuple[Pages, float]:
    """The pages for a printable area of ``paint_width`` × ``paint_height`` device pixels, and
    the scale from the worksheet's logical pixels to them."""
    scale = paint_width / LOGICAL_WIDTH
    return Pages(sheet, paint_height / scale - HEADER - FOOTER), scale


def paint_page(painter: QPainter, pages: Pages, number: int, scale: float) -> None:
    """Draw page ``number`` (from 1) at the painter's origin, the top left of the printable area:
    its parts, then the header and footer over white bands (a line that pagination moved to the
    next page can leave a pixel or two of itself at the body's edge)."""
    from PySide6.QtGui import QColor

    painter.save()
    painter.scale(scale, scale)
    for part in pages.pages[number - 1]:
        painter.save()
        painter.translate(QPointF(0, HEADER + part.y - part.top))
        part.document.drawContents(painter, QRectF(0, part.top, LOGICAL_WIDTH, part.height))
        painter.restore()
    white = QColor(255, 255, 255)
    painter.fillRect(QRectF(0, 0, LOGICAL_WIDTH, HEADER), white)
    painter.fillRect(QRectF(0, HEADER + pages.body_height, LOGICAL_WIDTH, FOOTER + 4), white)
    _frame(painter, pages.sheet, number, len(pages), pages.body_height)
    painter.restore()


def paint(sheet: Worksheet, device: QPagedPaintDevice, paint_width: float, paint_height: float) -> int:
    """Draw every page of ``sheet`` on ``device`` (a PDF writer or a printer); returns the number
    of pages, 0 if the device could not be painted on."""
    pages, scale = layout_pages(sheet, paint_width, paint_height)
    painter = QPainter()
    if not painter.begin(device):
        return 0
    for number in range(1, len(pages) + 1):
        if number > 1:
            device.newPage()
        paint_page(painter, pages, number, scale)
    painter.end()
    return len(pages)


def _frame(painter: QPainter, sheet: Worksheet, number: int, count: int, body_height: float) -> None:
    """The header (title, patient, page X of Y) and the footer (versions) of one page."""
    font = QFont("DejaVu Sans")
    font.setPointSizeF(7.5)
    font.setBold(True)
    painter.setFont(font)
    page = f"page {number} of {count}"
    painter.drawText(QRectF(0, 0, LOGICAL_WIDTH - 90, 16), 0x0001, sheet.title)  # Qt.AlignLeft
    painter.drawText(QRectF(LOGICAL_WIDTH - 90, 0, 90, 16), 0x0002, page)  # Qt.AlignRight
    font.setBold(False)
    painter.setFont(font)
    painter.drawText(QRectF(0, 16, LOGICAL_WIDTH, 16), 0x0001, sheet.patient_line)
    painter.drawLine(QPointF(0, HEADER - 8), QPointF(LOGICAL_WIDTH, HEADER - 8))
    font.setPointSizeF(6)
    painter.setFont(font)
    painter.drawText(QRectF(0, HEADER + body_height + 2, LOGICAL_WIDTH, FOOTER), 0x0001, sheet.footer)


def worksheet(plan: DosePlan, extras: WorksheetExtras, printed: datetime | None = None) -> Worksheet:
    from ivigdesk.dosing.worksheet import build_worksheet

    return build_worksheet(plan, extras.identity, extras.disclaimer, printed)


def render_pdf(plan: DosePlan, extras: WorksheetExtras) -> bytes:
    """The worksheet as the bytes of a PDF, made in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle("IVIG worksheet")
    writer.setCreator("IVIG Desk")
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(extras.paper))
    rect = writer.pageLayout().paintRectPixels(PDF_DPI)
    painted = paint(worksheet(plan, extras), writer, rect.width(), rect.height())
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


def write_pdf(plan: DosePlan, path: Path, extras: WorksheetExtras | None = None) -> Path:
    """Save the worksheet as a PDF at ``path``; raises FileProblem (old file untouched)."""
    return write_atomically(Path(path), render_pdf(plan, extras or WorksheetExtras()), pdf_problem)


def default_file_name(plan: DosePlan, now: datetime | None = None) -> str:
    """``IVIG-kawasaki-2027-01-29-1432.pdf``: what and when, never who."""
    return f"IVIG-{plan.indication.id}-{(now or datetime.now()):%Y-%m-%d-%H%M}.pdf"


def default_folder(last_used: str) -> Path:
    """The folder a worksheet was last saved in, if it is still there; else Documents; else home."""
    from PySide6.QtCore import QStandardPaths

    if last_used and Path(last_used).is_dir():
        return Path(last_used)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def page_images(plan: DosePlan, extras: WorksheetExtras, dpi: int = 110) -> list[QImage]:
    """The pages as images, drawn exactly as on paper (for the preview: no printer is made)."""
    from PySide6.QtGui import QImage

    layout = page_layout(extras.paper)
    full, area = layout.fullRectPixels(dpi), layout.paintRectPixels(dpi)
    pages, scale = layout_pages(worksheet(plan, extras), area.width(), area.height())
    images = []
    for number in range(1, len(pages) + 1):
        image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        painter.translate(area.topLeft())
        paint_page(painter, pages, number, scale)
        painter.end()
        images.append(image)
    return images


class PreviewDialog(QDialog):
    """The worksheet's pages on screen, with Print and Save beside them."""

    def __init__(
        self, parent: QWidget, plan: DosePlan, extras: WorksheetExtras, on_save: Callable[[], object] | None = None
    ) -> None:
        from PySide6.QtGui import QPixmap
        from PySide6.QtWidgets import QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout

        super().__init__(parent, objectName="printPreview")
        self.setWindowTitle("IVIG Desk: worksheet preview")
        body = QWidget()
        pages = QVBoxLayout(body)
        self.images = page_images(plan, extras)
        for number, image in enumerate(self.images, start=1):
            label = QLabel(objectName=f"previewPage{number}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Worksheet page {number} of {len(self.images)}")
            pages.addWidget(label)
        scroll = QScrollArea(objectName="previewPages")
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        print_button = buttons.addButton("&Print…", QDialogButtonBox.ButtonRole.ActionRole)
        print_button.clicked.connect(lambda: print_now(self, plan, extras))
        if on_save is not None:
            save_button = buttons.addButton("&Save PDF…", QDialogButtonBox.ButtonRole.ActionRole)
            save_button.clicked.connect(on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        available = parent.screen().availableGeometry()
        width = self.images[0].width() + 60 if self.images else 600
        self.resize(min(width, available.width() - 40), available.height() - 80)


def print_now(parent: QWidget, plan: DosePlan, extras: WorksheetExtras) -> None:
    """Ask for a printer, then print the worksheet (the only place a QPrinter is made)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(extras.paper))
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        rect = printer.pageLayout().paintRectPixels(printer.resolution())
        paint(worksheet(plan, extras), printer, rect.width(), rect.height())
