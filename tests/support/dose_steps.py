"""The calculation's steps for typed inputs, one by one, for the tests of each step's module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tests.support.typed_plans import TODAY, catalogue

if TYPE_CHECKING:
    from ivigdesk.dosing.context import Context
    from ivigdesk.dosing.course_dose import CourseDose, RuleLimits
    from ivigdesk.dosing.day_limits import DayLimits
    from ivigdesk.dosing.request import DoseRequest, Settings
    from ivigdesk.knowledge.loader import KnowledgeBase


@dataclass(frozen=True)
class Steps:
    request: DoseRequest
    context: Context
    course: CourseDose
    rules: RuleLimits
    limits: DayLimits


def steps(kb: KnowledgeBase, indication: str, settings: Settings | None = None, **typed: Any) -> Steps:
    """Each step of the calculation for ``typed`` (RawInputs' fields), read by build_request."""
    from ivigdesk.dosing.context import dose_context
    from ivigdesk.dosing.course_dose import course_dose, rule_limits
    from ivigdesk.dosing.day_limits import day_limits
    from ivigdesk.dosing.raw_inputs import RawInputs, build_request
    from ivigdesk.dosing.request import Settings

    request = build_request(RawInputs(indication_id=indication, **typed), settings or Settings(), TODAY)
    context = dose_context(kb, request, catalogue())
    assert context.regimen is not None
    course = course_dose(context, context.regimen, request.days)
    rules = rule_limits(kb, context.circumstance, context.regimen, course)
    return Steps(request, context, course, rules, day_limits(request, context, course, rules))
