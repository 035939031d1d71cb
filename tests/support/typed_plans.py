"""A dose plan from typed inputs, built as every face builds one (RawInputs → build_request →
calculate), for the tests of the presentation model's modules."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ivigdesk.dosing.request import Settings
    from ivigdesk.dosing.result import DosePlan
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import ProductCatalogue

TODAY = date(2026, 11, 26)  # the conftest's hand-worked today


@cache
def catalogue() -> ProductCatalogue:
    from ivigdesk.knowledge.products import load_product_catalogue

    return load_product_catalogue()


def typed_plan(kb: KnowledgeBase, indication: str, settings: Settings | None = None, **typed: Any) -> DosePlan:
    """The plan for ``typed`` (RawInputs' fields) under ``settings`` (default: the defaults)."""
    from ivigdesk.dosing.calculate import calculate
    from ivigdesk.dosing.raw_inputs import RawInputs, build_request
    from ivigdesk.dosing.request import Settings

    request = build_request(RawInputs(indication_id=indication, **typed), settings or Settings(), TODAY)
    return calculate(kb, request, catalogue())
