"""The product catalogue: brands, vials and infusion rates, each value citing its SmPC or label.

A rate that could not be confirmed from a retrieved document is absent (``steps`` empty, or
``maximum`` missing), never filled with a guess; the schedule then says what is missing and asks
for the rates. Validated exactly like the knowledge base.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from ivigdesk.knowledge.loader import fault, parse_file, read_file
from ivigdesk.knowledge.model import Frozen, Id, Int, Positive, Text
from ivigdesk.resource_files import resource
from ivigdesk.units import ureg

PRODUCTS_FILE = "products.yaml"
_QUANTITY = re.compile(r"^\s*(?P<number>(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)\s*(?P<unit>[a-zA-Z/ ]+?)\s*$")


def _quantity(dimension: str, what: str, example: str) -> Any:
    def parse(value: Any) -> Any:
        match = _QUANTITY.match(value) if isinstance(value, str) else None
        if match is None or len(match["number"]) > 12:
            raise ValueError(f"expected {what} written as text such as '{example}', got {value!r}")
        registry = ureg()
        try:
            quantity = registry.Quantity(Decimal(match["number"]), match["unit"].replace(" ", ""))
        except Exception as error:  # pint raises several types for unknown units
            raise ValueError(f"unknown unit in {value!r}") from error
        if quantity.dimensionality != registry.parse_units(dimension).dimensionality:
            raise ValueError(f"{value!r} is not {what}")
        if quantity.magnitude <= 0:
            raise ValueError(f"{what} must be more than zero, got {value!r}")
        return quantity

    return parse


RatePerKg = Annotated[Any, BeforeValidator(_quantity("mL/kg/h", "a rate per kg", "0.01 mL/kg/min"))]
Concentration = Annotated[Any, BeforeValidator(_quantity("g/mL", "a concentration", "100 mg/mL"))]


class Vial(Frozen):
    """One presentation: grams of immunoglobulin in millilitres."""

    grams: Positive
    millilitres: Positive


class RateStep(Frozen):
    """Run at ``rate`` for ``minutes`` (the label's step), then move to the next step."""

    rate: RatePerKg
    minutes: Annotated[Int, Field(ge=1, le=600)]


class IndicationMaximum(Frozen):
    """A lower labelled maximum rate for some indications (e.g. adult dermatomyositis)."""

    indications: tuple[Id, ...] = Field(min_length=1)
    rate: RatePerKg
    label: Text


class Rates(Frozen):
    """What the label says about infusion rates; absent values were not confirmed."""

    status: Literal["confirmed", "partial", "unconfirmed"]
    initial: RatePerKg | None = None
    steps: tuple[RateStep, ...] = ()
    maximum: RatePerKg | None = None
    maximum_for: tuple[IndicationMaximum, ...] = ()
    risk_maximum: RatePerKg | None = None
    escalation: Text
    source: Text

    @model_validator(mode="after")
    def _consistent(self) -> Rates:
        if self.status == "confirmed" and (not self.steps or self.maximum is None):
            raise ValueError("confirmed rates need the label's steps and its maximum")
        if self.status == "unconfirmed" and (self.steps or self.maximum is not None):
            raise ValueError("unconfirmed rates must not give steps or a maximum")
        if self.steps and self.maximum is not None and any(s.rate > self.maximum for s in self.steps):
            raise ValueError("a step is faster than the maximum rate")
        return self

    def maximum_for_indication(self, indication_id: str) -> tuple[Any, str] | None:
        """(maximum rate per kg, what it is) for an indication, or None if unconfirmed."""
        for special in self.maximum_for:
            if indication_id in special.indications:
                return special.rate, special.label
        return (self.maximum, "labelled maximum") if self.maximum is not None else None


class Product(Frozen):
    """One IVIG brand and strength."""

    id: Id
    name: Text
    concentration: Concentration
    vials: tuple[Vial, ...] = ()
    vials_status: Literal["confirmed", "unconfirmed"]
    vials_source: Text
    rates: Rates
    notes: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _vials_match(self) -> Product:
        if self.vials_status == "confirmed" and not self.vials:
            raise ValueError("confirmed vial sizes must be listed")
        if self.vials_status == "unconfirmed" and self.vials:
            raise ValueError("vials marked unconfirmed must not be listed")
        for vial in self.vials:
            if abs(vial.grams / vial.millilitres - self.concentration.to("g/mL").magnitude) > Decimal("0.0001"):
                raise ValueError(f"a {vial.grams} g vial of {vial.millilitres} mL does not match the concentration")
        return self


class GenericTitration(Frozen):
    """The web calculators' titration for when no product is chosen: a convention, not a product rule."""

    start_ml_per_h: Positive
    step_ml_per_h: Positive
    minutes: Annotated[Int, Field(ge=1, le=120)]
    ceiling_ml_per_h: Positive
    label: Text
    source: Text


class ProductsFile(Frozen):
    """``products.yaml``."""

    catalogue_version: Annotated[str, Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")]
    gathered: Text
    generic_titration: GenericTitration
    products: tuple[Product, ...] = Field(min_length=1)


@dataclass(frozen=True)
class ProductCatalogue:
    """A validated product list, with version and checksum."""

    location: str
    version: str
    checksum: str
    generic: GenericTitration
    products: tuple[Product, ...]
    _by_id: Any = field(repr=False)

    def product(self, product_id: str) -> Product | None:
        return self._by_id.get(product_id)


def load_product_catalogue(folder: Traversable | None = None, *, verify: bool = True) -> ProductCatalogue:
    """Load and validate ``products.yaml`` from ``folder`` (the bundled one by default), after
    checking it against the folder's checksum manifest (unless ``verify`` is off, for tests)."""
    from ivigdesk.knowledge.manifest import check_manifest

    folder = folder if folder is not None else resource("products")
    raw, text = read_file(folder, PRODUCTS_FILE)
    if verify:
        check_manifest(folder, {PRODUCTS_FILE: raw})
    parsed = parse_file(PRODUCTS_FILE, text, ProductsFile)
    model: ProductsFile = parsed.model
    seen: set[str] = set()
    for i, product in enumerate(model.products):
        if product.id in seen:
            raise fault(parsed, ("products", i, "id"), f"the product id {product.id!r} is used twice")
        seen.add(product.id)
    return ProductCatalogue(
        location=str(folder),
        version=model.catalogue_version,
        checksum=hashlib.sha256(raw).hexdigest(),
        generic=model.generic_titration,
        products=model.products,
        _by_id=MappingProxyType({p.id: p for p in model.products}),
    )
