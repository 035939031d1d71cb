"""Parse one YAML file strictly into its model; a fault names the line, the entry and the field.

Only this module (with ``strict_yaml``) touches PyYAML, so a start that finds the compiled form of
every file (see ``knowledge.compiled``) never imports it.
"""

from __future__ import annotations

import yaml
from yaml.nodes import Node

from ivigdesk.knowledge import strict_yaml
from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.parsed import Parsed
from ivigdesk.knowledge.schema import SchemaError, convert
from ivigdesk.knowledge.yaml_places import locate, path_at
from ivigdesk.quoting import shortened


def _yaml_error(name: str, root: Node | None, error: yaml.MarkedYAMLError) -> KnowledgeBaseError:
    mark = error.problem_mark
    problem = error.problem or str(error)
    if mark is None:
        return KnowledgeBaseError(name, problem)
    entry = field_ = None
    if root is not None:
        _, entry, field_ = locate(root, path_at(root, mark.line, mark.column))
    return KnowledgeBaseError(name, problem, mark.line + 1, entry, field_)


def _schema_error(name: str, root: Node | None, error: SchemaError) -> KnowledgeBaseError:
    line, entry, field_ = locate(root, error.path)
    return KnowledgeBaseError(name, error.message, line, entry, field_)


def parse_file(name: str, text: str, schema: type) -> Parsed:
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
        raise KnowledgeBaseError(name, f"a value cannot be read: {shortened(error, 200)}") from error
    if not isinstance(data, dict):
        raise KnowledgeBaseError(name, "the file must hold a mapping of fields at its top level", 1)
    try:
        return Parsed(name, root, convert(data, schema))
    except SchemaError as error:
        raise _schema_error(name, root, error) from error
