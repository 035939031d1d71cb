"""The layers hold (import-linter), the command line loads no Qt at run time, and nothing imports
a network library (the contracts cannot see Qt's own network module, so the source is read too)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ivigdesk"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_import_contracts_are_kept():
    """The layers and the no-Qt and no-network rules, as import-linter checks them (pyproject.toml)."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


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
    for path in PACKAGE.rglob("*.py"):
        bad = {
            m
            for m in imported_modules(path)
            if m.split(".")[0] in NETWORK or m in {"PySide6.QtNetwork", "PySide6.QtWebEngineCore"}
        }
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"
