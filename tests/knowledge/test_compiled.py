"""The compiled form of the bundled data: it gives exactly what parsing the YAML gives, it is used
only for the very bytes it was made from and only when the manifest approves it, and it can name
nothing but the knowledge model's own classes."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest

from ivigdesk.config.site import DataSource, SiteChoice, load_choice
from ivigdesk.knowledge import compiled
from ivigdesk.knowledge.compile import compiled_bytes
from ivigdesk.knowledge.compiled import COMPILED, models
from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.loader import FILES, load_knowledge_base
from ivigdesk.knowledge.model import IndicationsFile
from ivigdesk.knowledge.products import PRODUCTS_FILE, ProductsFile, load_product_catalogue
from ivigdesk.knowledge.yaml_parse import parse_file
from tests.conftest import REPO, edit_text, reseal

KB_NAMES = ("indications.yaml", "newer_guidance.yaml", "references.yaml", "rules.yaml", "source.yaml")


def test_the_bundled_data_load_compiled_and_equal_their_yaml():
    """If this fails, the YAML or the model changed: run ``python -m ivigdesk.knowledge.compile``."""
    kb, from_yaml = load_knowledge_base(), load_knowledge_base(use_compiled=False)
    assert kb.compiled and not from_yaml.compiled
    assert kb == from_yaml and kb.checksum == from_yaml.checksum
    catalogue, products_from_yaml = load_product_catalogue(), load_product_catalogue(use_compiled=False)
    assert catalogue.compiled and catalogue == products_from_yaml


@pytest.mark.parametrize(("kind", "schemas"), [("knowledge", FILES), ("products", {PRODUCTS_FILE: ProductsFile})])
def test_every_bundled_compiled_model_is_exactly_what_its_yaml_gives(kind, schemas):
    """Each entry of the bundled compiled form, file by file, equals the model parsed from the
    YAML bytes beside it, and it holds nothing else."""
    folder = REPO / "resources" / kind
    raw = (folder / COMPILED).read_bytes()
    yaml_files = {name: (folder / name).read_bytes() for name in schemas if (folder / name).is_file()}
    found = models(raw, yaml_files, schemas)
    assert sorted(found) == sorted(yaml_files)
    for name, yaml_bytes in yaml_files.items():
        assert found[name] == parse_file(name, yaml_bytes.decode("utf-8"), schemas[name]).model, name
    content = pickle.loads(raw)  # the bundled file, trusted here, to count its entries
    assert sorted(content["files"]) == sorted(yaml_files)


def _forged_gbs(folder: Path) -> None:
    """The audit's attack: a compiled form built only from the model classes, carrying the hashes
    of the untouched YAML but a GBS dose of 3 g/kg a day (the YAML: 400 mg/kg), listed in the folder's manifest."""
    untouched = {name: (folder / name).read_bytes() for name in KB_NAMES}
    text = untouched["indications.yaml"].decode("utf-8")
    gbs = text.index("id: gbs")
    at = text.index("dose_per_kg: 400 mg/kg", gbs)
    forged_text = text[:at] + "dose_per_kg: 3 g/kg" + text[at + len("dose_per_kg: 400 mg/kg") :]
    files = {name: (raw, parse_file(name, raw.decode("utf-8"), FILES[name]).model) for name, raw in untouched.items()}
    files["indications.yaml"] = (
        untouched["indications.yaml"],
        parse_file("indications.yaml", forged_text, IndicationsFile).model,
    )
    (folder / COMPILED).write_bytes(compiled_bytes(files))
    reseal(folder, *KB_NAMES, COMPILED)


def _gbs_doses(kb) -> set[str]:
    gbs = kb.indication("gbs")
    return {str(r.dose_per_kg) for c in gbs.circumstances for r in c.regimens if r.dose_per_kg}


def test_a_forged_compiled_form_in_a_pinned_site_folder_is_never_read(pharmacy):
    folder = pharmacy / "knowledge"
    pin = load_knowledge_base(folder).checksum  # the approved YAML's checksum
    _forged_gbs(folder)
    kb, _ = load_choice(SiteChoice(DataSource(folder, pin), config_file=pharmacy / "ivigdesk-site.ini"))
    assert not kb.compiled
    assert _gbs_doses(kb) == {"400 mg/kg"}
    assert kb.checksum == pin


def test_a_site_folder_compiled_file_is_not_even_opened(pharmacy):
    """An unreadable compiled.pickle (here a folder, listed in the manifest) changes nothing: the
    program never looks at it, so only the YAML (which the pin covers) decides."""
    for kind, names in (("knowledge", KB_NAMES), ("products", (PRODUCTS_FILE,))):
        folder = pharmacy / kind
        (folder / COMPILED).unlink()
        (folder / COMPILED).mkdir()
        (folder / "MANIFEST.sha256").write_text(
            "".join(f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n" for n in names)
            + "0" * 64
            + f"  {COMPILED}\n",
            encoding="utf-8",
        )
    kb, catalogue = load_knowledge_base(pharmacy / "knowledge"), load_product_catalogue(pharmacy / "products")
    assert not kb.compiled and not catalogue.compiled
    assert kb.indications == load_knowledge_base().indications
    assert catalogue.products == load_product_catalogue().products


def test_the_pin_covers_the_yaml_the_site_folder_uses(pharmacy):
    """The pinned checksum is over the YAML bytes, and those are all that is used: a changed dose,
    re-approved in the manifest, fails the pin."""
    folder = pharmacy / "knowledge"
    pin = load_knowledge_base(folder).checksum
    edit_text(folder / "indications.yaml", "dose_per_kg: 2 g/kg", "dose_per_kg: 3 g/kg")
    reseal(folder, *KB_NAMES)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_choice(SiteChoice(DataSource(folder, pin), config_file=pharmacy / "ivigdesk-site.ini"))
    assert "is not the approved" in caught.value.message


def test_a_compiled_file_the_manifest_does_not_list_is_ignored(pharmacy, bundled_is):
    """The bundled folder changed, and only the YAML approved (sha256sum *.yaml)."""
    bundled_is(pharmacy)
    folder = pharmacy / "knowledge"
    edit_text(folder / "indications.yaml", "dose_per_kg: 2 g/kg", "dose_per_kg: 3 g/kg")
    reseal(folder, *KB_NAMES)
    kb = load_knowledge_base()
    assert not kb.compiled
    doses = [r.dose_per_kg for i in kb.indications for c in i.circumstances for r in c.regimens if r.dose_per_kg]
    assert "3 g/kg" in {str(d) for d in doses}


def test_a_stale_compiled_file_is_not_used_even_when_approved(pharmacy, bundled_is):
    """The YAML changed and everything was re-approved, but the compiled form was not remade: it
    no longer matches the YAML's bytes, so the YAML is parsed and the new dose is the one used."""
    bundled_is(pharmacy)
    folder = pharmacy / "knowledge"
    edit_text(folder / "indications.yaml", "dose_per_kg: 2 g/kg", "dose_per_kg: 3 g/kg")
    reseal(folder, *KB_NAMES, COMPILED)
    kb = load_knowledge_base()
    assert not kb.compiled
    assert kb == load_knowledge_base(folder, use_compiled=False)
    assert kb != load_knowledge_base(REPO / "resources" / "knowledge", verify=False)


def test_a_listed_compiled_file_that_was_changed_is_refused(pharmacy, bundled_is):
    bundled_is(pharmacy)
    folder = pharmacy / "products"
    raw = bytearray((folder / COMPILED).read_bytes())
    raw[-10] ^= 1
    (folder / COMPILED).write_bytes(bytes(raw))
    with pytest.raises(KnowledgeBaseError) as caught:
        load_product_catalogue()
    assert caught.value.file == COMPILED
    assert "does not match its checksum" in caught.value.message


def test_a_fault_between_files_is_located_in_the_yaml_even_when_compiled(pharmacy, bundled_is):
    """Compiled data that fail a cross-check (here a rule id used twice) are refused with the
    line the YAML gives, not silently used."""
    bundled_is(pharmacy)
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
        load_knowledge_base()
    assert caught.value.file == "rules.yaml" and caught.value.line is not None
    assert "is used twice" in caught.value.message


def test_the_reader_never_imports_the_writer():
    source = Path(compiled.__file__).read_text(encoding="utf-8")
    assert "knowledge.compile " not in source and "import compile" not in source
    assert "compile import" not in source


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
