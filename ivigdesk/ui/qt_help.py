"""Help (F1): what the colours and grades mean, the shortcuts, how the weight rule works, and
where the knowledge base came from. Each part is drawn from the data in force, not retyped."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ivigdesk.knowledge.loader import KnowledgeBase

SHORTCUTS = (
    ("Ctrl+N", "New patient: clear every patient input and the result"),
    ("Ctrl+F", "Find a diagnosis (type a name, abbreviation or synonym)"),
    ("Enter (in the search)", "Pick the diagnosis when exactly one matches; otherwise go to the list"),
    ("Up, Down (in the search)", "Move into the list of diagnoses"),
    ("Ctrl+W", "Go to the weight"),
    ("Ctrl+R", "Go to the result"),
    ("Ctrl+Shift+C", "Copy the whole plan as text"),
    ("Ctrl+Shift+S", "Save the worksheet (PDF)"),
    ("Ctrl+P", "Print the worksheet"),
    ("Alt + the underlined letter", "Go to that input or open that menu"),
    ("F1", "This help"),
)


def help_html(kb: KnowledgeBase | None, weight_rule: str) -> str:
    """The help text for the knowledge base and weight rule in force."""
    from ivigdesk.dosing.body_weight import WEIGHT_RULES
    from ivigdesk.knowledge.model import Colour

    parts = ["<h2>IVIG Desk help</h2>"]
    if kb is not None:
        parts.append("<h3>Colours</h3><p>The badge always says its colour in words.</p><ul>")
        for colour in Colour:
            meaning = kb.colour(colour.value)
            parts.append(
                f"<li><b>{escape(meaning.word)}</b> ({escape(meaning.priority)}): {escape(meaning.meaning)} "
                f"<small>({escape(meaning.source)})</small></li>"
            )
        parts.append("</ul>")
        footnote = escape(kb.meta.grading_footnote)
        parts.append(f"<h3><a name='grades'></a>Grades and evidence levels</h3><p>{footnote}</p>")
    parts.append("<h3>Shortcuts</h3><table cellpadding='3'>")
    parts += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(what)}</td></tr>" for k, what in SHORTCUTS]
    parts.append("</table>")
    parts.append(
        "<h3>The weight rule</h3><p>The dose is worked out on the dose-determining weight when the rule in "
        "Settings › Dosing-weight rule says so: the ideal body weight (Devine) plus the adjustment factor times the "
        "weight above it. The plan always shows which weight was used and why; <i>Dose on actual weight "
        "instead</i> overrides the rule for one patient and is recorded on the plan.</p><ul>"
    )
    for rule in WEIGHT_RULES.values():
        current = " <b>(in force)</b>" if rule.id == weight_rule else ""
        parts.append(
            f"<li><b>{escape(rule.name)}</b>{current}: {escape(rule.description)} "
            f"<small>({escape(rule.source)})</small></li>"
        )
    parts.append("</ul>")
    if kb is not None:
        doc = kb.document
        parts.append(
            f"<h3>Where the knowledge base came from</h3><p>{escape(doc.authors)}. {escape(doc.title)}. "
            f"<i>{escape(doc.journal)}</i> {doc.year};{escape(str(doc.volume))}:{escape(str(doc.pages))}. "
            f"doi:{escape(doc.doi)}. Knowledge base {escape(kb.version)}, sha256 {kb.checksum[:16]}…, "
            f"read from {escape(str(kb.location))}.</p><p>{escape(kb.meta.disclaimer)}</p>"
        )
    else:
        parts.append("<h3>Knowledge base</h3><p>The knowledge base is not loaded, so nothing is calculated.</p>")
    return "".join(parts)


class HelpDialog(QDialog):
    """The help, scrollable with the keyboard; Escape closes it."""

    def __init__(self, parent: QWidget, html: str, anchor: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle("IVIG Desk help")
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        available = parent.screen().availableGeometry()
        self.resize(min(720, available.width() - 40), min(640, available.height() - 60))
        self._anchor = anchor
        self.browser.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._anchor:  # once laid out, so the anchor has a place to scroll to
            QTimer.singleShot(0, lambda: self.browser.scrollToAnchor(self._anchor or ""))


def about_text(kb: KnowledgeBase | None) -> str:
    """About IVIG Desk: its version, and the knowledge base in force and where it came from."""
    from ivigdesk import __version__

    source = kb.document if kb else None
    lines = [f"<h3>IVIG Desk {__version__}</h3>"]
    if kb and source:
        lines += [
            f"<p>Knowledge base {kb.version} (sha256 {kb.checksum[:16]}…)</p>",
            f"<p>Source: {source.authors}. {source.title}. <i>{source.journal}</i> {source.year};"
            f"{source.volume}:{source.pages}. doi:{source.doi}</p>",
            f"<p>{kb.meta.disclaimer}</p>",
        ]
    else:
        lines.append("<p>The knowledge base is not loaded.</p>")
    return "".join(lines)
