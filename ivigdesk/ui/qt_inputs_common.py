"""What every part of the form shares: the error line, the narrow combo box, the form layout,
and the wiring that marks an input as touched and tells the form it changed.

A part (``ui.qt_inputs_*``) is a widget holding some of the inputs. It names its inputs by the
field a refusal points at (``fields``: the first is where the cursor goes), has an error line
for each (``errors``), the accessible name of each input (``descriptions``), the inputs in
reading order (``tab_chain``), the fields the user has edited (``touched``) and a ``changed``
signal; ``InputsPanel`` (``ui.qt_inputs``) composes the parts into one form.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from PySide6.QtCore import SignalInstance

    from ivigdesk.dosing.fields import Field

NARROW_COMBO = 12  # characters a combo box needs at least; longer entries are elided, never widen the column
MEASURE_MAX_LENGTH = 40  # characters in any measure field: "110.25 kg" needs 9

W = TypeVar("W", bound=QWidget)


class ErrorLabel(QLabel):
    """A line under an input in the palette's error colour; empty and hidden when the input is fine."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"{name.replace(' ', '-')}-error")
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.show_error(None)

    def show_error(self, message: str | None) -> None:
        text = f"⚠ {message}" if message else ""
        self.setText(text.replace("&", "&&") if self.buddy() is not None else text)  # a buddy's "&" is a shortcut
        self.setAccessibleName(f"Problem: {message}" if message else "")  # its field: its buddy
        self.setVisible(bool(message))


class FormPart(Protocol):
    """What the form needs of each of its parts."""

    fields: dict[Field, list[QWidget]]
    errors: dict[Field, ErrorLabel]
    descriptions: dict[QWidget, str]
    touched: set[Field]

    def tab_chain(self) -> list[QWidget]: ...


def narrow(combo: QComboBox) -> QComboBox:
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(NARROW_COMBO)
    return combo


def named(widget: W, name: str) -> W:
    """``widget`` with its object name (a setter: no Qt property is passed as a keyword)."""
    widget.setObjectName(name)
    return widget


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    field = named(QLineEdit(), name)
    field.setPlaceholderText(placeholder)
    return field


def unit_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "unit")
    return label


def wrapping_label(name: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above fields when narrow
    return form


def row(*items: tuple[QWidget, int]) -> QWidget:
    """One form field made of several widgets, each with its stretch factor."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget, stretch in items:
        layout.addWidget(widget, stretch)
    return holder


def add_row(
    form: QFormLayout,
    label: str | QWidget,
    field: QWidget,
    error: ErrorLabel | None,
    buddy: QWidget | None = None,
) -> QWidget:
    """A labelled row (its label's mnemonic focuses ``buddy`` or the field), then its error line."""
    if isinstance(label, QWidget):
        row_label = label
    else:
        row_label = QLabel(label)
        row_label.setBuddy(buddy or field)
    form.addRow(row_label, field)
    if error is not None:
        form.addRow(error)
    return row_label


def edited_signal(widget: QWidget) -> SignalInstance:
    """The signal that fires when ``widget``'s value changes."""
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentTextChanged if widget.isEditable() else widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    raise TypeError(widget)


def mark_touched(fields: Mapping[Field, list[QWidget]], touched: set[Field]) -> None:
    """Each edit marks its field as touched (so a missing value may now show as an error).
    Connected before anything that recalculates, so the mark is there when it runs."""
    for field, widgets in fields.items():
        for widget in widgets:
            edited_signal(widget).connect(lambda *_, f=field: touched.add(f))


def recalculate_on_edit(widgets: Iterable[QWidget], changed: SignalInstance) -> None:
    """Each edit of ``widgets`` emits ``changed`` (the window recalculates)."""
    for widget in widgets:
        edited_signal(widget).connect(changed)


def focus_order(*widgets: QWidget) -> None:
    """Set a tab order through ``widgets`` in sequence."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
