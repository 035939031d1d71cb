"""Lay the worksheet out on pages, then save it as a PDF, preview it, or print it.

The parts come from ``ivigdesk.dosing.worksheet``. Part one (the plan and its check) flows over
as many pages as it needs; each infusion day starts its own page. Every page carries the running
header (title, "page X of Y"), the patient strip in its body (name, number, date of birth,
indication, day, page) and the footer (versions).

One drawing path for every device: the pages are laid out once in points (1/72 inch), on a
layout device of 72 dpi, so every font size is set once, in the page's own units; each device
(the PDF writer, a printer at any resolution, a preview image) is painted with the painter scaled
by its dots per inch over 72. Margins are millimetres. The README's pictures are the saved PDF,
rasterised.

Saving renders the PDF in memory with ``QPdfWriter`` (no printer, no network connection), checks
that it is complete, then writes it atomically: a failed save says why and leaves any old file as
it was. The preview draws the same pages on screen, also without a printer: a ``QPrinter`` asks
the print system (CUPS on Linux, which connects to 127.0.0.1:631) for printers the moment it is
made, so one is made only when the user asks to print. A print is spooled from a private
temporary folder of its own (``ivigdesk.ui.print_spool``), held while it prints and removed after
(or, if the program died mid-print, at the next start; never while another IVIG Desk prints).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument, QTextOption
from PySide6.QtWidgets import QDialog, QWidget

from ivigdesk.dosing.identity import PatientIdentity
from ivigdesk.safe_files import write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QPagedPaintDevice
    from PySide6.QtPrintSupport import QPrinter

    from ivigdesk.dosing.result import DosePlan
    from ivigdesk.dosing.worksheet import Worksheet

POINTS_PER_INCH = 72  # the layout's unit is the point: fonts and sizes are set once, in points
GAP = 6  # points between the header, the strip, the body and the footer
BLOCK_GAP = 3  # points between two blocks of the plan
PDF_DPI = 300
MIN_PDF_BYTES = 1000
MARGIN_MM = 10
JOB_TITLE = "IVIG worksheet"  # the print job's and the PDF's title: never the patient
PREVIEW_DPI = 110


@dataclass(frozen=True)
class WorksheetExtras:
    """What the worksheet prints beside the plan: who it is for (never saved anywhere else),
    the disclaimer, and the paper ("auto": A4, or US Letter where the locale measures in inches)."""

    identity: PatientIdentity = field(default_factory=PatientIdentity)
    disclaimer: str = ""
    paper: str = "auto"


def page_layout(paper: str) -> QPageLayout:
    """Portrait A4 or US Letter with ``MARGIN_MM`` millimetre margins on every side."""
    from PySide6.QtCore import QLocale

    if paper == "auto":
        paper = "Letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "A4"
    size = QPageSize(QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


_LAYOUT_DEVICE: list[QImage] = []


def layout_device() -> QImage:
    """A 72 dpi device that every document is laid out on: one unit is one point, whatever the
    screen's scale or the printer's resolution."""
    if not _LAYOUT_DEVICE:
        image = QImage(8, 8, QImage.Format.Format_RGB32)
        dots_per_metre = round(POINTS_PER_INCH / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        _LAYOUT_DEVICE.append(image)
    return _LAYOUT_DEVICE[0]


def _document(html: str, width: float, page_height: float | None = None) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(layout_device())
    document.setUseDesignMetrics(True)  # widths as the font designs them, the same at any dpi
    document.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a 200-letter name wraps
    document.setDefaultTextOption(option)
    document.setHtml(html)
    _sizes_as_written(document)
    document.setTextWidth(width)
    if page_height is not None:
        document.setPageSize(QSizeF(width, page_height))  # lines are never cut by a page edge
    return document


def _sizes_as_written(document: QTextDocument) -> None:
    """Qt scales the font size the style sheet sets for <h1>, <h2> and <small> once more by the
    tag's own size step; clear that step, so each size prints as the style sheet writes it."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    adjustment = QTextFormat.Property.FontSizeAdjustment
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            written = fragment.charFormat()
            if written.hasProperty(adjustment):
                written.clearProperty(adjustment)
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(written)
            fragments += 1
        block = block.next()


@dataclass
class Page:
    """One page: the part drawn in its body (a document, from ``top`` for ``height`` points),
    and what the page is ("Plan and check", "Day 2 of 5")."""

    document: QTextDocument
    top: float
    height: float
    part: str
    whole: bool = False  # the document fits the page: drawn whole, unclipped
    blocks: list[tuple[QTextDocument, float]] = field(default_factory=list)  # more, each at its y


class Pages:
    """The worksheet cut into pages for a printable area of ``width`` × ``height`` points: the
    plan over as many pages as it needs, then each day on its own page(s)."""

    def __init__(self, sheet: Worksheet, width: float, height: float) -> None:
        self.sheet, self.width, self.height = sheet, width, height
        parts = ("Plan and check", *sheet.day_labels)
        self.header_height = max(_document(sheet.header_html(part, 88, 88), width).size().height() for part in parts)
        self.footer_height = _document(sheet.footer_html(), width).size().height()
        self.strip_height = max(_document(sheet.strip_html(part, 88, 88), width).size().height() for part in parts)
        self.body_top = self.header_height + GAP + self.strip_height + GAP
        self.body_height = height - self.body_top - GAP - self.footer_height
        self.pages: list[Page] = []
        self._add_blocks(sheet.plan_blocks, "Plan and check")
        for label, html in zip(sheet.day_labels, sheet.day_html, strict=True):
            self._add(html, label)

    def _add_blocks(self, blocks: tuple[str, ...], part: str) -> None:
        """Blocks one under another, each moved whole to a new page when it does not fit."""
        room = 0.0
        for html in blocks:
            document = _document(html, self.width)
            height = document.size().height()
            if height > self.body_height:  # taller than a page: paginated on its own
                self._add(html, part)
                room = 0.0
            elif height + BLOCK_GAP <= room:
                self.pages[-1].blocks.append((document, self.body_height - room + BLOCK_GAP))
                room -= height + BLOCK_GAP
            else:
                self.pages.append(Page(document, 0, height, part, whole=True))
                room = self.body_height - height

    def _add(self, html: str, part: str) -> None:
        """A part on a page of its own, or, when taller than a page, over as many as it needs."""
        whole = _document(html, self.width)
        if whole.size().height() <= self.body_height:
            self.pages.append(Page(whole, 0, whole.size().height(), part, whole=True))
            return
        document = _document(html, self.width, self.body_height)
        for index in range(document.pageCount()):
            self.pages.append(Page(document, index * self.body_height, self.body_height, part))

    def __len__(self) -> int:
        return len(self.pages)


def layout_pages(sheet: Worksheet, layout: QPageLayout) -> Pages:
    """The pages for the printable area of ``layout``."""
    area = layout.paintRect(QPageLayout.Unit.Point)
    return Pages(sheet, area.width(), area.height())


def paint_page(painter: QPainter, pages: Pages, number: int, dpi: float) -> None:
    """Draw page ``number`` (from 1) with the painter's origin at the top left of the printable
    area of a ``dpi`` device: header, patient strip, body, footer, each in its own band."""
    page = pages.pages[number - 1]
    count = len(pages)
    sheet = pages.sheet
    painter.save()
    painter.scale(dpi / POINTS_PER_INCH, dpi / POINTS_PER_INCH)
    _draw(painter, _document(sheet.header_html(page.part, number, count), pages.width), 0)
    _draw(painter, _document(sheet.strip_html(page.part, number, count), pages.width), pages.header_height + GAP)
    if page.whole:
        _draw(painter, page.document, pages.body_top)
    else:  # one page's slice of a document paginated to the body's height: each line lies wholly
        # on one page, and the clip, a hair inside the slice, keeps out the lines before and after
        painter.save()
        painter.translate(QPointF(0, pages.body_top - page.top))
        page.document.drawContents(painter, QRectF(0, page.top + 0.5, pages.width, page.height - 1))
        painter.restore()
    for document, y in page.blocks:
        _draw(painter, document, pages.body_top + y)
    _draw(painter, _document(sheet.footer_html(), pages.width), pages.height - pages.footer_height)
    painter.restore()


def _draw(painter: QPainter, document: QTextDocument, y: float) -> None:
    painter.save()
    painter.translate(QPointF(0, y))
    document.drawContents(painter)
    painter.restore()


def paint(sheet: Worksheet, device: QPagedPaintDevice, dpi: float) -> int:
    """Draw every page of ``sheet`` on ``device`` (a PDF writer or a printer at ``dpi``); returns
    the number of pages, 0 if the device could not be painted on."""
    pages = layout_pages(sheet, device.pageLayout())
    painter = QPainter()
    if not painter.begin(device):
        return 0
    for number in range(1, len(pages) + 1):
        if number > 1:
            device.newPage()
        paint_page(painter, pages, number, dpi)
    painter.end()
    return len(pages)


def worksheet(plan: DosePlan, extras: WorksheetExtras, printed: datetime | None = None) -> Worksheet:
    from ivigdesk.dosing.worksheet import build_worksheet

    return build_worksheet(plan, extras.identity, extras.disclaimer, printed)


def render_pdf(plan: DosePlan, extras: WorksheetExtras) -> bytes:
    """The worksheet as the bytes of a PDF, made in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(JOB_TITLE)
    writer.setCreator("IVIG Desk")
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(extras.paper))
    painted = paint(worksheet(plan, extras), writer, PDF_DPI)
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


def page_images(plan: DosePlan, extras: WorksheetExtras, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """The pages as images for the preview, drawn by the same code as the PDF and the printer
    (no printer is made)."""
    layout = page_layout(extras.paper)
    full, area = layout.fullRectPixels(dpi), layout.paintRectPixels(dpi)
    pages = layout_pages(worksheet(plan, extras), layout)
    images = []
    for number in range(1, len(pages) + 1):
        image = QImage(full.width(), full.height(), QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(area.topLeft())
        paint_page(painter, pages, number, dpi)
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

        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle("IVIG Desk: worksheet preview")
        body = QWidget()
        pages = QVBoxLayout(body)
        self.images = page_images(plan, extras)
        for number, image in enumerate(self.images, start=1):
            label = QLabel()
            label.setObjectName(f"previewPage{number}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Worksheet page {number} of {len(self.images)}")
            pages.addWidget(label)
        scroll = QScrollArea()
        scroll.setObjectName("previewPages")
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
    prepare_printer(printer, extras)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    from ivigdesk.safe_files import FileProblem

    try:
        print_on(printer, plan, extras)
    except FileProblem as problem:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "IVIG Desk: worksheet not printed",
            f"The worksheet was not printed.\n\n{problem.path}\n{problem.reason[0].upper()}{problem.reason[1:]}.",
            parent=parent,
        )
        box.setObjectName("printRefused")
        box.exec()


def prepare_printer(printer: QPrinter, extras: WorksheetExtras) -> None:
    """The paper, the millimetre margins, and a job title that names no one."""
    printer.setPageLayout(page_layout(extras.paper))
    printer.setDocName(JOB_TITLE)
    printer.setCreator("IVIG Desk")


def print_on(printer: QPrinter, plan: DosePlan, extras: WorksheetExtras) -> int:
    """Print the worksheet on ``printer`` at its own resolution; the print system's spool file
    is made in the program's private temporary folder and removed after. Returns the pages."""
    from ivigdesk.ui import print_spool

    printer.setDocName(JOB_TITLE)
    with print_spool.private_temp():
        return paint(worksheet(plan, extras), printer, printer.resolution())
