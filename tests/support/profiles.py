"""Hypothesis profiles. ``ci`` (the default, and what CI runs): derandomised, so a run is
repeatable, with the full example counts each test asks for. ``everyday`` (chosen automatically
for ``pytest -m "not slow"``): derandomised too, with a fifteenth of the examples. Set
``HYPOTHESIS_PROFILE`` to choose one by hand; ``random`` explores new seeds as development does."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("everyday", derandomize=True, deadline=None)
settings.register_profile("random", deadline=None, print_blob=True)
EVERYDAY_SHARE = 15


def profile() -> str:
    return os.environ.get("HYPOTHESIS_PROFILE", "ci")


def examples(full: int) -> int:
    """How many examples a test runs under the profile in force (``full`` in CI)."""
    return full if profile() != "everyday" else max(10, full // EVERYDAY_SHARE)
