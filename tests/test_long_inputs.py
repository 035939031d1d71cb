"""Long input is refused at once and quoted short: a unit word longer than any unit never reaches
pint (whose parsing took 10 s for a 32,767-letter word, and never ended for 10 MB), and no
refusal (command line, window or knowledge-base loader) repeats more than 60 characters of it."""

from __future__ import annotations

import re

import pytest

from ivigdesk.cli import run
from ivigdesk.dosing import inputs
from ivigdesk.dosing.errors import InputError
from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.loader import load_knowledge_base
from ivigdesk.quoting import MAX_QUOTED
from tests.conftest import edit_text

PARSERS = [
    inputs.parse_weight,
    inputs.parse_height,
    inputs.parse_concentration,
    inputs.parse_rate,
    inputs.parse_age,
    inputs.parse_gestation,
]
LONG = [
    "70 " + "a" * 32_767,  # the audit's weight
    "70 " + "kg/" * 30_000,
    "70 " + ("a" * 25 + "/") * 3,
    "7" * 100_000,
    "x" * 100_000,
    "70 " + "a b " * 30_000,
]


def _quoted_parts(message: str) -> list[str]:
    return re.findall(r"“([^”]*)”", message)


@pytest.fixture
def pint_sees(monkeypatch):
    """Every unit text pint is asked to parse."""
    seen: list[str] = []
    registry = inputs.ureg()
    real = registry.parse_units

    class Watched:
        def __getattr__(self, name):
            return getattr(registry, name)

        def parse_units(self, text, *args, **kwargs):
            seen.append(text)
            return real(text, *args, **kwargs)

    monkeypatch.setattr(inputs, "ureg", lambda: Watched())
    return seen


@pytest.mark.parametrize("parse", PARSERS, ids=lambda p: p.__name__)
@pytest.mark.parametrize("text", LONG, ids=lambda t: f"{t[:8]!r}x{len(t)}")
def test_a_long_input_is_refused_before_pint_and_quoted_short(parse, text, pint_sees):
    with pytest.raises(InputError) as caught:
        parse(text)
    message = caught.value.message
    assert all(len(word) <= inputs.MAX_UNIT_WORD for unit in pint_sees for word in unit.split("/"))
    assert len(message) < 300, message[:400]
    assert all(len(part) <= MAX_QUOTED + 1 for part in _quoted_parts(message))


def test_a_unit_word_over_twenty_letters_is_refused_but_real_units_pass(pint_sees):
    assert inputs.parse_weight("70 kilograms").magnitude == 70
    assert inputs.parse_height("175 centimetres").magnitude == 175
    with pytest.raises(InputError, match="is not a unit"):
        inputs.parse_weight("70 " + "k" * 21)
    assert "k" * 21 not in pint_sees


@pytest.mark.parametrize(
    "argv",
    [
        ["--indication", "gbs", "--weight", "70 " + "a" * 1_000_000, "--concentration", "10%"],
        ["--indication", "gbs", "--weight", "70", "--concentration", "10 " + "%" * 1_000_000],
        ["--indication", "x" * 1_000_000, "--weight", "70", "--concentration", "10%"],
        ["--indication", "gbs", "--weight", "70", "--concentration", "10%", "--sex", "y" * 1_000_000],
        ["--indication", "gbs", "--weight", "70", "--concentration", "10%", "z" * 1_000_000],
    ],
    ids=["unit word", "concentration", "indication", "argparse choice", "argparse extra"],
)
def test_the_command_line_refuses_a_megabyte_in_one_short_line(capsys, argv):
    assert run(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and len(err) < 400, err[:500]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("dose_per_kg: 2 g/kg", "dose_per_kg: 2 " + "g" * 1_000_000 + "/kg"),  # a bad unit
        ("dose_per_kg: 2 g/kg", "dose_per_kg: " + "9" * 1_000_000 + " g/kg"),  # too many digits
        ("- id: gbs", "- id: " + "g" * 1_900_000),  # an id, which names its entry
        ("- id: gbs", "- id: gbs\n    " + "b" * 1_000 + ": 1"),  # an unknown field
        ("colour: blue", "colour: " + "b" * 1_000_000),  # not one of the colours
    ],
    ids=["unit", "digits", "id", "field", "choice"],
)
def test_a_long_bad_yaml_value_is_quoted_short(kb_copy, old, new):
    edit_text(kb_copy / "indications.yaml", old, new)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(kb_copy, verify=False)
    assert caught.value.file == "indications.yaml" and caught.value.line is not None
    assert len(str(caught.value)) < 400, str(caught.value)[:500]
