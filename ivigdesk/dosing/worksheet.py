"""The worksheet as the ward's IVIG record, as HTML parts (no Qt), drawn from the plan's one
presentation model.

Part one is the plan and its check: who the patient is (ruled lines when not typed), the panel
approval, the patient as entered, every section the screen shows, the day table and the
"calculated by / checked by" lines. Then one administration block per infusion day: the dose and
bag, one row per vial for batch and expiry, the rate steps with blank columns for observations,
start and stop times, the pre-infusion checklist and a reaction record. ``ivigdesk.ui.qt_worksheet``
paginates the parts and puts the running header, the patient strip (:meth:`Worksheet.strip_html`:
name, number, date of birth, indication, day and page) and the footer on every page.
Every size is in points: the page is laid out in points and drawn scaled to the device.
Nothing depends on colour, so it reads the same printed in black and white; the text is black
on white whatever the screen's theme (a dark palette must not print grey on white).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from ivigdesk.dosing.administration import day_records
from ivigdesk.dosing.identity import PatientIdentity
from ivigdesk.dosing.presentation import RATES_PER_KG, lines_html, plan_view
from ivigdesk.dosing.report import columns, course_total, day_cells

if TYPE_CHECKING:
    from ivigdesk.dosing.administration import DayRecord
    from ivigdesk.dosing.presentation import DayTable, PlanView, Section
    from ivigdesk.dosing.result import DosePlan

STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #000000; background: #ffffff; }
h1 { font-size: 15pt; margin: 0 0 2px 0; }
p { margin: 2px 0 3px 0; }
h2 { font-size: 12pt; margin: 4px 0 1px 0; }
table.grid { border-collapse: collapse; width: 100%; }
table.grid th, table.grid td { border: 0.75px solid #000; padding: 1px 3px; }
table.grid th { background: #e6e6e6; }
.badge { font-weight: bold; border: 2px solid #000; padding: 2px 6px; }
.box { border: 3px solid #000; padding: 6px; font-weight: bold; }
.warn { border-left: 3px solid #000; padding-left: 4px; }
.small, small { font-size: 9pt; }
td.fill { height: 15px; }
"""
# sections whose lines name themselves ("Regimen: …", "Note: …") need no heading on paper
UNTITLED = frozenset({"status", "source", "regimen", "repeat", "co-medication", "to-confirm", "notes", "schedule"})
BLANK = "_______________________"
APPROVAL_BOXES = {  # colour: what the box says, before the colour's own meaning
    "grey": "PANEL APPROVAL REQUIRED before IVIG is supplied.",
    "black": "NOT PERMITTED by the panel: do not supply without the panel's written decision.",
    "unlisted": "NO COLOUR IN THE SOURCE: the panel decides; record its decision above.",
}
GRID = "<table class='grid' width='100%' cellspacing='0' cellpadding='1'>"
FRAME_STYLE = "body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; color: #000000; }"
STRIP_FIELD = 40  # characters of one identity field on the strip; longer text ends in "…"
PERSON_FIELDS = ("name", "hospital_number", "date_of_birth", "ward", "consultant")


@dataclass(frozen=True)
class Worksheet:
    """The parts of the worksheet, and the header every page carries."""

    plan_html: str  # part one: the plan and its check
    plan_blocks: tuple[str, ...]  # the same, as blocks a page break falls between
    day_html: tuple[str, ...]  # one administration block per infusion day
    footer: str  # program and data versions, printed time
    identity: PatientIdentity = field(default_factory=PatientIdentity)
    indication: str = ""
    day_labels: tuple[str, ...] = ()  # "Day 1 of 5 · Fri 29 Jan 2027", one per day part

    def header_html(self, part: str, number: int, count: int) -> str:
        """The running header: the title and the part, and "page X of Y" at the right."""
        return (
            f"<html><head><style>{FRAME_STYLE}</style></head><body><table width='100%' cellspacing='0'>"
            f"<tr><td><b>IVIG worksheet · {escape(part)}</b></td>"
            f"<td align='right' width='30%'><b>page {number} of {count}</b></td></tr></table></body></html>"
        )

    def footer_html(self) -> str:
        return f"<html><head><style>{FRAME_STYLE}</style></head><body><p>{escape(self.footer)}</p></body></html>"

    def strip_html(self, part: str, number: int, count: int) -> str:
        """Whose page this is, at the top of its body: name, hospital / NHS number and date of
        birth (as typed, shortened with "…" when very long; ruled lines when empty), the
        indication, the part ("Plan and check", "Day 2 of 5") and "page X of Y"."""

        def typed(key: str, label: str) -> str:
            return f"{escape(label)}: <b>{escape(_short(self.identity.text(key))) or '____________'}</b>"

        return (
            f"<html><head><style>{STYLE}</style></head><body>{GRID}<tr>"
            f"<td colspan='2'>{typed('name', 'Name')}</td>"
            f"<td>{typed('hospital_number', 'Hospital / NHS no.')}</td></tr>"
            f"<tr><td width='30%'>{typed('date_of_birth', 'Date of birth')}</td>"
            f"<td width='36%'>Indication: {escape(self.indication)}</td>"
            f"<td width='34%'><b>{escape(part.split(' · ')[0])}</b> · page {number} of {count}</table></body></html>"
        )

    @property
    def html(self) -> str:
        """Every part, one after another (for reading the worksheet back as text)."""
        return self.plan_html + "".join(self.day_html)


def build_worksheet(
    plan: DosePlan, identity: PatientIdentity | None = None, disclaimer: str = "", printed: datetime | None = None
) -> Worksheet:
    """The worksheet for ``plan``, for the patient ``identity`` names (ruled lines where empty)."""
    identity = identity or PatientIdentity()
    printed = printed or datetime.now()
    view = plan_view(plan)
    records = day_records(plan, view)
    blocks = _plan_blocks(view, identity, disclaimer)
    return Worksheet(
        plan_html="".join(blocks),
        plan_blocks=blocks,
        day_html=tuple(_alert(view) + _day_part(record) for record in records),
        day_labels=tuple(f"Day {r.day} of {r.of}" + (f" · {r.date}" if r.date else "") for r in records),
        footer=f"{view.versions} · printed {printed:%d %b %Y %H:%M}",
        identity=identity,
        indication=view.indication,
    )


def _short(text: str, limit: int = STRIP_FIELD) -> str:
    """``text`` without control or direction-override characters, at most ``limit`` characters
    (ending in "…" when shortened)."""
    import unicodedata

    clean = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf") or c == "\u200d")
    return clean if len(clean) <= limit else clean[: limit - 1].rstrip() + "…"


def _alert(view: PlanView) -> str:
    """A contraindication, at the top of every infusion day's page as well."""
    return f"<p class='warn'><b>⚠ {escape(view.key.alert)}</b></p>" if view.key.alert else ""


def plan_to_html(plan: DosePlan, disclaimer: str, printed: datetime | None = None) -> str:
    """The whole worksheet as one HTML text (no identity typed: ruled lines)."""
    return build_worksheet(plan, None, disclaimer, printed).html


# -- part one: the plan and its check ----------------------------------------------------------


def _plan_blocks(view: PlanView, identity: PatientIdentity, disclaimer: str) -> tuple[str, ...]:
    """Part one as blocks that a page break never cuts: each a whole HTML document."""
    parts = [
        f"<h1>IVIG worksheet: {escape(view.indication)}</h1>",
        f"<p>{escape(view.circumstance)}<br><span class='badge'>{escape(view.colour_word)}</span> "
        f"{escape(view.priority)} — {escape(view.meaning)}</p>",
    ]
    stop = view.section("contraindication")
    if stop is not None:  # first and most prominent, before the patient's details
        parts.extend(_section_blocks(stop))
    parts += [_identity_table(identity), _approval(view, identity)]
    if view.weight_rule:  # not the default rule: it changed the dose
        parts.append(f"<p class='box'><b>{escape(view.weight_rule)}.</b></p>")
    for section in view.sections:
        if section is stop:
            continue  # already first, before the patient's details
        if section.key == "schedule":  # "Rates per kg" is printed once, under the Regimen
            section = replace(section, lines=tuple(ln for ln in section.lines if not ln.text.startswith(RATES_PER_KG)))
        parts.extend(_section_blocks(section))
        if section.key == "working" and view.days is not None:
            parts.append(_day_table(view.days))
    parts.append(f"<p class='small'>{escape(disclaimer)}</p>")
    parts.append(
        f"{GRID}<tr><td class='fill'>Calculated by (name, signature):</td><td>Date/time:</td></tr>"
        "<tr><td class='fill'>Checked by (name, signature):</td><td>Date/time:</td></tr></table>"
    )
    return tuple(f"<html><head><style>{STYLE}</style></head><body>{part}</body></html>" for part in parts)


def _identity_table(identity: PatientIdentity) -> str:
    """Who the patient is: as typed, or a ruled line to fill in by hand."""
    labels = PatientIdentity.LABELS
    cells = "".join(
        f"<tr><td width='30%'><b>{escape(labels[key])}</b></td>"
        f"<td class='fill'>{escape(identity.text(key)) or BLANK}</td></tr>"
        for key in PERSON_FIELDS
    )
    return f"<h2>Patient</h2>{GRID}{cells}</table>"


def _approval(view: PlanView, identity: PatientIdentity) -> str:
    """The panel approval line, with the colour and status; a box where approval is needed."""
    labels = PatientIdentity.LABELS
    status = view.section("status")
    status_text = escape(status.lines[0].text) if status is not None else ""
    box = APPROVAL_BOXES.get(view.colour)
    boxed = f"<p class='box'>{escape(box)} {escape(view.meaning)}</p>" if box else ""
    rows = "".join(
        f"<tr><td><b>{escape(labels[key])}</b></td><td class='fill'>{escape(identity.text(key)) or BLANK}</td></tr>"
        for key in ("approval_number", "approval_date")
    )
    return (
        f"<h2>Approval</h2>{boxed}{GRID}<tr><td width='30%'><b>Colour and status</b></td>"
        f"<td>{escape(view.colour_word)} ({escape(view.priority)}) · {status_text}</td></tr>{rows}</table>"
    )


def _section_blocks(section: Section, lines: int = 4) -> list[str]:
    """A section as blocks of a few lines each (the heading with the first), so that a page
    break falls between lines, never through one."""
    if len(section.lines) <= lines:
        return [_section(section)]
    chunks = [section.lines[i : i + lines] for i in range(0, len(section.lines), lines)]
    first = _section(replace(section, lines=chunks[0]))
    rest = [_section(replace(section, lines=chunk), heading=False) for chunk in chunks[1:]]
    return [first, *rest]


def _section(section: Section, heading: bool = True) -> str:
    title = "" if section.key in UNTITLED or not heading else f"<h2>{escape(section.title)}</h2>"
    body = lines_html(section.lines)
    if section.kind == "mono":
        return f"{title}<p style='font-family: monospace'>{body}</p>"
    if section.kind in ("warning", "no-dose"):
        return f"{title}<p class='warn'>{body}</p>"
    if section.key == "references":
        return f"{title}<p class='small'>{body}</p>"  # a heading: it may start a page
    return f"{title}<p>{body}</p>"


def _day_table(table: DayTable) -> str:
    shown = columns(table)
    header = "".join(f"<th>{escape(title)}</th>" for _, title in shown)
    rows = []
    for row in table.rows:
        cells = day_cells(row)
        rows.append("<tr>" + "".join(f"<td>{escape(cells[key] or '–')}</td>" for key, _ in shown) + "</tr>")
    return f"{GRID}<tr>{header}</tr>{''.join(rows)}</table><p>{escape(course_total(table))}</p>"


# -- one administration block per infusion day -------------------------------------------------

OBSERVATIONS = (  # (heading, width %): what the nurse writes on each row
    ("Actual time", 8),
    ("Volume so far mL", 10),
    ("BP", 9),
    ("Pulse", 7),
    ("Temp", 7),
    ("RR", 5),
    ("Initials", 10),
)


def _rate_table(record: DayRecord) -> str:
    """The rate and observation table: planned offset, pump rate, rate per kg, step, then the
    columns the nurse fills in."""
    heads = (
        "<th width='8%'>From start</th><th width='7%'>Pump mL/h</th>"
        "<th width='10%'>mL/kg/h</th><th>Step</th>"
        + "".join(f"<th width='{width}%'>{escape(head)}</th>" for head, width in OBSERVATIONS)
    )
    rows = "".join(
        f"<tr><td class='fill'>{escape(row.planned)}</td>"
        f"<td><b>{escape(row.ml_per_h)}</b></td><td>{escape(row.ml_per_kg_h)}</td>"
        f"<td>{escape(row.what)}</td>" + "<td></td>" * len(OBSERVATIONS) + "</tr>"
        for row in record.rate_rows
    )
    return f"{GRID}<tr>{heads}</tr>{rows}</table>"


def _day_part(record: DayRecord) -> str:
    date = escape(record.date) if record.date else "Date: " + BLANK
    exact = f" ({escape(record.exact)})" if record.exact else ""
    vial_rows = "".join(
        f"<tr><td>{n}</td><td class='fill'>{escape(vial)}</td><td></td><td></td></tr>"
        for n, vial in enumerate(record.vials, start=1)
    )
    items = [f"☐ {escape(item)}" for item in record.checklist]
    items += [""] * (len(items) % 2)
    checklist = "".join(
        f"<tr><td width='50%'>{items[i]}</td><td>{items[i + 1]}</td></tr>" for i in range(0, len(items), 2)
    )
    note = f"<p>{escape(record.rates_note)}</p>" if record.rates_note else ""
    return (
        f"<html><head><style>{STYLE}</style></head><body>"
        f"<h1>Day {record.day} of {record.of} · {date}</h1>"
        f"<p><b>Give {escape(record.give)}</b>{exact} · {escape(record.product)}<br>"
        f"Infuse over at least <b>{escape(record.min_duration)}</b> · fastest rate {escape(record.fastest)}</p>"
        "<h2>Before the infusion</h2>"
        f"{GRID}{checklist}</table>"
        "<h2>Vials (one row per vial)</h2>"
        f"{GRID}<tr><th width='4%'>#</th><th>Product and vial size</th><th width='25%'>Batch number</th>"
        f"<th width='18%'>Expiry</th></tr>{vial_rows}</table>"
        "<h2>Rate and observations</h2>"
        "<p>Pump in mL/h"
        + (f"; mL/kg/h on {escape(record.weight)}" if record.weight else "")
        + ". Observe at baseline, each rate change, at least hourly."
        f"<br>Rate schedule: {escape(record.source)}</p>"
        f"{_rate_table(record)}{note}"
        f"{GRID}<tr><td class='fill'>Start time:</td><td>Stop time:</td><td>Volume given (mL):</td></tr>"
        "<tr><td class='fill' colspan='2'>Given by (name, signature):</td>"
        "<td>Checked by (name, signature):</td></tr></table>"
        "<h2>Reaction record</h2>"
        f"{GRID}<tr><td>☐ No reaction &nbsp; ☐ Reaction: what happened, when, and what was done "
        "(rate slowed or stopped, treatment):</td></tr><tr><td class='fill'></td></tr></table>"
        "</body></html>"
    )
