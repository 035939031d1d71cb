"""The self-test's Qt-free half: every indication answered at reference weights, and the bundled
data's compiled form equal to their YAML."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ivigdesk.config.site import SiteChoice
from ivigdesk.desk import Desk
from ivigdesk.knowledge.loader import load_knowledge_base
from ivigdesk.knowledge.products import load_product_catalogue
from ivigdesk.self_check import CONCENTRATIONS, REFERENCE_WEIGHTS_KG, compiled_data_problems, plan_problems


@pytest.fixture(scope="module")
def desk() -> Desk:
    opened = Desk.open(SiteChoice())
    assert isinstance(opened, Desk)
    return opened


def test_every_circumstance_is_answered_at_every_reference_weight(desk):
    count, problems = plan_problems(desk)
    assert problems == []
    # every pair is answered at each weight and concentration, except that an adult-only
    # indication refuses the 3 kg and 18 kg weights (under the 30 kg an adult is refused below)
    checks = len(REFERENCE_WEIGHTS_KG) * len(CONCENTRATIONS)
    pairs = [(i, c) for i in desk.kb.indications for c in i.circumstances]
    refused = sum(2 * len(CONCENTRATIONS) for i, _ in pairs if i.patients == "adults")
    assert count == len(pairs) * checks - refused


def test_an_adult_only_indication_that_doses_a_child_is_a_problem(desk):
    class EveryoneIs70Kg:  # a desk that wrongly doses any weight as 70 kg
        kb = desk.kb

        @staticmethod
        def answer(raw, settings):
            return desk.answer(replace(raw, weight="70"), settings)

    _, problems = plan_problems(EveryoneIs70Kg())
    adults = [i.id for i in desk.kb.indications if i.patients == "adults"]
    assert adults, "the review names adult-only indications (lupus in pregnancy)"
    assert f"{adults[0]} (adults) accepted 3 kg" in problems


def test_the_bundled_compiled_form_gives_what_its_yaml_gives(desk):
    assert compiled_data_problems(desk) == []


def test_bundled_data_parsed_from_yaml_is_a_problem():
    parsed = Desk(SiteChoice(), load_knowledge_base(use_compiled=False), load_product_catalogue(use_compiled=False))
    assert compiled_data_problems(parsed) == [
        "the bundled knowledge base was parsed from YAML: its compiled form is missing or stale",
        "the bundled product list was parsed from YAML: its compiled form is missing or stale",
    ]
