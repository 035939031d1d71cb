"""Dose-determining weight against hand-worked Devine and DDW figures (worked on paper, 1 in = 2.54 cm)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ivigdesk.dosing.body_weight import (
    ACTUAL,
    DOSE_DETERMINING,
    PRE_PREGNANCY,
    USER_CHOSE_ACTUAL,
    Patient,
    decide_weight,
)
from ivigdesk.units import Q


def kg(decision_value) -> Decimal:
    return round(decision_value.to("kg").magnitude, 2)


@pytest.mark.parametrize(
    ("sex", "cm", "actual", "ibw", "bmi", "ddw", "basis", "used"),
    [
        # obese man: 175/2.54 = 68.898 in; IBW 50 + 2.3 × 8.898 = 70.46; BMI 100/1.75² = 32.7; DDW 70.46 + 0.4 × 29.54
        ("male", 175, 100, "70.46", "32.7", "82.28", DOSE_DETERMINING, "82.28"),
        # obese woman: 62.992 in; IBW 45.5 + 2.3 × 2.992 = 52.38; BMI 90/1.6² = 35.2; DDW 52.38 + 0.4 × 37.62
        ("female", 160, 90, "52.38", "35.2", "67.43", DOSE_DETERMINING, "67.43"),
        # not obese man over the Ontario thresholds: 66.929 in; IBW 65.94; BMI 27.7; DDW 65.94 + 0.4 × 14.06
        ("male", 170, 80, "65.94", "27.7", "71.56", DOSE_DETERMINING, "71.56"),
        # tall man: 78.740 in; IBW 50 + 2.3 × 18.740 = 93.10; BMI 95/4 = 23.75 (23.8); DDW 93.10 + 0.4 × 1.90 = 93.86
        ("male", 200, 95, "93.10", "23.8", "93.86", DOSE_DETERMINING, "93.86"),
        # tall thin man below his IBW: BMI 21.25 (21.2); DDW 93.10 − 0.4 × 8.10 = 89.86 is above 85: actual weight
        ("male", 200, 85, "93.10", "21.2", "89.86", ACTUAL, "85"),
        # short obese woman, under Devine's 152.4 cm: 59.055 in; IBW 45.5 − 2.3 × 0.945 = 43.33 (extrapolated);
        # BMI 70/2.25 = 31.1; Ontario: the calculator "must be used for all obese patients (BMI >30)" at
        # every height: DDW 43.33 + 0.4 × 26.67 = 54.00
        ("female", 150, 70, "43.33", "31.1", "54.00", DOSE_DETERMINING, "54.00"),
        # the 150 cm man of 80 kg: 59.055 in; IBW 50 − 2.3 × 0.945 = 47.83; BMI 80/2.25 = 35.6;
        # DDW 47.83 + 0.4 × 32.17 = 60.70
        ("male", 150, 80, "47.83", "35.6", "60.70", DOSE_DETERMINING, "60.70"),
    ],
)
def test_ontario_rule(sex, cm, actual, ibw, bmi, ddw, basis, used) -> None:
    decision = decide_weight(Q(actual, "kg"), Patient(Q(cm, "cm"), sex))
    assert kg(decision.ibw) == Decimal(ibw)
    assert round(decision.bmi, 1) == Decimal(bmi)
    assert kg(decision.ddw) == Decimal(ddw)
    assert decision.basis == basis
    assert kg(decision.used) == Decimal(used)
    assert decision.used <= decision.actual


def test_child_meeting_the_criteria_and_not() -> None:
    # 160 cm boy of 80 kg: IBW 50 + 2.3 × 2.992 = 56.88; BMI 31.25 > 30 -> Ontario uses DDW 56.88 + 0.4 × 23.12
    tall = decide_weight(Q(80, "kg"), Patient(Q(160, "cm"), "male", under_18=True))
    assert tall.basis == DOSE_DETERMINING and kg(tall.used) == Decimal("66.13")
    # BloodSTAR 2026: every child on actual weight
    bloodstar = decide_weight(Q(80, "kg"), Patient(Q(160, "cm"), "male", under_18=True), rule_id="bloodstar-2026")
    assert bloodstar.basis == ACTUAL and kg(bloodstar.used) == Decimal(80)
    # 140 cm child of 45 kg: outside the height criterion -> actual weight
    small = decide_weight(Q(45, "kg"), Patient(Q(140, "cm"), "male", under_18=True))
    assert small.basis == ACTUAL and "Under 18" in small.reason
    assert small.ibw is None and small.ddw is None  # below 152.4 cm and not used: no IBW is shown


def test_user_can_choose_actual_weight_and_it_is_recorded() -> None:
    decision = decide_weight(Q(100, "kg"), Patient(Q(175, "cm"), "male"), use_actual=True)
    assert decision.basis == USER_CHOSE_ACTUAL and decision.overridden and decision.rule_chose_ddw
    assert kg(decision.used) == Decimal(100) and kg(decision.ddw) == Decimal("82.28")


def test_pregnancy_uses_pre_pregnancy_weight_under_ontario() -> None:
    # 165 cm: 64.961 in; IBW 45.5 + 2.3 × 4.961 = 56.91; on 70 kg pre-pregnancy: DDW 56.91 + 0.4 × 13.09 = 62.15
    patient = Patient(Q(165, "cm"), "female", pre_pregnancy_weight=Q(70, "kg"))
    decision = decide_weight(Q(80, "kg"), patient, pregnancy=True)
    assert kg(decision.ddw) == Decimal("62.15") and decision.basis == DOSE_DETERMINING
    without_height = decide_weight(Q(80, "kg"), Patient(pre_pregnancy_weight=Q(70, "kg")), pregnancy=True)
    assert without_height.basis == PRE_PREGNANCY and kg(without_height.used) == Decimal(70)


def test_factor_and_rule_are_settings() -> None:
    patient = Patient(Q(175, "cm"), "male")
    # factor 0.3: 70.46 + 0.3 × 29.54 = 79.33
    assert kg(decide_weight(Q(100, "kg"), patient, factor=Decimal("0.3")).used) == Decimal("79.33")
    assert decide_weight(Q(100, "kg"), patient, rule_id="actual").basis == ACTUAL


def test_no_height_or_sex_means_actual_weight_with_the_reason() -> None:
    decision = decide_weight(Q(100, "kg"), Patient(sex="male"))
    assert decision.basis == ACTUAL and "No height" in decision.reason and decision.ibw is None


@pytest.mark.parametrize(
    ("rule", "patient", "actual", "basis", "why"),
    [
        # Ontario, each clause. "should": 170 cm man of 60 kg (BMI 20.8, over 50 kg): IBW 65.94 > 60 -> actual
        ("ontario", Patient(Q(170, "cm"), "male"), 60, ACTUAL, "at or below ideal body weight"),
        # "should": 180 cm woman of 75 kg (BMI 23.1, over 45.5 kg): IBW 70.87 -> DDW 70.87 + 0.4 × 4.13 = 72.52
        ("ontario", Patient(Q(180, "cm"), "female"), 75, DOSE_DETERMINING, "Height ≥ 152.4 cm"),
        # "must": 150 cm man of 80 kg, BMI 35.6 (above)
        ("ontario", Patient(Q(150, "cm"), "male"), 80, DOSE_DETERMINING, "must be used"),
        # under 18 and not meeting the height criterion: 140 cm obese child of 60 kg (BMI 30.6) -> actual
        ("ontario", Patient(Q(140, "cm"), "male", age_years=Decimal(12)), 60, ACTUAL, "Under 18"),
        # pregnancy: the pre-pregnancy weight is the base (tested above); BloodSTAR excludes pregnancy
        ("bloodstar-2026", Patient(Q(165, "cm"), "female", pregnant=True), 90, ACTUAL, "Pregnant"),
        ("bloodstar-2026", Patient(Q(151, "cm"), "female"), 90, ACTUAL, "under 152 cm"),
        ("bloodstar-2026", Patient(Q(165, "cm"), "female", age_years=Decimal(17)), 90, ACTUAL, "Under 18"),
        ("bloodstar-2026", Patient(Q(165, "cm"), "female"), 90, DOSE_DETERMINING, "default"),
        # NHS England (criteria from a trust form, not confirmed): 20 % over IBW triggers it even below BMI 30:
        # 175 cm man of 88 kg: IBW 70.46 × 1.2 = 84.56 < 88; BMI 28.7
        ("nhs-england", Patient(Q(175, "cm"), "male"), 88, DOSE_DETERMINING, "20 % over IBW"),
        # 175 cm man of 80 kg: not 20 % over (84.56), BMI 26.1 -> actual
        ("nhs-england", Patient(Q(175, "cm"), "male"), 80, ACTUAL, "Not obese"),
        ("nhs-england", Patient(Q(175, "cm"), "male", under_18=True), 100, ACTUAL, "Child"),
    ],
)
def test_each_rule_applies_its_published_clauses(rule, patient, actual, basis, why) -> None:
    decision = decide_weight(Q(actual, "kg"), patient, rule_id=rule, pregnancy=patient.pregnant)
    assert decision.basis == basis and why in decision.reason, decision.reason


def test_a_childrens_entry_is_a_child_whatever_the_age_box_says() -> None:
    # Kawasaki disease and sJIA are children's entries: a tall, heavy teenager with no age entered stays
    # on actual weight under BloodSTAR, and is a child under Ontario's clause too
    patient = Patient(Q(170, "cm"), "male")
    assert decide_weight(Q(95, "kg"), patient, rule_id="bloodstar-2026", child=True).basis == ACTUAL
    short = Patient(Q(140, "cm"), "male")
    assert decide_weight(Q(70, "kg"), short, child=True).basis == ACTUAL


def test_no_ibw_is_shown_where_devine_gives_none() -> None:
    # a 95 cm child: 37.40 in gives 50 + 2.3 × (37.40 − 60) = −1.98 kg: never printed
    decision = decide_weight(Q(16, "kg"), Patient(Q(95, "cm"), "male", age_years=Decimal(3)))
    assert decision.ibw is None and decision.ddw is None and decision.basis == ACTUAL
    assert not any("IBW" in line for line in decision.working)
    # and an obese adult of that height is not given a negative IBW either
    adult = decide_weight(Q(40, "kg"), Patient(Q(95, "cm"), "male"))
    assert adult.ibw is None and adult.basis == ACTUAL and "no ideal body weight" in adult.reason
