"""Rounding to whole vials and to the nearest 5 g, against combinations worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ivigdesk.dosing.rounding import describe, round_to_nearest_5g, round_to_vials


@pytest.mark.parametrize(
    ("product", "exact", "grams", "vials", "ml", "within"),
    [
        # 28 g of Octagam 10 % (2, 5, 10, 20, 30 g): 20 + 2 + 2 + 2 + 2 is exact
        ("octagam-10", "28", "28", {20: 1, 2: 4}, "280", True),
        # 46.67 g of Privigen (2.5, 5, 10, 20, 40 g): 47.5 (+0.83) is nearer than 45 (−1.67)
        ("privigen", "46.67", "47.5", {40: 1, 5: 1, Decimal("2.5"): 1}, "475", True),
        # 3.3 g of Panzyga (1, 2.5, 5…): 3.5 = 2.5 + 1 (+6.1 %)
        ("panzyga", "3.3", "3.5", {Decimal("2.5"): 1, 1: 1}, "35", True),
        # 0.7 g of Flebogamma DIF 5 % (0.5 g in 10 mL…): 0.5 g is nearest, 28.6 % under: outside 10 %
        ("flebogamma-dif-5", "0.7", "0.5", {Decimal("0.5"): 1}, "10", False),
        # 164.56 g of Octagam 10 %: 165 = 5 × 30 + 10 + 5
        ("octagam-10", "164.56", "165", {30: 5, 10: 1, 5: 1}, "1650", True),
    ],
)
def test_vials(catalogue, product, exact, grams, vials, ml, within) -> None:
    rounded = round_to_vials(Decimal(exact), catalogue.product(product).vials, Decimal(10))
    assert rounded.grams == Decimal(grams)
    assert dict(rounded.vials) == {Decimal(k): v for k, v in vials.items()}
    assert rounded.millilitres == Decimal(ml)
    assert rounded.within_tolerance is within
    assert rounded.exact_g == Decimal(exact)


def test_fewer_vials_alternative_is_offered_not_chosen(catalogue) -> None:
    rounded = round_to_vials(Decimal(28), catalogue.product("octagam-10").vials, Decimal(10))
    assert rounded.fewer_vials is not None
    assert rounded.fewer_vials.grams == Decimal(30) and rounded.fewer_vials.vial_count == 1
    assert describe(rounded.fewer_vials) == "1 × 30 g = 30 g (+2 g, +7.1 %)"
    tight = round_to_vials(Decimal(28), catalogue.product("octagam-10").vials, Decimal(5))
    assert tight.fewer_vials is not None and tight.fewer_vials.grams == Decimal(27)  # 20 + 5 + 2, −3.6 %


@pytest.mark.parametrize(("exact", "grams"), [("164.56", "165"), ("162.5", "165"), ("162.4", "160"), ("2", "5")])
def test_nearest_5g(exact, grams) -> None:
    rounded = round_to_nearest_5g(Decimal(exact), Decimal("0.1"), Decimal(10))
    assert rounded.grams == Decimal(grams)
    assert rounded.millilitres == Decimal(grams) * 10


def test_the_settings_offer_exactly_the_rules_and_roundings_there_are():
    """The settings file is checked against light copies of the choices (before the first frame);
    they must be the real ones, in the same order."""
    from ivigdesk.dosing import policy_choices
    from ivigdesk.dosing.body_weight import WEIGHT_RULES
    from ivigdesk.dosing.rounding import POLICIES

    assert tuple(WEIGHT_RULES) == policy_choices.WEIGHT_RULE_IDS
    assert tuple(POLICIES) == policy_choices.ROUNDING_IDS
    assert policy_choices.DEFAULT_RULE in WEIGHT_RULES and policy_choices.DEFAULT_ROUNDING in POLICIES
