"""What the patient's risks and the chosen product mean for the infusion
(``ivigdesk.dosing.product_safety``). Products and their figures are from
resources/products/products.yaml, each with its cited SmPC or leaflet section."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ivigdesk.dosing import product_safety as safety
from ivigdesk.dosing.body_weight import Patient
from ivigdesk.dosing.result import Notice, PatientRisk
from ivigdesk.knowledge.risks import Risk
from ivigdesk.units import Q


def entered(risk: Risk) -> PatientRisk:
    return PatientRisk(risk, risk.label, "entered")


# -- one warning per hazard -------------------------------------------------------------------------


def test_notices_about_one_hazard_become_one_with_all_their_sources():
    notices = (
        Notice("Renal: hydrate.", "A", (3,), hazard="renal"),
        Notice("No hazard.", "B"),
        Notice("Renal: slow rate.", "C; A", (1, 3), hazard="renal"),
        Notice("Renal: hydrate.", "D", hazard="renal"),  # the same words again: said once
    )
    merged = safety.one_per_hazard(notices)
    assert merged == (
        Notice("Renal: hydrate. Renal: slow rate.", "A; C; D", (1, 3), "renal"),
        Notice("No hazard.", "B"),
    )


def test_notices_without_a_hazard_are_never_merged():
    notices = (Notice("x", "A"), Notice("x", "A"))
    assert safety.one_per_hazard(notices) == notices


# -- IgA: a contraindication (SmPC section 4.3) -----------------------------------------------------


def test_no_iga_deficiency_no_contraindication(catalogue):
    assert safety.contraindication(catalogue.product("privigen"), frozenset({Risk.RENAL})) is None


def test_the_contraindication_names_the_products_iga_content(catalogue):
    # Privigen SmPC section 2: at most 25 micrograms/mL of IgA
    notice = safety.contraindication(catalogue.product("privigen"), frozenset({Risk.IGA_DEFICIENCY}))
    assert notice is not None and notice.text.startswith("CONTRAINDICATED: IgA deficiency")
    assert "Privigen 10 % contains at most 25 micrograms/mL of IgA." in notice.text
    assert notice.source.endswith(
        "Privigen 10 % IgA: Privigen SmPC section 2 (EC annex; German Fachinformation May 2016)"
    )
    assert notice.hazard == safety.IGA


def test_without_a_product_the_contraindication_says_products_differ():
    notice = safety.contraindication(None, frozenset({Risk.IGA_DEFICIENCY}))
    assert notice is not None and "IgA content differs between products" in notice.text
    assert notice.source == safety.IGA_SOURCE


# -- sodium -----------------------------------------------------------------------------------------


def test_sodium_is_said_only_for_heart_failure_or_renal_risk(catalogue):
    privigen = catalogue.product("privigen")
    assert safety.sodium_warning(privigen, Q(280, "mL"), frozenset({Risk.THROMBOSIS})) is None
    assert safety.sodium_warning(None, Q(280, "mL"), frozenset({Risk.RENAL})) is None
    assert safety.sodium_warning(privigen, None, frozenset({Risk.RENAL})) is None


@pytest.mark.parametrize(
    ("product", "ml", "words"),
    [
        # Privigen: less than 2.3 mg in 100 mL = 0.023 mg/mL; × 280 mL = 6.44 mg, shown as 6 mg
        ("privigen", 280, "Privigen 10 % adds up to 6 mg of sodium a day in 280 mL"),
        # Flebogamma DIF 5 %: 0.0735 mg/mL × 560 mL = 41.16 mg, shown as 41 mg
        ("flebogamma-dif-5", 560, "Flebogamma DIF 5 % adds up to 41 mg of sodium a day in 560 mL"),
    ],
)
def test_the_sodium_a_days_bag_adds(catalogue, product, ml, words):
    notice = safety.sodium_warning(catalogue.product(product), Q(ml, "mL"), frozenset({Risk.HEART_FAILURE}))
    assert notice is not None and notice.text.startswith(words)
    assert notice.source == catalogue.product(product).sodium.source


# -- licensed ages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "said"),
    [
        (D(1), "this patient is 12 months old"),
        (D("0.5"), "this patient is 6 months old"),
        (D("1.5"), "this patient is 18 months old"),
    ],
)
def test_a_child_under_flebogammas_licensed_age_of_2_is_warned(kb, catalogue, years, said):
    # Flebogamma DIF 5 % SmPC section 4.1: "children and adolescents (2 - 18 years)"
    notices = safety.product_warnings(
        catalogue.product("flebogamma-dif-5"), catalogue, (), Patient(age_years=years), kb.indication("kawasaki")
    )
    texts = " ".join(n.text for n in notices)
    assert "licensed only from 2 years" in texts and said in texts


def test_a_child_of_licensed_age_is_not_warned(kb, catalogue):
    notices = safety.product_warnings(
        catalogue.product("flebogamma-dif-5"), catalogue, (), Patient(age_years=D(3)), kb.indication("kawasaki")
    )
    assert not any("licensed only" in n.text for n in notices)


# -- rates for patients at risk ---------------------------------------------------------------------


def test_an_unconfirmed_lower_maximum_says_so_for_each_rate_risk(kb, catalogue):
    risks = (entered(Risk.HEART_FAILURE), entered(Risk.THROMBOSIS))
    notices = safety.product_warnings(catalogue.product("privigen"), catalogue, risks, Patient(), kb.indication("gbs"))
    rate = [n for n in notices if "no lower maximum rate" in n.text]
    assert [n.hazard for n in rate] == ["thrombosis", "heart-failure"]  # in RATE_RISKS' order
    assert all("check the SmPC (sections 4.2 and 4.4)" in n.text for n in rate)


def test_every_risk_a_lower_maximum_is_for_has_words():
    assert set(safety.RATE_RISKS) <= set(safety.RISK_WORDS)
