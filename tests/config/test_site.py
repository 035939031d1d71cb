"""A pharmacy's own knowledge base and product list: found through a site file, checked against
its manifest (and pin), and refused by name when anything is wrong, never silently replaced."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from ivigdesk.cli import run
from ivigdesk.config.paths import SITE_FILE, user_settings_path, user_site_path
from ivigdesk.config.site import SiteChoice, SiteConfigError, find_site_choice, load_choice
from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.loader import load_knowledge_base
from ivigdesk.knowledge.manifest import MANIFEST, check_manifest, read_manifest
from tests.conftest import edit_text, reseal

REPO = Path(__file__).resolve().parents[2]
KB_FILES = ("indications.yaml", "newer_guidance.yaml", "references.yaml", "rules.yaml", "source.yaml")


def site_file(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SITE_FILE
    path.write_text(text, encoding="utf-8")
    return path


# -- the manifest ------------------------------------------------------------------------------


def test_bundled_data_match_their_manifests():
    for kind, yaml_names in (("knowledge", KB_FILES), ("products", ("products.yaml",))):
        folder = REPO / "resources" / kind
        digests = read_manifest(folder)
        names = (*yaml_names, "compiled.pickle")  # the YAML's validated form (knowledge.compiled)
        assert sorted(digests) == sorted(names)
        for name in names:  # the same digest sha256sum prints
            assert digests[name] == hashlib.sha256((folder / name).read_bytes()).hexdigest()


def test_one_changed_byte_fails_the_integrity_check(pharmacy):
    # 2 g/kg → 3 g/kg: a valid file, a plausible dose, and exactly what the manifest is for
    edit_text(pharmacy / "knowledge" / "indications.yaml", "dose_per_kg: 2 g/kg", "dose_per_kg: 3 g/kg")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(pharmacy / "knowledge")
    assert caught.value.file == "indications.yaml"
    assert "does not match its checksum" in caught.value.message


@pytest.mark.parametrize(
    ("manifest", "words"),
    [
        (None, "no checksum manifest"),
        ("", "not listed"),
        ("# approved 2026-11-24\n", "not listed"),
        ("deadbeef  indications.yaml\n", "expected '<64 hex digits>"),
        ("0" * 64 + "  indications.yaml\n" + "0" * 64 + "  indications.yaml\n", "listed twice"),
        ("0" * 64 + "  ../indications.yaml\n", "expected '<64 hex digits>"),
    ],
)
def test_a_missing_or_malformed_manifest_is_refused(pharmacy, manifest, words):
    path = pharmacy / "knowledge" / MANIFEST
    if manifest is None:
        path.unlink()
    else:
        path.write_text(manifest, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(pharmacy / "knowledge")
    assert words in str(caught.value)


def test_manifest_accepts_sha256sum_binary_mode_and_upper_case(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"x: 1\n")
    digest = hashlib.sha256(b"x: 1\n").hexdigest().upper()
    (tmp_path / MANIFEST).write_text(f"{digest} *a.yaml\n", encoding="utf-8")
    check_manifest(tmp_path, {"a.yaml": b"x: 1\n"})


# -- finding the site file ---------------------------------------------------------------------


def test_no_site_file_means_the_bundled_data(tmp_path):
    choice = find_site_choice({}, program=tmp_path, user_site=tmp_path / "none.ini")
    assert choice == SiteChoice()
    assert choice.describe() == "bundled with IVIG Desk"


def test_site_file_beside_the_program_wins_over_the_users_own(pharmacy, tmp_path):
    program = tmp_path / "program"
    site_file(program, f"[site]\nknowledge_folder = {pharmacy / 'knowledge'}\n")
    user = site_file(tmp_path / "user", "[site]\nknowledge_folder = elsewhere\n")
    choice = find_site_choice({}, program=program, user_site=user)
    assert choice.knowledge.folder == pharmacy / "knowledge"
    assert choice.products.folder is None  # products stay bundled unless named
    assert choice.config_file == program / SITE_FILE


def test_relative_folders_are_read_from_the_site_files_folder(pharmacy):
    path = site_file(pharmacy, "[site]\nknowledge_folder = knowledge\nproducts_folder = products\n")
    choice = find_site_choice({"IVIGDESK_SITE_CONFIG": str(path)}, program=None, user_site=Path("/none"))
    kb, catalogue = load_choice(choice)
    assert kb.origin == f"local: {pharmacy / 'knowledge'}"
    assert kb.version == "2026.11.2" and len(catalogue.products) == 11


def test_the_users_own_site_file_can_name_a_folder(pharmacy, isolated_settings):
    site_file(isolated_settings.parent, f"[site]\nknowledge_folder={pharmacy / 'knowledge'}\n")
    assert user_settings_path() == isolated_settings and user_site_path() == isolated_settings.with_name(SITE_FILE)
    assert find_site_choice(program=None).knowledge.folder == pharmacy / "knowledge"


def test_a_site_section_left_in_the_settings_file_is_refused_with_directions(pharmacy, isolated_settings):
    """Earlier versions read [site] from the settings file the program rewrites; it is not read
    there any more, and not silently dropped either: nothing is calculated until it is moved."""
    isolated_settings.parent.mkdir(parents=True)
    isolated_settings.write_text(
        f"[policy]\nrounding=vials\n\n[site]\nknowledge_folder={pharmacy / 'knowledge'}\n", encoding="utf-8"
    )
    with pytest.raises(SiteConfigError) as caught:
        find_site_choice(program=None)
    assert str(isolated_settings) in str(caught.value) and str(user_site_path()) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[site]\nknowlege_folder = x\n", "unknown setting 'knowlege_folder'"),  # a typo is not ignored
        ("knowledge_folder = x\n", "damaged"),
        ("[other]\nx = 1\n", "no [site] section"),
        ("[site]\nknowledge_sha256 = abc\nknowledge_folder = x\n", "64 hexadecimal digits"),
        ("[site]\nproducts_sha256 = " + "a" * 64 + "\n", "products_folder is not"),
        ("[site]\nknowledge_folder = a\nknowledge_folder = b\n", "damaged"),
        ("[site]\nknowledge_folder =\n", "names neither"),
    ],
)
def test_a_bad_site_file_is_refused_by_name(tmp_path, text, words):
    path = site_file(tmp_path, text)
    with pytest.raises(SiteConfigError) as caught:
        find_site_choice({}, program=tmp_path, user_site=tmp_path / "none.ini")
    assert str(path) in str(caught.value)
    assert words in str(caught.value)


def test_a_site_file_named_in_the_environment_must_exist(tmp_path):
    with pytest.raises(SiteConfigError, match="no such file"):
        find_site_choice({"IVIGDESK_SITE_CONFIG": str(tmp_path / "gone.ini")}, program=None)


def test_an_unreachable_shared_drive_is_refused_not_replaced(tmp_path):
    site_file(tmp_path, "[site]\nknowledge_folder = //trust-share/pharmacy/ivig\n")
    choice = find_site_choice({}, program=tmp_path, user_site=tmp_path / "none.ini")
    with pytest.raises(KnowledgeBaseError, match="cannot be found or reached"):
        load_choice(choice)


def test_the_pinned_checksum_must_match(pharmacy, kb, tmp_path):
    good = f"[site]\nknowledge_folder = {pharmacy / 'knowledge'}\nknowledge_sha256 = {kb.checksum}\n"
    site_file(tmp_path, good)
    assert load_choice(find_site_choice({}, program=tmp_path))[0].checksum == kb.checksum
    # a reviewed change, resealed locally, is still not the version IT pinned
    edit_text(pharmacy / "knowledge" / "rules.yaml", "rules:", "# edited\nrules:")
    reseal(pharmacy / "knowledge", *KB_FILES)
    with pytest.raises(KnowledgeBaseError, match="is not the approved"):
        load_choice(find_site_choice({}, program=tmp_path))


def test_a_malformed_local_formulary_is_refused_by_file_line_and_entry(pharmacy, tmp_path):
    products = pharmacy / "products"
    edit_text(products / "products.yaml", "grams: 2", "grams: two")
    reseal(products, "products.yaml")
    site_file(tmp_path, f"[site]\nproducts_folder = {products}\n")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_choice(find_site_choice({}, program=tmp_path))
    assert caught.value.file == "products.yaml" and caught.value.line is not None
    assert caught.value.entry


# -- ivigdesk-calc -----------------------------------------------------------------------------

DOSE = ("--indication", "gbs", "--weight", "70 kg", "--concentration", "10%")


def calc(capsys, *argv):
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_uses_and_names_a_local_knowledge_base(pharmacy, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(
        "IVIGDESK_SITE_CONFIG", str(site_file(tmp_path, f"[site]\nknowledge_folder = {pharmacy}/knowledge\n"))
    )
    code, out, _ = calc(capsys, *DOSE, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["knowledge_base_origin"] == f"local: {pharmacy / 'knowledge'}"
    assert data["total_dose_g"] == 140  # 400 mg/kg/day × 5 days × 70 kg (Table 2)


@pytest.mark.parametrize(
    ("break_it", "words"),
    [
        ("integrity", "does not match its checksum"),
        ("formulary", "products.yaml:"),
        ("site", "unknown setting"),
        ("settings", "settings cannot be used"),
    ],
)
def test_cli_refuses_with_one_line_and_no_dose(
    pharmacy, tmp_path, monkeypatch, capsys, isolated_settings, break_it, words
):
    site = f"[site]\nknowledge_folder = {pharmacy}/knowledge\nproducts_folder = {pharmacy}/products\n"
    if break_it == "integrity":
        edit_text(pharmacy / "knowledge" / "indications.yaml", "dose_per_kg: 2 g/kg", "dose_per_kg: 3 g/kg")
    elif break_it == "formulary":
        edit_text(pharmacy / "products" / "products.yaml", "products:", "products: [")
        reseal(pharmacy / "products", "products.yaml")
    elif break_it == "site":
        site += "knowledge_folderr = typo\n"
    if break_it == "settings":  # the user's own site file, damaged
        isolated_settings.parent.mkdir(parents=True)
        isolated_settings.with_name(SITE_FILE).write_bytes(b"\x00\xff\xfe garbage from a power cut")
    else:
        monkeypatch.setenv("IVIGDESK_SITE_CONFIG", str(site_file(tmp_path, site)))
    code, out, err = calc(capsys, *DOSE)
    assert code == 2
    assert out == ""
    assert words in err and "nothing is calculated" in err
    assert len(err.strip().splitlines()) == 1


def test_cli_manifest_validates_then_seals_a_folder(pharmacy, capsys):
    folder = pharmacy / "knowledge"
    (folder / MANIFEST).unlink()
    code, out, _ = calc(capsys, "manifest", str(folder))
    assert code == 0 and "wrote" in out
    load_knowledge_base(folder)  # now passes its integrity check
    edit_text(folder / "rules.yaml", "rules:", "rules: [")
    code, out, err = calc(capsys, "manifest", str(folder))
    assert code == 2 and "not written" in err and "rules.yaml" in err
