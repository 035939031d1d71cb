"""Parse one YAML file strictly into its model; a fault names the line, the entry and the field.

Only this module (with ``strict_yaml``) touches PyYAML, so a start that finds the compiled form of
every file (see ``knowledge.compiled``) never imports it.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ivigdesk.knowledge import strict_yaml
from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.knowledge.parsed import Parsed
from ivigdesk.knowledge.schema import SchemaError, YamlPath, convert
from ivigdesk.quoting import shortened


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
            return shortened(child.value)  # an id of any length names its entry in 60 characters
    return None


def locate(root: Node | None, path: YamlPath) -> tuple[int | None, str | None, str | None]:
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
            parts.append(shortened(step))  # an unknown key is named, not repeated whole
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
        _, entry, field_ = locate(root, _path_at(root, mark.line, mark.column))
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
