"""Hostile knowledge-base files: every one is refused with a KnowledgeBaseError naming the file,
quickly, and never with a crash, a hang or a number; with the manifest on, no change gets in."""

from __future__ import annotations

import contextlib
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.loader import load_knowledge_base
from ivigdesk.knowledge.model import IndicationsFile
from ivigdesk.knowledge.products import ProductsFile
from ivigdesk.knowledge.yaml_parse import parse_file
from tests.support.profiles import examples

REPO = Path(__file__).resolve().parents[2]
INDICATIONS = (REPO / "resources" / "knowledge" / "indications.yaml").read_text(encoding="utf-8")
PRODUCTS = (REPO / "resources" / "products" / "products.yaml").read_text(encoding="utf-8")


def refused(text: str, schema=IndicationsFile, name: str = "indications.yaml") -> KnowledgeBaseError:
    started = time.perf_counter()
    with pytest.raises(KnowledgeBaseError) as caught:
        parse_file(name, text, schema)
    assert time.perf_counter() - started < 5, "a hostile file must be refused quickly"
    assert str(caught.value).startswith(name)
    return caught.value


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\nindications: *a9\n"


HOSTILE = {
    "deep list nesting": "indications: " + "[" * 5000 + "]" * 5000,
    "deep mapping nesting": "indications:\n" + "".join(" " * i + f"k{i}:\n" for i in range(2000)),
    "flow mapping nesting": "indications: " + "{a: " * 3000 + "1" + "}" * 3000,
    "billion laughs": billion_laughs(),
    "one anchor": "base: &b {id: x}\nindications: [*b]\n",
    "python object": "indications: !!python/object/apply:os.system ['echo hacked']\n",
    "python name": "indications: !!python/name:os.system\n",
    "unknown tag": "indications: !dose 2 g/kg\n",
    "binary": "indications: !!binary aGVsbG8=\n",
    "set": "indications: !!set {a, b}\n",
    "huge integer": INDICATIONS.replace("days: 5", "days: " + "9" * 5000, 1),
    "huge decimal": INDICATIONS.replace("dose_per_kg: 2 g/kg", "dose_per_kg: 1" + "0" * 400 + " g/kg", 1),
    "exponent dose": INDICATIONS.replace("dose_per_kg: 2 g/kg", "dose_per_kg: 1e308 g/kg", 1),
    "negative dose": INDICATIONS.replace("dose_per_kg: 2 g/kg", "dose_per_kg: -2 g/kg", 1),
    "zero days": INDICATIONS.replace("days: 5", "days: 0", 1),
    "nan dose": INDICATIONS.replace("dose_per_kg: 2 g/kg", "dose_per_kg: nan g/kg", 1),
    "inf dose": INDICATIONS.replace("dose_per_kg: 2 g/kg", "dose_per_kg: .inf", 1),
    "list for text": INDICATIONS.replace("name: Kawasaki disease", "name: [Kawasaki, disease]", 1),
    "mapping for list": INDICATIONS.replace("indications:\n", "indications: {}\nx:\n", 1),
    "number for id": INDICATIONS.replace("- id: kawasaki", "- id: 12", 1),
    "boolean word": INDICATIONS.replace("recommended: true", "recommended: yes", 1),
    "octal-looking days": INDICATIONS.replace("days: 5", "days: 05", 1),
    "sexagesimal": INDICATIONS.replace("days: 5", "days: 1:30", 1),
    "tabs": INDICATIONS.replace("    name: Kawasaki disease", "\tname: Kawasaki disease", 1),
    "top-level list": "- a\n- b\n",
    "top-level scalar": "just text\n",
    "two documents": INDICATIONS + "\n---\nindications: []\n",
    "empty": "",
    "only a comment": "# nothing\n",
    "byte order mark mid-file": INDICATIONS.replace("indications:", "\ufeffindications:", 1),
    "control characters": INDICATIONS.replace("Kawasaki disease", "Kawasaki\x07disease", 1),
    "merge key": "a: {id: x}\nindications:\n  - <<: {id: y}\n",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_indications_file_is_refused(case):
    refused(HOSTILE[case])


@pytest.mark.parametrize(
    "case",
    [
        PRODUCTS.replace("grams: 2", "grams: 2" + "0" * 300, 1),
        PRODUCTS.replace("maximum: 0.12 mL/kg/min", "maximum: 0.12 mL/kg/fortnight", 1),
        PRODUCTS.replace("maximum: 0.12 mL/kg/min", "maximum: 12 g/kg", 1),
        PRODUCTS.replace("products:", "products: !!python/tuple", 1),
        "products: " + "[" * 3000,
    ],
)
def test_hostile_product_file_is_refused(case):
    refused(case, ProductsFile, "products.yaml")


def test_an_enormous_file_is_refused_before_it_is_parsed(kb_copy):
    (kb_copy / "references.yaml").write_text("# padding\n" * 300_000, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(KnowledgeBaseError, match="the limit is"):
        load_knowledge_base(kb_copy, verify=False)
    assert time.perf_counter() - started < 2


def test_a_file_that_is_not_text_is_refused(kb_copy):
    (kb_copy / "rules.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    with pytest.raises(KnowledgeBaseError, match="not UTF-8"):
        load_knowledge_base(kb_copy, verify=False)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_is_refused_or_valid_never_a_crash(text):
    with contextlib.suppress(KnowledgeBaseError):
        parse_file("indications.yaml", text, IndicationsFile)


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=12),
    st.sampled_from(["2 g/kg", "400 mg/kg", "-1 g/kg", "0 mL", "nan", "1e9", "!!str x", "*a", "&a x"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["indications", "version", "x"]), yaml_values, min_size=1))
def test_any_structure_is_refused_or_valid_never_a_crash(data):
    import yaml

    text = yaml.safe_dump(data, allow_unicode=True)
    with contextlib.suppress(KnowledgeBaseError):
        parse_file("indications.yaml", text, IndicationsFile)


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    kind = rng.randrange(5)
    i = rng.randrange(len(lines))
    if kind == 0:  # a line lost in a bad merge
        del lines[i]
    elif kind == 1:  # a line pasted twice
        lines.insert(i, lines[i])
    elif kind == 2:  # a digit changed by hand
        digits = [k for k, ch in enumerate(text) if ch.isdigit()]
        k = rng.choice(digits)
        return text[:k] + str((int(text[k]) + rng.randrange(1, 10)) % 10) + text[k + 1 :]
    elif kind == 3:  # one character damaged in a copy
        k = rng.randrange(len(text))
        return text[:k] + chr(rng.randrange(32, 127)) + text[k + 1 :]
    else:  # an indentation slip
        lines[i] = " " + lines[i]
    return "".join(lines)


MUTATIONS = 200


@pytest.mark.slow
def test_random_edits_never_get_past_the_manifest_and_never_crash_the_loader(kb_copy, kb):
    """A changed file either fails validation or, if it is still valid YAML for the schema, fails
    the integrity check: with the manifest on, no edited knowledge base gives a dose."""
    import shutil

    shutil.copy(REPO / "resources" / "knowledge" / "MANIFEST.sha256", kb_copy)
    rng = random.Random(20261124)
    path = kb_copy / "indications.yaml"
    outcomes = {"refused by validation": 0, "valid but refused by the manifest": 0, "unchanged": 0}
    for _ in range(MUTATIONS):
        mutated = _mutate(INDICATIONS, rng)
        path.write_text(mutated, encoding="utf-8")
        if mutated == INDICATIONS:
            outcomes["unchanged"] += 1
            continue
        try:
            load_knowledge_base(kb_copy, verify=False)
        except KnowledgeBaseError:
            outcomes["refused by validation"] += 1
        else:
            with pytest.raises(KnowledgeBaseError, match="does not match its checksum"):
                load_knowledge_base(kb_copy)
            outcomes["valid but refused by the manifest"] += 1
    print(outcomes)
    assert outcomes["refused by validation"] > 0 and outcomes["valid but refused by the manifest"] > 0
