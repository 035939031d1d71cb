"""One layout of a dose plan, drawn three times: in the window, as copied text and on the worksheet.

:func:`plan_view` turns a :class:`DosePlan` into a :class:`PlanView`: the priority badge, an
ordered list of :class:`Section` s made of lines, and a :class:`DayTable` whose figures keep
their numbers and units apart. The renderers (``ui.qt_results``, ``dosing.report`` and
``dosing.worksheet``) only decide how a section looks; what a plan says, and in what order, is
decided once, in this module's rooms: ``plan_layout`` (the records), ``plan_sections`` (the
sections, in reading order), ``plan_lines`` (lines more than one of them says), ``day_table``
and ``key_result``. Renderers import from here. No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ivigdesk import __version__
from ivigdesk.dosing.day_table import day_table
from ivigdesk.dosing.key_result import key_result
from ivigdesk.dosing.plan_layout import (
    DayRow,
    DayTable,
    Figure,
    KeyFact,
    KeyResult,
    Line,
    PlanView,
    Section,
    Span,
    line_html,
    lines_html,
)
from ivigdesk.dosing.plan_lines import rate_weight_note, weight_rule_note
from ivigdesk.dosing.plan_sections import RATES_PER_KG, plan_sections

if TYPE_CHECKING:
    from ivigdesk.dosing.result import DosePlan

__all__ = [  # what the renderers (window, report, worksheet, administration) read from here
    "RATES_PER_KG",
    "DayRow",
    "DayTable",
    "Figure",
    "KeyFact",
    "KeyResult",
    "Line",
    "PlanView",
    "Section",
    "Span",
    "line_html",
    "lines_html",
    "plan_view",
    "versions",
]


def plan_view(plan: DosePlan, grading_footnote: str = "") -> PlanView:
    """The layout of ``plan``: every section it has, in reading order."""
    colour = plan.colour
    return PlanView(
        colour=plan.indication.colour.value,
        colour_word=colour.word,
        priority=colour.priority,
        meaning=colour.meaning,
        meaning_source=colour.source,
        indication=plan.indication.name,
        circumstance=plan.circumstance.label,
        sections=plan_sections(plan),
        days=(days := day_table(plan) if plan.has_dose else None),
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
