"""Load and validate a knowledge-base folder; every fault names the file, the line, the entry
and the field, and nothing is returned unless everything is valid."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any

from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.manifest import MAX_FILE_BYTES, check_manifest
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
from ivigdesk.knowledge.parsed import Parsed, fault
from ivigdesk.knowledge.schema import YamlPath
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
    compiled: bool = field(default=False, compare=False)  # every file came from its compiled form

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


# -- loading ------------------------------------------------------------------------------------


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


def _cross_check(parsed: dict[str, Parsed]) -> None:
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


def load_knowledge_base(
    folder: Traversable | None = None, *, verify: bool = True, use_compiled: bool = True
) -> KnowledgeBase:
    """Load, validate and cross-check a knowledge-base folder (the bundled one by default).

    With ``verify`` (the default) the files must match the folder's checksum manifest first;
    only tests that break a copy on purpose turn it off. For the bundled data only (no
    ``folder``), a file's compiled form is used where it was made from exactly that file
    (``knowledge.compiled``); ``use_compiled`` off parses all. A site folder is always parsed from
    its YAML, so its checksum covers every byte used: no compiled file there is even read."""
    from ivigdesk.knowledge.compiled import usable_models

    bundled = folder is None
    folder = folder if folder is not None else resource("knowledge")
    files = {name: read_file(folder, name) for name in FILES if name not in OPTIONAL or _present(folder, name)}
    raws = {name: raw for name, (raw, _) in files.items()}
    if bundled and use_compiled:
        compiled = usable_models(folder, raws, FILES, verify=verify)
    else:
        compiled = {}
        if verify:
            check_manifest(folder, raws)
    try:
        parsed = _parse(files, compiled)
        _cross_check(parsed)
    except KnowledgeBaseError:
        if not compiled:
            raise
        compiled = {}  # the YAML itself says where the fault is
        parsed = _parse(files, compiled)
        _cross_check(parsed)
    digest = hashlib.sha256()
    for name, raw in raws.items():
        digest.update(name.encode() + b"\0" + raw + b"\0")
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
        compiled=len(compiled) == len(files),
    )


def _parse(files: Mapping[str, tuple[bytes, str]], compiled: Mapping[str, Any]) -> dict[str, Parsed]:
    """Each file's model: compiled if it is there, else parsed from its YAML."""
    parsed: dict[str, Parsed] = {}
    for name, (_, text) in files.items():
        if name in compiled:
            parsed[name] = Parsed(name, None, compiled[name])
        else:
            from ivigdesk.knowledge.yaml_parse import parse_file

            parsed[name] = parse_file(name, text, FILES[name])
    return parsed


def _present(folder: Traversable, name: str) -> bool:
    """Whether an optional file is there (one that is there but unreadable is read, and refused)."""
    try:
        return (folder / name).is_file()
    except OSError:
        return True
