"""libyaml parses the knowledge base now (for start-up speed). Nothing PyYAML's pure-Python
scanner refused under the same strict checks may be accepted, and what is accepted must give the
same data; the only new refusals are the leniencies ``strict_yaml.LENIENCIES`` lists, on purpose.
A differential fuzz: mutants of the bundled files, read both ways."""

from __future__ import annotations

import random

import pytest
import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from ivigdesk.knowledge import strict_yaml
from ivigdesk.knowledge.strict_yaml import LENIENCIES, StrictLoader
from tests.conftest import REPO

SOURCES = [REPO / "resources" / "knowledge" / "indications.yaml", REPO / "resources" / "products" / "products.yaml"]
SPECIAL = list(":-[]{},#&*!|>'\"%@` \t\n?0123456789.\ufeff\x07\u00a0")


class PureStrictLoader(Reader, Scanner, Parser, Composer, SafeConstructor, Resolver):
    """The strict loader as it was: PyYAML's pure-Python reader and scanner, the same checks."""

    yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
    yaml_constructors = StrictLoader.yaml_constructors
    compose_node = StrictLoader.compose_node
    construct_mapping = StrictLoader.construct_mapping
    construct_yaml_int = StrictLoader.construct_yaml_int
    construct_yaml_float = StrictLoader.construct_yaml_float
    _digits = StrictLoader._digits

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


def read_pure(text: str) -> object:
    loader = PureStrictLoader(text)
    try:
        node = loader.get_single_node()
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def read_libyaml(text: str) -> object:
    node = strict_yaml.compose(text)
    return strict_yaml.construct(node) if node is not None else None


def outcome(read, text: str) -> tuple[str, object]:
    try:
        return "accepted", read(text)
    except (yaml.YAMLError, RecursionError, ValueError) as error:
        return "refused", getattr(getattr(error, "problem_mark", None), "line", None)


def mutant(rng: random.Random, lines: list[str]) -> str:
    start = rng.randrange(max(1, len(lines) - 40))
    chunk = lines[start : start + rng.randint(5, 40)]
    for _ in range(rng.randint(1, 4)):
        row = rng.randrange(len(chunk))
        text = chunk[row]
        action = rng.choice(("insert", "delete", "duplicate", "swap", "indent"))
        position = rng.randrange(len(text) + 1)
        if action == "insert":
            chunk[row] = text[:position] + rng.choice(SPECIAL) + text[position:]
        elif action == "delete" and text:
            chunk[row] = text[:position] + text[position + 1 :]
        elif action == "duplicate":
            chunk.insert(row, text)
        elif action == "swap" and len(chunk) > 1:
            other = rng.randrange(len(chunk))
            chunk[row], chunk[other] = chunk[other], chunk[row]
        else:
            chunk[row] = " " * rng.randint(0, 3) + text.lstrip(" ")
    return "\n".join(chunk) + "\n"


def differential(count: int, seed: int) -> int:
    rng = random.Random(seed)
    sources = [path.read_text(encoding="utf-8").splitlines() for path in SOURCES]
    accepted = 0
    for _ in range(count):
        text = mutant(rng, rng.choice(sources))
        pure, fast = outcome(read_pure, text), outcome(read_libyaml, text)
        if fast[0] == "accepted":  # nothing refused before is accepted now, and the data are the same
            assert pure == fast, f"pure {pure[0]}, libyaml accepted:\n{text!r}"
            accepted += 1
        elif pure[0] == "accepted":  # refused now only for the documented stricter checks
            assert any(p.search(text) for _, p, _ in LENIENCIES), f"pure accepted, libyaml refused:\n{text!r}"
    return accepted


def test_the_bundled_files_read_the_same_both_ways():
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        assert read_pure(text) == read_libyaml(text)


def test_a_quick_differential_fuzz():
    assert differential(500, seed=1) > 20  # some mutants are still valid YAML, and read the same


@pytest.mark.slow
def test_a_long_differential_fuzz():
    assert differential(20_000, seed=2026) > 500
