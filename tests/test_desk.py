"""The desk: one session behind the window, ivigdesk-calc and the self-test, answering raw
inputs with a plan or a refusal as values. Doses are worked by hand from the review's tables."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from decimal import Decimal as D

import pytest

from ivigdesk.config.site import DataSource, SiteChoice
from ivigdesk.desk import Desk, Unavailable
from ivigdesk.dosing.errors import NO_DIAGNOSIS
from ivigdesk.dosing.fields import Field
from ivigdesk.dosing.raw_inputs import RawInputs
from ivigdesk.dosing.request import Settings

GBS_70 = RawInputs(indication_id="gbs", circumstance_id="lupus-associated", weight="70", concentration="10 %")


@pytest.fixture(scope="module")
def desk() -> Desk:
    opened = Desk.open(SiteChoice())  # the bundled data, as no site file chooses
    assert isinstance(opened, Desk)
    return opened


def test_an_answer_is_the_plan_for_the_raw_inputs(desk):
    answer = desk.answer(GBS_70, Settings())
    assert answer.refusal is None and answer.plan is not None
    # GBS: 400 mg/kg/day for 5 days (Table 2): 70 kg × 0.4 g/kg = 28 g a day, 140 g in all
    assert answer.plan.days[0].dose.to("g").magnitude == 28
    assert answer.plan.total_dose.to("g").magnitude == 140
    assert answer.weight is not None and answer.weight.to("kg").magnitude == 70


def test_no_diagnosis_is_a_prompt_not_a_mistake(desk):
    answer = desk.answer(RawInputs(weight="70"), Settings())
    assert answer.plan is None and answer.weight is None
    assert answer.refusal is not None
    assert (answer.refusal.field, answer.refusal.message, answer.refusal.missing) == (
        Field.INDICATION,
        NO_DIAGNOSIS,
        True,
    )


def test_a_refusal_names_its_field_and_keeps_the_weight_it_could_read(desk):
    # dm-pm gives 2 g/kg over 2–5 days (Table 1): the days must be chosen, never guessed
    raw = RawInputs(indication_id="dm-pm", weight="154 lb", weight_unit="lb", concentration="10 %")
    answer = desk.answer(raw, Settings())
    assert answer.plan is None and answer.refusal is not None
    assert answer.refusal.field == Field.DAYS and answer.refusal.missing
    # 154 lb × 0.45359237 kg/lb = 69.853 kg, shown beside the pounds while the days are asked for
    assert abs(answer.weight.to("kg").magnitude - D("69.853")) < D("0.001")


def test_an_unreadable_input_is_refused_beside_it(desk):
    answer = desk.answer(replace(GBS_70, weight="seventy"), Settings())
    assert answer.plan is None and answer.weight is None
    assert answer.refusal is not None and answer.refusal.field == Field.WEIGHT


def test_rates_are_asked_for_only_where_the_product_list_has_none(desk):
    octagam = desk.catalogue.product("octagam-10")
    intratect = desk.catalogue.product("intratect-50")
    assert octagam is not None and intratect is not None
    assert not octagam.rates_to_enter("gbs")  # labelled maximum 0.12 mL/kg/min (products.yaml)
    assert intratect.rates_to_enter("gbs")  # section 4.2 rates not confirmed
    typed = {"initial_rate": "1 mL/kg/h", "maximum_rate": "2 mL/kg/h"}
    for product, refused in (("octagam-10", True), ("intratect-50", False)):
        raw = replace(GBS_70, concentration="", product_id=product, **typed)
        answer = desk.answer(raw, Settings())
        assert (answer.refusal is not None and answer.refusal.field == Field.RATES) is refused


def test_data_that_cannot_be_used_give_no_desk_and_say_why(tmp_path):
    empty = tmp_path / "knowledge"
    empty.mkdir()
    refused = Desk.open(SiteChoice(DataSource(empty), config_file=tmp_path / "ivigdesk-site.ini"))
    assert isinstance(refused, Unavailable)
    assert refused.site is not None
    assert refused.sentence.startswith(f"the knowledge base ({refused.site.describe()}) cannot be used")
    assert "nothing is calculated" in refused.sentence


def test_site_settings_that_cannot_be_read_give_no_desk(tmp_path, monkeypatch):
    monkeypatch.setenv("IVIGDESK_SITE_CONFIG", str(tmp_path / "missing.ini"))
    refused = Desk.open()
    assert isinstance(refused, Unavailable) and refused.site is None
    assert refused.sentence.startswith("the site settings cannot be used, so nothing is calculated:")
    assert "missing.ini" in refused.reason


def test_opening_a_desk_and_asking_without_a_diagnosis_imports_no_calculation():
    """The window opens its desk before its first frame: that must not cost the calculation."""
    code = (
        "import sys\n"
        "from ivigdesk.config.site import SiteChoice\n"
        "from ivigdesk.desk import Desk\n"
        "from ivigdesk.dosing.raw_inputs import RawInputs\n"
        "from ivigdesk.dosing.request import Settings\n"
        "Desk.open(SiteChoice()).answer(RawInputs(), Settings())\n"
        "print(sorted(m for m in ('ivigdesk.dosing.calculate', 'pint') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
