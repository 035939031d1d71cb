"""The calculation core and knowledge base never import Qt (checked by AST and at run time)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = [Path(__file__).resolve().parent.parent / "ivigdesk" / part for part in ("knowledge", "dosing")]
CORE_FILES = [*CORE[0].glob("*.py"), *CORE[1].glob("*.py"), CORE[0].parent / "cli.py"]


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_source_imports_no_qt():
    for path in CORE_FILES:
        bad = {
            m
            for m in imported_modules(path)
            if m.split(".")[0] in {"PySide6", "shiboken6", "ivigdesk.ui"}
            or m.startswith("ivigdesk.ui")
            or m == "ivigdesk.app"
        }
        assert not bad, f"{path.name} imports {bad}"


def test_cli_run_loads_no_qt_and_no_numpy():
    code = (
        "import sys; from ivigdesk.cli import run; "
        "run(['--indication','gbs','--weight','70','--concentration','10%','--json']); "
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','shiboken6','numpy')]; "
        "sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


NETWORK = {"socket", "ssl", "http", "urllib", "ftplib", "smtplib", "requests", "webbrowser", "xmlrpc"}


def test_no_module_imports_anything_that_talks_to_a_network():
    for path in (CORE[0].parent).rglob("*.py"):
        bad = {
            m
            for m in imported_modules(path)
            if m.split(".")[0] in NETWORK or m in {"PySide6.QtNetwork", "PySide6.QtWebEngineCore"}
        }
        assert not bad, f"{path.relative_to(CORE[0].parent.parent)} imports {bad}"
