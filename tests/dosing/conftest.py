"""Shared helpers for the dosing tests: a plan from raw inputs as the window would send them."""

from __future__ import annotations

from datetime import date

from ivigdesk.dosing.calculate import calculate
from ivigdesk.dosing.raw_inputs import RawInputs, build_request
from ivigdesk.dosing.request import Settings


def plan_for(kb, catalogue, indication, settings=None, *, today: date | None = None, **raw):
    """The plan for ``indication`` at 70 kg and 10 % unless told otherwise (no concentration
    when a product is chosen: the product's own is used)."""
    raw.setdefault("weight", "70")
    if "product_id" not in raw:
        raw.setdefault("concentration", "10 %")
    request = build_request(RawInputs(indication_id=indication, **raw), settings or Settings(), today)
    return calculate(kb, request, catalogue)


def warnings_text(plan) -> str:
    return " ".join(notice.text for notice in plan.warnings)
