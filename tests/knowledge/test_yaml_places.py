"""Where a fault is in a YAML file (``ivigdesk.knowledge.yaml_places``): its line, its entry
(named by its id or number) and its field."""

from __future__ import annotations

from ivigdesk.knowledge.strict_yaml import compose
from ivigdesk.knowledge.yaml_places import locate, path_at

TEXT = """\
version: 1
indications:
  - id: gbs
    regimens:
      - id: five-days
        dose_per_kg: 2 g/kg
  - name: no id here
    days: 5
references:
  - number: 13
    text: Lupus GBS
"""
ROOT = compose(TEXT)


def test_an_entry_is_named_by_its_id_and_a_field_by_its_path():
    assert locate(ROOT, ("indications", 0, "regimens", 0, "dose_per_kg")) == (
        6,
        "gbs",
        "regimens[five-days].dose_per_kg",
    )


def test_an_entry_without_an_id_is_named_by_its_place_and_a_reference_by_its_number():
    assert locate(ROOT, ("indications", 1, "days")) == (8, "indications[1]", "days")
    assert locate(ROOT, ("references", 0, "text")) == (11, "13", "text")


def test_a_missing_field_is_named_at_the_line_of_its_entry():
    assert locate(ROOT, ("indications", 0, "colour")) == (3, "gbs", "colour")
    assert locate(ROOT, ("version",)) == (1, None, "version")
    assert locate(None, ("version",)) == (None, None, "version")  # compiled: no YAML to point into


def test_an_unknown_key_of_any_length_is_named_in_sixty_characters():
    _, _, field = locate(ROOT, ("indications", 0, "k" * 1000))
    assert field == "k" * 60 + "…"


def test_the_path_at_a_position_is_the_deepest_node_holding_it():
    # line 6 (0-based 5), column 22: inside "2 g/kg"
    assert path_at(ROOT, 5, 22) == ("indications", 0, "regimens", 0, "dose_per_kg")
    assert path_at(ROOT, 0, 0) == ("version",)
    assert path_at(ROOT, 10, 10) == ("references", 0, "text")
