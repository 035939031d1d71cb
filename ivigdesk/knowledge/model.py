"""The knowledge base as frozen, validated models.

Every model rejects unknown keys (a typo fails loudly) and is strict about types (a string is
never quietly turned into a number). Doses are pint quantities built from exact decimals.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    model_validator,
)

from ivigdesk.units import ureg


class Frozen(BaseModel):
    """Base for every knowledge-base model: immutable, strict, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Colour(StrEnum):
    """The UK demand-management priority colours, highest priority first."""

    RED = "red"
    BLUE = "blue"
    GREY = "grey"
    BLACK = "black"


COLOUR_ORDER = {colour: rank for rank, colour in enumerate(Colour)}


class Status(StrEnum):
    """What the source says about using IVIG in a circumstance."""

    RECOMMENDED = "recommended"
    CONSIDER = "consider"
    NOT_RECOMMENDED = "not-recommended"
    NOT_APPROVED = "not-approved"
    NO_GUIDANCE = "no-guidance"


DOSING_STATUSES = frozenset({Status.RECOMMENDED, Status.CONSIDER})


def _exact_number(value: Any) -> Any:
    """Accept a YAML integer or decimal; refuse text, booleans and binary floats."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ValueError(f"expected a number such as 8 or 0.5, got {value!r}")
    return Decimal(value)


_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, Strict(), Field(pattern=_ID, max_length=60)]
Text = Annotated[str, Strict(), Field(min_length=1, max_length=4000)]
Positive = Annotated[Decimal, BeforeValidator(_exact_number), Field(gt=0, allow_inf_nan=False)]
Int = Annotated[int, Strict()]
_DOSE_PER_KG = re.compile(
    r"^\s*(?P<number>(?:0|[1-9][0-9]*)(?:\.[0-9]+)?)\s*(?P<mass>[a-zA-Zµ]+)\s*/\s*(?P<per>[a-zA-Z]+)\s*$"
)


def _parse_mass_per_mass(value: Any, *, what: str, example: str, limit: str) -> Any:
    """Parse ``'400 mg/kg'`` into a dimensionless quantity whose units are a mass over a mass."""
    if not isinstance(value, str):
        raise ValueError(f"expected {what} written as text such as '{example}'")
    match = _DOSE_PER_KG.match(value)
    if not match or len(match["number"]) > 12:
        raise ValueError(f"expected {what} such as '{example}', got {value!r}")
    registry = ureg()
    for unit in (match["mass"], match["per"]):
        try:
            parsed = registry.parse_units(unit)
        except Exception as error:  # pint raises several types for unknown or odd units
            raise ValueError(f"unknown unit {unit!r} in {value!r}") from error
        if parsed.dimensionality != registry.kilogram.dimensionality:
            raise ValueError(f"{unit!r} in {value!r} is not a unit of mass")
    quantity = registry.Quantity(Decimal(match["number"]), f"{match['mass']} / {match['per']}")
    if quantity.magnitude <= 0:
        raise ValueError(f"{what} must be more than zero, got {value!r}")
    if quantity.to("g/kg").magnitude > registry.Quantity(limit).to("g/kg").magnitude:
        raise ValueError(f"{value!r} is more than {limit}: check the number and the unit")
    return quantity


def _dose_per_kg(value: Any) -> Any:
    # the review's largest dose is 2 g/kg per course; a sanity limit, not a clinical rule
    return _parse_mass_per_mass(value, what="a dose per kilogram", example="400 mg/kg", limit="3 g/kg")


_as_text = PlainSerializer(lambda quantity: f"{quantity:~P}", return_type=str)
DosePerKg = Annotated[Any, BeforeValidator(_dose_per_kg), _as_text]


class Reference(Frozen):
    """One numbered reference of the source document."""

    number: Annotated[Int, Field(ge=1, le=999)]
    authors: Text
    title: Text
    journal: Text
    year: Annotated[Int, Field(ge=1900, le=2100)]
    citation: Text


class SourceDocument(Frozen):
    """The document the knowledge base is built from."""

    title: Text
    authors: Text
    journal: Text
    year: Annotated[Int, Field(ge=1900, le=2100)]
    volume: Text
    pages: Text
    doi: Text
    version: Text
    local_copy: Text


class ColourMeaning(Frozen):
    """What a priority colour means, in words, with its source."""

    colour: Colour
    word: Annotated[str, Strict(), Field(pattern=r"^[A-Z]+$")]
    priority: Text
    meaning: Text
    source: Text


class Condition(Frozen):
    """When a rule applies: courses totalling at least this much per kg."""

    course_total_at_least: DosePerKg


class Rule(Frozen):
    """A safety rule from the source, applied by the calculation."""

    id: Id
    kind: Literal["min-infusion-hours", "min-course-days", "warning"]
    applies_when: Condition
    hours: Positive | None = None
    days: Annotated[Int, Field(ge=1, le=60)] | None = None
    text: Text
    source: Text
    references: tuple[Annotated[Int, Field(ge=1)], ...] = ()

    @model_validator(mode="after")
    def _kind_has_its_value(self) -> Rule:
        if self.kind == "min-infusion-hours" and self.hours is None:
            raise ValueError("a 'min-infusion-hours' rule needs 'hours'")
        if self.kind == "min-course-days" and self.days is None:
            raise ValueError("a 'min-course-days' rule needs 'days'")
        return self


def _day_span(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return {"min": value, "max": value}
    return value


class DaySpan(Frozen):
    """Number of infusion days: fixed (``days: 5``) or a range the user chooses."""

    min: Annotated[Int, Field(ge=1, le=31)]
    max: Annotated[Int, Field(ge=1, le=31)]

    @model_validator(mode="after")
    def _ordered(self) -> DaySpan:
        if self.min > self.max:
            raise ValueError(f"days min ({self.min}) is more than max ({self.max})")
        return self

    @property
    def fixed(self) -> bool:
        return self.min == self.max


class Regimen(Frozen):
    """A dosing regimen as data.

    ``basis: per-day`` gives ``dose_per_kg`` every infusion day; ``basis: course-total`` spreads
    ``dose_per_kg`` evenly over the infusion days.
    """

    id: Id
    label: Text
    basis: Literal["per-day", "course-total"]
    dose_per_kg: DosePerKg
    days: Annotated[DaySpan, BeforeValidator(_day_span)]
    recommended: Annotated[bool, Strict()] = True
    source: Text
    references: tuple[Annotated[Int, Field(ge=1)], ...] = ()
    note: Text | None = None


class InfusionHours(Frozen):
    """A circumstance's own infusion duration (e.g. Kawasaki 8–12 h)."""

    min: Positive
    max: Positive | None = None
    source: Text

    @model_validator(mode="after")
    def _ordered(self) -> InfusionHours:
        if self.max is not None and self.max < self.min:
            raise ValueError("infusion hours max is less than min")
        return self


class Repeat(Frozen):
    """How a course repeats, as the source states it."""

    text: Text
    every_days: Annotated[Int, Field(ge=1, le=366)] | None = None
    every_months: Annotated[Int, Field(ge=1, le=24)] | None = None
    for_at_least_months: Annotated[Int, Field(ge=1, le=120)] | None = None
    until_gestation_week: Annotated[Int, Field(ge=1, le=45)] | None = None
    review: Text | None = None
    source: Text

    @model_validator(mode="after")
    def _one_interval(self) -> Repeat:
        if (self.every_days is None) == (self.every_months is None):
            raise ValueError("give exactly one of 'every_days' or 'every_months'")
        return self


def _mg_per_kg(value: Any) -> Any:
    # Kawasaki aspirin, 80–100 mg/kg/day, is the largest co-medication; a sanity limit only
    return _parse_mass_per_mass(value, what="a daily dose per kilogram", example="80 mg/kg", limit="200 mg/kg")


class CoMedication(Frozen):
    """A drug given with the IVIG, dosed per kg per day."""

    drug: Text
    per_kg_per_day_min: Annotated[Any, BeforeValidator(_mg_per_kg), _as_text]
    per_kg_per_day_max: Annotated[Any, BeforeValidator(_mg_per_kg), _as_text]
    doses_per_day: tuple[Annotated[Int, Field(ge=1, le=12)], ...] = Field(min_length=1)
    source: Text
    references: tuple[Annotated[Int, Field(ge=1)], ...] = ()

    @model_validator(mode="after")
    def _ordered(self) -> CoMedication:
        if self.per_kg_per_day_max < self.per_kg_per_day_min:
            raise ValueError("per_kg_per_day_max is less than per_kg_per_day_min")
        return self


class IfNo(Frozen):
    """What answering "no" to a question changes."""

    status: Status | None = None
    warning: Text | None = None
    reason: Text

    @model_validator(mode="after")
    def _does_something(self) -> IfNo:
        if self.status is None and self.warning is None:
            raise ValueError("'if_no' must change the status or add a warning")
        if self.status in DOSING_STATUSES:
            raise ValueError("'if_no' may only withhold a dose, never grant one")
        return self


class Question(Frozen):
    """A condition the source attaches to a recommendation, asked where it changes the answer."""

    id: Id
    text: Text
    if_no: IfNo
    source: Text


class Circumstance(Frozen):
    """One row (or one sentence) of a recommendations table."""

    id: Id
    label: Text
    text: Text
    source: Text
    status: Status
    grade: Annotated[str, Strict(), Field(pattern=r"^[ABC]$")] | None
    evidence: (
        Annotated[str, Strict(), Field(pattern=r"^(?:Ia|Ib|IIa|IIb|III|IV)(?:, (?:Ia|Ib|IIa|IIb|III|IV))*$")] | None
    )
    regimens: tuple[Regimen, ...] = ()
    no_dose_reason: Text | None = None
    infusion_hours: InfusionHours | None = None
    suppresses_rules: tuple[Id, ...] = ()
    suppress_reason: Text | None = None
    questions: tuple[Question, ...] = ()
    repeat: Repeat | None = None
    co_medication: tuple[CoMedication, ...] = ()
    notes: tuple[Text, ...] = ()
    references: tuple[Annotated[Int, Field(ge=1)], ...] = ()

    @model_validator(mode="after")
    def _dose_or_reason(self) -> Circumstance:
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
        return self

    @property
    def recommended_regimen(self) -> Regimen | None:
        return next((r for r in self.regimens if r.recommended), None)

    def regimen(self, regimen_id: str | None) -> Regimen | None:
        if regimen_id is None:
            return self.recommended_regimen
        return next((r for r in self.regimens if r.id == regimen_id), None)


class Indication(Frozen):
    """A diagnosis in the review, with its colour and circumstances."""

    id: Id
    name: Text
    synonyms: tuple[Annotated[str, Strict(), Field(min_length=1, max_length=80)], ...] = ()
    colour: Colour
    colour_source: Text
    summary: Text | None = None
    pregnancy: Annotated[bool, Strict()] = False  # dosed in pregnancy: the weight rule may use pre-pregnancy weight
    patients: Literal["any", "adults", "children"] = "any"  # whose weight is entered, for the weight checks
    patients_source: Text | None = None
    circumstances: tuple[Circumstance, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_circumstances(self) -> Indication:
        _unique("circumstances", [c.id for c in self.circumstances])
        if self.patients != "any" and self.patients_source is None:
            raise ValueError(f"patients_source: say where the source limits this indication to {self.patients}")
        return self

    def circumstance(self, circumstance_id: str) -> Circumstance | None:
        return next((c for c in self.circumstances if c.id == circumstance_id), None)


def _unique(what: str, ids: list[Any]) -> None:
    seen: set[Any] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what}: the id {item!r} is used twice")
        seen.add(item)


class SourceFile(Frozen):
    """``source.yaml``: the knowledge base's version, its source document and shared texts."""

    knowledge_base_version: Annotated[str, Field(pattern=r"^\d{4}\.\d{1,2}\.\d+$")]
    source: SourceDocument
    grading_footnote: Text
    disclaimer: Text
    colours: tuple[ColourMeaning, ...] = Field(min_length=4, max_length=4)


class ReferencesFile(Frozen):
    """``references.yaml``: the source document's numbered references."""

    references: tuple[Reference, ...] = Field(min_length=1)


class RulesFile(Frozen):
    """``rules.yaml``: the safety rules."""

    rules: tuple[Rule, ...] = ()


class IndicationsFile(Frozen):
    """``indications.yaml``: every indication with its circumstances."""

    indications: tuple[Indication, ...] = Field(min_length=1)
