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
from decimal import ROUND_CEILING, ROUND_FLOOR
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
    titled: bool = False  # its lines do not name themselves, so a text needs the title above them


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
    """One infusion day: what to give (the rounded dose and bag when rounding is on, else the
    exact ones), the exact figures beside it, the time limits, and the fastest rate allowed with
    its rate per kg and what sets it."""

    day: int
    date: date | None
    give: Figure
    give_volume: Figure | None
    exact: Figure
    exact_volume: Figure | None
    rounded: bool  # rounding changed the dose: what is given differs from the exact figures
    vials: str  # "1 × 20 g + 1 × 5 g" ("" without vials)
    vial_count: int
    rounding: str  # the rounding and its difference, in full ("" without rounding)
    min_duration: str | None  # "8 h 00 min"
    max_duration: str | None
    rate: Figure | None  # None: the product's SmPC sets it
    rate_per_kg: Figure | None
    rate_is: str  # what sets the fastest rate, in words
    product_maximum_known: bool
    product_chosen: bool = True  # False: the rate shown meets the rule's time; no product's maximum applies


@dataclass(frozen=True)
class DayTable:
    """The per-day table, with the course's totals: as given, and exact."""

    rows: tuple[DayRow, ...]
    total: Figure
    total_volume: Figure | None
    exact_total: Figure
    exact_total_volume: Figure | None
    rounded: bool  # rounding changed some day's dose


@dataclass(frozen=True)
class KeyFact:
    """One fact of the key result: what it is, and its value in words."""

    label: str
    value: str
    detail: str = ""  # what sets it, or what to check (smaller, beside the value)


@dataclass(frozen=True)
class KeyResult:
    """What must stay in view: the dose and volume a day, the minimum duration and the fastest
    rate (or why there is no dose), the patient that produced them, and one sentence saying all
    of it for a screen reader."""

    facts: tuple[KeyFact, ...]
    patient: str
    summary: str
    alert: str = ""  # a contraindication: shown first, above everything else


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
    key: KeyResult
    grading_footnote: str = ""
    weight_rule: str = ""  # the weight rule in force, in words, when it is not the default ("" when it is)
    rate_weight: str = ""  # the weight every mL/kg/h is per kg of ("" without a dosing weight)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def plan_view(plan: DosePlan, grading_footnote: str = "") -> PlanView:
    """The layout of ``plan``: every section it has, in reading order."""
    colour = plan.colour
    sections = [
        _contraindication(plan),
        _patient(plan),
        _status(plan),
        _source(plan),
        _guidance(plan),
        _weight(plan),
        _no_dose(plan),
        _regimen(plan),
        _product(plan),
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
        days=(days := _day_table(plan) if plan.has_dose else None),
        versions=versions(plan),
        key=key_result(plan, days),
        grading_footnote=grading_footnote,
        weight_rule=weight_rule_note(plan),
        rate_weight=rate_weight_note(plan),
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


NOT_TO_BE_GIVEN = "NOT TO BE GIVEN without specialist advice"


def _contraindication(plan: DosePlan) -> Section | None:
    """A contraindication, first and most prominent; the plan below stays visible, marked."""
    stop = plan.contraindication
    if stop is None:
        return None
    lines = (
        line(Span(f"⚠ {stop.text}", "strong")),
        line(Span(f"The plan below is shown for the specialist: {NOT_TO_BE_GIVEN}.", "strong")),
        line(Span(f"({stop.source})", "small")),
    )
    return Section("contraindication", "Contraindication", lines, "no-dose", titled=True)


def _status(plan: DosePlan) -> Section:
    lines = [line(Span(STATUS_WORDS[plan.status.value], "strong"), f" · {grade_text(plan)}")]
    if plan.status_reason:
        lines.append(line(plan.status_reason))
    return Section("status", "Status", tuple(lines))


def _source(plan: DosePlan) -> Section:
    circumstance, indication = plan.circumstance, plan.indication
    lines = [line(Span(f"{circumstance.source}:", "em"), f" {circumstance.text}")]
    if indication.scope:
        lines.append(
            line(Span("Scope:", "strong"), f" {indication.scope} ", Span(f"({indication.scope_source})", "small"))
        )
    return Section("source", "Source", tuple(lines))


def _weight(plan: DosePlan) -> Section:
    lines = weight_lines(plan)
    if not lines:
        return Section("weight", "Patient and weight", ())
    decision = plan.weight_decision
    head = Span(lines[0], "strong" if decision is not None and decision.rule_chose_ddw else "")
    details = tuple(line(Span(text.strip(), "small")) for text in lines[1:])
    rule = weight_rule_note(plan)
    named = (line(Span(f"{rule}.", "strong")),) if rule else ()
    return Section("weight", "Patient and weight", (*named, line(head), *details))


def _no_dose(plan: DosePlan) -> Section | None:
    if plan.has_dose:
        return None
    text = f"No dose is calculated: the review gives no IVIG dose here. {plan.no_dose_reason or ''}".strip()
    return Section("no-dose", "No dose is calculated", (line(text),), "no-dose")


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
        lines.append(line(Span(RATES_PER_KG, "strong"), f" {rate_weight_note(plan)}"))
    return Section("regimen", "Regimen", tuple(lines))


def _patient(plan: DosePlan) -> Section:
    """Everything entered that changes the dose, at the top, so nothing carried over is hidden."""
    lines = [line(Span(f"{what}:", "strong"), f" {text}") for what, text in plan.typed]
    patient = plan.patient
    facts = []
    if patient is not None:
        if patient.sex:
            facts.append(f"sex {patient.sex}")
        if patient.age_years is None and patient.under_18:
            facts.append("under 18 (no age given)")
        if patient.pregnant or plan.indication.pregnancy:
            facts.append("pregnant" + ("" if patient.pregnant else " (the diagnosis)"))
    if plan.weight_decision is not None and plan.weight_decision.overridden:
        facts.append("dose on actual weight chosen")
    if facts:
        lines.append(line(Span("Also:", "strong"), f" {'; '.join(facts)}"))
    for risk in plan.risks:
        why = "" if risk.why == "entered" else f" ({risk.why})"
        lines.append(line(Span("Risk:", "strong"), f" {risk.label}{why}"))
    return Section("patient", "The patient as entered", tuple(lines), titled=True)


def _product(plan: DosePlan) -> Section:
    product = plan.product
    if product is None:
        if plan.concentration is None:
            return Section("product", "Product", ())
        text = f" {fmt.concentration(plan.concentration)} — no product chosen: the product's SmPC sets the rates"
        return Section("product", "Product", (line(Span("Concentration:", "strong"), text),))
    lines = [line(Span("Product:", "strong"), f" {product.name} ({fmt.concentration(plan.concentration)})")] if (
        plan.concentration is not None
    ) else []  # fmt: skip
    for content in product.excipients:
        amount = f" {content.amount}" if content.amount else ""
        lines.append(line(f"Contains {content.excipient.value}{amount} ", Span(f"({content.source})", "small")))
    if product.sodium is not None:
        lines.append(line(f"Sodium: {product.sodium.text} ", Span(f"({product.sodium.source})", "small")))
    if product.iga is not None:
        most = fmt.number(product.iga.most_micrograms_per_ml, 1)
        lines.append(line(f"IgA: at most {most} micrograms/mL ", Span(f"({product.iga.source})", "small")))
    if product.licensed_ages is not None:
        ages = product.licensed_ages
        lines.append(line(f"Licensed: {ages.text} ", Span(f"({ages.source})", "small")))
    rates = product.rates
    lines.append(line(f"Rates ({rates.status}): {rates.escalation} ", Span(f"({rates.source})", "small")))
    lines += [line(note) for note in product.notes]
    return Section("product", "Product", tuple(lines), titled=True)


def _guidance(plan: DosePlan) -> Section:
    """Newer national guidance, beside the review's recommendation and never in its place."""
    lines = tuple(
        line(Span(f"{g.published}:", "strong"), f" {g.text} ", Span(f"({g.source})", "small")) for g in plan.guidance
    )
    return Section("guidance", "Newer guidance, beside the review (not in its place)", lines, titled=True)


def _working(plan: DosePlan) -> Section:
    return Section("working", "Working", tuple(line(text) for text in plan.arithmetic), "mono", titled=True)


def _rounding(plan: DosePlan) -> Section:
    first = plan.days[0] if plan.days else None
    lines = []
    if first is not None and first.rounded is not None:
        lines.append(line(Span("Rounded, each day:", "strong"), f" {describe(first.rounded)}"))
    lines += [line(text) for text in rounding_lines(plan)]
    return Section("rounding", "Rounding", tuple(lines))


RATES_PER_KG = "Rates per kg:"  # also under the Regimen
STEPS_FROM = "Rate steps from"  # the text the rate steps come from, where it is not the rates' source


def _schedule(plan: DosePlan) -> Section | None:
    first = plan.days[0] if plan.days else None
    if first is None or first.schedule is None:
        return None
    schedule = first.schedule
    heading = line(Span("Infusion schedule, each day", "strong"), " ", Span(f"({schedule.basis})", "small"))
    steps = tuple(line(text, indent=1) for text in schedule_lines(schedule))
    per_kg = line(Span(f"{RATES_PER_KG} {rate_weight_note(plan)}", "small"))  # the worksheet has it once
    cited = [per_kg, line(Span(schedule.source, "small"))]
    if schedule.steps_from and schedule.steps_from != schedule.source:
        cited.append(line(Span(f"{STEPS_FROM}: {' '.join(schedule.steps_from.split())}", "small")))
    return Section("schedule", "Infusion schedule, each day", (heading, *steps, *cited))


def _dates(plan: DosePlan) -> Section:
    return Section("dates", "Dates", tuple(line(text) for text in course_lines(plan)), titled=True)


def _repeat(plan: DosePlan) -> Section | None:
    if plan.repeat is None:
        return None
    review = f" {plan.repeat.review}" if plan.repeat.review else ""
    return Section("repeat", "Repeat", (line(Span("Repeat:", "strong"), f" {plan.repeat.text}.{review}"),))


def _co_medication(plan: DosePlan) -> Section:
    lines = []
    beside = " (newer guidance, beside the review's dose, not in its place)"  # its drug names its source
    for med, note in [*((m, "") for m in plan.co_medication), *((m, beside) for m in plan.guidance_co_medication)]:
        doses = "; ".join(
            f"{n} doses of {fmt.milligram_range(lo, hi)}" if n > 1 else f"one dose of {fmt.milligram_range(lo, hi)}"
            for n, lo, hi in med.per_dose
        )
        on = f" on actual weight {fmt.kg(med.weight)}" if med.weight is not None else ""
        lines.append(
            line(
                Span(f"{med.drug}{note}:", "strong"),
                f" {fmt.milligram_range(med.per_day_min, med.per_day_max)} a day{on}, as {doses} ",
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
    shown = [w for w in plan.warnings if w is not plan.contraindication]  # that one stands first, above
    lines = tuple(line(f"⚠ {w.text} ", Span(f"({w.source})", "small")) for w in shown)
    return Section("warnings", "Warnings", lines, "warning", titled=True)


def _references(plan: DosePlan) -> Section:
    lines = tuple(line(f"[{r.number}] {r.citation}") for r in plan.references)
    return Section("references", "References", lines, titled=True)


# -- lines shared by the sections -------------------------------------------------------------


def schedule_lines(schedule: Schedule) -> list[str]:
    """The rate steps as a nurse reads them: '42 mL/h (0.6 mL/kg/h) for 30 min (21 mL)'."""
    lines = []
    if schedule.start_ml_per_h is not None:
        lines.append(
            f"start at {fmt.pump_rate(schedule.start_ml_per_h)} (the label's initial rate; no step times given)"
        )
    last = len(schedule.steps) if not schedule.untimed_ml else 0
    for number, step in enumerate(schedule.steps, start=1):
        until = " until the bag is empty" if number == last else ""
        minutes = fmt.number(step.minutes, 0, ROUND_CEILING)
        per_kg = fmt.number(step.ml_per_kg_h, 2, ROUND_FLOOR)
        lines.append(
            f"{fmt.pump_rate(step.ml_per_h)} ({per_kg} mL/kg/h) for {minutes} min{until} "
            f"({fmt.number(step.millilitres, 1)} mL)"
        )
    ceiling = schedule.ceiling
    per_kg = fmt.number(ceiling.ml_per_kg_h, 2, ROUND_FLOOR)
    if schedule.untimed_ml:
        lines.append(
            f"then increase gradually, if tolerated, up to {fmt.pump_rate(ceiling.ml_per_h)} ({per_kg} mL/kg/h) "
            f"until the bag is empty ({fmt.number(schedule.untimed_ml, 1)} mL): the label gives no steps or times "
            "for this part; write each change as it is made"
        )
    at_least = "at least " if schedule.lower_bound else ""
    lines.append(f"{at_least}{fmt.duration(schedule.hours)} in all")
    lines.append(f"never above {fmt.pump_rate(ceiling.ml_per_h)} ({per_kg} mL/kg/h): {ceiling.reason}")
    return lines


def rounding_lines(plan: DosePlan) -> list[str]:
    """The fewer-vials alternative (when there is one) and why there is no rounding or schedule."""
    first = plan.days[0] if plan.days else None
    lines = []
    if first is not None and first.rounded is not None and first.rounded.fewer_vials is not None:
        fewer = first.rounded.fewer_vials
        lines.append(f"Fewer vials within the {fmt.number(fewer.tolerance_percent, 1)} % tolerance: {describe(fewer)}")
    return lines + [note for note in (plan.rounding_note, plan.schedule_note) if note]


def weight_rule_note(plan: DosePlan) -> str:
    """The weight rule in force when it is not the default (Settings › Dosing-weight rule), in words;
    "" for the default rule, or when no weight was worked out. A rule other than the default
    changes the dose, so it is named wherever the dose is read."""
    from ivigdesk.dosing.body_weight import WEIGHT_RULES
    from ivigdesk.dosing.policy_choices import DEFAULT_RULE

    decision = plan.weight_decision
    if decision is None or decision.rule.id == DEFAULT_RULE:
        return ""
    return f"Weight rule in force: {decision.rule.name}, not the default ({WEIGHT_RULES[DEFAULT_RULE].name})"


def rate_weight_note(plan: DosePlan) -> str:
    """The weight every mL/kg/h is per kg of: the dosing weight, with how it was chosen."""
    if plan.dosing_weight is None:
        return ""
    return f"every mL/kg/h is per kg of the dosing weight, {fmt.kg(plan.dosing_weight)} ({plan.weight_basis.lower()})"


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


# -- the key result ---------------------------------------------------------------------------


def key_result(plan: DosePlan, days: DayTable | None) -> KeyResult:
    """The figures a nurse and a checker look for first, taken from the day table."""
    patient = patient_summary(plan)
    alert = ""
    if plan.contraindication is not None:
        alert = f"CONTRAINDICATED: IgA deficiency with anti-IgA antibodies. {NOT_TO_BE_GIVEN}."
    lead = f"{alert} " if alert else ""
    if days is None or not days.rows:
        reason = f"No dose is calculated. {plan.no_dose_reason or ''}".strip()
        facts: tuple[KeyFact, ...] = (KeyFact("Dose", "none calculated", plan.no_dose_reason or ""),)
        return KeyResult(facts, patient, f"{lead}{plan.colour.word}. {plan.indication.name}. {reason}", alert)
    first = days.rows[0]
    same = all((r.give, r.give_volume, r.min_duration, r.rate) == (first.give, first.give_volume,
               first.min_duration, first.rate) for r in days.rows)  # fmt: skip
    count = len(days.rows)
    each = ("a day" if count > 1 else "") if same else "on day 1"
    span = f" × {count} days" if same and count > 1 else ""
    exact = f"exact {first.exact.text}" if first.rounded else ""
    volume = first.give_volume.text if first.give_volume is not None else "no volume (no concentration)"
    rate = "set by the product's SmPC"
    rate_detail = NOT_CONFIRMED_DETAIL if first.product_chosen else ""
    if first.rate is not None and first.rate_per_kg is not None:
        rate = f"{first.rate.text} ({first.rate_per_kg.text})"
        rate_detail = first.rate_is + ("" if first.product_maximum_known else f"; {maximum_caveat(first)}")
        if plan.dosing_weight is not None:
            rate_detail += f"; mL/kg/h of the {fmt.kg(plan.dosing_weight)} dosing weight"
    facts = (
        KeyFact("Dose", f"{first.give.text} {each}{span}".replace("  ", " ").strip(), exact),
        KeyFact("Volume", f"{volume} {each}".strip(), first.vials),
        KeyFact("Infuse over at least", first.min_duration or "not set", ""),
        KeyFact("Fastest rate", rate, rate_detail),
    )
    summary = (
        f"{lead}{plan.colour.word}. {plan.indication.name}. "
        + ". ".join(f"{f.label} {f.value}" + (f", {f.detail}" if f.detail else "") for f in facts)
        + "."
    )
    return KeyResult(facts, patient, summary, alert)


def patient_summary(plan: DosePlan) -> str:
    """The patient inputs that change the dose, on one line: "Weight 110 kg · height 165 cm ·
    female · dosing weight 79.6 kg (adjusted body weight)"."""
    parts = [f"{what.lower()} {text}" for what, text in plan.typed]
    patient = plan.patient
    if patient is not None:
        if patient.sex:
            parts.append(patient.sex)
        if patient.pregnant:
            parts.append("pregnant")
        if patient.age_years is None and patient.under_18:
            parts.append("under 18")
    parts += [risk.label for risk in plan.risks]
    decision = plan.weight_decision
    if decision is not None:
        parts.append(f"dosing weight {fmt.kg(decision.used)} ({decision.basis.lower()})")
    if rule := weight_rule_note(plan):
        parts.append(rule)  # not the default: it changes the dose
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


# -- the day table -----------------------------------------------------------------------------


def _figure(quantity: Quantity | None, unit: str) -> Figure | None:
    if quantity is None:
        return None
    text = {"g": fmt.grams, "mL": fmt.millilitres}[unit](quantity)
    return Figure(text.removesuffix(f" {unit}"), unit)


NOT_CONFIRMED_DETAIL = "its maximum is not confirmed in IVIG Desk: take the rates from its SmPC (section 4.2)"


def maximum_caveat(row: DayRow) -> str:
    """Why a rate shown may still be faster than the product allows (only when no product applies)."""
    if not row.product_chosen:
        return "no product is chosen: its SmPC maximum may be lower"
    return "product maximum not confirmed: check the SmPC"


RATE_IS = {
    "duration": "meets the minimum duration",
    "product": "the product's maximum",
    "indication": "the product's maximum for this indication",
    "risk": "the product's maximum for patients at risk",
    "user": "the maximum entered from the SmPC",
}


def _day_row(day: InfusionDay, weight: Quantity | None, product_chosen: bool = True) -> DayRow:
    from ivigdesk.units import Q

    rounded = day.rounded
    bag = rounded.millilitres if rounded is not None else None
    ceiling = day.ceiling
    return DayRow(
        day=day.day,
        date=day.date,
        give=Figure(fmt.number(day.dispensed_grams, 2), "g"),
        give_volume=Figure(fmt.number(bag, 1), "mL") if bag is not None else _figure(day.volume, "mL"),
        exact=Figure(fmt.grams(day.dose).removesuffix(" g"), "g"),
        exact_volume=_figure(day.volume, "mL"),
        rounded=rounded is not None and rounded.difference_g != 0,
        vials=" + ".join(f"{n} × {fmt.number(g, 2)} g" for g, n in rounded.vials) if rounded is not None else "",
        vial_count=rounded.vial_count if rounded is not None else 0,
        rounding=describe(rounded) if rounded is not None else "",
        min_duration=fmt.duration(day.min_duration.to("h").magnitude) if day.min_duration else None,
        max_duration=fmt.duration(day.max_duration.to("h").magnitude) if day.max_duration else None,
        rate=Figure(fmt.rate_limit(Q(ceiling.ml_per_h, "mL/h")).removesuffix(" mL/h"), "mL/h") if ceiling else None,
        rate_per_kg=Figure(fmt.number(ceiling.ml_per_kg_h, 2, ROUND_FLOOR), "mL/kg/h") if ceiling else None,
        rate_is=RATE_IS[ceiling.limit] if ceiling is not None else "set by the product's SmPC",
        product_maximum_known=day.product_maximum_known,
        product_chosen=product_chosen,
    )


def _day_table(plan: DosePlan) -> DayTable:
    assert plan.total_dose is not None

    volumes = [day.volume for day in plan.days if day.volume is not None]
    exact_volume = sum(volumes[1:], volumes[0]) if volumes else None
    given, given_volume = plan.dispensed_total, plan.dispensed_volume
    rows = tuple(_day_row(day, plan.dosing_weight, plan.product is not None) for day in plan.days)
    return DayTable(
        rows=rows,
        total=Figure(fmt.number(given, 2), "g") if given is not None else Figure("–"),
        total_volume=Figure(fmt.number(given_volume, 1), "mL") if given_volume is not None else None,
        exact_total=Figure(fmt.grams(plan.total_dose).removesuffix(" g"), "g"),
        exact_total_volume=_figure(exact_volume, "mL"),
        rounded=any(row.rounded for row in rows),
    )
