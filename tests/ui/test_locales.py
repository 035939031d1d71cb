"""The window starts under any locale. Under Turkish (and Azeri) casing rules the upper case of
"i" is the dotted "İ", and PySide6 6.11 then cannot find a keyword property beginning with "i"
(``QTimer(self, interval=…)`` raised AttributeError, so ``--self-test`` exited 1 and the crash
dialog showed): properties are set with their setters instead."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

LOCALES = ("tr_TR.UTF-8", "de_DE.UTF-8")  # Turkish casing, and a decimal comma


def _qt_calls() -> list[tuple[str, int, str, list[str]]]:
    """Every call of a Qt class or function in the window's code: (file, line, name, keywords)."""
    found = []
    for path in [*sorted((REPO / "ivigdesk" / "ui").glob("*.py")), REPO / "ivigdesk" / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name.startswith("Q"):
                found.append((path.name, node.lineno, name, [k.arg for k in node.keywords if k.arg]))
    return found


def test_no_qt_constructor_is_given_a_keyword_that_turkish_casing_breaks():
    calls = _qt_calls()
    assert len(calls) > 20  # the scan sees the window's constructors
    keywords = [(*call[:3], keyword) for call in calls for keyword in call[3]]
    assert [k for k in keywords if k[3][0] in "iI"] == []


def make_locales(target: Path, names: tuple[str, ...] = LOCALES) -> dict[str, str] | None:
    """Compile ``names`` with ``localedef`` into ``target`` (no installing): the environment
    that selects them, or None when this machine cannot (no localedef or locale sources)."""
    localedef = shutil.which("localedef")
    if localedef is None or not Path("/usr/share/i18n/locales/tr_TR").exists():
        return None
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        language, charmap = name.split(".")
        done = subprocess.run([localedef, "-i", language, "-f", charmap, str(target / name)], timeout=120)
        assert done.returncode in (0, 1) and (target / name / "LC_CTYPE").exists()  # 1: warnings only
    return {"LOCPATH": str(target)}


@pytest.mark.slow
@pytest.mark.parametrize("name", LOCALES)
def test_the_self_test_passes_under_a_non_english_locale(tmp_path, name):
    env = make_locales(tmp_path / "locales", (name,))
    if env is None:
        if os.environ.get("IVIGDESK_REQUIRE_LOCALES"):
            pytest.fail("localedef or /usr/share/i18n/locales missing: the locale self-test cannot run")
        pytest.skip("localedef or the locale sources are not installed")
    env = {**os.environ, **env, "LC_ALL": name, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    probe = "import locale; print(locale.setlocale(locale.LC_ALL, ''))"
    assert subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True).stdout.strip() == name
    done = subprocess.run(
        [sys.executable, "-m", "ivigdesk", "--self-test"], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
