"""The clinical hazard log: ``docs/hazard-log.yaml`` checked and rendered to ``docs/hazard-log.md``.

Every hazard needs at least one control, and every control at least one test, named by its pytest
node id (``tests/dosing/test_x.py::test_name``, a parameter in brackets allowed); each named test
must exist as a test function in that file. A developer's tool: the program itself never reads it.

    python -m ivigdesk.hazard_log          # check, then write docs/hazard-log.md
    python -m ivigdesk.hazard_log --check  # check, and that the Markdown is up to date (exit 1 if not)
"""

from __future__ import annotations

import ast
import functools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LOG = ROOT / "docs" / "hazard-log.yaml"
RENDERED = ROOT / "docs" / "hazard-log.md"
FIELDS = ("id", "title", "cause", "effect", "controls")


def load(path: Path = LOG) -> dict[str, Any]:
    """The log as plain data (safe YAML: no tags, no objects)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("hazards"), list):
        raise ValueError(f"{path.name}: expected a mapping with a list of 'hazards'")
    return data


def _test_names(path: Path) -> frozenset[str]:
    """``test_x`` and ``TestY::test_x`` for every test function in a test file."""
    stat = path.stat()
    return _parsed_test_names(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _parsed_test_names(path: Path, mtime_ns: int, size: int) -> frozenset[str]:
    """The names in one version of a test file (a log names many tests of each file: parsed once)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            names.add(node.name)
        if isinstance(node, ast.ClassDef):
            names.update(f"{node.name}::{item.name}" for item in node.body if isinstance(item, ast.FunctionDef))
    return frozenset(names)


def names_a_test(node_id: str, root: Path = ROOT) -> bool:
    """Whether ``node_id`` names a test function that exists (its parameter, if any, is not checked)."""
    file, _, name = node_id.partition("::")
    path = root / file
    if not name or not file.startswith("tests/") or not path.is_file():
        return False
    return name.split("[", 1)[0] in _test_names(path)


def problems(data: dict[str, Any], root: Path = ROOT) -> list[str]:
    """Every fault in the log: a missing field, a hazard without a control, a control without a
    test, a test that does not exist, an id used twice."""
    found = []
    seen: set[str] = set()
    for index, hazard in enumerate(data.get("hazards") or []):
        where = f"hazard {hazard.get('id', index + 1)}" if isinstance(hazard, dict) else f"hazard {index + 1}"
        if not isinstance(hazard, dict):
            found.append(f"{where}: expected a mapping")
            continue
        found += [f"{where}: '{name}' is missing" for name in FIELDS if not hazard.get(name)]
        if hazard.get("id") in seen:
            found.append(f"{where}: the id is used twice")
        seen.add(str(hazard.get("id")))
        controls = hazard.get("controls") or []
        if not controls:
            found.append(f"{where}: no control")
        for number, control in enumerate(controls, start=1):
            if not isinstance(control, dict) or not control.get("control"):
                found.append(f"{where}, control {number}: it says nothing")
                continue
            tests = control.get("tests") or []
            if not tests:
                found.append(f"{where}, control {number}: no test verifies it")
            found += [
                f"{where}, control {number}: the test {test} does not exist"
                for test in tests
                if not isinstance(test, str) or not names_a_test(test, root)
            ]
    if not seen:
        found.append("the log lists no hazard")
    return found


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render(data: dict[str, Any]) -> str:
    """The log as Markdown: a summary table, then each hazard with its controls and their tests."""
    hazards = data["hazards"]
    lines = [
        f"# {data.get('title', 'Clinical hazard log')}",
        "",
        "Generated from `docs/hazard-log.yaml` by `python -m ivigdesk.hazard_log`; do not edit by hand.",
        f"Standard: {_cell(data.get('standard', ''))}.",
        "",
        "| id | hazard | controls | tests |",
        "| --- | --- | --- | --- |",
    ]
    for hazard in hazards:
        tests = sum(len(control["tests"]) for control in hazard["controls"])
        lines.append(f"| {hazard['id']} | {_cell(hazard['title'])} | {len(hazard['controls'])} | {tests} |")
    for hazard in hazards:
        lines += [
            "",
            f"## {hazard['id']}: {_cell(hazard['title'])}",
            "",
            f"- **Cause:** {_cell(hazard['cause'])}",
            f"- **Effect:** {_cell(hazard['effect'])}",
        ]
        for number, control in enumerate(hazard["controls"], start=1):
            lines.append(f"- **Control {number}:** {_cell(control['control'])}")
            lines += [f"  - verified by `{test}`" for test in control["tests"]]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Check the log; write the Markdown (or, with --check, say whether it is up to date)."""
    args = list(sys.argv[1:] if argv is None else argv)
    data = load()
    faults = problems(data)
    for fault in faults:
        print(f"hazard-log: {fault}", file=sys.stderr)
    if faults:
        return 1
    text = render(data)
    if "--check" in args:
        current = RENDERED.read_text(encoding="utf-8") if RENDERED.is_file() else ""
        if current != text:
            print("hazard-log: docs/hazard-log.md is out of date: run python -m ivigdesk.hazard_log", file=sys.stderr)
            return 1
        return 0
    RENDERED.write_text(text, encoding="utf-8")
    print(f"wrote {RENDERED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
