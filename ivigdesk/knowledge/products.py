"""The product catalogue: brands, vials, infusion rates and safety attributes, each value citing the
UK SmPC (or, where that could not be retrieved, saying which document it comes from).

A value that could not be confirmed from a retrieved document is absent and marked so, never filled
with a guess: the plan then says what is missing and asks for it (rates are entered from the SmPC).
Validated exactly like the knowledge base.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Annotated, Literal

from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.loader import read_file
from ivigdesk.knowledge.manifest import check_manifest
from ivigdesk.knowledge.measures import Concentration, RatePerKg
from ivigdesk.knowledge.model import Id, Positive, Text
from ivigdesk.knowledge.parsed import Parsed, fault
from ivigdesk.knowledge.risks import Risk
from ivigdesk.knowledge.schema import Limits
from ivigdesk.resource_files import resource

PRODUCTS_FILE = "products.yaml"
MAX_STEP_RATIO = 2  # no rate step more than doubles the one before (issue 23)
Status = Literal["confirmed", "partial", "unconfirmed"]


class Excipient(StrEnum):
    """An ingredient besides the immunoglobulin that matters to some patients."""

    MALTOSE = "maltose"
    SORBITOL = "sorbitol"
    SUCROSE = "sucrose"
    L_PROLINE = "L-proline"
    GLYCINE = "glycine"
    GLUCOSE = "glucose"


@dataclass(frozen=True)
class Vial:
    """One presentation: grams of immunoglobulin in millilitres."""

    grams: Positive
    millilitres: Positive


@dataclass(frozen=True)
class RateStep:
    """Run at ``rate`` for ``minutes`` (the label's step), then move to the next step."""

    rate: RatePerKg
    minutes: Annotated[int, Limits(ge=1, le=600)]


@dataclass(frozen=True)
class IndicationMaximum:
    """A lower labelled maximum rate for some indications (e.g. adult dermatomyositis)."""

    indications: Annotated[tuple[Id, ...], Limits(min_length=1)]
    rate: RatePerKg
    label: Text


@dataclass(frozen=True)
class RiskMaximum:
    """The label's lower maximum for patients at risk, and which risks it names."""

    rate: RatePerKg
    risks: Annotated[tuple[Risk, ...], Limits(min_length=1)]
    source: Text


@dataclass(frozen=True)
class Rates:
    """What the label says about infusion rates; absent values were not confirmed.

    ``steps`` are the label's rates with their times; ``initial`` is a labelled starting rate whose
    time the label does not give; ``steps_source`` names the text the steps come from (the UK/EU
    SmPC, or a manufacturer's US label where the UK text gives none). No step may more than double
    the one before. Where the label gives no steps up to the maximum, the schedule times only the
    steps it has, and the rest of the bag is "increase gradually", with its shortest possible time."""

    status: Status
    escalation: Text
    source: Text
    initial: RatePerKg | None = None
    steps: tuple[RateStep, ...] = ()
    steps_source: Text | None = None
    maximum: RatePerKg | None = None
    maximum_for: tuple[IndicationMaximum, ...] = ()
    risk_maximum: RiskMaximum | None = None

    def __post_init__(self) -> None:
        if self.status == "confirmed" and (not self.steps or self.maximum is None):
            raise ValueError("confirmed rates need the label's steps and its maximum")
        if self.status == "unconfirmed" and (self.steps or self.maximum is not None or self.initial is not None):
            raise ValueError("unconfirmed rates must not give a rate")
        top = self.maximum.ml_per_kg_h if self.maximum is not None else None
        if top is not None and any(s.rate.ml_per_kg_h > top for s in self.steps):
            raise ValueError("a step is faster than the maximum rate")
        for before, after in itertools.pairwise(self.steps):
            if after.rate.ml_per_kg_h > MAX_STEP_RATIO * before.rate.ml_per_kg_h:
                raise ValueError("a step more than doubles the rate of the step before it")
        if len(self.steps) > 1 and self.steps_source is None:
            raise ValueError("steps after the first need steps_source: the text they come from")

    def maximum_for_indication(self, indication_id: str) -> tuple[RatePerKg, str] | None:
        """(maximum rate per kg, what it is) for an indication, or None if unconfirmed."""
        for special in self.maximum_for:
            if indication_id in special.indications:
                return special.rate, special.label
        return (self.maximum, "labelled maximum") if self.maximum is not None else None


@dataclass(frozen=True)
class ExcipientContent:
    """An excipient the product contains, and how much where the SmPC says."""

    excipient: Excipient
    source: Text
    amount: Text | None = None


@dataclass(frozen=True)
class Sodium:
    """Sodium as the SmPC words it; ``most_mg_per_ml`` is its upper figure, when it gives one."""

    text: Text
    source: Text
    most_mg_per_ml: Positive | None = None


@dataclass(frozen=True)
class IgAContent:
    """The most IgA the product may contain."""

    most_micrograms_per_ml: Positive
    source: Text


@dataclass(frozen=True)
class LicensedAges:
    """Who the product is licensed for in immunomodulation, in the SmPC's words."""

    text: Text
    source: Text
    from_years: Annotated[Decimal, Limits(ge=0, le=18)] = Decimal(0)


@dataclass(frozen=True)
class Product:
    """One IVIG brand and strength."""

    id: Id
    name: Text
    concentration: Concentration
    vials_status: Literal["confirmed", "unconfirmed"]
    vials_source: Text
    rates: Rates
    vials: tuple[Vial, ...] = ()
    excipients: tuple[ExcipientContent, ...] = ()
    excipients_source: Text | None = None
    sodium: Sodium | None = None
    iga: IgAContent | None = None
    licensed_ages: LicensedAges | None = None
    notes: tuple[Text, ...] = ()

    def __post_init__(self) -> None:
        if self.vials_status == "confirmed" and not self.vials:
            raise ValueError("confirmed vial sizes must be listed")
        if self.vials_status == "unconfirmed" and self.vials:
            raise ValueError("vials marked unconfirmed must not be listed")
        for vial in self.vials:
            if abs(vial.grams / vial.millilitres - self.concentration.grams_per_ml) > Decimal("0.0001"):
                raise ValueError(f"a {vial.grams} g vial of {vial.millilitres} mL does not match the concentration")

    def contains(self, excipient: Excipient) -> bool:
        return any(item.excipient == excipient for item in self.excipients)

    def rates_to_enter(self, indication_id: str | None = None) -> bool:
        """The one rule for asking the user for rates: IVIG Desk's product list confirms no maximum
        rate for this product (for this indication), so its SmPC's rates must be entered."""
        return self.rates.maximum_for_indication(indication_id or "") is None


@dataclass(frozen=True)
class ExcipientWarning:
    """What an excipient means for patients, and for which patient risk it matters most."""

    excipient: Excipient
    text: Text
    source: Text
    risks: tuple[Risk, ...] = ()


@dataclass(frozen=True)
class RiskAdvice:
    """What the class labelling advises for a patient risk, whatever the product."""

    risk: Risk
    label: Text
    text: Text
    source: Text


HAZARDS = (Risk.RENAL, Risk.THROMBOSIS)  # the hazards other risk factors lead to


@dataclass(frozen=True)
class RiskFactor:
    """A patient risk the SmPCs list as a risk factor for renal failure and/or thrombosis, in the
    label's words, with its source and how far the text was confirmed."""

    risk: Risk
    factor_for: Annotated[tuple[Risk, ...], Limits(min_length=1)]
    words: Text
    source: Text
    status: Status

    def __post_init__(self) -> None:
        if any(hazard not in HAZARDS for hazard in self.factor_for):
            raise ValueError("factor_for: a risk factor is for 'renal' and/or 'thrombosis'")


@dataclass(frozen=True)
class ProductsFile:
    """``products.yaml``."""

    catalogue_version: Annotated[str, Limits(pattern=r"\d{4}\.\d{1,2}\.\d+")]
    gathered: Text
    products: Annotated[tuple[Product, ...], Limits(min_length=1)]
    excipient_warnings: tuple[ExcipientWarning, ...] = ()
    risk_advice: tuple[RiskAdvice, ...] = ()
    risk_factors: tuple[RiskFactor, ...] = ()


@dataclass(frozen=True)
class ProductCatalogue:
    """A validated product list, with version and checksum."""

    location: str
    version: str
    checksum: str
    products: tuple[Product, ...]
    excipient_warnings: tuple[ExcipientWarning, ...]
    risk_advice: Mapping[Risk, RiskAdvice]
    _by_id: Mapping[str, Product] = field(repr=False)
    compiled: bool = field(default=False, compare=False)  # it came from the compiled form
    risk_factors: Mapping[Risk, RiskFactor] = field(default_factory=lambda: MappingProxyType({}))

    def product(self, product_id: str) -> Product | None:
        return self._by_id.get(product_id)


def load_product_catalogue(
    folder: Traversable | None = None, *, verify: bool = True, use_compiled: bool = True
) -> ProductCatalogue:
    """Load and validate ``products.yaml`` from ``folder`` (the bundled one by default), after
    checking it against the folder's checksum manifest (unless ``verify`` is off, for tests).
    For the bundled list only (no ``folder``), its compiled form is used if it was made from
    exactly that file (``knowledge.compiled``); a site folder is always parsed from its YAML."""
    from ivigdesk.knowledge.compiled import usable_models

    bundled = folder is None
    folder = folder if folder is not None else resource("products")
    raw, text = read_file(folder, PRODUCTS_FILE)
    schemas = {PRODUCTS_FILE: ProductsFile}
    if bundled and use_compiled:
        compiled = usable_models(folder, {PRODUCTS_FILE: raw}, schemas, verify=verify)
    else:
        compiled = {}
        if verify:
            check_manifest(folder, {PRODUCTS_FILE: raw})
    if PRODUCTS_FILE in compiled:
        try:
            return _catalogue(folder, raw, Parsed(PRODUCTS_FILE, None, compiled[PRODUCTS_FILE]), compiled=True)
        except KnowledgeBaseError:
            pass  # the YAML itself says where the fault is
    from ivigdesk.knowledge.yaml_parse import parse_file

    return _catalogue(folder, raw, parse_file(PRODUCTS_FILE, text, ProductsFile), compiled=False)


def _catalogue(folder: Traversable, raw: bytes, parsed: Parsed, *, compiled: bool) -> ProductCatalogue:
    model: ProductsFile = parsed.model
    seen: set[str] = set()
    for i, product in enumerate(model.products):
        if product.id in seen:
            raise fault(parsed, ("products", i, "id"), f"the product id {product.id!r} is used twice")
        seen.add(product.id)
    advice: dict[Risk, RiskAdvice] = {}
    for i, item in enumerate(model.risk_advice):
        if item.risk in advice:
            raise fault(parsed, ("risk_advice", i, "risk"), f"the risk {item.risk.value!r} is described twice")
        advice[item.risk] = item
    factors: dict[Risk, RiskFactor] = {}
    for i, factor in enumerate(model.risk_factors):
        if factor.risk in factors:
            raise fault(parsed, ("risk_factors", i, "risk"), f"the risk {factor.risk.value!r} is listed twice")
        factors[factor.risk] = factor
    return ProductCatalogue(
        location=str(folder),
        version=model.catalogue_version,
        checksum=hashlib.sha256(raw).hexdigest(),
        products=model.products,
        excipient_warnings=model.excipient_warnings,
        risk_advice=MappingProxyType(advice),
        _by_id=MappingProxyType({p.id: p for p in model.products}),
        compiled=compiled,
        risk_factors=MappingProxyType(factors),
    )
