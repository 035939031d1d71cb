"""Run a command without the right to ignore file permissions, even when the tests run as root.

CI runs as root, and root reads and writes anything. As root the command runs under ``setpriv``
with CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH removed from its bounding set, so permission bits
apply to it as to any user (the files stay root's, so no path needs to change hands). As an
ordinary user it simply runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest


def unprivileged(argv: list[str]) -> list[str]:
    """``argv``, prefixed so that file permissions apply to it."""
    if os.name != "posix" or os.geteuid() != 0:
        return argv
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root without setpriv (util-linux): permission checks cannot be tested")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--", *argv]


def run_unprivileged(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    """Run ``python args...`` with file permissions in force; text output captured."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **kwargs.pop("env", {})}
    return subprocess.run(
        unprivileged([sys.executable, *args]), capture_output=True, text=True, env=env, timeout=120, **kwargs
    )
