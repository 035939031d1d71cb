"""A YAML loader that refuses what PyYAML would silently guess.

Compared with ``yaml.SafeLoader`` it:
- resolves only ``true``/``false``, ``null``, plain decimal integers and plain decimals; ``010``,
  ``2:30``, ``yes``/``no`` and ``1e-7`` stay strings, so the schema rejects them where a number or
  a boolean is expected;
- builds decimals as :class:`decimal.Decimal` from their text (``0.4`` is exactly 0.4);
- rejects a key repeated in one mapping;
- rejects anchors and aliases (``&name``, ``*name``): a knowledge base has no need of them, and
  nested aliases can expand a small file into billions of nodes;
- never builds Python objects (``!!python/...`` tags fail, as in the safe loader).

Scanning and parsing are libyaml's (PyYAML's C extension, about ten times faster than PyYAML's
pure-Python scanner); composing the node tree and building the data stay in Python, so every
check above, and every line number in a refusal, is the same. libyaml is required, never
optional: what a knowledge base means must not depend on which build of PyYAML is installed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import cast

from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.error import Mark
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver
from yaml.scanner import ScannerError

from ivigdesk.quoting import quoted

try:
    from yaml._yaml import CParser
except ImportError as missing:  # pragma: no cover - the locked PyYAML wheels all include libyaml
    raise ImportError(
        "IVIG Desk needs PyYAML built with libyaml (yaml._yaml); reinstall PyYAML from the lock file"
    ) from missing

MAX_DEPTH = 40
MAX_DIGITS = 12  # no number in a knowledge base needs more; longer ones are refused, not rounded


class StrictLoader(Composer, CParser, SafeConstructor, Resolver):
    """Safe loading, minus PyYAML's YAML 1.1 guesses, plus duplicate-key and depth checks: libyaml
    parses, PyYAML's own composer (first in line, so its checks run) builds the nodes."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012 - PyYAML's registry

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        Composer.__init__(self)

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = cast("Mark", getattr(event, "start_mark", None))  # libyaml's marks read like PyYAML's
            raise ComposerError(
                None, None, "anchors and aliases (&name, *name) are not allowed; write the value out", mark
            )
        return Composer.compose_node(self, parent, index)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[object, object]:
        if isinstance(node, MappingNode):
            seen: dict[object, Node] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str | int):
                    raise ConstructorError(None, None, "a key must be a plain word or number", key_node.start_mark)
                if key in seen:
                    raise ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        f"the key {quoted(key)} appears twice (first on line {seen[key].start_mark.line + 1})",
                        key_node.start_mark,
                    )
                seen[key] = key_node
        return SafeConstructor.construct_mapping(self, node, deep=deep)

    def _digits(self, node: ScalarNode) -> str:
        text = str(self.construct_scalar(node))
        if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
            raise ConstructorError(None, None, f"a number with more than {MAX_DIGITS} digits", node.start_mark)
        return text

    def construct_yaml_int(self, node: ScalarNode) -> int:
        return int(self._digits(node))

    def construct_yaml_float(self, node: ScalarNode) -> Decimal:  # type: ignore[override] # exact, not float
        return Decimal(self._digits(node))


StrictLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$"), list("-0123456789")
)
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:null|~|)$"), ["n", "~", ""])
StrictLoader.add_constructor("tag:yaml.org,2002:float", StrictLoader.construct_yaml_float)  # type: ignore[type-var]
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)  # type: ignore[type-var]


def depth(node: Node) -> int:
    """Nesting depth of a composed node tree (iterative, so hostile nesting cannot overflow)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(current, MappingNode):
            stack.extend((child, level + 1) for pair in current.value for child in pair)
        elif isinstance(current, SequenceNode):
            stack.extend((child, level + 1) for child in current.value)
    return deepest


def compose(text: str) -> Node | None:
    """Parse ``text`` into a node tree (no objects built yet)."""
    _refuse_libyaml_leniencies(text)
    loader = StrictLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# What libyaml accepts and PyYAML's Python scanner refused, found by a differential fuzz of the
# bundled files (tests/knowledge/test_strict_yaml_libyaml.py); each is refused here, before libyaml
# sees it, so every file refused before is still refused. A knowledge base needs none of them.
LENIENCIES = (  # (a character every match contains, the pattern, what it is)
    ("\t", re.compile(r"\t"), "a tab character: use spaces"),
    ("\ufeff", re.compile(r"(?<=.)\ufeff", re.DOTALL), "a byte order mark (U+FEFF) inside the file"),
    ("#", re.compile(r"^[^#'\"\n]*:[ ]+[|>][-+0-9]*#", re.MULTILINE), "a comment right after a block scalar's | or >"),
    ("?", re.compile(r"^[^#\n]*[{\[][^}\]\n]*\?", re.MULTILINE), "a question mark inside { } or [ ]: put it in quotes"),
    (":,", re.compile(r"\{[^}\n]*:,"), "a colon followed at once by a comma inside { }: give the value"),
)


def _refuse_libyaml_leniencies(text: str) -> None:
    for character, pattern, what in LENIENCIES:
        if character in text and (found := pattern.search(text)) is not None:  # the cheap test first
            index = found.start()
            line = text.count("\n", 0, index)
            column = index - (text.rfind("\n", 0, index) + 1)
            raise ScannerError(None, None, f"found {what}", Mark("<unicode string>", index, line, column, text, index))


def construct(node: Node) -> object:
    """Build plain data (dict, list, str, int, Decimal, bool, None) from a composed tree."""
    loader = StrictLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()
