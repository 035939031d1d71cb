"""The product's part of the form: the product, its concentration (typed when there is no
product), and the SmPC's rates when IVIG Desk's product list confirms none.

Whether the rates are asked for is the core's rule, ``Product.rates_to_enter`` for the chosen
indication, so it is decided again when the product or the indication changes. Rows never appear
or vanish: the fields are enabled or disabled, and say why in their placeholder."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit, QSpinBox, QWidget

from ivigdesk.dosing.fields import Field
from ivigdesk.ui.qt_inputs_common import (
    MEASURE_MAX_LENGTH,
    ErrorLabel,
    add_row,
    form_layout,
    line_edit,
    mark_touched,
    named,
    narrow,
    recalculate_on_edit,
    row,
    unit_label,
)

if TYPE_CHECKING:
    from ivigdesk.knowledge.products import Product, ProductCatalogue

CONCENTRATIONS = ("10 %", "5 %")
RATE_UNIT = "mL/kg/h"
NO_PRODUCT = "No product: concentration only"


class ProductInputs(TypedDict):
    """What the product's part gives the raw inputs."""

    product_id: str | None
    concentration: str
    initial_rate: str
    initial_minutes: str
    maximum_rate: str
    rate_unit: str


class ProductPart(QGroupBox):
    """The "Product" group: the pharmacy's stock (remembered) and the SmPC's rates."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__("Product")
        self.catalogue: ProductCatalogue | None = None
        self._indication_id: str | None = None
        self._typed_concentration = ""
        self.touched: set[Field] = set()
        self.product = narrow(named(QComboBox(), "product"))
        self.product.addItem(NO_PRODUCT, None)
        from ivigdesk.ui.qt_type_ahead import type_ahead

        type_ahead(self.product)  # the whole typed name chooses, never each letter
        self.concentration = named(QComboBox(), "concentration")
        self.concentration.setEditable(True)
        narrow(self.concentration).addItems(CONCENTRATIONS)
        self.concentration.setCurrentIndex(-1)
        line = self.concentration.lineEdit()  # an editable combo box always has one
        assert line is not None
        self.concentration_text: QLineEdit = line
        self.concentration_text.setPlaceholderText("e.g. 10 %")
        self.initial_rate = line_edit("initialRate")
        self.initial_minutes = named(QSpinBox(), "initialMinutes")
        self.initial_minutes.setSuffix(" min")
        self.initial_minutes.setRange(1, 240)
        self.initial_minutes.setValue(30)
        self.maximum_rate = line_edit("maximumRate")
        for measure in self.measure_fields():  # no measure needs more; a long paste is cut, not parsed
            measure.setMaxLength(MEASURE_MAX_LENGTH)
        self.fields: dict[Field, list[QWidget]] = {
            Field.PRODUCT: [self.product],
            Field.CONCENTRATION: [self.concentration],
            Field.RATES: [self.initial_rate, self.maximum_rate, self.initial_minutes],
        }
        self.errors = {name: ErrorLabel(name) for name in self.fields}
        self.descriptions: dict[QWidget, str] = {
            self.product: "Product",
            self.concentration: "Product concentration",
            self.initial_rate: "Initial rate from the SmPC, mL/kg/h",
            self.initial_minutes: "Minutes at the initial rate",
            self.maximum_rate: "Maximum rate from the SmPC, mL/kg/h",
        }
        self._lay_out()
        mark_touched(self.fields, self.touched)
        self.product.currentIndexChanged.connect(self._product_changed)
        self.concentration.currentTextChanged.connect(self._concentration_typed)
        recalculate_on_edit([self.concentration, *self.fields[Field.RATES]], self.changed)  # the product's handler does
        self.concentration_text.returnPressed.connect(self.focusNextChild)
        self._ask_for_rates(None)  # no product yet: no rates to enter

    def _lay_out(self) -> None:
        form = form_layout(self)
        add_row(form, "Prod&uct", self.product, self.errors[Field.PRODUCT])
        add_row(form, "Concentrat&ion", self.concentration, self.errors[Field.CONCENTRATION])
        initial = row((self.initial_rate, 1), (unit_label(f"{RATE_UNIT} for"), 0), (self.initial_minutes, 0))
        add_row(form, "S&mPC initial rate", initial, None, buddy=self.initial_rate)
        add_row(form, "SmPC maximum rate", row((self.maximum_rate, 1), (unit_label(RATE_UNIT), 0)), None)
        form.addRow(self.errors[Field.RATES])

    def measure_fields(self) -> tuple[QLineEdit, ...]:
        """Every field that takes a number with an optional unit."""
        return (self.concentration_text, self.initial_rate, self.maximum_rate)

    def tab_chain(self) -> list[QWidget]:
        return [self.product, self.concentration, self.initial_rate, self.initial_minutes, self.maximum_rate]

    def raw(self) -> ProductInputs:
        def used(field: QLineEdit) -> str:
            return field.text() if field.isEnabled() else ""

        product = self.current_product()
        return {
            "product_id": product.id if product is not None else None,
            "concentration": "" if product is not None else self.concentration.currentText(),
            "initial_rate": used(self.initial_rate),
            "initial_minutes": str(self.initial_minutes.value()),
            "maximum_rate": used(self.maximum_rate),
            "rate_unit": RATE_UNIT,
        }

    def current_product(self) -> Product | None:
        product_id = self.product.currentData()
        return self.catalogue.product(product_id) if self.catalogue and product_id else None

    def remembered(self) -> tuple[str, str]:
        """(product id, concentration) to remember: a pharmacy's usual stock, never a unit."""
        return self.product.currentData() or "", self._typed_concentration.strip()

    def clear(self) -> None:
        """The rates as at launch; the product and concentration (the pharmacy's stock) stay."""
        for line in (self.initial_rate, self.maximum_rate):
            line.setText("")  # unlike clear(), setText leaves nothing for Ctrl+Z to bring back
        self.initial_minutes.setValue(30)
        self._product_changed()

    def set_catalogue(self, catalogue: ProductCatalogue) -> None:
        """Offer the catalogue's products (the current choice is kept when it still exists)."""
        self.catalogue = catalogue
        current = self.product.currentData()
        self.product.blockSignals(True)
        while self.product.count() > 1:
            self.product.removeItem(1)
        for product in catalogue.products:
            self.product.addItem(product.name, product.id)
        index = self.product.findData(current)
        self.product.setCurrentIndex(max(index, 0))
        self.product.blockSignals(False)
        self._product_changed()

    def set_indication(self, indication_id: str | None) -> None:
        """The rates may be confirmed for one indication and not another: ask again (the form's
        recalculation follows the diagnosis's change, so none is started here)."""
        self._indication_id = indication_id
        self._ask_for_rates(self.current_product())

    def set_product(self, product_id: str) -> None:
        """Choose a remembered product, if the catalogue still has it (a pharmacy's usual stock)."""
        index = self.product.findData(product_id)
        if index > 0:
            self.product.setCurrentIndex(index)

    def set_concentration(self, text: str) -> None:
        """Show a remembered concentration (a pharmacy's usual stock)."""
        self._typed_concentration = text
        if self.current_product() is None:
            self.concentration.setCurrentText(text)

    def _concentration_typed(self, text: str) -> None:
        if self.current_product() is None:
            self._typed_concentration = text

    def _product_changed(self) -> None:
        product = self.current_product()
        self.concentration.blockSignals(True)
        if product is not None:
            from ivigdesk.dosing import formatting as fmt

            self.concentration.setEditText(fmt.concentration_per_ml(product.concentration.grams_per_ml))
        else:
            self.concentration.setEditText(self._typed_concentration)
        self.concentration.blockSignals(False)
        self.concentration.setEnabled(product is None)
        self.concentration.setToolTip("Set by the product." if product is not None else "")
        self._ask_for_rates(product)
        self.product.setToolTip(product.name if product else "")
        self.changed.emit()

    def _ask_for_rates(self, product: Product | None) -> None:
        """The rate fields are enabled when the core's rule asks for them; their placeholder says
        why not otherwise (the units stay beside them)."""
        needs_rates = product is not None and product.rates_to_enter(self._indication_id)
        for widget in (self.initial_rate, self.initial_minutes, self.maximum_rate):
            widget.setEnabled(needs_rates)
        hint = "choose a product first" if product is None else "" if needs_rates else "from the product list"
        for field in (self.initial_rate, self.maximum_rate):
            field.setPlaceholderText(hint)
            field.setToolTip(
                f"{product.name}: rates not confirmed in IVIG Desk's catalogue; enter them from its SmPC (4.2)."
                if product is not None and needs_rates
                else ""
            )
