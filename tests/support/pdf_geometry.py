"""Read a PDF's own geometry with poppler: every word's box (``pdftotext -bbox-layout``), its
fonts (``pdffonts``), and its pages as images (``pdftoppm``)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

NS = "{http://www.w3.org/1999/xhtml}"
POINTS_PER_MM = 72 / 25.4
DEJAVU_BOX = 0.928 + 0.236  # DejaVu Sans ascent + descent per em: a word box's height over its size


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def size(self) -> float:
        """The font size in points, from the box's height."""
        return (self.y1 - self.y0) / DEJAVU_BOX


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (min(w.x0 for w in self.words), min(w.y0 for w in self.words),
                max(w.x1 for w in self.words), max(w.y1 for w in self.words))  # fmt: skip


@dataclass(frozen=True)
class PdfPage:
    width: float
    height: float
    lines: tuple[Line, ...]

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line.words]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def poppler_missing() -> str | None:
    missing = [tool for tool in ("pdftotext", "pdffonts", "pdftoppm") if shutil.which(tool) is None]
    return f"poppler-utils is not installed ({', '.join(missing)} missing)" if missing else None


def read_pages(path: Path) -> list[PdfPage]:
    """Every page's size and text lines with their word boxes, in points from the top left."""
    done = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True)
    root = ET.fromstring(done.stdout)
    pages = []
    for page in root.iter(f"{NS}page"):
        lines = []
        for line in page.iter(f"{NS}line"):
            words = tuple(
                Word(
                    w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax"))
                )
                for w in line.iter(f"{NS}word")
            )
            if words:
                lines.append(Line(words))
        pages.append(PdfPage(float(page.get("width")), float(page.get("height")), tuple(lines)))
    return pages


def fonts(path: Path) -> list[dict[str, str]]:
    """``pdffonts``' table: name, type, emb (embedded), …"""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "uni": parts[-3]})
    return rows


def outside(page: PdfPage, margin_mm: float, slack: float = 0.5) -> list[Word]:
    """The words whose box is not wholly inside the printable area (the page less its margins)."""
    m = margin_mm * POINTS_PER_MM - slack
    return [w for w in page.words if w.x0 < m or w.y0 < m or w.x1 > page.width - m or w.y1 > page.height - m]


def overlapping_lines(page: PdfPage, slack: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of text lines whose boxes overlap by more than ``slack`` points each way."""
    boxes = [(line.text, line.box) for line in page.lines]
    pairs = []
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1 :]:
            if min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack:
                pairs.append((text_a, text_b))
    return pairs


def gray_page(path: Path, page: int, dpi: int = 40) -> tuple[int, int, bytes]:
    """Page ``page`` (from 1) rasterised in grey with ``pdftoppm``: width, height, pixels."""
    done = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path)], capture_output=True,
        check=True,
    )  # fmt: skip
    data = done.stdout
    fields: list[bytes] = []
    at = 0
    while len(fields) < 4:  # "P5", width, height, 255, separated by white space
        while data[at : at + 1].isspace():
            at += 1
        end = at
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[at + 1 : at + 1 + width * height]


def ink_fraction(path: Path, page: int, dpi: int = 40) -> float:
    """The share of dark pixels on page ``page`` (from 1)."""
    _, _, pixels = gray_page(path, page, dpi)
    return sum(1 for value in pixels if value < 128) / len(pixels)


def ink_in_margins(path: Path, page: int, margin_mm: float, dpi: int = 72) -> int:
    """Dark pixels in the page's margins (less one pixel of slack), where nothing may be printed."""
    width, height, pixels = gray_page(path, page, dpi)
    m = int(margin_mm / 25.4 * dpi) - 1
    return sum(
        1
        for y in range(height)
        for x in range(width)
        if (x < m or y < m or x >= width - m or y >= height - m) and pixels[y * width + x] < 128
    )


def ink_lines(rows: list[bool]) -> list[tuple[int, int]]:
    """The lines of ink down a page: each run of inked pixel rows as (first row, row after it)."""
    lines, start = [], None
    for y, inked in enumerate([*rows, False]):
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            lines.append((start, y))
            start = None
    return lines


def lines_misplaced(first: list[bool], second: list[bool], tolerance: int) -> float:
    """How far two pages' lines of ink (``first``, ``second``: whether each pixel row is inked) are
    from sitting at the same places: the share of lines of either with no line on the other whose
    top and bottom are both within ``tolerance`` rows. 1.0 when either page is blank or its first
    or last line has no partner (a page shifted, cut short or empty), 0.0 when all sit alike."""
    a, b = ink_lines(first), ink_lines(second)
    if not a or not b:
        return 0.0 if a == b else 1.0

    def near(line: tuple[int, int], other: tuple[int, int]) -> bool:
        return abs(line[0] - other[0]) <= tolerance and abs(line[1] - other[1]) <= tolerance

    if not (near(a[0], b[0]) and near(a[-1], b[-1])):
        return 1.0
    alone = [line for x, y in ((a, b), (b, a)) for line in x if not any(near(line, other) for other in y)]
    return len(alone) / (len(a) + len(b))


def inked_rows(path: Path, page: int, dpi: int) -> list[bool]:
    """Whether each pixel row of page ``page`` (from 1) carries ink."""
    width, height, pixels = gray_page(path, page, dpi)
    return [min(pixels[y * width : (y + 1) * width]) < 128 for y in range(height)]


def ink_lines_alike(first: Path, second: Path, page: int, dpi: int = 100, tolerance_mm: float = 0.5) -> float:
    """:func:`lines_misplaced` for the same page of two PDFs: robust to fonts that a print system
    re-encodes (they change the glyphs' pixels, not where the lines are), not to a page moved by
    more than ``tolerance_mm``, cut short or blank."""
    tolerance = round(tolerance_mm / 25.4 * dpi)
    return lines_misplaced(inked_rows(first, page, dpi), inked_rows(second, page, dpi), tolerance)


def font_sizes(path: Path) -> list[list[tuple[str, float]]]:
    """Each page's text runs with the size they print at, in points (the font size times the
    text and page matrices' vertical scale), read with pypdf."""
    from pypdf import PdfReader

    pages: list[list[tuple[str, float]]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            pages[-1].append((" ".join(text.split()), round(size * abs(tm[3] * cm[3] + tm[2] * cm[1]), 2)))

    for page in PdfReader(str(path)).pages:
        pages.append([])
        page.extract_text(visitor_text=visit)
    return pages
