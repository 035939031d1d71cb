"""The knowledge base's model and its own checks (``ivigdesk.knowledge.model``). Lookups are
checked against the bundled knowledge base, which follows the review's Table 2 (GBS: 400 mg/kg/day
for five days) and Table 1 (colours)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ivigdesk.knowledge.model import (
    COLOUR_ORDER,
    Colour,
    DaySpan,
    IfNo,
    InfusionHours,
    Repeat,
    Rule,
    Status,
)
from ivigdesk.knowledge.schema import SchemaError, convert


def test_days_5_is_short_for_five_fixed_days():
    assert convert(5, DaySpan) == DaySpan(5, 5) and DaySpan(5, 5).fixed
    assert not convert({"min": 2, "max": 5}, DaySpan).fixed
    with pytest.raises(SchemaError, match=r"days min \(5\) is more than max \(2\)"):
        convert({"min": 5, "max": 2}, DaySpan)
    with pytest.raises(SchemaError, match="must be at most 31, not 32"):
        convert(32, DaySpan)
    with pytest.raises(SchemaError, match="expected a mapping of fields"):
        convert(True, DaySpan)  # true is not a number of days


@pytest.mark.parametrize(
    ("model", "data", "words"),
    [
        (InfusionHours, {"min": 12, "max": 8, "source": "Table 3"}, "infusion hours max is less than min"),
        (Repeat, {"text": "t", "source": "s"}, "give exactly one of 'every_days' or 'every_months'"),
        (Repeat, {"text": "t", "source": "s", "every_days": 28, "every_months": 1}, "exactly one of"),
        (IfNo, {"reason": "r"}, "'if_no' must change the status or add a warning"),
        (IfNo, {"reason": "r", "status": "recommended"}, "'if_no' may only withhold a dose, never grant one"),
    ],
)
def test_a_model_refuses_what_its_source_cannot_mean(model, data, words):
    with pytest.raises(SchemaError, match=words):
        convert(data, model)


def test_a_rule_needs_the_figure_its_kind_applies():
    rule = {
        "id": "min-hours",
        "kind": "min-infusion-hours",
        "applies_when": {"course_total_at_least": "2 g/kg"},
        "text": "t",
        "source": "s",
    }
    with pytest.raises(SchemaError, match="a 'min-infusion-hours' rule needs 'hours'"):
        convert(rule, Rule)
    assert convert({**rule, "hours": 8}, Rule).hours == Decimal(8)


def test_colours_run_from_red_down_highest_priority_first():
    # the UK demand-management colours (review, Table 1): red, blue, grey, black; then unlisted
    assert sorted(Colour, key=COLOUR_ORDER.__getitem__) == ["red", "blue", "grey", "black", "unlisted"]


def test_a_circumstance_and_its_regimens_are_found_by_id(kb):
    gbs = kb.indication("gbs")
    circumstance = gbs.circumstance("lupus-associated")
    assert circumstance is not None and gbs.circumstance("no-such") is None
    recommended = circumstance.recommended_regimen
    assert recommended is not None and recommended.id == "400mg-per-kg-5-days"
    assert circumstance.regimen(None) is recommended
    assert circumstance.regimen("400mg-per-kg-5-days") is recommended and circumstance.regimen("x") is None
    assert circumstance.status is Status.RECOMMENDED
