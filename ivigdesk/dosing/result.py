"""What the calculation answers: every figure the screen, the CLI and the worksheet show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from ivigdesk.dosing.body_weight import WeightDecision
    from ivigdesk.dosing.course_dates import CourseDates
    from ivigdesk.dosing.rounding import Rounded
    from ivigdesk.dosing.schedule import Schedule
    from ivigdesk.knowledge.model import (
        Circumstance,
        ColourMeaning,
        Indication,
        Question,
        Reference,
        Regimen,
        Repeat,
        Status,
    )
    from ivigdesk.knowledge.products import Product
    from ivigdesk.units import Quantity


@dataclass(frozen=True)
class InfusionDay:
    """One infusion day: exact dose and volume, its rounding, rate steps, and time limits.

    ``min_duration`` is the longer of the safety rule and the product's schedule; ``max_rate``
    the fastest the infusion may run (the schedule's ceiling, else the volume over the rule's hours).
    """

    day: int
    dose: Quantity
    volume: Quantity | None
    min_duration: Quantity | None
    max_duration: Quantity | None
    max_rate: Quantity | None
    rounded: Rounded | None = None
    schedule: Schedule | None = None
    date: date | None = None


@dataclass(frozen=True)
class Notice:
    """A warning or a caution, with where it comes from."""

    text: str
    source: str
    references: tuple[int, ...] = ()


@dataclass(frozen=True)
class CoMedicationDose:
    """A co-medication's daily range and its per-dose range for each number of doses a day."""

    drug: str
    per_day_min: Quantity
    per_day_max: Quantity
    per_dose: tuple[tuple[int, Quantity, Quantity], ...]
    source: str
    references: tuple[int, ...]


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

    @property
    def has_dose(self) -> bool:
        return self.total_dose is not None
