"""Dates of a course: each infusion day, each repeat the source names, and its review points.

Monthly repeats fall on the same day of the month as the first infusion, or the month's last day
when that month is shorter (31 January → 29 February 2028 → 31 March). Repeats "up to week N of
gestation" stop at the last course that starts on or before N weeks 0 days.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ivigdesk.knowledge.model import Repeat

OPEN_ENDED_COURSES_SHOWN = 3


@dataclass(frozen=True)
class Course:
    """One course: its number and the date of each of its infusion days."""

    number: int
    days: tuple[date, ...]
    gestation: str | None = None


@dataclass(frozen=True)
class CourseDates:
    """The first course's days, later courses, review points, and anything the dates could not show."""

    courses: tuple[Course, ...]
    reviews: tuple[tuple[date, str], ...]
    notes: tuple[str, ...]


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month if it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def gestation_text(days: int) -> str:
    return f"{days // 7} weeks {days % 7} days"


def course_dates(
    start: date, day_count: int, repeat: Repeat | None, gestation_days_at_start: int | None = None
) -> CourseDates:
    """Every course date from ``start``; ``gestation_days_at_start`` (0 to 45 weeks, as the
    request builder reads it) is needed for gestation-bound repeats."""

    def course(number: int, first: date) -> Course:
        days = tuple(first + timedelta(days=n) for n in range(day_count))
        gestation = None
        if gestation_days_at_start is not None:
            gestation = gestation_text(gestation_days_at_start + (first - start).days)
        return Course(number, days, gestation)

    courses, reviews, notes = [course(1, start)], [], []
    if repeat is None:
        return CourseDates(tuple(courses), (), ())
    if repeat.every_months is not None:
        if repeat.for_at_least_months is not None:
            count = repeat.for_at_least_months // repeat.every_months
            review_date = add_months(start, repeat.for_at_least_months)
            reviews.append((review_date, repeat.review or f"Review after {repeat.for_at_least_months} months."))
        else:
            count = OPEN_ENDED_COURSES_SHOWN + 1
            notes.append(f"{repeat.text}: the source gives no end; the next {OPEN_ENDED_COURSES_SHOWN} courses shown.")
        courses += [course(k + 1, add_months(start, k * repeat.every_months)) for k in range(1, count)]
    elif repeat.every_days is not None:
        if repeat.until_gestation_week is not None:
            if gestation_days_at_start is None:
                notes.append(f"{repeat.text}: enter the gestation at the first infusion to list these dates.")
            else:
                last_day = repeat.until_gestation_week * 7 - gestation_days_at_start
                if last_day < 0:
                    notes.append(f"The gestation is already past week {repeat.until_gestation_week}.")
                k = 1
                while k * repeat.every_days <= last_day:
                    courses.append(course(k + 1, start + timedelta(days=k * repeat.every_days)))
                    k += 1
        else:
            count = OPEN_ENDED_COURSES_SHOWN + 1
            courses += [course(k + 1, start + timedelta(days=k * repeat.every_days)) for k in range(1, count)]
            notes.append(f"{repeat.text}: the next {OPEN_ENDED_COURSES_SHOWN} courses shown.")
    if repeat.review and not reviews:
        notes.append(repeat.review)
    return CourseDates(tuple(courses), tuple(reviews), tuple(notes))
