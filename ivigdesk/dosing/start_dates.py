"""Today, and how far from it a course may start: light, so the window's date picker can offer
only what the calculation accepts before the first frame."""

from __future__ import annotations

from datetime import date, timedelta

START_DATE_RANGE = timedelta(days=366)  # IVIG Desk's window for a first infusion: a year either side of today


def today() -> date:
    """Today's date: the one place IVIG Desk asks (tests pin it to a hand-worked day)."""
    return date.today()
