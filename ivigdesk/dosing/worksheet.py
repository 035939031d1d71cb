"""The worksheet as the ward's IVIG record, as HTML parts (no Qt), drawn from the plan's one
presentation model.

Part one is the plan and its check: who the patient is (ruled lines when not typed), the panel
approval, the patient as entered, every section the screen shows, the day table and the
"calculated by / checked by" lines. Then one administration block per infusion day: the dose and
bag, one row per vial for batch and expiry, the rate steps with blank columns for observations,
start and stop times, the pre-infusion checklist and a reaction record. ``ivigdesk.ui.qt_worksheet``
paginates the parts and prints the header (patient, indication, page X of Y) on every page.
Nothing depends on colour, so it reads the same printed in black and white; the text is black
on white whatever the screen's theme (a dark palette must not print grey on white).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from ivigdesk.dosing.administration import day_records
from ivigdesk.dosing.identity import PatientIdentity
from ivigdesk.dosing.presentation import lines_html, plan_view
from ivigdesk.dosing.report import columns, course_total, day_cells

if TYPE_CHECKING:
    from ivigdesk.dosing.administration import DayRecord
    from ivigdesk.dosing.presentation import DayTable, PlanView, Section
    from ivigdesk.dosing.result import DosePlan

STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8.5pt; color: #000000; background: #ffffff; }
h1 { font-size: 13pt; margin: 0; }
h2 { font-size: 10pt; margin: 6px 0 2px 0; }
table.grid { border-collapse: collapse; width: 100%; }
table.grid th, table.grid td { border: 1px solid #000; padding: 3px 4px; }
table.grid th { background: #e6e6e6; }
.badge { font-weight: bold; border: 2px solid #000; padding: 2px 6px; }
.box { border: 3px solid #000; padding: 6px; font-weight: bold; }
.warn { border-left: 3px solid #000; padding-left: 4px; }
.small { font-size: 7pt; }
td.fill { height: 20px; }
"""
# sections whose lines name themselves ("Regimen: …", "Note: …") need no heading on paper
UNTITLED = frozenset({"status", "source", "regimen", "repeat", "co-medication", "to-confirm", "notes", "schedule"})
BLANK = "_______________________"
APPROVAL_BOXES = {  # colour: what the box says, before the colour's own meaning
    "grey": "PANEL APPROVAL REQUIRED before IVIG is supplied.",
    "black": "NOT PERMITTED by the panel: do not supply without the panel's written decision.",
    "unlisted": "NO COLOUR IN THE SOURCE: the panel decides; record its decision above.",
}
GRID = "<table class='grid' width='100%' cellspacing='0' cellpadding='3'>"
HEADER_FIELDS = ("name", "hospital_number", "date_of_birth", "ward")  # on every page
PERSON_FIELDS = (*HEADER_FIELDS, "consultant")


@dataclass(frozen=True)
class Worksheet:
    """The parts of the worksheet, and the header every page carries."""

    title: str  # "IVIG worksheet · Kawasaki disease — Acute"
    patient_line: str  # "Name: … · Hospital / NHS number: … · …" (blank lines when not typed)
    plan_html: str  # part one: the plan and its check
    day_html: tuple[str, ...]  # one administration block per infusion day
    footer: str  # program and data versions, printed time

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
    labels = PatientIdentity.LABELS
    patient_line = " · ".join(f"{labels[key]}: {identity.text(key) or '____________'}" for key in HEADER_FIELDS)
    return Worksheet(
        title=f"IVIG worksheet · {view.indication} — {view.circumstance}",
        patient_line=patient_line,
        plan_html=_plan_part(view, identity, disclaimer),
        day_html=tuple(_alert(view) + _day_part(record) for record in day_records(plan, view)),
        footer=f"{view.versions} · printed {printed:%d %b %Y %H:%M}",
    )


def _alert(view: PlanView) -> str:
    """A contraindication, at the top of every infusion day's page as well."""
    return f"<p class='warn'><b>⚠ {escape(view.key.alert)}</b></p>" if view.key.alert else ""


def plan_to_html(plan: DosePlan, disclaimer: str, printed: datetime | None = None) -> str:
    """The whole worksheet as one HTML text (no identity typed: ruled lines)."""
    return build_worksheet(plan, None, disclaimer, printed).html


# -- part one: the plan and its check ----------------------------------------------------------


def _plan_part(view: PlanView, identity: PatientIdentity, disclaimer: str) -> str:
    parts = [
        f"<html><head><style>{STYLE}</style></head><body>",
        f"<h1>IVIG worksheet: {escape(view.indication)}</h1>",
        f"<p>{escape(view.circumstance)}<br><span class='badge'>{escape(view.colour_word)}</span> "
        f"{escape(view.priority)} — {escape(view.meaning)}</p>",
    ]
    stop = view.section("contraindication")
    if stop is not None:  # first and most prominent, before the patient's details
        parts.append(_section(stop))
    parts += [_identity_table(identity), _approval(view, identity)]
    for section in view.sections:
        if section is stop:
            continue
        parts.append(_section(section))
        if section.key == "working" and view.days is not None:
            parts.append(_day_table(view.days))
    parts.append(f"<p class='small'>{escape(disclaimer)}</p>")
    parts.append(
        f"{GRID}<tr><td class='fill'>Calculated by (name, signature):</td><td>Date/time:</td></tr>"
        "<tr><td class='fill'>Checked by (name, signature):</td><td>Date/time:</td></tr></table>"
    )
    parts.append("</body></html>")
    return "".join(parts)


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


def _section(section: Section) -> str:
    heading = "" if section.key in UNTITLED else f"<h2>{escape(section.title)}</h2>"
    body = lines_html(section.lines)
    if section.kind == "mono":
        return f"{heading}<p style='font-family: monospace'>{body}</p>"
    if section.kind in ("warning", "no-dose"):
        return f"{heading}<p class='warn'>{body}</p>"
    if section.key == "references":
        return f"<p class='small'><b>{escape(section.title)}</b><br>{body}</p>"
    return f"{heading}<p>{body}</p>"


def _day_table(table: DayTable) -> str:
    shown = columns(table)
    header = "".join(f"<th>{escape(title)}</th>" for _, title in shown)
    rows = []
    for row in table.rows:
        cells = day_cells(row)
        rows.append("<tr>" + "".join(f"<td>{escape(cells[key] or '–')}</td>" for key, _ in shown) + "</tr>")
    return f"{GRID}<tr>{header}</tr>{''.join(rows)}</table><p>{escape(course_total(table))}</p>"


# -- one administration block per infusion day -------------------------------------------------

OBSERVATIONS = ("Actual time", "BP", "Pulse", "Temp", "RR", "Initials")


def _day_part(record: DayRecord) -> str:
    date = escape(record.date) if record.date else "Date: " + BLANK
    exact = f" ({escape(record.exact)})" if record.exact else ""
    vial_rows = "".join(
        f"<tr><td>{n}</td><td class='fill'>{escape(vial)}</td><td></td><td></td></tr>"
        for n, vial in enumerate(record.vials, start=1)
    )
    checklist = "".join(f"<tr><td width='6%'>☐</td><td>{escape(item)}</td></tr>" for item in record.checklist)
    observation_heads = "".join(f"<th>{escape(head)}</th>" for head in OBSERVATIONS)
    rate_rows = "".join(
        f"<tr><td class='fill'>{escape(row.planned)}</td><td>{escape(row.rate)}</td><td>{escape(row.what)}</td>"
        + "<td></td>" * len(OBSERVATIONS)
        + "</tr>"
        for row in record.rate_rows
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
        f"{GRID}<tr><th width='6%'>#</th><th>Product and vial size</th><th>Batch number</th>"
        f"<th>Expiry</th></tr>{vial_rows}</table>"
        "<h2>Rate and observations</h2>"
        f"{GRID}<tr><th>Planned time</th><th>Planned rate</th><th>Step</th>{observation_heads}</tr>"
        f"{rate_rows}</table>{note}"
        f"{GRID}<tr><td class='fill'>Start time:</td><td>Stop time:</td><td>Volume given (mL):</td></tr>"
        "</table>"
        "<h2>Reaction record</h2>"
        f"{GRID}<tr><td width='6%'>☐</td><td>No reaction</td></tr>"
        "<tr><td>☐</td><td class='fill'>Reaction. What happened, and when:</td></tr>"
        "<tr><td></td><td class='fill'>What was done (rate slowed or stopped, treatment):</td></tr></table>"
        f"{GRID}<tr><td class='fill'>Given by (name, signature):</td>"
        "<td>Checked by (name, signature):</td></tr></table>"
        "</body></html>"
    )
