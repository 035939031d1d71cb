"""One YAML file into its model, or a refusal naming file, line, entry and field
(``ivigdesk.knowledge.yaml_parse``)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.yaml_parse import parse_file


@dataclass(frozen=True)
class Entry:
    id: str
    days: int


@dataclass(frozen=True)
class File:
    version: str
    entries: tuple[Entry, ...]


def refused(text: str) -> KnowledgeBaseError:
    with pytest.raises(KnowledgeBaseError) as caught:
        parse_file("rules.yaml", text, File)
    return caught.value


def test_a_good_file_gives_its_model_and_its_tree():
    parsed = parse_file("rules.yaml", "version: '1'\nentries:\n  - id: gbs\n    days: 5\n", File)
    assert parsed.name == "rules.yaml" and parsed.model == File("1", (Entry("gbs", 5),))
    assert parsed.root is not None


def test_a_schema_fault_is_named_by_line_entry_and_field():
    error = refused("version: '1'\nentries:\n  - id: gbs\n    days: five\n")
    assert (error.file, error.line, error.entry, error.field) == ("rules.yaml", 4, "gbs", "days")
    assert error.message == "expected a whole number, got 'five'"
    assert str(error) == "rules.yaml:4: gbs › days: expected a whole number, got 'five'"


def test_a_yaml_fault_is_named_by_its_place():
    error = refused("version: '1'\nentries:\n  - id: gbs\n    days: 5\n    days: 6\n")
    assert (error.line, error.entry, error.field) == (5, "gbs", "days")
    assert "the key 'days' appears twice (first on line 4)" in error.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- a list\n", "the file must hold a mapping of fields at its top level"),
        ("a: " + "[" * 41 + "]" * 41 + "\n", "the file is nested more than 40 levels deep"),
    ],
)
def test_an_empty_flat_or_deep_file_is_refused(text, message):
    assert refused(text).message == message
