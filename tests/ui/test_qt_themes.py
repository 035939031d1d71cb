"""Every text reaches WCAG AA (4.5:1) in the light, dark and high-contrast palettes, measured on
the colours the window actually uses: each label's own palette after the style sheet is applied,
and the pixels of the warning and no-dose boxes as drawn."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from ivigdesk.ui.theme import (
    AA_NON_TEXT,
    AA_TEXT,
    BADGE_COLOURS,
    apply_style_sheet,
    colours,
    contrast,
    dark_palette,
    high_contrast_palette,
)
from tests.ui.conftest import choose

ROLE = QPalette.ColorRole
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def light_palette() -> QPalette:
    return QApplication.style().standardPalette()


PALETTES = {"light": light_palette, "dark": dark_palette, "high-contrast": high_contrast_palette}


@pytest.fixture(params=list(PALETTES))
def themed(request, window):
    app = QApplication.instance()
    original = app.palette()
    app.setPalette(PALETTES[request.param]())
    apply_style_sheet()
    yield window
    app.setStyleSheet("")
    app.setPalette(original)


def rendered_contrast(widget) -> float:
    """The contrast between a widget's commonest pixel (its background) and the pixel furthest
    from it in luminance (its text), as drawn."""
    from ivigdesk.ui.theme import luminance

    image = widget.grab().toImage()
    pixels = Counter(image.pixel(x, y) for x in range(6, image.width() - 2) for y in range(2, image.height() - 2))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    text = max((QColor.fromRgb(p) for p in pixels), key=lambda c: abs(luminance(c) - luminance(background)))
    return contrast(text, background)


def fill_with_warnings(window, qtbot):
    choose(window, qtbot, "gbs", "gbs")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData("octagam-10"))
    window.inputs.risks.boxes["diabetes"].setChecked(True)
    QApplication.processEvents()


def test_every_label_and_input_reads_at_aa(themed, qtbot):
    window = themed
    fill_with_warnings(window, qtbot)
    window.inputs.patient.weight.setText("abc")  # an error line beside the weight
    window.inputs.patient.weight.setText("70")
    window.inputs.patient.height_field.setText("zz")
    QApplication.processEvents()
    checked = 0
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        palette = label.palette()
        ratio = contrast(palette.color(label.foregroundRole()), palette.color(label.backgroundRole()))
        assert ratio >= AA_TEXT, (label.objectName() or label.text()[:40], round(ratio, 2))
        if "<a " in label.text():
            assert contrast(palette.color(ROLE.Link), palette.color(ROLE.Window)) >= AA_TEXT
        checked += 1
    assert checked > 20
    assert window.inputs.errors["height"].isVisible()
    field = window.findChild(QLineEdit, "weight")
    palette = field.palette()
    assert contrast(palette.color(ROLE.Text), palette.color(ROLE.Base)) >= AA_TEXT
    assert contrast(palette.color(ROLE.PlaceholderText), palette.color(ROLE.Base)) >= AA_TEXT
    for group in GROUPS:  # the selected diagnosis in the list
        selected = window.picker.list.palette()
        assert contrast(selected.color(group, ROLE.Highlight), selected.color(group, ROLE.HighlightedText)) >= AA_TEXT


def test_the_warning_and_no_dose_boxes_use_colours_that_read_at_aa(themed, qtbot):
    window = themed
    fill_with_warnings(window, qtbot)
    used = window.results.used_colours  # the colours the plan was drawn with, for this palette
    assert used.warning_background.name() in window.results.document.toHtml()
    assert contrast(used.warning_text, used.warning_background) >= AA_TEXT
    assert contrast(used.warning_border, used.window) >= AA_NON_TEXT
    plan = window.results.document.palette()
    assert contrast(plan.color(ROLE.Text), plan.color(ROLE.Base)) >= AA_TEXT  # the rest of the plan
    assert contrast(plan.color(ROLE.Link), plan.color(ROLE.Base)) >= AA_TEXT
    window.picker.search.clear()
    choose(window, qtbot, "rheum", "ra")
    assert "No dose is calculated" in window.results.part("no-dose")
    assert used.warning_background.name() in window.results.document.toHtml()


def test_focus_rings_and_frames_stand_out(themed):
    chosen = colours(QApplication.instance().palette())
    assert contrast(chosen.focus, chosen.window) >= AA_NON_TEXT
    assert contrast(chosen.frame, chosen.window) >= AA_NON_TEXT


def test_each_badge_reads_at_aa_and_says_its_colour():
    for colour, (background, text) in BADGE_COLOURS.items():
        assert contrast(QColor(background), QColor(text)) >= AA_TEXT, colour


def test_a_palette_that_already_passes_is_left_alone(qapp):
    from ivigdesk.ui.theme import mending_rules

    assert mending_rules(high_contrast_palette()) == ""
    assert "selection-background-color" in mending_rules(light_palette())  # Fusion's 3.7:1 selection


def test_the_mended_colours_reach_every_kind_of_input(themed):
    """The mending goes through the style sheet: each kind of field's own palette must show it."""
    from PySide6.QtWidgets import QComboBox, QListWidget, QTextBrowser

    window = themed
    QApplication.processEvents()
    for kind in (QLineEdit, QComboBox, QListWidget, QTextBrowser):
        for widget in window.findChildren(kind):
            palette = widget.palette()
            for group in GROUPS:
                pair = palette.color(group, ROLE.Highlight), palette.color(group, ROLE.HighlightedText)
                assert contrast(*pair) >= AA_TEXT, (kind.__name__, widget.objectName())
            if kind is QLineEdit and widget.placeholderText():
                hint = contrast(palette.color(ROLE.PlaceholderText), palette.color(ROLE.Base))
                assert hint >= AA_TEXT, widget.objectName()


def test_a_greyed_field_looks_greyed_and_its_hint_still_reads(themed):
    """A frame in the style sheet would draw a disabled field white, like one that can be typed
    in: greyed fields take the palette's disabled base, as the style draws them without it."""
    window = themed
    QApplication.processEvents()  # no product chosen: the rate fields are greyed, "choose a product first"
    field = window.inputs.product_rates.initial_rate
    assert not field.isEnabled() and field.placeholderText()
    palette = field.palette()
    greyed = palette.color(QPalette.ColorGroup.Disabled, ROLE.Base)
    image = field.grab().toImage()
    assert image.pixelColor(image.width() - 4, image.height() // 2) == greyed
    hint = palette.color(QPalette.ColorGroup.Disabled, ROLE.PlaceholderText)
    assert contrast(hint, greyed) >= AA_TEXT
    if greyed != palette.color(QPalette.ColorGroup.Active, ROLE.Base):  # the light palette: unlike a live field
        live = window.inputs.patient.weight.grab().toImage()
        assert live.pixelColor(live.width() - 4, live.height() // 2) != greyed


def test_the_hints_read_at_aa_as_drawn(themed):
    """Measured on the pixels: Qt's own hint colour is half-transparent black, which reads 21:1
    on paper and draws at 4.0:1 on white."""
    window = themed
    QApplication.processEvents()
    for field in (
        window.picker.search,
        window.inputs.patient.weight,
        window.inputs.product_rates.initial_rate,
    ):  # the last one greyed
        assert not field.text() and field.placeholderText()
        assert rendered_contrast(field) >= AA_TEXT, (field.objectName(), round(rendered_contrast(field), 2))
