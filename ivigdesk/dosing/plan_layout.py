"""The parts a plan's layout is made of, and how a line reads as HTML.

Spans make lines, lines make sections; a figure keeps a number and its unit apart; the day
table, the key result and the whole :class:`PlanView` hold them in reading order. Only records
here: ``presentation.plan_view`` fills them in. No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Literal

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
