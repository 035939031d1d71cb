"""Draw the application icon with Qt and save it as PNG and ICO (run once; the files are committed).

QT_QPA_PLATFORM=offscreen python packaging/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#0d47a1"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    painter.setBrush(QColor("#ffffff"))
    drop = size * 0.22
    painter.drawEllipse(QRectF(size / 2 - drop / 2, size * 0.16, drop, drop * 1.3))
    painter.setPen(QColor("#ffffff"))
    font = QFont("DejaVu Sans", max(6, int(size * 0.26)), QFont.Weight.Bold)
    painter.setFont(font)
    painter.drawText(QRectF(0, size * 0.5, size, size * 0.45), Qt.AlignmentFlag.AlignCenter, "IVIG")
    painter.end()
    return image


def main() -> None:
    QGuiApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "ivigdesk.png"))
    draw(256).save(str(OUT / "ivigdesk.ico"))
    print(f"wrote {OUT / 'ivigdesk.png'} and .ico")


if __name__ == "__main__":
    main()
