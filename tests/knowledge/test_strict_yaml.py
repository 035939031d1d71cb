"""The strict YAML loader (``ivigdesk.knowledge.strict_yaml``): it refuses what PyYAML would
silently guess. (tests/knowledge/test_strict_yaml_libyaml.py holds the differential fuzz against
PyYAML's pure-Python scanner.)"""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ivigdesk.knowledge.strict_yaml import MAX_DEPTH, MAX_DIGITS, compose, construct, depth
from tests.support.profiles import examples


def load(text: str) -> object:
    node = compose(text)
    return None if node is None else construct(node)


def test_only_plain_numbers_booleans_and_nulls_are_resolved():
    data = load("a: 2\nb: 0.4\nc: true\nd: null\ne: ~\nf: -3\n")
    assert data == {"a": 2, "b": Decimal("0.4"), "c": True, "d": None, "e": None, "f": -3}
    assert isinstance(data["b"], Decimal) and str(data["b"]) == "0.4"  # exactly 0.4, from its text


@pytest.mark.parametrize("text", ["010", "2:30", "yes", "no", "on", "1e-7", ".5", "0x1F", "True"])
def test_what_pyyaml_would_guess_stays_a_string(text):
    assert load(f"value: {text}\n") == {"value": text}


def test_a_repeated_key_is_refused_naming_the_first():
    with pytest.raises(yaml.MarkedYAMLError, match=r"the key 'dose' appears twice \(first on line 1\)"):
        load("dose: 1\nother: 2\ndose: 3\n")


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: &x [1]\n"])
def test_anchors_and_aliases_are_refused(text):
    with pytest.raises(yaml.MarkedYAMLError, match="anchors and aliases"):
        load(text)


def test_python_objects_are_never_built():
    with pytest.raises(yaml.MarkedYAMLError):
        load("a: !!python/object/apply:os.system ['true']\n")


def test_a_number_with_more_than_twelve_digits_is_refused():
    assert MAX_DIGITS == 12
    assert load("a: 123456789012\n") == {"a": 123456789012}
    with pytest.raises(yaml.MarkedYAMLError, match="more than 12 digits"):
        load("a: 1234567890123\n")
    with pytest.raises(yaml.MarkedYAMLError, match="more than 12 digits"):
        load("a: 1234567.890123\n")


@pytest.mark.parametrize(
    ("text", "words", "line"),
    [
        ("a:\n\tb: 1\n", "a tab character", 2),
        ("a: 1\n\ufeffb: 2\n", "a byte order mark", 2),
        ("a: |# comment\n  text\n", "a comment right after a block scalar", 1),
        ("a: [b?]\n", "a question mark inside", 1),
        ("a: {b:, c: 1}\n", "a colon followed at once by a comma", 1),
    ],
)
def test_libyamls_leniencies_are_refused_at_their_line(text, words, line):
    with pytest.raises(yaml.MarkedYAMLError, match=words) as refused:
        load(text)
    assert refused.value.problem_mark.line + 1 == line


def test_depth_counts_the_nesting():
    assert depth(compose("a\n")) == 1
    assert depth(compose("a: [1, {b: 2}]\n")) == 4  # mapping › sequence › mapping › scalar
    assert MAX_DEPTH == 40


@given(st.integers(min_value=1, max_value=60))
@settings(max_examples=examples(200))
def test_depth_of_n_nested_lists_is_n_plus_one(n):
    assert depth(compose("[" * n + "1" + "]" * n)) == n + 1
