"""The hazard log (docs/hazard-log.yaml): every hazard has a control, every control a test that
exists, and docs/hazard-log.md is its rendering, up to date."""

from __future__ import annotations

import copy

import pytest

from ivigdesk import hazard_log


@pytest.fixture(scope="module")
def log():
    return hazard_log.load()


def test_every_hazard_has_a_control_and_every_control_an_existing_test(log):
    assert hazard_log.problems(log) == []
    assert len(log["hazards"]) >= 17


def test_the_markdown_is_up_to_date(log):
    assert hazard_log.RENDERED.read_text(encoding="utf-8") == hazard_log.render(log), (
        "docs/hazard-log.md is out of date: run python -m ivigdesk.hazard_log"
    )
    assert hazard_log.main(["--check"]) == 0


def test_a_hazard_without_a_control_or_with_a_missing_test_fails(log):
    broken = copy.deepcopy(log)
    broken["hazards"][0]["controls"] = []
    broken["hazards"][1]["controls"][0]["tests"] = ["tests/test_cli.py::test_that_was_never_written"]
    broken["hazards"][2]["controls"][0]["tests"] = []
    broken["hazards"][3]["controls"][0]["tests"] = ["tests/no_such_file.py::test_x", "no node id"]
    found = hazard_log.problems(broken)
    assert f"hazard {log['hazards'][0]['id']}: no control" in found
    assert any("test_that_was_never_written does not exist" in fault for fault in found)
    assert any("no test verifies it" in fault for fault in found)
    assert any("no_such_file.py::test_x does not exist" in fault for fault in found)
    assert any("no node id does not exist" in fault for fault in found)


def test_a_parametrised_node_id_names_its_function():
    assert hazard_log.names_a_test(
        "tests/dosing/test_issue23_safety.py::test_each_new_risk_input_raises_its_hazard_and_the_lower_maximum[hypertension-thrombosis]"
    )
    assert not hazard_log.names_a_test("tests/dosing/test_issue23_safety.py::plan_for")


def test_each_item_of_issue_23_enters_the_log(log):
    text = hazard_log.render(log)
    for item in (f"item {n}" for n in range(1, 12)):
        assert f"Issue 23, {item}" in text or f"issue 23, {item}" in text, item
