"""Course dates across a month end, a leap day and a gestation limit."""

from __future__ import annotations

from datetime import date

from ivigdesk.dosing.course_dates import add_months, course_dates


def test_infusion_days_cross_a_leap_day_and_a_month_end(kb) -> None:
    dates = course_dates(date(2028, 2, 27), 5, None)
    assert dates.courses[0].days == tuple(date(2028, m, d) for m, d in ((2, 27), (2, 28), (2, 29), (3, 1), (3, 2)))


def test_monthly_repeats_for_six_months_with_the_review(kb) -> None:
    repeat = kb.indication("dm-pm").circumstances[0].repeat
    dates = course_dates(date(2028, 1, 31), 5, repeat)
    firsts = [c.days[0] for c in dates.courses]
    assert firsts == [
        date(2028, 1, 31),
        date(2028, 2, 29),  # leap year: the last day of February
        date(2028, 3, 31),
        date(2028, 4, 30),
        date(2028, 5, 31),
        date(2028, 6, 30),
    ]
    assert dates.reviews == ((date(2028, 7, 31), "If no improvement is seen, IVIG should be stopped [21]."),)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)


def test_every_21_days_to_week_33_of_gestation(kb) -> None:
    repeat = kb.indication("lupus-pregnancy").circumstances[0].repeat
    # 16 weeks 0 days at the first infusion: courses at 16, 19, 22, 25, 28 and 31 weeks; 34 is past 33
    dates = course_dates(date(2027, 1, 1), 1, repeat, gestation_days_at_start=16 * 7)
    assert [c.gestation for c in dates.courses] == [f"{w} weeks 0 days" for w in (16, 19, 22, 25, 28, 31)]
    assert dates.courses[-1].days[0] == date(2027, 4, 16)
    unknown = course_dates(date(2027, 1, 1), 1, repeat)
    assert len(unknown.courses) == 1 and "gestation" in unknown.notes[0]
