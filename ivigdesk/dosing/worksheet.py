"""The printable worksheet as HTML (no Qt): everything a second pharmacist needs to check the
plan, with lines to sign. Qt renders it to paper or PDF in ``ivigdesk.ui.qt_worksheet``."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from ivigdesk import __version__
from ivigdesk.dosing import formatting as fmt
from ivigdesk.dosing.report import STATUS_WORDS, course_lines, day_cells, grade_text, schedule_lines, weight_lines

if TYPE_CHECKING:
    from ivigdesk.dosing.result import DosePlan

COLUMNS = (
    ("day", "Day"),
    ("date", "Date"),
    ("dose", "Dose"),
    ("volume", "Volume"),
    ("duration", "Min. duration"),
    ("rate", "Max. rate"),
    ("rounded", "Rounded (vials)"),
)
STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8.5pt; }
h1 { font-size: 13pt; margin: 0; }
h2 { font-size: 10pt; margin: 6px 0 2px 0; }
table.days { border-collapse: collapse; width: 100%; }
table.days th, table.days td { border: 1px solid #555; padding: 2px 4px; }
.badge { font-weight: bold; border: 2px solid #000; padding: 2px 6px; }
.warn { border-left: 3px solid #b45309; padding-left: 4px; }
.small { font-size: 7pt; }
td.sign { padding-top: 18px; }
"""


def _lines(lines: list[str]) -> str:
    return "<br>".join(escape(line) for line in lines)


def plan_to_html(plan: DosePlan, disclaimer: str, printed: datetime | None = None) -> str:
    """One page of HTML for ``plan``."""
    printed = printed or datetime.now()
    c = plan.circumstance
    parts = [
        f"<html><head><style>{STYLE}</style></head><body>",
        f"<h1>IVIG worksheet: {escape(plan.indication.name)}</h1>",
        f"<p>{escape(c.label)}<br><span class='badge'>{escape(plan.colour.word)}</span> "
        f"{escape(plan.colour.priority)} · <b>{STATUS_WORDS[plan.status.value]}</b> · {escape(grade_text(plan))} "
        f"({escape(c.source)})</p>",
    ]
    if plan.status_reason:
        parts.append(f"<p>{escape(plan.status_reason)}</p>")
    parts.append("<h2>Patient and weight</h2>")
    parts.append(f"<p>{_lines(weight_lines(plan))}</p>")
    if plan.product is not None:
        parts.append(
            f"<p>Product: <b>{escape(plan.product.name)}</b> ({fmt.concentration(plan.product.concentration)})"
        )
        parts.append(" · batch number: ____________</p>")
    elif plan.concentration is not None:
        parts.append(f"<p>Concentration: {fmt.concentration(plan.concentration)} (no product chosen)</p>")
    if not plan.has_dose:
        parts.append(f"<h2>No dose is calculated</h2><p>{escape(plan.no_dose_reason or '')}</p>")
    else:
        assert plan.regimen is not None and plan.total_dose is not None
        parts.append(f"<h2>Regimen: {escape(plan.regimen.label)}</h2>")
        parts.append(f"<p style='font-family: monospace'>{_lines(list(plan.arithmetic))}</p>")
        header = "".join(f"<th>{title}</th>" for _, title in COLUMNS)
        rows = []
        for day in plan.days:
            cells = day_cells(day)
            rows.append("<tr>" + "".join(f"<td>{escape(cells[key] or '–')}</td>" for key, _ in COLUMNS) + "</tr>")
        parts.append(f"<table class='days'><tr>{header}</tr>{''.join(rows)}</table>")
        total = f"Course total {fmt.grams(plan.total_dose)} over {plan.day_count} day(s)"
        if plan.actual_weight_total_dose is not None:
            total += f"; on actual weight it would be {fmt.grams(plan.actual_weight_total_dose)}"
        parts.append(f"<p>{escape(total)}</p>")
        notes = [n for n in (plan.rounding_note, plan.schedule_note) if n]
        if notes:
            parts.append(f"<p>{_lines(notes)}</p>")
        schedule = plan.days[0].schedule if plan.days else None
        if schedule is not None:
            parts.append("<h2>Infusion schedule, each day</h2>")
            parts.append(f"<p>{_lines(schedule_lines(schedule))}<br><span class='small'>")
            parts.append(f"{escape(schedule.basis)} — {escape(schedule.source)}</span></p>")
        dates = course_lines(plan)
        if dates:
            parts.append(f"<h2>Dates</h2><p>{_lines(dates)}</p>")
    extras = []
    if plan.repeat:
        extras.append(f"Repeat: {plan.repeat.text}")
    for med in plan.co_medication:
        extras.append(f"{med.drug}: {fmt.milligram_range(med.per_day_min, med.per_day_max)} a day")
    extras += [f"To confirm: {q.text}" for q in plan.unanswered]
    if extras:
        parts.append(f"<p>{_lines(extras)}</p>")
    if plan.warnings:
        parts.append("<h2>Warnings</h2>")
        parts.append("<p class='warn'>" + "<br>".join(f"⚠ {escape(w.text)}" for w in plan.warnings) + "</p>")
    if plan.references:
        refs = "<br>".join(f"[{r.number}] {escape(r.citation)}" for r in plan.references)
        parts.append(f"<p class='small'><b>References</b><br>{refs}</p>")
    versions = (
        f"IVIG Desk {__version__} · knowledge base {plan.knowledge_base_version} "
        f"({plan.knowledge_base_origin}, sha256 {plan.knowledge_base_checksum[:16]})"
    )
    if plan.catalogue_version:
        versions += f" · products {plan.catalogue_version} (sha256 {(plan.catalogue_checksum or '')[:16]})"
    parts.append(f"<p class='small'>{escape(versions)} · printed {printed:%d %b %Y %H:%M}<br>{escape(disclaimer)}</p>")
    parts.append(
        "<table width='100%'><tr><td class='sign'>Calculated by: ______________________ Date/time: ____________</td>"
        "<td class='sign'>Checked by: ______________________ Date/time: ____________</td></tr></table>"
    )
    parts.append("</body></html>")
    return "".join(parts)
