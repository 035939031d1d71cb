"""The compiled form of the bundled data: it gives exactly what parsing the YAML gives, it is used
only for the very bytes it was made from and only when the manifest approves it, and it can name
nothing but the knowledge model's own classes."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from ivigdesk.knowledge import compiled
from ivigdesk.knowledge.compiled import COMPILED, compiled_bytes, models
from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.loader import FILES, load_knowledge_base
from ivigdesk.knowledge.model import IndicationsFile
from ivigdesk.knowledge.products import load_product_catalogue
from ivigdesk.knowledge.yaml_parse import parse_file
from tests.conftest import edit_text, reseal

KB_NAMES = ("indications.yaml", "newer_guidance.yaml", "references.yaml", "rules.yaml", "source.yaml")


def test_the_bundled_data_load_compiled_and_equal_their_yaml():
    """If this fails, the YAML or the model changed: run ``python -m ivigdesk.knowledge.compiled``."""
    kb, from_yaml = load_knowledge_base(), load_knowledge_base(use_compiled=False)
    assert kb.compiled and not from_yaml.compiled
    assert kb == from_yaml and kb.checksum == from_yaml.checksum
    catalogue, products_from_yaml = load_product_catalogue(), load_product_catalogue(use_compiled=False)
    assert catalogue.compiled and catalogue == products_from_yaml


def test_a_compiled_file_the_manifest_does_not_list_is_ignored(pharmacy):
    """A pharmacy copies the bundled folder, changes a dose and approves the YAML (sha256sum *.yaml)."""
    folder = pharmacy / "knowledge"
    edit_text(folder / "indications.yaml", "dose_per_kg: 2 g/kg", "dose_per_kg: 3 g/kg")
    reseal(folder, *KB_NAMES)
    kb = load_knowledge_base(folder)
    assert not kb.compiled
    doses = [r.dose_per_kg for i in kb.indications for c in i.circumstances for r in c.regimens if r.dose_per_kg]
    assert "3 g/kg" in {str(d) for d in doses}


def test_a_stale_compiled_file_is_not_used_even_when_approved(pharmacy):
    """The YAML changed and everything was re-approved, but the compiled form was not remade: it
    no longer matches the YAML's bytes, so the YAML is parsed and the new dose is the one used."""
    folder = pharmacy / "knowledge"
    edit_text(folder / "indications.yaml", "dose_per_kg: 2 g/kg", "dose_per_kg: 3 g/kg")
    reseal(folder, *KB_NAMES, COMPILED)
    kb = load_knowledge_base(folder)
    assert not kb.compiled
    assert kb == load_knowledge_base(folder, use_compiled=False)
    assert kb != load_knowledge_base()


def test_a_listed_compiled_file_that_was_changed_is_refused(pharmacy):
    folder = pharmacy / "products"
    raw = bytearray((folder / COMPILED).read_bytes())
    raw[-10] ^= 1
    (folder / COMPILED).write_bytes(bytes(raw))
    with pytest.raises(KnowledgeBaseError) as caught:
        load_product_catalogue(folder)
    assert caught.value.file == COMPILED
    assert "does not match its checksum" in caught.value.message


def test_a_fault_between_files_is_located_in_the_yaml_even_when_compiled(pharmacy):
    """Compiled data that fail a cross-check (here a rule id used twice) are refused with the
    line the YAML gives, not silently used."""
    folder = pharmacy / "knowledge"
    text = (folder / "rules.yaml").read_text(encoding="utf-8")
    first_id = text.split("id: ", 1)[1].split("\n", 1)[0]
    second_id = text.split("id: ", 2)[2].split("\n", 1)[0]
    edit_text(folder / "rules.yaml", f"id: {second_id}\n", f"id: {first_id}\n")
    files = {}
    for name in KB_NAMES:
        raw = (folder / name).read_bytes()
        files[name] = (raw, parse_file(name, raw.decode("utf-8"), FILES[name]).model)
    (folder / COMPILED).write_bytes(compiled_bytes(files))
    reseal(folder, *KB_NAMES, COMPILED)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(folder)
    assert caught.value.file == "rules.yaml" and caught.value.line is not None
    assert "is used twice" in caught.value.message


def _indications() -> tuple[bytes, IndicationsFile]:
    raw = (Path(compiled.__file__).parents[2] / "resources" / "knowledge" / "indications.yaml").read_bytes()
    return raw, parse_file("indications.yaml", raw.decode("utf-8"), IndicationsFile).model


def test_an_entry_is_used_only_for_the_bytes_it_was_made_from():
    raw, model = _indications()
    made = compiled_bytes({"indications.yaml": (raw, model)})
    schemas = {"indications.yaml": IndicationsFile}
    assert models(made, {"indications.yaml": raw}, schemas) == {"indications.yaml": model}
    assert models(made, {"indications.yaml": raw + b"\n"}, schemas) == {}


def test_an_entry_made_with_other_model_classes_is_not_used(monkeypatch):
    raw, model = _indications()
    made = compiled_bytes({"indications.yaml": (raw, model)})
    monkeypatch.setattr(compiled, "fingerprint", lambda: "0" * 64)  # a field added or renamed since
    assert models(made, {"indications.yaml": raw}, {"indications.yaml": IndicationsFile}) == {}


class Trap:
    """Unpickling this would write a file."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.touch, (Path(self.path),))


def test_a_compiled_file_can_build_nothing_outside_the_model(tmp_path):
    trap = tmp_path / "ran"
    content = {"format": compiled.FORMAT, "fingerprint": compiled.fingerprint(), "files": {"x.yaml": Trap(str(trap))}}
    raw = pickle.dumps(content, protocol=5)
    assert models(raw, {"x.yaml": b""}, {"x.yaml": object}) == {}
    assert not trap.exists()
    pickle.loads(raw)  # the same bytes, unrestricted, would have run it
    assert trap.exists()


def test_the_fingerprint_is_stable_and_follows_the_model_fields(monkeypatch):
    from ivigdesk.knowledge import model

    before = compiled.fingerprint()
    compiled.fingerprint.cache_clear()
    assert compiled.fingerprint() == before  # no ids or addresses in it
    monkeypatch.setattr(model.Regimen, "__dataclass_fields__", {**model.Regimen.__dataclass_fields__})
    model.Regimen.__dataclass_fields__.pop(next(iter(model.Regimen.__dataclass_fields__)))
    compiled.fingerprint.cache_clear()
    try:
        assert compiled.fingerprint() != before
    finally:
        monkeypatch.undo()
        compiled.fingerprint.cache_clear()
    assert compiled.fingerprint() == before
