"""The printable worksheet as HTML (no Qt), drawn from the plan's one presentation model: every
section the screen shows, then lines to sign. Qt renders it to paper or PDF in
``ivigdesk.ui.qt_worksheet``."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from ivigdesk.dosing.presentation import lines_html, plan_view

if TYPE_CHECKING:
    from ivigdesk.dosing.presentation import DayTable, Section
    from ivigdesk.dosing.result import DosePlan

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
# sections whose lines name themselves ("Regimen: …", "Note: …") need no heading on paper
UNTITLED = frozenset({"status", "source", "regimen", "repeat", "co-medication", "to-confirm", "notes", "schedule"})
COLUMNS = ("Day", "Date", "Dose", "Volume", "Min. duration", "Max. rate", "Rounded (vials)")


def _section(section: Section) -> str:
    heading = "" if section.key in UNTITLED else f"<h2>{escape(section.title)}</h2>"
    body = lines_html(section.lines)
    if section.kind == "mono":
        return f"{heading}<p style='font-family: monospace'>{body}</p>"
    if section.kind == "warning":
        return f"{heading}<p class='warn'>{body}</p>"
    if section.key == "references":
        return f"<p class='small'><b>{escape(section.title)}</b><br>{body}</p>"
    return f"{heading}<p>{body}</p>"


def _day_table(table: DayTable) -> str:
    header = "".join(f"<th>{title}</th>" for title in COLUMNS)
    rows = []
    for row in table.rows:
        duration = row.min_duration.text if row.min_duration else "not set"
        if row.max_duration is not None:
            duration += f" (at most {row.max_duration.text})"
        cells = (
            str(row.day),
            row.date.strftime("%a %d %b %Y") if row.date else "–",
            row.dose.text,
            row.volume.text if row.volume else "–",
            duration,
            row.max_rate.text if row.max_rate else "per SmPC",
            row.rounding or "–",
        )
        rows.append("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>")
    volume = f", {table.total_volume.text}" if table.total_volume else ""
    total = f"<p>Course total: {escape(table.total_dose.text)}{escape(volume)}</p>"
    return f"<table class='days'><tr>{header}</tr>{''.join(rows)}</table>{total}"


def plan_to_html(plan: DosePlan, disclaimer: str, printed: datetime | None = None) -> str:
    """One page of HTML for ``plan``."""
    printed = printed or datetime.now()
    view = plan_view(plan)
    parts = [
        f"<html><head><style>{STYLE}</style></head><body>",
        f"<h1>IVIG worksheet: {escape(view.indication)}</h1>",
        f"<p>{escape(view.circumstance)}<br><span class='badge'>{escape(view.colour_word)}</span> "
        f"{escape(view.priority)} — {escape(view.meaning)}</p>",
    ]
    for section in view.sections:
        parts.append(_section(section))
        if section.key == "working" and view.days is not None:
            parts.append(_day_table(view.days))
    parts.append(
        f"<p class='small'>{escape(view.versions)} · printed {printed:%d %b %Y %H:%M}<br>{escape(disclaimer)}</p>"
    )
    parts.append(
        "<table width='100%'><tr><td class='sign'>Calculated by: ______________________ Date/time: ____________</td>"
        "<td class='sign'>Checked by: ______________________ Date/time: ____________</td></tr></table>"
    )
    parts.append("</body></html>")
    return "".join(parts)
