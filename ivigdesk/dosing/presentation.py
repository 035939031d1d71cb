"""One layout of a dose plan, drawn three times: in the window, as copied text and on the worksheet.

:func:`plan_view` turns a :class:`DosePlan` into a :class:`PlanView`: the priority badge, an
ordered list of :class:`Section` s made of lines, and a :class:`DayTable` whose figures keep
their numbers and units apart. The renderers (``ui.qt_results``, ``dosing.report`` and
``dosing.worksheet``) only decide how a section looks; what a plan says, and in what order, is
decided here once. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING
from html import escape
from typing import TYPE_CHECKING, Literal

from ivigdesk import __version__
from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.rounding import describe

if TYPE_CHECKING:
    from ivigdesk.dosing.result import DosePlan, InfusionDay
    from ivigdesk.dosing.schedule import Schedule
    from ivigdesk.units import Quantity

STATUS_WORDS = {
    "recommended": "Recommended",
    "consider": "May be considered",
    "not-recommended": "Not recommended",
    "not-approved": "Not approved by the panel",
    "no-guidance": "No recommendation in the source",
}

Style = Literal["", "strong", "small", "em"]
Kind = Literal["plain", "mono", "warning", "no-dose", "small"]


@dataclass(frozen=True)
class Span:
    """Part of a line, with how it is emphasised."""

    text: str
    style: Style = ""


@dataclass(frozen=True)
class Line:
    """One line of a section: spans read in order; ``indent`` for a step under a heading."""

    spans: tuple[Span, ...]
    indent: int = 0

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def line(*parts: str | Span, indent: int = 0) -> Line:
    """A line from plain strings and styled spans (empty parts are left out)."""
    spans = tuple(part if isinstance(part, Span) else Span(part) for part in parts)
    return Line(tuple(span for span in spans if span.text), indent)


@dataclass(frozen=True)
class Section:
    """A named part of the plan. ``key`` is stable (tests and renderers use it); ``title`` is
    shown as a heading where the renderer shows headings."""

    key: str
    title: str
    lines: tuple[Line, ...]
    kind: Kind = "plain"


@dataclass(frozen=True)
class Figure:
    """A number and its unit, kept apart; ``text`` joins them for reading."""

    value: str
    unit: str = ""

    @property
    def text(self) -> str:
        return f"{self.value} {self.unit}".strip()


@dataclass(frozen=True)
class DayRow:
    """One infusion day in the table."""

    day: int
    date: date | None
    dose: Figure
    volume: Figure | None
    min_duration: Figure | None
    max_duration: Figure | None
    max_rate: Figure | None  # None: the product's SmPC sets it
    rounded: Figure | None
    vial_count: int
    rounding: str  # the vials and the difference, in full ("" without rounding)


@dataclass(frozen=True)
class DayTable:
    """The per-day table, with the course totals the window shows in its last row."""

    rows: tuple[DayRow, ...]
    total_dose: Figure
    total_volume: Figure | None


@dataclass(frozen=True)
class PlanView:
    """Everything a renderer draws, in order."""

    colour: str
    colour_word: str
    priority: str
    meaning: str
    meaning_source: str
    indication: str
    circumstance: str
    sections: tuple[Section, ...]
    days: DayTable | None
    versions: str
    grading_footnote: str = ""

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def plan_view(plan: DosePlan, grading_footnote: str = "") -> PlanView:
    """The layout of ``plan``: every section it has, in reading order."""
    colour = plan.colour
    sections = [
        _status(plan),
        _source(plan),
        _weight(plan),
        _no_dose(plan),
        _regimen(plan),
        _working(plan),
        _rounding(plan),
        _schedule(plan),
        _dates(plan),
        _repeat(plan),
        _co_medication(plan),
        _to_confirm(plan),
        _notes(plan),
        _warnings(plan),
        _references(plan),
    ]
    return PlanView(
        colour=plan.indication.colour.value,
        colour_word=colour.word,
        priority=colour.priority,
        meaning=colour.meaning,
        meaning_source=colour.source,
        indication=plan.indication.name,
        circumstance=plan.circumstance.label,
        sections=tuple(section for section in sections if section is not None and section.lines),
        days=_day_table(plan) if plan.has_dose else None,
        versions=versions(plan),
        grading_footnote=grading_footnote,
    )


def versions(plan: DosePlan) -> str:
    """Which program, knowledge base and product list made the plan."""
    text = (
        f"IVIG Desk {__version__} · knowledge base {plan.knowledge_base_version} "
        f"({plan.knowledge_base_origin}, sha256 {plan.knowledge_base_checksum[:16]})"
    )
    if plan.catalogue_version:
        text += f" · products {plan.catalogue_version} (sha256 {(plan.catalogue_checksum or '')[:16]})"
    return text


TAGS = {"strong": "b", "small": "small", "em": "i"}


def line_html(row: Line) -> str:
    """One line, its emphasis as HTML tags."""
    spans = (f"<{TAGS[s.style]}>{escape(s.text)}</{TAGS[s.style]}>" if s.style else escape(s.text) for s in row.spans)
    return "&nbsp;&nbsp;" * row.indent + "".join(spans)


def lines_html(rows: tuple[Line, ...] | list[Line]) -> str:
    """Lines joined by <br>; a run of lines in one style shares one tag, so its lines keep that
    style's spacing (a <br> between two <small> tags would take the full line height)."""
    parts: list[str] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            tag = TAGS[run[0].spans[0].style]
            parts.append(f"<{tag}>" + "<br>".join(escape(r.text) for r in run) + f"</{tag}>")
            run.clear()

    for row in rows:
        style = row.spans[0].style if len(row.spans) == 1 and not row.indent else ""
        if style and run and run[0].spans[0].style != style:
            flush()
        if style:
            run.append(row)
            continue
        flush()
        parts.append(line_html(row))
    flush()
    return "<br>".join(parts)


# -- the sections, in reading order ------------------------------------------------------------


def _status(plan: DosePlan) -> Section:
    lines = [line(Span(STATUS_WORDS[plan.status.value], "strong"), f" · {grade_text(plan)}")]
    if plan.status_reason:
        lines.append(line(plan.status_reason))
    return Section("status", "Status", tuple(lines))


def _source(plan: DosePlan) -> Section:
    circumstance = plan.circumstance
    return Section("source", "Source", (line(Span(f"{circumstance.source}:", "em"), f" {circumstance.text}"),))


def _weight(plan: DosePlan) -> Section:
    lines = weight_lines(plan)
    if not lines:
        return Section("weight", "Patient and weight", ())
    decision = plan.weight_decision
    head = Span(lines[0], "strong" if decision is not None and decision.rule_chose_ddw else "")
    details = tuple(line(Span(text.strip(), "small")) for text in lines[1:])
    return Section("weight", "Patient and weight", (line(head), *details))


def _no_dose(plan: DosePlan) -> Section | None:
    if plan.has_dose:
        return None
    return Section(
        "no-dose", "No dose is calculated", (line(f"No dose is calculated. {plan.no_dose_reason or ''}"),), "no-dose"
    )


def _regimen(plan: DosePlan) -> Section | None:
    lines = []
    if plan.has_dose:
        assert plan.regimen is not None and plan.dosing_weight is not None
        regimen = plan.regimen
        lines.append(line(Span("Regimen:", "strong"), f" {regimen.label} ", Span(f"({regimen.source})", "small")))
        if regimen.note:
            lines.append(line(Span(regimen.note, "small")))
        actual = ""
        if plan.actual_weight_total_dose is not None:
            actual = f" — on actual weight the course would be {fmt.grams(plan.actual_weight_total_dose)}"
        used = f" {fmt.kg(plan.dosing_weight)} ({plan.weight_basis.lower()}){actual}"
        lines.append(line(Span("Weight used:", "strong"), used))
    if plan.product is not None:
        lines.append(line(Span("Product:", "strong"), f" {plan.product.name}"))
    elif plan.concentration is not None:
        lines.append(line(Span("Concentration:", "strong"), f" {fmt.concentration(plan.concentration)} (no product)"))
    return Section("regimen", "Regimen", tuple(lines))


def _working(plan: DosePlan) -> Section:
    return Section("working", "Working", tuple(line(text) for text in plan.arithmetic), "mono")


def _rounding(plan: DosePlan) -> Section:
    first = plan.days[0] if plan.days else None
    lines = []
    if first is not None and first.rounded is not None:
        lines.append(line(Span("Rounded, each day:", "strong"), f" {describe(first.rounded)}"))
    lines += [line(text) for text in rounding_lines(plan)]
    return Section("rounding", "Rounding", tuple(lines))


def _schedule(plan: DosePlan) -> Section | None:
    first = plan.days[0] if plan.days else None
    if first is None or first.schedule is None:
        return None
    schedule = first.schedule
    heading = line(Span("Infusion schedule, each day", "strong"), " ", Span(f"({schedule.basis})", "small"))
    steps = tuple(line(text, indent=1) for text in schedule_lines(schedule))
    return Section("schedule", "Infusion schedule, each day", (heading, *steps, line(Span(schedule.source, "small"))))


def _dates(plan: DosePlan) -> Section:
    return Section("dates", "Dates", tuple(line(text) for text in course_lines(plan)))


def _repeat(plan: DosePlan) -> Section | None:
    if plan.repeat is None:
        return None
    review = f" {plan.repeat.review}" if plan.repeat.review else ""
    return Section("repeat", "Repeat", (line(Span("Repeat:", "strong"), f" {plan.repeat.text}.{review}"),))


def _co_medication(plan: DosePlan) -> Section:
    lines = []
    for med in plan.co_medication:
        doses = "; ".join(f"{n} doses of {fmt.milligram_range(lo, hi)}" for n, lo, hi in med.per_dose)
        lines.append(
            line(
                Span(f"{med.drug}:", "strong"),
                f" {fmt.milligram_range(med.per_day_min, med.per_day_max)} a day, as {doses} ",
                Span(f"({med.source})", "small"),
            )
        )
    return Section("co-medication", "Given with the IVIG", tuple(lines))


def _to_confirm(plan: DosePlan) -> Section:
    lines = tuple(line(Span("To confirm:", "strong"), f" {q.text}") for q in plan.unanswered)
    return Section("to-confirm", "To confirm", lines)


def _notes(plan: DosePlan) -> Section:
    lines = tuple(line(Span("Note:", "strong"), f" {' '.join(note.split())}") for note in plan.notes)
    return Section("notes", "Notes", lines)


def _warnings(plan: DosePlan) -> Section:
    lines = tuple(line(f"⚠ {w.text} ", Span(f"({w.source})", "small")) for w in plan.warnings)
    return Section("warnings", "Warnings", lines, "warning")


def _references(plan: DosePlan) -> Section:
    return Section("references", "References", tuple(line(f"[{r.number}] {r.citation}") for r in plan.references))


# -- lines shared by the sections -------------------------------------------------------------


def schedule_lines(schedule: Schedule) -> list[str]:
    """The rate steps as a nurse reads them: '42 mL/h for 30 min (21 mL)'."""
    lines = []
    if schedule.start_ml_per_h is not None:
        lines.append(
            f"start at {fmt.pump_rate(schedule.start_ml_per_h)} (the label's initial rate; no step times given)"
        )
    for number, step in enumerate(schedule.steps, start=1):
        until = " until the bag is empty" if number == len(schedule.steps) else ""
        minutes = fmt.number(step.minutes, 0, ROUND_CEILING)
        lines.append(f"{fmt.pump_rate(step.ml_per_h)} for {minutes} min{until} ({fmt.number(step.millilitres, 1)} mL)")
    at_least = "at least " if schedule.lower_bound else ""
    lines.append(f"{at_least}{fmt.duration(schedule.hours)} in all")
    lines.append(f"never above {fmt.pump_rate(schedule.ceiling_ml_per_h)}: {schedule.ceiling_reason}")
    return lines


def rounding_lines(plan: DosePlan) -> list[str]:
    """The fewer-vials alternative (when there is one) and why there is no rounding or schedule."""
    first = plan.days[0] if plan.days else None
    lines = []
    if first is not None and first.rounded is not None and first.rounded.fewer_vials is not None:
        fewer = first.rounded.fewer_vials
        lines.append(f"Fewer vials within the {fmt.number(fewer.tolerance_percent, 1)} % tolerance: {describe(fewer)}")
    return lines + [note for note in (plan.rounding_note, plan.schedule_note) if note]


def weight_lines(plan: DosePlan) -> list[str]:
    """Which weight was used and why, with BMI, IBW and DDW where they were worked out."""
    decision = plan.weight_decision
    if plan.weight is None or decision is None:
        return []
    lines = [f"Weight: {fmt.kg(plan.weight)} actual; dosing weight {fmt.kg(decision.used)} ({decision.basis.lower()})"]
    lines.append(f"  Why: {decision.reason}")
    if decision.ibw is not None and decision.bmi is not None and decision.ddw is not None:
        lines.append(
            f"  BMI {fmt.number(decision.bmi, 1)} kg/m² · IBW {fmt.kg(decision.ibw)} · DDW {fmt.kg(decision.ddw)} "
            f"(factor {decision.factor})"
        )
    lines.append(f"  Weight rule: {decision.rule.name} ({decision.rule.source})")
    return lines


def course_lines(plan: DosePlan) -> list[str]:
    """Later courses and review points, when a start date was given."""
    if plan.course is None:
        return []
    lines = []
    for course in plan.course.courses[1:]:
        first, last = course.days[0], course.days[-1]
        span = first.strftime("%a %d %b %Y") + (f" to {last.strftime('%a %d %b %Y')}" if last != first else "")
        gestation = f" (gestation {course.gestation})" if course.gestation else ""
        lines.append(f"Course {course.number}: {span}{gestation}")
    lines += [f"Review {day.strftime('%a %d %b %Y')}: {text}" for day, text in plan.course.reviews]
    lines += [f"Dates: {note}" for note in plan.course.notes]
    return lines


def grade_text(plan: DosePlan) -> str:
    circumstance = plan.circumstance
    if circumstance.grade is None and circumstance.evidence is None:
        return "Not graded in the source"
    return f"Grade {circumstance.grade or '–'}; evidence level {circumstance.evidence or '–'}"


# -- the day table -----------------------------------------------------------------------------


def _figure(quantity: Quantity | None, unit: str, format_: str) -> Figure | None:
    if quantity is None:
        return None
    return Figure({"grams": fmt.grams, "mL": fmt.millilitres}[format_](quantity).removesuffix(f" {unit}"), unit)


def _day_row(day: InfusionDay) -> DayRow:
    rounded = day.rounded
    return DayRow(
        day=day.day,
        date=day.date,
        dose=Figure(fmt.grams(day.dose).removesuffix(" g"), "g"),
        volume=_figure(day.volume, "mL", "mL"),
        min_duration=Figure(fmt.hours(day.min_duration).removesuffix(" h"), "h") if day.min_duration else None,
        max_duration=Figure(fmt.hours(day.max_duration).removesuffix(" h"), "h") if day.max_duration else None,
        max_rate=Figure(fmt.rate_limit(day.max_rate).removesuffix(" mL/h"), "mL/h") if day.max_rate else None,
        rounded=Figure(fmt.number(rounded.grams, 2), "g") if rounded is not None else None,
        vial_count=rounded.vial_count if rounded is not None else 0,
        rounding=describe(rounded) if rounded is not None else "",
    )


def _day_table(plan: DosePlan) -> DayTable:
    assert plan.total_dose is not None
    volumes = [day.volume for day in plan.days if day.volume is not None]
    total_volume = sum(volumes[1:], volumes[0]) if volumes else None
    return DayTable(
        rows=tuple(_day_row(day) for day in plan.days),
        total_dose=Figure(fmt.grams(plan.total_dose).removesuffix(" g"), "g"),
        total_volume=_figure(total_volume, "mL", "mL"),
    )
