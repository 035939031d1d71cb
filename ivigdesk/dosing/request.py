"""What the user asks: the one object every face of IVIG Desk (window, CLI, tests) builds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING

from ivigdesk.dosing.body_weight import Patient
from ivigdesk.dosing.policy_choices import DEFAULT_FACTOR, DEFAULT_ROUNDING, DEFAULT_RULE, DEFAULT_TOLERANCE_PERCENT

if TYPE_CHECKING:
    from datetime import date

    from ivigdesk.dosing.schedule import OwnRates
    from ivigdesk.knowledge.risks import Risk
    from ivigdesk.units import Quantity


@dataclass(frozen=True)
class Settings:
    """The pharmacy's settings: which weight rule and factor, and how doses are rounded."""

    weight_rule: str = DEFAULT_RULE
    adjustment_factor: Decimal = DEFAULT_FACTOR
    rounding: str = DEFAULT_ROUNDING
    tolerance_percent: Decimal = DEFAULT_TOLERANCE_PERCENT


@dataclass(frozen=True)
class DoseRequest:
    """A dosing question: indication and circumstance, the patient's weight and the product.

    Its inputs are already read and checked by :func:`ivigdesk.dosing.raw_inputs.build_request`
    (every face builds it there): each measure is in range and in its unit (the weight in kg,
    the height in cm, the concentration in g/mL), the sex is male, female or None. The
    calculation checks only what needs the knowledge base or the catalogue (the weight against
    whom the indication is dosed for, the days against the regimen, the product's strength…).

    ``weight`` is a mass and ``concentration`` a mass per volume (pint quantities). ``days`` is
    needed only where the regimen gives a range; ``regimen_id`` picks an alternative regimen;
    ``answers`` holds the user's yes/no to the source's questions, by question id. ``patient``
    (height, sex, age, pregnancy…) lets the weight rule work out a dose-determining weight;
    ``risks`` are the patient risks the user marked (the diagnosis may add its own); ``use_actual_weight``
    records the user's choice of actual weight instead. ``product_id`` picks a product from the
    catalogue (its concentration, vials and rates); ``own_rates`` are rates the user read from the
    SmPC when the catalogue has none. ``start_date`` dates every day and repeat;
    ``gestation_days`` (at the first infusion) bounds repeats that run to a week of gestation.
    """

    indication_id: str
    circumstance_id: str | None = None
    weight: Quantity | None = None
    concentration: Quantity | None = None
    days: int | None = None
    regimen_id: str | None = None
    answers: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    patient: Patient = field(default_factory=Patient)
    use_actual_weight: bool = False
    product_id: str | None = None
    own_rates: OwnRates | None = None
    risks: frozenset[Risk] = frozenset()
    start_date: date | None = None
    gestation_days: int | None = None
    settings: Settings = field(default_factory=Settings)
    typed: tuple[tuple[str, str], ...] = ()  # (what, as typed with its unit): the patient as entered
