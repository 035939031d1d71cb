"""The writer of the bundled data's compiled form (``ivigdesk.knowledge.compile``); the reader,
``knowledge.compiled``, is tested in test_compiled.py. Writing runs on a copy of the bundled
folders, never on resources/ itself."""

from __future__ import annotations

import hashlib
import pickle

from ivigdesk.knowledge import compile as writer
from ivigdesk.knowledge.compiled import COMPILED, FORMAT, fingerprint
from ivigdesk.knowledge.manifest import read_manifest
from ivigdesk.knowledge.products import PRODUCTS_FILE, load_product_catalogue

ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # SHA-256("abc"), FIPS 180-2


def test_the_compiled_form_holds_each_files_digest_and_model_sorted_by_name():
    content = pickle.loads(writer.compiled_bytes({"rules.yaml": (b"abc", "model B"), "a.yaml": (b"", "model A")}))
    assert content == {
        "format": FORMAT,
        "fingerprint": fingerprint(),
        "files": {"a.yaml": (hashlib.sha256(b"").hexdigest(), "model A"), "rules.yaml": (ABC, "model B")},
    }
    assert list(content["files"]) == ["a.yaml", "rules.yaml"]


def test_writing_the_product_list_lists_it_in_the_manifest_and_it_loads_compiled(pharmacy, bundled_is, capsys):
    folder = pharmacy / "products"
    (folder / COMPILED).unlink(missing_ok=True)
    bundled_is(pharmacy)
    assert writer.write("products") == folder / COMPILED
    digests = read_manifest(folder)
    assert digests[COMPILED] == hashlib.sha256((folder / COMPILED).read_bytes()).hexdigest()
    assert digests[PRODUCTS_FILE] == hashlib.sha256((folder / PRODUCTS_FILE).read_bytes()).hexdigest()
    entries = pickle.loads((folder / COMPILED).read_bytes())["files"]
    assert list(entries) == [PRODUCTS_FILE] and entries[PRODUCTS_FILE][0] == digests[PRODUCTS_FILE]
    assert load_product_catalogue().compiled
    assert "1 files compiled" in capsys.readouterr().out
