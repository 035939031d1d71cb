"""One data file's validated model, and how to refuse it naming the place of a fault."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.schema import YamlPath


@dataclass(frozen=True)
class Parsed:
    """A file's model, with its YAML node tree when it was parsed (None when it came compiled)."""

    name: str
    root: Any
    model: Any


def fault(parsed: Parsed, path: YamlPath, message: str) -> KnowledgeBaseError:
    """A refusal naming the file and, from its YAML, the line, the entry and the field at ``path``."""
    from ivigdesk.knowledge.yaml_places import locate  # PyYAML's nodes: only when refusing

    line, entry, field_ = locate(parsed.root, path)
    return KnowledgeBaseError(parsed.name, message, line, entry, field_)
