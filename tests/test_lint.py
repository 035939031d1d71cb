"""The code base stays ruff-clean (lint is part of the README's test command)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_ruff_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.fail("ruff is not installed: install the test extras (pip install -e '.[test]')")
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run([ruff, *command, str(REPO)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
