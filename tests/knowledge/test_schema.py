"""Plain YAML data into typed, frozen models (``ivigdesk.knowledge.schema``). The models here are
small ones made for the test, so every refusal can be worked out from its rules."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

import pytest

from ivigdesk.knowledge.schema import Limits, SchemaError, convert


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True)
class Vial:
    grams: Annotated[Decimal, Limits(gt=0)]
    label: str = ""


@dataclass(frozen=True)
class Product:
    id: Annotated[str, Limits(pattern=r"[a-z]+(?:-[a-z0-9]+)*")]
    vials: Annotated[tuple[Vial, ...], Limits(min_length=1)]
    colour: Colour
    days: Annotated[int, Limits(ge=1, le=5)]
    basis: Literal["per-day", "per-course"]
    confirmed: bool = False
    note: str | None = None


GOOD = {
    "id": "octagam-10",
    "vials": [{"grams": 2}, {"grams": Decimal("2.5"), "label": "small"}],
    "colour": "red",
    "days": 5,
    "basis": "per-day",
}


def refusal(**changes: object) -> SchemaError:
    with pytest.raises(SchemaError) as refused:
        convert({**GOOD, **changes}, Product)
    return refused.value


def test_good_data_becomes_the_model():
    product = convert(GOOD, Product)
    assert product == Product("octagam-10", (Vial(Decimal(2)), Vial(Decimal("2.5"), "small")), Colour.RED, 5, "per-day")
    assert isinstance(product.vials[0].grams, Decimal) and product.colour is Colour.RED


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"id": "Octagam"}, ("id",), "'Octagam' is not in the expected form"),
        ({"vials": []}, ("vials",), "needs at least 1 item"),
        ({"vials": [{"grams": 0}]}, ("vials", 0, "grams"), "must be more than 0, not 0"),
        ({"days": 6}, ("days",), "must be at most 5, not 6"),
        ({"days": 0}, ("days",), "must be at least 1, not 0"),
        ({"days": True}, ("days",), "expected a whole number, got true (true/false)"),
        ({"days": "5"}, ("days",), "expected a whole number, got '5'"),
        ({"colour": "green"}, ("colour",), "expected one of 'red', 'blue', got 'green'"),
        ({"basis": "weekly"}, ("basis",), "expected one of 'per-day', 'per-course', got 'weekly'"),
        ({"confirmed": "yes"}, ("confirmed",), "expected true or false, got 'yes'"),
        ({"vials": {"grams": 2}}, ("vials",), "expected a list, got a mapping"),
        ({"vials": [[2]]}, ("vials", 0), "expected a mapping of fields, got a list"),
        ({"vials": [{"grams": None}]}, ("vials", 0, "grams"), "expected a number such as 8 or 0.5, got nothing (null)"),
        ({"note": 3}, ("note",), "expected text, got 3"),
        ({"dose": 1}, ("dose",), "unknown field (check its spelling)"),
    ],
)
def test_each_fault_is_named_with_its_path(changes, path, message):
    error = refusal(**changes)
    assert (error.path, error.message) == (path, message)


def test_a_missing_required_field_is_named():
    data = {key: value for key, value in GOOD.items() if key != "colour"}
    with pytest.raises(SchemaError) as refused:
        convert(data, Product)
    assert (refused.value.path, refused.value.message) == (("colour",), "this field is required but missing")


def test_an_optional_field_may_be_null():
    assert convert({**GOOD, "note": None}, Product).note is None


def test_limits_check_alone():
    assert Limits(max_length=3).check("abcd") == "is longer than the 3 allowed"
    assert Limits(min_length=2).check(("a",)) == "needs at least 2 items"
    assert Limits(ge=Decimal("0.5")).check(Decimal("0.5")) is None
