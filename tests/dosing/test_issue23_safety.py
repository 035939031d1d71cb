"""Issue 23 (clinical safety, third pass), items 3-7 and 9-11, each against numbers worked by hand
from the cited texts, in the calculation, the CLI's JSON and the worksheet.

Rates: mL/h = mL/kg/h × kg (the dosing weight); 0.01 mL/kg/min = 0.6 mL/kg/h. Devine IBW: female
45.5 + 2.3 × (height in inches − 60), 1 in = 2.54 cm.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest

from ivigdesk.cli import run
from ivigdesk.dosing.presentation import plan_view
from ivigdesk.dosing.report import plan_to_text
from ivigdesk.dosing.request import Settings
from ivigdesk.dosing.worksheet import build_worksheet
from ivigdesk.knowledge.risks import ENTERABLE, Risk
from tests.dosing.conftest import plan_for as shared_plan_for
from tests.dosing.conftest import warnings_text

TODAY = date(2027, 1, 1)


def plan_for(kb, catalogue, indication, settings=None, **raw):
    return shared_plan_for(kb, catalogue, indication, settings, today=TODAY, **raw)


def cli_json(capsys, *argv):
    code = run([*argv, "--json"], today=TODAY)
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


# -- 3. NHS England rule: actual body weight under 132 cm tall -----------------------------------

NHS = Settings(weight_rule="nhs-england")


def test_nhs_england_rule_uses_actual_weight_under_132_cm(kb, catalogue):
    # 130 cm, 60 kg woman, GBS 0.4 g/kg/day: the trust form says actual weight under 132 cm, so
    # 60 × 0.4 = 24 g a day (not the DDW: IBW 45.5 + 2.3 × (51.18 − 60) = 25.21; 25.21 + 0.4 × 34.79
    # = 39.13 kg → 15.65 g)
    plan = plan_for(kb, catalogue, "gbs", NHS, weight="60", height="130", sex="female", age="40")
    assert plan.dosing_weight.to("kg").magnitude == 60
    assert plan.days[0].dose.to("g").magnitude == 24
    assert plan.weight_decision.reason.startswith("Under 132 cm tall: actual weight")


def test_nhs_england_rule_from_132_cm_applies_its_bmi_clause(kb, catalogue):
    # 132 cm = 51.968503937 in; IBW = 45.5 + 2.3 × (−8.031496063) = 27.027559055 kg; BMI 60 ÷ 1.32² = 34.4 > 30
    # DDW = 27.027559055 + 0.4 × 32.972440945 = 40.216535433 kg; × 0.4 g/kg = 16.086614173 g
    plan = plan_for(kb, catalogue, "gbs", NHS, weight="60", height="132", sex="female", age="40")
    assert abs(plan.dosing_weight.to("kg").magnitude - D("40.216535433")) < D("1e-8")
    assert abs(plan.days[0].dose.to("g").magnitude - D("16.086614173")) < D("1e-8")


def test_nhs_england_rule_in_the_cli_json(capsys):
    data = cli_json(
        capsys, "--indication", "gbs", "--weight", "60", "--height", "130 cm", "--sex", "female", "--age", "40",
        "--weight-rule", "nhs-england", "--concentration", "10%",
    )  # fmt: skip
    assert (data["dosing_weight_kg"], data["days"][0]["dose_g"], data["total_dose_g"]) == (60, 24, 120)
    assert data["weight_basis"] == "Actual body weight"


# -- 4. IgA deficiency with anti-IgA antibodies: a contraindication, first -------------------------


def test_iga_deficiency_is_the_first_warning_naming_the_products_iga(kb, catalogue):
    # Privigen 10 %: "El contenido máximo de IgA es de 25 microgramos/ml" (SmPC section 2, EC annex)
    plan = plan_for(kb, catalogue, "gbs", product_id="privigen", risks=("iga-deficiency",))
    first = plan.warnings[0]
    assert plan.contraindication is first
    assert first.text.startswith("CONTRAINDICATED: IgA deficiency with antibodies against IgA")
    assert "Privigen 10 % contains at most 25 micrograms/mL of IgA" in first.text
    assert "section 4.3" in first.source
    # the plan stays, marked: 70 × 0.4 = 28 g a day
    assert plan.has_dose and plan.days[0].dose.to("g").magnitude == 28
    # said once: the class advice is not repeated beside it
    assert sum("IgA" in w.text and "contraindication" in w.text for w in plan.warnings) == 1
    view = plan_view(plan)
    assert view.sections[0].key == "contraindication"
    assert "NOT TO BE GIVEN without specialist advice" in view.sections[0].lines[1].text
    assert view.key.alert.startswith("CONTRAINDICATED") and view.key.summary.startswith("CONTRAINDICATED")
    assert plan_to_text(plan).splitlines()[0].startswith("Contraindication")  # the copied text's first line


def test_iga_contraindication_without_a_product_says_products_differ(kb, catalogue):
    plan = plan_for(kb, catalogue, "gbs", risks=("iga-deficiency",))
    assert "No product is chosen: IgA content differs between products" in plan.warnings[0].text


def test_iga_contraindication_heads_the_worksheet_and_every_day_page(kb, catalogue):
    plan = plan_for(kb, catalogue, "gbs", product_id="privigen", risks=("iga-deficiency",))
    sheet = build_worksheet(plan)
    assert sheet.plan_html.index("CONTRAINDICATED") < sheet.plan_html.index("<h2>Patient</h2>")
    assert len(sheet.day_html) == 5
    assert all("NOT TO BE GIVEN without specialist advice" in page for page in sheet.day_html)


def test_iga_contraindication_in_the_cli_json(capsys):
    data = cli_json(
        capsys, "--indication", "gbs", "--weight", "70", "--product", "privigen", "--risk", "iga-deficiency"
    )
    assert data["contraindication"]["text"] == data["warnings"][0]
    assert "at most 25 micrograms/mL" in data["contraindication"]["text"]
    assert data["total_dose_g"] == 140


# -- 5. lupus in pregnancy past week 33 ------------------------------------------------------------


def test_lupus_pregnancy_past_week_33_warns_and_schedules_nothing(kb, catalogue):
    plan = plan_for(kb, catalogue, "lupus-pregnancy", start_date="2027-01-04", gestation="34+0")
    warning = next(w for w in plan.warnings if "past week 33" in w.text)
    assert "34+0" in warning.text and warning.source == "Table 4"
    assert plan.course is None and plan.days[0].date is None
    # 70 kg × 500 mg/kg = 35 g: the dose is shown, for the specialist
    assert plan.days[0].dose.to("g").magnitude == 35


def test_lupus_pregnancy_at_week_33_is_scheduled_without_the_warning(kb, catalogue):
    plan = plan_for(kb, catalogue, "lupus-pregnancy", start_date="2027-01-04", gestation="33+0")
    assert "past week 33" not in warnings_text(plan)
    assert [c.days for c in plan.course.courses] == [(date(2027, 1, 4),)]


def test_lupus_pregnancy_past_week_33_in_the_cli_json(capsys):
    data = cli_json(
        capsys, "--indication", "lupus-pregnancy", "--weight", "70", "--concentration", "10%",
        "--start-date", "2027-01-04", "--gestation", "34+0",
    )  # fmt: skip
    assert data["courses"] == [] and any("past week 33" in w for w in data["warnings"])


# -- 6. risk factors surfaced from age, BMI, diabetes and the new risk inputs ------------------------


def test_age_over_65_is_a_renal_risk_factor(kb, catalogue):
    plan = plan_for(kb, catalogue, "aav", age="70", product_id="octagam-10")
    assert [(r.risk, r.why) for r in plan.risks] == [(Risk.AGE_OVER_65, "the age entered, 70 years")]
    renal = next(w for w in plan.warnings if w.hazard == "renal")
    assert renal.text.startswith("Risk of acute renal failure — Age over 65")
    assert "age over 65" in renal.text and "Renal Drug Handbook" in renal.source
    assert "Octagam 10 %'s lower maximum for patients at risk (risk of renal failure) is applied" in renal.text
    assert plan.hazards == (Risk.RENAL,)
    # exactly 65 is not "over 65"
    assert not plan_for(kb, catalogue, "aav", age="65").risks


def test_obesity_from_bmi_applies_octagams_lower_maximum(kb, catalogue):
    # 90 kg, 160 cm: BMI 90 ÷ 1.6² = 35.2 > 30. No sex, so no DDW: 90 kg × 500 mg/kg = 45 g = 450 mL.
    # Octagam 10 % at risk: 0.03 mL/kg/min = 1.8 mL/kg/h × 90 kg = 162 mL/h (not 0.12 mL/kg/min = 648 mL/h)
    plan = plan_for(kb, catalogue, "lupus-pregnancy", weight="90", height="160", product_id="octagam-10")
    assert [r.risk for r in plan.risks] == [Risk.OBESITY]
    assert plan.risks[0].why == "BMI 35.2 kg/m² from the height and weight entered"
    ceiling = plan.days[0].ceiling
    assert (ceiling.limit, ceiling.ml_per_h, ceiling.ml_per_kg_h) == ("risk", 162, D("1.8"))
    assert plan.hazards == (Risk.RENAL, Risk.THROMBOSIS)
    # BMI 30 exactly (76.8 kg ÷ 1.6² = 30.0): not over 30
    assert not plan_for(kb, catalogue, "lupus-pregnancy", weight="76.8", height="160").risks


@pytest.mark.parametrize(
    ("risk", "hazard"),
    [
        ("hypertension", Risk.THROMBOSIS),
        ("immobility", Risk.THROMBOSIS),
        ("oestrogens", Risk.THROMBOSIS),
        ("hyperviscosity", Risk.THROMBOSIS),
        ("hypovolaemia-sepsis", Risk.RENAL),
        ("nephrotoxic-drugs", Risk.RENAL),
        ("diabetes", Risk.RENAL),
    ],
)
def test_each_new_risk_input_raises_its_hazard_and_the_lower_maximum(kb, catalogue, risk, hazard):
    # 70 kg × 500 mg/kg = 35 g = 350 mL; Octagam 10 % at risk: 1.8 mL/kg/h × 70 = 126 mL/h
    plan = plan_for(kb, catalogue, "lupus-pregnancy", product_id="octagam-10", risks=(risk,))
    assert hazard in plan.hazards
    notice = next(w for w in plan.warnings if w.hazard == hazard.value)
    assert Risk(risk).label in notice.text
    assert "section 4.4" in notice.source or "boxed warning" in notice.source
    assert (plan.days[0].ceiling.limit, plan.days[0].ceiling.ml_per_h) == ("risk", 126)


def test_every_risk_factor_is_cited_and_marked(catalogue):
    for risk, factor in catalogue.risk_factors.items():
        assert factor.source and factor.status in ("confirmed", "partial", "unconfirmed"), risk
    assert set(ENTERABLE) - set(catalogue.risk_factors) == {
        Risk.RENAL, Risk.THROMBOSIS, Risk.FRUCTOSE_INTOLERANCE, Risk.IGA_DEFICIENCY, Risk.HEART_FAILURE,
    }  # fmt: skip


def test_new_risks_in_the_cli_json(capsys):
    data = cli_json(
        capsys, "--indication", "lupus-pregnancy", "--weight", "70", "--product", "octagam-10",
        "--risk", "hypertension", "--age", "70",
    )  # fmt: skip
    assert [r["risk"] for r in data["patient_risks"]] == ["hypertension", "age-over-65"]
    assert data["hazards"] == ["renal", "thrombosis"]
    assert (data["days"][0]["max_rate_ml_per_h"], data["days"][0]["max_rate_set_by"]) == (126, "risk")


def test_a_derived_risk_cannot_be_entered(capsys):
    assert run(["--indication", "gbs", "--weight", "70", "--concentration", "10%", "--risk", "obesity"]) == 2
    assert "invalid choice" in capsys.readouterr().err


# -- 7. one warning per hazard -----------------------------------------------------------------------


def test_thrombosis_is_one_warning_with_all_its_sources(kb, catalogue):
    # dm-pm 2 g/kg over 5 days (the review's rule warns of thromboembolism up to 2 %) with a thrombosis risk
    plan = plan_for(kb, catalogue, "dm-pm", days="5", product_id="octagam-10", risks=("thrombosis", "hypertension"))
    thrombosis = [w for w in plan.warnings if w.hazard == "thrombosis"]
    assert len(thrombosis) == 1
    assert warnings_text(plan).count("up to 2 %") == 1
    text, source = thrombosis[0].text, thrombosis[0].source
    assert text.startswith("Risk of thrombosis — Thrombosis risk factors; Hypertension")
    assert "Octagam 5 % EU package leaflet" in source and "APS" in source and 52 in thrombosis[0].references
    assert "Octagam 10 %'s lower maximum for patients at risk (thrombosis risk) is applied" in text


def test_no_two_warnings_share_a_hazard(kb, catalogue):
    risks = tuple(r.value for r in ENTERABLE)
    plan = plan_for(kb, catalogue, "cidp", age="70", weight="90", height="160", product_id="octagam-10", risks=risks)
    hazards = [w.hazard for w in plan.warnings if w.hazard is not None]
    assert len(hazards) == len(set(hazards))


# -- 9. Kawasaki aspirin: the UK dose beside the review's --------------------------------------------


def test_kawasaki_shows_the_uk_aspirin_dose_beside_the_reviews(capsys):
    data = cli_json(capsys, "--indication", "kawasaki", "--weight", "18 kg", "--age", "4", "--concentration", "10%")
    uk = next(g for g in data["newer_guidance"] if g["id"] == "uk-kawasaki-aspirin")
    assert "30–50 mg/kg/day in 4 divided doses" in uk["text"] and "2–5 mg/kg/day" in uk["text"]
    assert "ep.bmj.com" in uk["source"] and "BNF for Children: not retrieved" in uk["source"]
    # the review's dose stays as the source states it: 18 kg × 80–100 mg/kg = 1440–1800 mg a day
    aspirin = data["co_medication"][0]
    assert (aspirin["per_day_mg_min"], aspirin["per_day_mg_max"]) == (1440, 1800)
    # beside it, the UK doses on the same 18 kg: 30–50 mg/kg = 540–900 mg a day, 4 doses of 135–225 mg;
    # then 2–5 mg/kg = 36–90 mg once a day
    acute, low = data["newer_guidance_co_medication"]
    assert (acute["per_day_mg_min"], acute["per_day_mg_max"]) == (540, 900)
    assert acute["per_dose_mg"] == [{"doses_per_day": 4, "mg_min": 135, "mg_max": 225}]
    assert (low["per_day_mg_min"], low["per_day_mg_max"], low["doses_per_day"]) == (36, 90, [1])


def test_the_uk_aspirin_dose_is_beside_the_reviews_in_the_plan(kb, catalogue):
    plan = plan_for(kb, catalogue, "kawasaki", weight="18", age="4")
    lines = [row.text for row in plan_view(plan).section("co-medication").lines]
    assert lines[0].startswith("Aspirin: 1440–1800 mg a day on actual weight 18 kg")
    assert lines[1].startswith(
        "Aspirin, UK dose in the acute phase (newer guidance, beside the review's dose, not in its place): "
        "540–900 mg a day on actual weight 18 kg, as 4 doses of 135–225 mg"
    )
    assert "36–90 mg a day on actual weight 18 kg, as one dose of 36–90 mg" in lines[2]


# -- 10. no-dose entries: said at once, exit 0 ---------------------------------------------------------


def test_a_no_dose_entry_is_answered_at_once_without_weight_or_concentration(capsys):
    code = run(["--indication", "ra"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "Priority: BLACK (not appropriate)" in out
    assert "Not approved by the panel · Not graded in the source" in out
    assert "The NDMP will not approve the use of IVIG for RA" in out
    assert "No dose is calculated: the review gives no IVIG dose here." in out
    data = cli_json(capsys, "--indication", "ibm")
    # inclusion body myositis: BLUE, not recommended, no dose in the review
    assert (data["colour"], data["status"], data["review_gives_dose"]) == ("blue", "not-recommended", False)
    assert (data["total_dose_g"], data["days"]) == (None, [])


def test_a_dose_entry_still_asks_for_weight_then_concentration(capsys):
    assert run(["--indication", "gbs"]) == 2
    assert "weight (--weight): Enter the patient's weight." in capsys.readouterr().err
    assert run(["--indication", "gbs", "--weight", "70"]) == 2
    assert "concentration (--concentration): Choose a product" in capsys.readouterr().err


# -- 11. 2 g/kg over fewer than 5 days ---------------------------------------------------------------


def test_2g_per_kg_over_3_days_shows_the_caps_advice_in_the_cli_json(capsys):
    data = cli_json(capsys, "--indication", "dm-pm", "--weight", "70", "--days", "3", "--concentration", "10%")
    advice = [w for w in data["warnings_with_sources"] if "over 5 days" in w["text"]]
    assert len(advice) == 1 and "APS" in advice[0]["source"]
    assert "This course is given over 3 days, fewer than 5" in advice[0]["text"]
