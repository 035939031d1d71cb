"""A broken knowledge base fails to load, naming the file, the line, the entry and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.loader import load_knowledge_base


def edit(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def fault(folder: Path) -> KnowledgeBaseError:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(folder, verify=False)
    return caught.value


def test_bundled_knowledge_base_loads(kb):
    assert kb.version == "2026.11.2"
    assert len(kb.checksum) == 64
    assert len(kb.indications) == 20  # the 19 of Tables 1-4 and obstetric APS from the review's text


def test_malformed_yaml_names_file_and_line(kb_copy):
    edit(kb_copy, "indications.yaml", "synonyms: [GBS, Guillain-Barre,", "synonyms: [GBS, Guillain-Barre")
    edit(kb_copy, "indications.yaml", "AIDP, SLE, lupus, neuropathy]", "AIDP, SLE, lupus, neuropathy")
    error = fault(kb_copy)
    assert error.file == "indications.yaml" and error.line is not None


def test_missing_field_names_entry_and_field(kb_copy):
    edit(kb_copy, "indications.yaml", "        status: not-recommended\n        grade: A\n", "        grade: A\n")
    error = fault(kb_copy)
    assert (error.file, error.entry, error.field) == ("indications.yaml", "ibm", "circumstances[any].status")
    assert "missing" in error.message
    assert str(error).startswith("indications.yaml:")


def test_unknown_unit_names_entry_and_field(kb_copy):
    edit(
        kb_copy,
        "indications.yaml",
        "dose_per_kg: 400 mg/kg\n            days: 5\n            source: Table 2",
        "dose_per_kg: 400 mgg/kg\n            days: 5\n            source: Table 2",
    )
    error = fault(kb_copy)
    assert error.entry == "gbs"
    assert error.field == "circumstances[lupus-associated].regimens[400mg-per-kg-5-days].dose_per_kg"
    assert "unknown unit 'mgg'" in error.message
    assert "more problem" not in error.message  # the emptied list above it is a knock-on, not a second fault


def test_a_volume_is_not_a_dose_per_kg(kb_copy):
    edit(kb_copy, "indications.yaml", "dose_per_kg: 1 g/kg", "dose_per_kg: 1 mL/kg")
    error = fault(kb_copy)
    assert error.entry == "lupus-itp" and "not a unit of mass" in error.message


def test_duplicate_indication_id(kb_copy):
    edit(kb_copy, "indications.yaml", "  - id: cfs\n", "  - id: ra\n")
    error = fault(kb_copy)
    assert error.file == "indications.yaml" and error.field == "id"
    assert "'ra' is used twice" in error.message


def test_python_object_tag_is_refused(kb_copy):
    edit(
        kb_copy,
        "indications.yaml",
        "name: Rheumatoid arthritis",
        "name: !!python/object/apply:os.system ['echo pwned']",
    )
    error = fault(kb_copy)
    assert error.entry == "ra" and error.field == "name"
    assert "python/object" in error.message


def test_duplicate_key_is_refused(kb_copy):
    edit(
        kb_copy,
        "indications.yaml",
        "    colour: black\n    colour_source: Table 1\n",
        "    colour: black\n    colour: red\n    colour_source: Table 1\n",
    )
    error = fault(kb_copy)
    assert error.entry == "ra" and "appears twice" in error.message


def test_misspelt_field_is_refused(kb_copy):
    edit(kb_copy, "indications.yaml", "    synonyms: [RA, rheumatoid arthritis]", "    synonym: [RA]")
    error = fault(kb_copy)
    assert (error.entry, error.field) == ("ra", "synonym")
    assert "unknown field" in error.message


@pytest.mark.parametrize(("old", "new"), [("days: 2\n", "days: 02\n"), ("days: 2\n", "days: two\n")])
def test_yaml_guesses_are_not_numbers(kb_copy, old, new):
    edit(kb_copy, "indications.yaml", old, new)
    assert fault(kb_copy).entry == "lupus-itp"


def test_yes_is_not_a_boolean(kb_copy):
    edit(kb_copy, "indications.yaml", "recommended: false", "recommended: no")
    error = fault(kb_copy)
    assert error.entry == "lupus-chb" and "recommended" in error.field


def test_a_dose_on_a_not_recommended_row_is_refused(kb_copy):
    edit(
        kb_copy,
        "indications.yaml",
        "        no_dose_reason: Table 3 does not recommend IVIG in inclusion body myositis [20].\n",
        "        regimens:\n          - {id: x, label: x, basis: per-day, dose_per_kg: 1 g/kg, days: 1, source: x}\n",
    )
    error = fault(kb_copy)
    assert error.entry == "ibm" and "must not carry a regimen" in error.message


def test_unknown_reference_is_refused(kb_copy):
    edit(kb_copy, "indications.yaml", "references: [75]", "references: [175]")
    error = fault(kb_copy)
    assert error.entry == "cfs" and error.field == "circumstances[any].references[0]"
    assert "[175]" in error.message


def test_missing_file(kb_copy):
    (kb_copy / "rules.yaml").unlink()
    assert fault(kb_copy).file == "rules.yaml"


def test_empty_file(kb_copy):
    (kb_copy / "rules.yaml").write_text("", encoding="utf-8")
    assert "empty" in fault(kb_copy).message


def test_checksum_changes_with_content(kb, kb_copy):
    edit(kb_copy, "indications.yaml", "# Every indication", "# Edited: every indication")
    assert load_knowledge_base(kb_copy, verify=False).checksum != kb.checksum
