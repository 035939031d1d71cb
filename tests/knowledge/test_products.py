"""The product catalogue (``ivigdesk.knowledge.products``). Figures are those of
resources/products/products.yaml with their cited sources: Octagam 10 %'s steps from its US
prescribing information section 2.3 (0.01, 0.02, 0.04, 0.08 mL/kg/min, 30 min each), its maximum
0.12 mL/kg/min, 0.04 in dermatomyositis and 0.03 for patients at risk (SmPC, May 2021)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.products import PRODUCTS_FILE, Excipient, Rates, load_product_catalogue
from ivigdesk.knowledge.risks import Risk
from ivigdesk.knowledge.schema import SchemaError, convert
from tests.conftest import REPO, edit_text


def test_octagam_10s_rates_are_its_labels_in_ml_per_kg_per_hour(catalogue):
    rates = catalogue.product("octagam-10").rates
    # 0.01 mL/kg/min × 60 = 0.6 mL/kg/h; doubled every 30 min: 1.2, 2.4, 4.8
    assert [(s.rate.ml_per_kg_h, s.minutes) for s in rates.steps] == [
        (D("0.6"), 30),
        (D("1.2"), 30),
        (D("2.4"), 30),
        (D("4.8"), 30),
    ]
    assert rates.maximum.ml_per_kg_h == D("7.2")  # 0.12 × 60
    assert rates.risk_maximum.rate.ml_per_kg_h == D("1.8")  # 0.03 × 60
    assert set(rates.risk_maximum.risks) == {Risk.RENAL, Risk.THROMBOSIS}


def test_an_indications_own_maximum_comes_before_the_labels(catalogue):
    octagam = catalogue.product("octagam-10")
    rate, label = octagam.rates.maximum_for_indication("dm-pm")
    assert rate.ml_per_kg_h == D("2.4") and label.startswith("maximum in dermatomyositis")  # 0.04 × 60
    rate, label = octagam.rates.maximum_for_indication("gbs")
    assert rate.ml_per_kg_h == D("7.2") and label == "labelled maximum"


def test_rates_are_asked_for_only_where_no_maximum_is_confirmed(catalogue):
    assert not catalogue.product("octagam-10").rates_to_enter("gbs")
    assert not catalogue.product("octagam-10").rates_to_enter()
    assert catalogue.product("privigen").rates_to_enter("gbs")  # its UK SmPC rates were not retrieved


def test_excipients_and_lookup(catalogue):
    assert catalogue.product("octagam-10").contains(Excipient.MALTOSE)  # 90 mg/mL, SmPC
    assert not catalogue.product("octagam-10").contains(Excipient.SORBITOL)
    assert catalogue.product("flebogamma-dif-5").contains(Excipient.SORBITOL)  # 50 mg/mL, SmPC section 2
    assert catalogue.product("no-such-product") is None


def rates(**fields: object) -> Rates:
    return convert({"status": "partial", "escalation": "e", "source": "s", **fields}, Rates)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"status": "confirmed", "maximum": "0.12 mL/kg/min"}, "confirmed rates need the label's steps"),
        ({"status": "unconfirmed", "maximum": "0.12 mL/kg/min"}, "unconfirmed rates must not give a rate"),
        (
            {"steps": [{"rate": "0.2 mL/kg/min", "minutes": 30}], "maximum": "0.12 mL/kg/min"},
            "a step is faster than the maximum rate",
        ),
        (
            {
                "steps": [{"rate": "0.01 mL/kg/min", "minutes": 30}, {"rate": "0.03 mL/kg/min", "minutes": 30}],
                "steps_source": "s",
            },
            "a step more than doubles the rate of the step before it",
        ),
        (
            {"steps": [{"rate": "0.01 mL/kg/min", "minutes": 30}, {"rate": "0.02 mL/kg/min", "minutes": 30}]},
            "steps after the first need steps_source",
        ),
    ],
)
def test_rates_the_label_cannot_mean_are_refused(fields, words):
    with pytest.raises(SchemaError, match=words):
        rates(**fields)


def test_doubling_is_the_most_a_step_may_rise():
    doubled = rates(
        steps=[{"rate": "0.01 mL/kg/min", "minutes": 30}, {"rate": "0.02 mL/kg/min", "minutes": 30}],
        steps_source="s",
    )
    assert len(doubled.steps) == 2


def test_a_vial_that_does_not_match_the_concentration_is_refused(tmp_path):
    # Octagam 10 %: 100 mg/mL, so a 2 g vial is 20 mL; 25 mL would be 80 mg/mL
    folder = tmp_path / "products"
    folder.mkdir()
    (folder / PRODUCTS_FILE).write_bytes((REPO / "resources" / "products" / PRODUCTS_FILE).read_bytes())
    edit_text(folder / PRODUCTS_FILE, "{grams: 2, millilitres: 20}", "{grams: 2, millilitres: 25}")
    with pytest.raises(KnowledgeBaseError, match="a 2 g vial of 25 mL does not match the concentration"):
        load_product_catalogue(folder, verify=False)


def test_a_site_list_is_checked_against_its_manifest(pharmacy):
    edit_text(pharmacy / "products" / PRODUCTS_FILE, "name: Octagam 10 %", "name: Octagam 10 % (site)")
    with pytest.raises(KnowledgeBaseError, match="does not match its checksum"):
        load_product_catalogue(pharmacy / "products")
    assert load_product_catalogue(pharmacy / "products", verify=False).product("octagam-10").name.endswith("(site)")
