"""The context of a dose: names checked against the knowledge base, the weight against whom the
indication is dosed for, the answers, the product and the risks worked out from the patient."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ivigdesk.dosing.calculate import calculate
from ivigdesk.dosing.context import dose_context
from ivigdesk.dosing.errors import InputError
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.raw_inputs import RawInputs, build_request
from ivigdesk.dosing.request import Settings
from ivigdesk.knowledge.model import Status
from ivigdesk.knowledge.products import load_product_catalogue
from ivigdesk.knowledge.risks import Risk

CATALOGUE = load_product_catalogue()


def context(kb, indication, settings=None, **typed):
    request = build_request(RawInputs(indication_id=indication, **typed), settings or Settings())
    return dose_context(kb, request, CATALOGUE)


def refusal(kb, indication, **typed) -> InputError:
    with pytest.raises(InputError) as caught:
        context(kb, indication, **typed)
    return caught.value


def test_an_unknown_indication_is_refused_with_the_nearest_name(kb):
    error = refusal(kb, "kawasak", weight="18")
    assert error.field == Field.INDICATION
    assert "Did you mean “kawasaki”?" in error.message


def test_several_circumstances_must_be_chosen_and_a_wrong_one_is_refused(kb):
    # lupus flare: refractory, acute-severe and critically-unwell (Table 3)
    missing = refusal(kb, "lupus-flare", weight="60")
    assert (missing.field, missing.missing) == (Field.CIRCUMSTANCE, True)
    wrong = refusal(kb, "lupus-flare", circumstance_id="mild", weight="60")
    assert (wrong.field, wrong.missing) == (Field.CIRCUMSTANCE, False)
    assert "refractory, acute-severe, critically-unwell" in wrong.message


def test_the_only_circumstance_is_taken_and_its_unanswered_questions_kept(kb):
    found = context(kb, "gbs", weight="70", concentration="10%")
    assert found.circumstance.id == "lupus-associated"
    assert [q.id for q in found.unanswered] == ["within-3-months-of-onset"]


def test_a_no_answer_changes_the_status_and_an_unknown_question_is_refused(kb):
    # GBS more than 3 months after onset: no recommendation in the source (Table 2)
    late = context(kb, "gbs", weight="70", concentration="10%", answers={"within-3-months-of-onset": "no"})
    assert late.status == Status.NO_GUIDANCE and late.unanswered == ()
    error = refusal(kb, "gbs", weight="70", answers={"onset-yesterday": "yes"})
    assert error.field == Field.ANSWERS


def test_an_unknown_regimen_is_refused(kb):
    error = refusal(kb, "lupus-chb", regimen_id="1g-per-kg", weight="60")
    assert error.field == Field.REGIMEN
    assert "authors-2g-per-kg, uk-dh-400mg-per-kg" in error.message


def test_the_product_gives_the_concentration_and_must_agree_with_one_typed(kb):
    octagam = context(kb, "gbs", weight="70", product_id="octagam-10")
    assert octagam.concentration.to("g/mL").magnitude == D("0.1")  # Octagam 10 % (products.yaml)
    error = refusal(kb, "gbs", weight="70", product_id="octagam-10", concentration="5%")
    assert error.field == Field.CONCENTRATION
    unknown = refusal(kb, "gbs", weight="70", product_id="octagam-11")
    assert unknown.field == Field.PRODUCT


@pytest.mark.parametrize(
    ("indication", "circumstance"),
    [("lupus-pregnancy", "steroid-sparing"), ("lupus-chb", "prophylaxis")],
)
@pytest.mark.parametrize("weight", ["3 kg", "18 kg", "29.9 kg", "6 lb"])
def test_an_adult_only_indication_refuses_a_child_or_baby_weight(kb, indication, circumstance, weight):
    error = refusal(kb, indication, circumstance_id=circumstance, weight=weight, concentration="10%", days="1")
    assert error.field == Field.WEIGHT
    assert "dosed for an adult" in error.message


def test_an_adult_only_indication_checks_the_pre_pregnancy_weight_too(kb):
    error = refusal(kb, "lupus-pregnancy", weight="70", concentration="10%", pre_pregnancy_weight="12")
    assert error.field == Field.PRE_PREGNANCY_WEIGHT
    assert "dosed for an adult" in error.message


def test_a_pre_pregnancy_weight_needs_a_pregnant_patient(kb):
    error = refusal(kb, "gbs", weight="80", concentration="10%", pre_pregnancy_weight="70")
    assert error.field == Field.PRE_PREGNANCY_WEIGHT
    assert "tick Pregnant" in error.message
    assert context(kb, "gbs", weight="80", pregnant=True, pre_pregnancy_weight="70").weight.magnitude == 80


def test_the_ontario_rule_says_when_a_pregnant_patient_has_no_pre_pregnancy_weight(kb):
    found = context(kb, "gbs", weight="80", concentration="10%", pregnant=True)
    assert any("uses the pre-pregnancy weight; none was entered" in w.text for w in found.warnings)


def test_adult_weight_is_dosed_for_an_adult_only_indication(kb):
    request = build_request(
        RawInputs(indication_id="lupus-pregnancy", weight="30", concentration="10%", days="1"), Settings()
    )
    assert calculate(kb, request).total_dose.to("g").magnitude == 15  # 500 mg/kg × 30 kg (Table 4)


def test_a_child_only_indication_questions_an_adult_weight_but_still_doses(kb):
    adult = context(kb, "kawasaki", weight="95", concentration="10%")
    assert any("disease of children" in w.text for w in adult.warnings)
    child = context(kb, "kawasaki", weight="18", concentration="10%")
    assert not any("disease of children" in w.text for w in child.warnings)


@pytest.mark.parametrize(("kg", "words"), [("8", "under 10 kg"), ("160", "over 150 kg")])
def test_unusual_but_plausible_weights_are_cautioned(kb, kg, words):
    found = context(kb, "gbs", weight=kg, concentration="10%")
    assert found.weight.magnitude == D(kg)
    assert any(words in w.text for w in found.warnings)


def test_an_adult_age_for_a_disease_of_children_is_questioned(kb):
    found = context(kb, "kawasaki", weight="18", age="19")
    assert any("the age entered is 19 years" in w.text for w in found.warnings)


def test_age_over_65_and_obesity_are_worked_out_from_the_patient(kb):
    # 95 kg ÷ (1.6 m)² = 37.1 kg/m², over 30: obesity; 70 years is over 65 (the labels' renal risk factor)
    found = context(kb, "gbs", weight="95", height="160", sex="female", age="70", concentration="10%")
    derived = {r.risk: r.why for r in found.risks}
    assert derived[Risk.AGE_OVER_65] == "the age entered, 70 years"
    assert derived[Risk.OBESITY] == "BMI 37.1 kg/m² from the height and weight entered"
    assert {Risk.AGE_OVER_65, Risk.OBESITY} <= found.risk_set


def test_a_risk_entered_is_kept_once_beside_those_the_diagnosis_carries(kb):
    found = context(kb, "gbs", weight="70", concentration="10%", risks=("thrombosis",))
    assert [(r.risk, r.why) for r in found.risks] == [(Risk.THROMBOSIS, "entered")]
