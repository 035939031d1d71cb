"""The knowledge base as frozen, validated models (dataclasses read by ``knowledge.schema``).

Every model rejects unknown keys (a typo fails loudly) and is strict about types (a string is
never quietly turned into a number). Doses are exact decimals read from their text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from ivigdesk.knowledge.measures import PerKg, PerKgPerDay
from ivigdesk.knowledge.risks import Risk
from ivigdesk.knowledge.schema import Limits
from ivigdesk.quoting import quoted


class Colour(StrEnum):
    """The UK demand-management priority colours, highest priority first; ``unlisted`` is a use
    the review's Table 1 gives no colour (obstetric APS)."""

    RED = "red"
    BLUE = "blue"
    GREY = "grey"
    BLACK = "black"
    UNLISTED = "unlisted"


COLOUR_ORDER = {colour: rank for rank, colour in enumerate(Colour)}


class Status(StrEnum):
    """What the source says about using IVIG in a circumstance."""

    RECOMMENDED = "recommended"
    CONSIDER = "consider"
    NOT_RECOMMENDED = "not-recommended"
    NOT_APPROVED = "not-approved"
    NO_GUIDANCE = "no-guidance"


DOSING_STATUSES = frozenset({Status.RECOMMENDED, Status.CONSIDER})


_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
Id = Annotated[str, Limits(pattern=_ID, max_length=60)]
Text = Annotated[str, Limits(min_length=1, max_length=4000)]
Year = Annotated[int, Limits(ge=1900, le=2100)]
RefNumber = Annotated[int, Limits(ge=1, le=999)]
Positive = Annotated[Decimal, Limits(gt=0)]


@dataclass(frozen=True)
class Reference:
    """One numbered reference of the source document."""

    number: RefNumber
    authors: Text
    title: Text
    journal: Text
    year: Year
    citation: Text


@dataclass(frozen=True)
class SourceDocument:
    """The document the knowledge base is built from."""

    title: Text
    authors: Text
    journal: Text
    year: Year
    volume: Text
    pages: Text
    doi: Text
    version: Text
    local_copy: Text


@dataclass(frozen=True)
class ColourMeaning:
    """What a priority colour means, in words, with its source."""

    colour: Colour
    word: Annotated[str, Limits(pattern=r"[A-Z]+")]
    priority: Text
    meaning: Text
    source: Text


@dataclass(frozen=True)
class Condition:
    """When a rule applies: courses totalling at least this much per kg."""

    course_total_at_least: PerKg


@dataclass(frozen=True)
class Rule:
    """A safety rule from the source, applied by the calculation."""

    id: Id
    kind: Literal["min-infusion-hours", "min-course-days", "warning"]
    applies_when: Condition
    text: Text
    source: Text
    hours: Positive | None = None
    days: Annotated[int, Limits(ge=1, le=60)] | None = None
    references: tuple[RefNumber, ...] = ()
    hazard: Id | None = None  # its warning is merged with the others about this hazard (e.g. thrombosis)

    def __post_init__(self) -> None:
        if self.kind == "min-infusion-hours" and self.hours is None:
            raise ValueError("a 'min-infusion-hours' rule needs 'hours'")
        if self.kind == "min-course-days" and self.days is None:
            raise ValueError("a 'min-course-days' rule needs 'days'")


@dataclass(frozen=True)
class DaySpan:
    """Number of infusion days: fixed (``days: 5``) or a range the user chooses."""

    min: Annotated[int, Limits(ge=1, le=31)]
    max: Annotated[int, Limits(ge=1, le=31)]

    @staticmethod
    def yaml_shorthand(value: object) -> object:
        """``days: 5`` is short for ``{min: 5, max: 5}``."""
        if isinstance(value, int) and not isinstance(value, bool):
            return {"min": value, "max": value}
        return value

    def __post_init__(self) -> None:
        if self.min > self.max:
            raise ValueError(f"days min ({self.min}) is more than max ({self.max})")

    @property
    def fixed(self) -> bool:
        return self.min == self.max


@dataclass(frozen=True)
class Regimen:
    """A dosing regimen as data.

    ``basis: per-day`` gives ``dose_per_kg`` every infusion day; ``basis: course-total`` spreads
    ``dose_per_kg`` evenly over the infusion days. ``days_open`` marks a regimen whose number of
    days the source does not give (IVIG Desk then offers a range and the source's safety advice).
    """

    id: Id
    label: Text
    basis: Literal["per-day", "course-total"]
    dose_per_kg: PerKg
    days: DaySpan
    source: Text
    recommended: bool = True
    days_open: bool = False
    references: tuple[RefNumber, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class InfusionHours:
    """A circumstance's own infusion duration (e.g. Kawasaki 8–12 h)."""

    min: Positive
    source: Text
    max: Positive | None = None

    def __post_init__(self) -> None:
        if self.max is not None and self.max < self.min:
            raise ValueError("infusion hours max is less than min")


@dataclass(frozen=True)
class Repeat:
    """How a course repeats, as the source states it."""

    text: Text
    source: Text
    every_days: Annotated[int, Limits(ge=1, le=366)] | None = None
    every_months: Annotated[int, Limits(ge=1, le=24)] | None = None
    for_at_least_months: Annotated[int, Limits(ge=1, le=120)] | None = None
    until_gestation_week: Annotated[int, Limits(ge=1, le=45)] | None = None
    review: Text | None = None

    def __post_init__(self) -> None:
        if (self.every_days is None) == (self.every_months is None):
            raise ValueError("give exactly one of 'every_days' or 'every_months'")


@dataclass(frozen=True)
class DailyMaximum:
    """A cited most a co-medication may reach in a day, whatever the weight."""

    grams: Positive
    source: Text


@dataclass(frozen=True)
class CoMedication:
    """A drug given with the IVIG, dosed per kg of actual body weight per day."""

    drug: Text
    per_kg_per_day_min: PerKgPerDay
    per_kg_per_day_max: PerKgPerDay
    doses_per_day: Annotated[tuple[Annotated[int, Limits(ge=1, le=12)], ...], Limits(min_length=1)]
    source: Text
    references: tuple[RefNumber, ...] = ()
    max_per_day: DailyMaximum | None = None

    def __post_init__(self) -> None:
        if self.per_kg_per_day_max.grams_per_kg < self.per_kg_per_day_min.grams_per_kg:
            raise ValueError("per_kg_per_day_max is less than per_kg_per_day_min")


@dataclass(frozen=True)
class IfNo:
    """What answering "no" to a question changes."""

    reason: Text
    status: Status | None = None
    warning: Text | None = None

    def __post_init__(self) -> None:
        if self.status is None and self.warning is None:
            raise ValueError("'if_no' must change the status or add a warning")
        if self.status in DOSING_STATUSES:
            raise ValueError("'if_no' may only withhold a dose, never grant one")


@dataclass(frozen=True)
class Question:
    """A condition the source attaches to a recommendation, asked where it changes the answer."""

    id: Id
    text: Text
    if_no: IfNo
    source: Text


Grade = Annotated[str, Limits(pattern=r"[ABC]")]
Evidence = Annotated[str, Limits(pattern=r"(?:Ia|Ib|IIa|IIb|III|IV)(?:, (?:Ia|Ib|IIa|IIb|III|IV))*")]


@dataclass(frozen=True)
class Circumstance:
    """One row (or one sentence) of a recommendations table."""

    id: Id
    label: Text
    text: Text
    source: Text
    status: Status
    grade: Grade | None
    evidence: Evidence | None
    regimens: tuple[Regimen, ...] = ()
    no_dose_reason: Text | None = None
    infusion_hours: InfusionHours | None = None
    suppresses_rules: tuple[Id, ...] = ()
    suppress_reason: Text | None = None
    questions: tuple[Question, ...] = ()
    repeat: Repeat | None = None
    co_medication: tuple[CoMedication, ...] = ()
    notes: tuple[Text, ...] = ()
    references: tuple[RefNumber, ...] = ()

    def __post_init__(self) -> None:
        if self.regimens and self.status not in DOSING_STATUSES:
            raise ValueError(f"a circumstance with status '{self.status}' must not carry a regimen")
        if not self.regimens and not self.no_dose_reason:
            raise ValueError("without a regimen, 'no_dose_reason' must say why no dose is given")
        if self.regimens and self.no_dose_reason:
            raise ValueError("'no_dose_reason' is only for circumstances without a regimen")
        if self.regimens and sum(r.recommended for r in self.regimens) != 1:
            raise ValueError("exactly one regimen must be marked 'recommended: true'")
        _unique("regimens", [r.id for r in self.regimens])
        _unique("questions", [q.id for q in self.questions])
        if self.suppresses_rules and not self.suppress_reason:
            raise ValueError("'suppresses_rules' needs a 'suppress_reason'")

    @property
    def recommended_regimen(self) -> Regimen | None:
        return next((r for r in self.regimens if r.recommended), None)

    def regimen(self, regimen_id: str | None) -> Regimen | None:
        if regimen_id is None:
            return self.recommended_regimen
        return next((r for r in self.regimens if r.id == regimen_id), None)


@dataclass(frozen=True)
class Indication:
    """A diagnosis in the review, with its colour and circumstances.

    ``pregnancy``: the patient is pregnant by definition (lupus in pregnancy, CHB prophylaxis).
    ``patients``: whose weight is entered, for the weight checks and the weight rules' age clauses.
    ``implies_risks``: patient risks the diagnosis itself carries (lupus nephritis: renal).
    ``scope``: what the entry covers when that is narrower than its name searched alone (GBS
    only as it occurs with lupus), shown wherever a search or a plan could mislead.
    """

    id: Id
    name: Text
    colour: Colour
    colour_source: Text
    circumstances: Annotated[tuple[Circumstance, ...], Limits(min_length=1)]
    synonyms: tuple[Annotated[str, Limits(min_length=1, max_length=80)], ...] = ()
    summary: Text | None = None
    pregnancy: bool = False
    patients: Literal["any", "adults", "children"] = "any"
    patients_source: Text | None = None
    implies_risks: tuple[Risk, ...] = ()
    implies_risks_source: Text | None = None
    scope: Text | None = None
    scope_source: Text | None = None

    def __post_init__(self) -> None:
        _unique("circumstances", [c.id for c in self.circumstances])
        if (self.scope is None) != (self.scope_source is None):
            raise ValueError("scope_source: a scope and its source go together")
        if self.patients != "any" and self.patients_source is None:
            raise ValueError(f"patients_source: say where the source limits this indication to {self.patients}")
        if self.implies_risks and self.implies_risks_source is None:
            raise ValueError("implies_risks_source: say where the source shows these risks")

    def circumstance(self, circumstance_id: str) -> Circumstance | None:
        return next((c for c in self.circumstances if c.id == circumstance_id), None)


def _unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what}: the id {quoted(item)} is used twice")
        seen.add(item)


@dataclass(frozen=True)
class NewerGuidance:
    """National guidance newer than the review, shown beside it (never over it)."""

    id: Id
    text: Text
    source: Text
    published: Text
    indications: tuple[Id, ...] = ()  # none: it concerns every indication
    co_medication: tuple[CoMedication, ...] = ()  # its dose, worked out beside the review's


@dataclass(frozen=True)
class SourceFile:
    """``source.yaml``: the knowledge base's version, its source document and shared texts."""

    knowledge_base_version: Annotated[str, Limits(pattern=r"\d{4}\.\d{1,2}\.\d+")]
    source: SourceDocument
    grading_footnote: Text
    disclaimer: Text
    colours: Annotated[tuple[ColourMeaning, ...], Limits(min_length=4, max_length=5)]


@dataclass(frozen=True)
class ReferencesFile:
    """``references.yaml``: the source document's numbered references."""

    references: Annotated[tuple[Reference, ...], Limits(min_length=1)]


@dataclass(frozen=True)
class RulesFile:
    """``rules.yaml``: the safety rules."""

    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class IndicationsFile:
    """``indications.yaml``: every indication with its circumstances."""

    indications: Annotated[tuple[Indication, ...], Limits(min_length=1)]


@dataclass(frozen=True)
class GuidanceFile:
    """``newer_guidance.yaml``: newer national guidance, each item cited, shown beside the review."""

    guidance: tuple[NewerGuidance, ...] = field(default=())
