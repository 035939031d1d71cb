"""Colours that stay readable in light, dark and high-contrast themes.

Every colour the window adds is chosen from the palette in force, or paired with its own
background, so text keeps WCAG AA contrast (4.5:1) and focus rings and borders keep 3:1. The
palette's own weak spots are mended too: Fusion's placeholder text and selected-item colours fall
below AA (4.0:1 and 3.7:1), so the style sheet replaces them by colours that pass against the
palette's base.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

AA_TEXT = 4.5
AA_NON_TEXT = 3.0
BADGE_COLOURS = {  # background, text: the colour is never the only signal (the badge says its word)
    "red": ("#b71c1c", "#ffffff"),
    "blue": ("#0d47a1", "#ffffff"),
    "grey": ("#616161", "#ffffff"),
    "black": ("#000000", "#ffffff"),
    "unlisted": ("#ffffff", "#000000"),
}


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def drawn(colour: QColor, background: QColor) -> QColor:
    """``colour`` as it shows when painted over ``background`` (Qt's own placeholder text is black
    at half opacity: ignoring that would rate it 21:1 on white, where it shows at 4.0:1)."""
    alpha = colour.alphaF()
    if alpha >= 1:
        return colour
    top = (colour.redF(), colour.greenF(), colour.blueF())
    under = (background.redF(), background.greenF(), background.blueF())
    return QColor.fromRgbF(*(alpha * a + (1 - alpha) * b for a, b in zip(top, under, strict=True)))


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 to 21, of two colours as drawn: a translucent one over the other."""
    first = drawn(first, drawn(second, QColor("#ffffff")))  # two translucent colours: both as on white
    second = drawn(second, first)
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(candidates: list[str], background: QColor, minimum: float = AA_TEXT) -> QColor:
    """The first candidate that reaches ``minimum`` against ``background``, else black or white."""
    for name in candidates:
        colour = QColor(name)
        if contrast(colour, background) >= minimum:
            return colour
    black, white = QColor("#000000"), QColor("#ffffff")
    return black if contrast(black, background) >= contrast(white, background) else white


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@dataclass(frozen=True)
class Colours:
    """The window's own colours, worked out for one palette."""

    window: QColor
    text: QColor
    error: QColor
    warning_background: QColor
    warning_text: QColor
    warning_border: QColor
    focus: QColor
    frame: QColor
    placeholder: QColor
    highlight: QColor
    highlighted_text: QColor


def colours(palette: QPalette) -> Colours:
    """The colours for ``palette``, each checked against the background it is drawn on."""
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.WindowText)
    dark = is_dark(palette)
    # the warning box is a fixed pair in light themes and follows the palette in dark ones
    warning_background = QColor("#3a2a10") if dark else QColor("#fff4e5")
    highlight = readable(["#1f5f99", "#0b4f8a"] if not dark else ["#5aa9ff", "#8cc4ff", "#ffff00"], base, AA_NON_TEXT)
    return Colours(
        window=window,
        text=text,
        error=readable(["#b00020", "#8b0000"] if not dark else ["#ff8a80", "#ffb3ab", "#ffff00"], window),
        warning_background=warning_background,
        warning_text=readable([text.name(), "#000000", "#ffffff"], warning_background),
        warning_border=readable(["#b45309", "#7a3600"] if not dark else ["#ffb74d", "#ffd699"], window, AA_NON_TEXT),
        focus=readable(["#1f5f99", "#000000"] if not dark else ["#8cc4ff", "#ffff00", "#ffffff"], window, AA_NON_TEXT),
        frame=readable(["#767676", "#595959"] if not dark else ["#8c8c8c", "#b3b3b3", "#ffffff"], window, AA_NON_TEXT),
        placeholder=readable(["#595959", "#4a4a4a"] if not dark else ["#b3b3b3", "#cccccc"], base),
        highlight=highlight,
        highlighted_text=readable(["#ffffff", "#000000"], highlight),
    )


def mending_rules(palette: QPalette) -> str:
    """Style-sheet rules that replace the palette's placeholder and selection colours where they
    fall below AA against its base (a palette that passes, such as a user's high-contrast theme, is
    left alone). They go through the style sheet rather than ``QPalette.setColor``: PySide6 builds
    its ~90 Qt enumerations on the first ``setColor``, some 12 ms before the user could type."""
    chosen = colours(palette)
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    base = palette.color(role.Base)
    rules: list[str] = []
    hints = "QLineEdit, QComboBox, QTextEdit, QPlainTextEdit"
    if any(contrast(palette.color(g, role.PlaceholderText), base) < AA_TEXT for g in (group.Active, group.Inactive)):
        rules.append(f"{hints} {{ placeholder-text-color: {chosen.placeholder.name()}; }}")
    elif contrast(*(palette.color(group.Disabled, r) for r in (role.PlaceholderText, role.Base))) < AA_NON_TEXT:
        # a greyed field's hint ("from the product list") stays legible
        disabled = ", ".join(f"{kind}:disabled" for kind in hints.split(", "))
        rules.append(f"{disabled} {{ placeholder-text-color: {chosen.placeholder.name()}; }}")
    for g in (group.Active, group.Inactive):
        selected = palette.color(g, role.Highlight), palette.color(g, role.HighlightedText)
        if contrast(*selected) < AA_TEXT or contrast(selected[0], base) < AA_NON_TEXT:
            # named kinds: a "*" rule crashed Qt 6.11 in setStyleSheet when the palette changed with
            # windows open (tests/ui/test_qt_themes.py, about one run in two)
            rules.append(
                f"{hints}, QAbstractItemView, QAbstractSpinBox {{ selection-background-color: "
                f"{chosen.highlight.name()}; selection-color: {chosen.highlighted_text.name()}; }}"
            )
            break
    return "\n".join(rules)


def style_sheet(palette: QPalette) -> str:
    """The mended placeholder and selection colours, input frames and focus rings (3:1 against the
    window), greyed fields that look greyed (the palette's disabled base: a frame alone would
    draw them white, like a field that can be typed in), error lines and unit labels. The plan's
    warning boxes take ``colours()`` directly (ui.qt_results draws them in its document)."""
    c = colours(palette)
    focus, frame = c.focus.name(), c.frame.name()
    greyed = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base)
    return (
        mending_rules(palette)
        + f"""
        QLineEdit, QComboBox {{ border: 1px solid {frame}; border-radius: 2px; padding: 2px; }}
        QLineEdit:disabled, QComboBox:disabled {{ background: {greyed.name()}; }}
        QCheckBox::indicator {{ border: 1px solid {frame}; width: 13px; height: 13px; }}
        QCheckBox::indicator:checked {{ background: {c.highlight.name()}; image: none; }}
        QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus, QListWidget:focus,
        QTextBrowser:focus {{ border: 2px solid {focus}; }}
        QCheckBox:focus, QPushButton:focus, QLabel:focus {{ outline: none; border: 2px solid {focus}; }}
        QFrame#keyResult:focus {{ border: 2px solid {focus}; }}
        QLabel[role="error"] {{ color: {c.error.name()}; }}
        QLabel[role="unit"] {{ font-weight: bold; }}
    """
    )


def apply_style_sheet() -> None:
    """Add the window's own colours to the application's palette in force, and mend its weak
    ones, readable in light, dark and high-contrast themes alike."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet = style_sheet(app.palette())
    if sheet != app.styleSheet():  # setting it again would re-style every widget of every window
        app.setStyleSheet(sheet)


def _palette(roles: dict[QPalette.ColorRole, str]) -> QPalette:
    """A palette with these roles set in every colour group."""
    palette = QPalette()
    for role, name in roles.items():
        palette.setColor(role, QColor(name))
    return palette


def dark_palette() -> QPalette:
    """A dark palette (for screenshots and tests; users get their system's)."""
    palette = _palette({
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#2f2f2f",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#3a3a3a",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.ToolTipBase: "#3a3a3a",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.Link: "#8cc4ff",
    })  # fmt: skip
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9a9a9a"))  # greyed, still 4.5:1 on #2b2b2b
    return palette


def high_contrast_palette() -> QPalette:
    """Windows' 'High Contrast Black' colours."""
    return _palette({
        QPalette.ColorRole.Window: "#000000",
        QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Base: "#000000",
        QPalette.ColorRole.AlternateBase: "#000000",
        QPalette.ColorRole.Text: "#ffffff",
        QPalette.ColorRole.Button: "#000000",
        QPalette.ColorRole.ButtonText: "#ffffff",
        QPalette.ColorRole.Highlight: "#1aebff",
        QPalette.ColorRole.HighlightedText: "#000000",
        QPalette.ColorRole.ToolTipBase: "#000000",
        QPalette.ColorRole.ToolTipText: "#ffffff",
        QPalette.ColorRole.Link: "#ffff00",
        QPalette.ColorRole.PlaceholderText: "#c0c0c0",
        # the colours a style draws frames and check boxes with: white, as Windows draws them
        QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#ffffff",
        QPalette.ColorRole.Mid: "#ffffff",
        QPalette.ColorRole.Dark: "#ffffff",
        QPalette.ColorRole.Shadow: "#ffffff",
    })  # fmt: skip
