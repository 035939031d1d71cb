"""Where a fault is in a YAML file's node tree: its line, its entry and its field, and the path
to a position. Only node attributes are read here: ``knowledge.parsed`` names a fault's place with
it, and ``knowledge.yaml_parse`` (the parser) uses it too, so neither imports the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ivigdesk.quoting import shortened

if TYPE_CHECKING:
    from yaml.nodes import Node

    from ivigdesk.knowledge.schema import YamlPath


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


def path_at(root: Node, line: int, column: int) -> YamlPath:
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
