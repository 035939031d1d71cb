"""Load and validate a knowledge-base folder; every fault names the file, the line, the entry
and the field, and nothing is returned unless everything is valid."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ivigdesk.knowledge import strict_yaml
from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.manifest import MAX_FILE_BYTES
from ivigdesk.knowledge.model import (
    ColourMeaning,
    GuidanceFile,
    Indication,
    IndicationsFile,
    NewerGuidance,
    Reference,
    ReferencesFile,
    Rule,
    RulesFile,
    SourceDocument,
    SourceFile,
)
from ivigdesk.knowledge.schema import SchemaError, YamlPath, convert
from ivigdesk.resource_files import resource
from ivigdesk.safe_files import FileMissing, FileProblem, read_bounded

FILES: dict[str, type] = {
    "source.yaml": SourceFile,
    "references.yaml": ReferencesFile,
    "rules.yaml": RulesFile,
    "indications.yaml": IndicationsFile,
    "newer_guidance.yaml": GuidanceFile,
}
OPTIONAL = frozenset({"newer_guidance.yaml"})  # a folder sealed before it existed still loads, without it


@dataclass(frozen=True)
class KnowledgeBase:
    """A validated knowledge base: indications, rules and references, with version and checksum."""

    location: str
    version: str
    checksum: str
    meta: SourceFile
    indications: tuple[Indication, ...]
    rules: Mapping[str, Rule]
    references: Mapping[int, Reference]
    _by_id: Mapping[str, Indication] = field(repr=False)
    origin: str = "bundled"  # or "local: <folder>" when a site configuration chose it
    guidance: tuple[NewerGuidance, ...] = ()

    def indication(self, indication_id: str) -> Indication | None:
        return self._by_id.get(indication_id)

    def guidance_for(self, indication_id: str) -> tuple[NewerGuidance, ...]:
        """Newer national guidance that concerns this indication (or every indication)."""
        return tuple(g for g in self.guidance if not g.indications or indication_id in g.indications)

    @property
    def document(self) -> SourceDocument:
        """The source document the knowledge base is built from."""
        return self.meta.source

    def colour(self, colour: str) -> ColourMeaning:
        return next(c for c in self.meta.colours if c.colour == colour)


# -- locating a fault in the YAML ---------------------------------------------------------------


def _child(node: Node, step: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(step, str):
        pairs: list[tuple[Node, Node]] = node.value
        return next((v for k, v in pairs if isinstance(k, ScalarNode) and k.value == step), None)
    if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        item: Node = node.value[step]
        return item
    return None


def _label(node: Node | None) -> str | None:
    for key in ("id", "number"):
        child = _child(node, key) if node is not None else None
        if isinstance(child, ScalarNode):
            return str(child.value)
    return None


def _describe(root: Node | None, path: YamlPath) -> tuple[int | None, str | None, str | None]:
    """Return (line, entry, field) for a path of keys and indexes into the document."""
    node, line, entry, parts = root, None, None, list[str]()
    for position, step in enumerate(path):
        child = _child(node, step) if node is not None else None
        if isinstance(step, int):
            name = _label(child)
            if position == 1 and isinstance(path[0], str):
                entry = name or f"{path[0]}[{step}]"
                parts = []
                node, line = child, (child.start_mark.line + 1 if child else line)
                continue
            parts[-1:] = [f"{parts[-1] if parts else ''}[{name if name is not None else step}]"]
        else:
            parts.append(step)
        if child is not None:
            node, line = child, child.start_mark.line + 1
        else:
            node = None
    return line, entry, ".".join(parts) or None


def _path_at(root: Node, line: int, column: int) -> YamlPath:
    """Return the path of the deepest node that contains a (0-based) position."""

    def inside(node: Node) -> bool:
        start, end = node.start_mark, node.end_mark
        return (start.line, start.column) <= (line, column) <= (end.line, end.column)

    path: list[str | int] = []
    node = root
    while True:
        if isinstance(node, MappingNode):
            step = next(((k, v) for k, v in node.value if inside(k) or inside(v)), None)
            if step is None or not isinstance(step[0], ScalarNode):
                return tuple(path)
            path.append(step[0].value)
            node = step[1]
        elif isinstance(node, SequenceNode):
            index = next((i for i, v in enumerate(node.value) if inside(v)), None)
            if index is None:
                return tuple(path)
            path.append(index)
            node = node.value[index]
        else:
            return tuple(path)


def _yaml_error(name: str, root: Node | None, error: yaml.MarkedYAMLError) -> KnowledgeBaseError:
    mark = error.problem_mark
    problem = error.problem or str(error)
    if mark is None:
        return KnowledgeBaseError(name, problem)
    entry = field_ = None
    if root is not None:
        _, entry, field_ = _describe(root, _path_at(root, mark.line, mark.column))
    return KnowledgeBaseError(name, problem, mark.line + 1, entry, field_)


def _schema_error(name: str, root: Node | None, error: SchemaError) -> KnowledgeBaseError:
    line, entry, field_ = _describe(root, error.path)
    return KnowledgeBaseError(name, error.message, line, entry, field_)


# -- loading ------------------------------------------------------------------------------------


@dataclass
class _Parsed:
    name: str
    root: Node | None
    model: Any


def read_file(folder: Traversable, name: str) -> tuple[bytes, str]:
    """The bytes of ``folder/name`` and their text; any fault is a refusal naming the file."""
    try:
        raw = read_bounded(folder / name, MAX_FILE_BYTES)
    except FileMissing as problem:
        raise KnowledgeBaseError(name, f"the file is missing from the knowledge base ({folder})") from problem
    except FileProblem as problem:
        raise KnowledgeBaseError(name, f"{problem.reason} (in {folder})") from problem
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise KnowledgeBaseError(name, f"the file is not UTF-8 text (byte {error.start})") from error


def parse_file(name: str, text: str, schema: type) -> _Parsed:
    root: Node | None = None
    try:
        root = strict_yaml.compose(text)
        if root is None:
            raise KnowledgeBaseError(name, "the file is empty")
        if strict_yaml.depth(root) > strict_yaml.MAX_DEPTH:
            raise KnowledgeBaseError(name, f"the file is nested more than {strict_yaml.MAX_DEPTH} levels deep")
        data = strict_yaml.construct(root)
    except yaml.MarkedYAMLError as error:
        raise _yaml_error(name, root, error) from error
    except yaml.YAMLError as error:
        raise KnowledgeBaseError(name, f"not valid YAML: {error}") from error
    except RecursionError as error:
        raise KnowledgeBaseError(name, "the file is nested too deeply to read") from error
    except (ValueError, ArithmeticError) as error:  # a value the YAML reader cannot build at all
        raise KnowledgeBaseError(name, f"a value cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise KnowledgeBaseError(name, "the file must hold a mapping of fields at its top level", 1)
    try:
        return _Parsed(name, root, convert(data, schema))
    except SchemaError as error:
        raise _schema_error(name, root, error) from error


def fault(parsed: _Parsed, path: YamlPath, message: str) -> KnowledgeBaseError:
    line, entry, field_ = _describe(parsed.root, path)
    return KnowledgeBaseError(parsed.name, message, line, entry, field_)


def _cited(indications: IndicationsFile) -> Iterator[tuple[YamlPath, int]]:
    for i, indication in enumerate(indications.indications):
        for c, circumstance in enumerate(indication.circumstances):
            base: YamlPath = ("indications", i, "circumstances", c)
            for k, number in enumerate(circumstance.references):
                yield (*base, "references", k), number
            for r, regimen in enumerate(circumstance.regimens):
                for k, number in enumerate(regimen.references):
                    yield (*base, "regimens", r, "references", k), number
            for m, medication in enumerate(circumstance.co_medication):
                for k, number in enumerate(medication.references):
                    yield (*base, "co_medication", m, "references", k), number


def _cross_check(parsed: dict[str, _Parsed]) -> None:
    source, refs, rules, inds = (parsed[name] for name in FILES if name not in OPTIONAL)
    numbers: set[int] = set()
    for i, reference in enumerate(refs.model.references):
        if reference.number in numbers:
            raise fault(refs, ("references", i, "number"), f"reference {reference.number} is listed twice")
        numbers.add(reference.number)
    colours = [c.colour for c in source.model.colours]
    if len(set(colours)) != len(colours) or not {"red", "blue", "grey", "black"} <= set(colours):
        raise fault(source, ("colours",), "each of red, blue, grey and black must be described once")
    rule_ids: set[str] = set()
    for i, rule in enumerate(rules.model.rules):
        if rule.id in rule_ids:
            raise fault(rules, ("rules", i, "id"), f"the rule id {rule.id!r} is used twice")
        rule_ids.add(rule.id)
        for k, number in enumerate(rule.references):
            if number not in numbers:
                raise fault(rules, ("rules", i, "references", k), f"reference [{number}] is not in references.yaml")
    ids: set[str] = set()
    for i, indication in enumerate(inds.model.indications):
        if indication.id in ids:
            raise fault(inds, ("indications", i, "id"), f"the indication id {indication.id!r} is used twice")
        ids.add(indication.id)
        if indication.colour not in colours:
            raise fault(
                inds, ("indications", i, "colour"), f"the colour {indication.colour.value!r} is not in source.yaml"
            )
        for c, circumstance in enumerate(indication.circumstances):
            for k, rule_id in enumerate(circumstance.suppresses_rules):
                if rule_id not in rule_ids:
                    place: YamlPath = ("indications", i, "circumstances", c, "suppresses_rules", k)
                    raise fault(inds, place, f"there is no rule {rule_id!r} in rules.yaml")
    for path, number in _cited(inds.model):
        if number not in numbers:
            raise fault(inds, path, f"reference [{number}] is not in references.yaml")
    if (guidance := parsed.get("newer_guidance.yaml")) is not None:
        for i, item in enumerate(guidance.model.guidance):
            for k, indication_id in enumerate(item.indications):
                if indication_id not in ids:
                    place = ("guidance", i, "indications", k)
                    raise fault(guidance, place, f"there is no indication {indication_id!r} in indications.yaml")


def load_knowledge_base(folder: Traversable | None = None, *, verify: bool = True) -> KnowledgeBase:
    """Load, validate and cross-check a knowledge-base folder (the bundled one by default).

    With ``verify`` (the default) the files must match the folder's checksum manifest first;
    only tests that break a copy on purpose turn it off."""
    from ivigdesk.knowledge.manifest import check_manifest

    folder = folder if folder is not None else resource("knowledge")
    digest = hashlib.sha256()
    files = {name: read_file(folder, name) for name in FILES if name not in OPTIONAL or _present(folder, name)}
    if verify:
        check_manifest(folder, {name: raw for name, (raw, _) in files.items()})
    parsed: dict[str, _Parsed] = {}
    for name, (raw, text) in files.items():
        digest.update(name.encode() + b"\0" + raw + b"\0")
        parsed[name] = parse_file(name, text, FILES[name])
    _cross_check(parsed)
    source: SourceFile = parsed["source.yaml"].model
    indications = parsed["indications.yaml"].model.indications
    guidance = parsed["newer_guidance.yaml"].model.guidance if "newer_guidance.yaml" in parsed else ()
    return KnowledgeBase(
        location=str(folder),
        version=source.knowledge_base_version,
        checksum=digest.hexdigest(),
        meta=source,
        indications=indications,
        rules=MappingProxyType({r.id: r for r in parsed["rules.yaml"].model.rules}),
        references=MappingProxyType({r.number: r for r in parsed["references.yaml"].model.references}),
        _by_id=MappingProxyType({i.id: i for i in indications}),
        guidance=guidance,
    )


def _present(folder: Traversable, name: str) -> bool:
    """Whether an optional file is there (one that is there but unreadable is read, and refused)."""
    try:
        return (folder / name).is_file()
    except OSError:
        return True
