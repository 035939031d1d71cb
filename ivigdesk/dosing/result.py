"""What the calculation answers: every figure the screen, the CLI and the worksheet show."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from ivigdesk.dosing.body_weight import Patient, WeightDecision
    from ivigdesk.dosing.course_dates import CourseDates
    from ivigdesk.dosing.rounding import Rounded
    from ivigdesk.dosing.schedule import Ceiling, Schedule
    from ivigdesk.knowledge.model import (
        Circumstance,
        ColourMeaning,
        Indication,
        NewerGuidance,
        Question,
        Reference,
        Regimen,
        Repeat,
        Status,
    )
    from ivigdesk.knowledge.products import Product
    from ivigdesk.knowledge.risks import Risk
    from ivigdesk.units import Quantity


@dataclass(frozen=True)
class InfusionDay:
    """One infusion day: exact dose and volume, its rounding, rate steps, time and rate limits.

    ``min_duration`` is the longest of the safety rule, the product's schedule, and the volume at
    the fastest rate allowed; ``ceiling`` is that fastest rate, per hour and per kg per hour, and
    what sets it. ``product_maximum_known`` is False when no confirmed product maximum applies.
    """

    day: int
    dose: Quantity
    volume: Quantity | None
    min_duration: Quantity | None
    max_duration: Quantity | None
    ceiling: Ceiling | None
    rounded: Rounded | None = None
    schedule: Schedule | None = None
    date: date | None = None
    product_maximum_known: bool = False

    @property
    def max_rate(self) -> Quantity | None:
        """The fastest rate allowed, in mL/h (None: the product's SmPC sets it)."""
        from ivigdesk.units import Q

        return Q(self.ceiling.ml_per_h, "mL/h") if self.ceiling is not None else None

    @property
    def dispensed_grams(self) -> Decimal:
        """What is given: the rounded dose where there is one, else the exact dose."""
        return self.rounded.grams if self.rounded is not None else self.dose.to("g").magnitude


@dataclass(frozen=True)
class PatientRisk:
    """A risk in force for this plan, and why: entered by the user, or carried by the diagnosis."""

    risk: Risk
    label: str
    why: str


@dataclass(frozen=True)
class Notice:
    """A warning or a caution, with where it comes from."""

    text: str
    source: str
    references: tuple[int, ...] = ()
    hazard: str | None = None  # notices about one hazard are merged into one, with all their sources


@dataclass(frozen=True)
class CoMedicationDose:
    """A co-medication's daily range on actual weight, and its per-dose range in whole milligrams
    (the low end rounded up and the high end down, so each dose stays inside the range) for each
    number of doses a day; ``over_maximum`` when the daily range passes its cited maximum."""

    drug: str
    per_day_min: Quantity
    per_day_max: Quantity
    per_dose: tuple[tuple[int, Quantity, Quantity], ...]
    source: str
    references: tuple[int, ...]
    weight: Quantity | None = None
    over_maximum: Notice | None = None


@dataclass(frozen=True)
class DosePlan:
    """The full answer for one request. ``total_dose`` is None when no dose is computed."""

    indication: Indication
    circumstance: Circumstance
    colour: ColourMeaning
    status: Status
    status_reason: str | None
    regimen: Regimen | None
    weight: Quantity | None
    dosing_weight: Quantity | None
    weight_basis: str
    concentration: Quantity | None
    day_count: int | None
    dose_per_kg_per_day: Quantity | None
    total_dose: Quantity | None
    days: tuple[InfusionDay, ...]
    arithmetic: tuple[str, ...]
    no_dose_reason: str | None
    repeat: Repeat | None
    co_medication: tuple[CoMedicationDose, ...]
    warnings: tuple[Notice, ...]
    notes: tuple[str, ...]
    unanswered: tuple[Question, ...]
    references: tuple[Reference, ...]
    knowledge_base_version: str
    knowledge_base_checksum: str
    weight_decision: WeightDecision | None = None
    actual_weight_total_dose: Quantity | None = None
    product: Product | None = None
    rounding_policy: str = "none"
    rounding_note: str | None = None
    schedule_note: str | None = None
    course: CourseDates | None = None
    catalogue_version: str | None = None
    catalogue_checksum: str | None = None
    knowledge_base_origin: str = "bundled"
    patient: Patient | None = None
    typed: tuple[tuple[str, str], ...] = ()
    risks: tuple[PatientRisk, ...] = ()
    guidance: tuple[NewerGuidance, ...] = ()
    guidance_co_medication: tuple[CoMedicationDose, ...] = ()  # newer guidance's doses, beside the review's
    contraindication: Notice | None = None  # shown first and most prominently; not to be given without advice
    hazards: tuple[Risk, ...] = ()  # the hazards (renal, thrombosis) the patient's risk factors lead to

    @property
    def dispensed_total(self) -> Decimal | None:
        """The course as given, in grams: each day's rounded dose where there is one."""
        if not self.days:
            return None
        return sum((day.dispensed_grams for day in self.days), Decimal(0))

    @property
    def dispensed_volume(self) -> Decimal | None:
        """The course's volume as given, in mL (None without a concentration)."""
        if not self.days or any(day.volume is None for day in self.days):
            return None
        total = Decimal(0)
        for day in self.days:
            bag = day.rounded.millilitres if day.rounded is not None else None
            total += bag if bag is not None else day.volume.to("mL").magnitude  # type: ignore[union-attr]
        return total

    @property
    def has_dose(self) -> bool:
        return self.total_dose is not None
