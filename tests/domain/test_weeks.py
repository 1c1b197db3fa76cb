from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classroom_desk.domain.weeks import SchoolCalendar

CHICAGO = SchoolCalendar.named("America/Chicago")


def test_monday_is_the_default_first_day() -> None:
    assert CHICAGO.week_start(date(2026, 11, 19)) == date(2026, 11, 16)
    assert CHICAGO.week_start(date(2026, 11, 16)) == date(2026, 11, 16)
    assert CHICAGO.week_start(date(2026, 11, 22)) == date(2026, 11, 16)


def test_a_school_can_start_its_week_on_sunday() -> None:
    sunday_first = SchoolCalendar.named("America/Chicago", first_day=6)
    assert sunday_first.week_start(date(2026, 11, 22)) == date(2026, 11, 22)
    assert sunday_first.week_start(date(2026, 11, 21)) == date(2026, 11, 15)


def test_week_bounds_are_local_midnights_in_utc() -> None:
    start, end = CHICAGO.utc_bounds(date(2026, 11, 16))
    assert start == datetime(2026, 11, 16, 6, 0)  # CST is UTC-6
    assert end == datetime(2026, 11, 23, 6, 0)


def test_week_across_the_autumn_clock_change_has_169_hours() -> None:
    start, end = CHICAGO.utc_bounds(date(2026, 10, 26))
    assert start == datetime(2026, 10, 26, 5, 0)  # CDT is UTC-5
    assert end - start == timedelta(hours=169)


def test_week_across_the_spring_clock_change_has_167_hours() -> None:
    start, end = CHICAGO.utc_bounds(date(2027, 3, 8))
    assert end - start == timedelta(hours=167)


def test_sunday_night_local_belongs_to_the_week_that_is_ending() -> None:
    sunday_late_local = datetime(2026, 11, 23, 5, 30)  # Sunday 23:30 in Chicago, Monday in UTC
    assert CHICAGO.week_of(sunday_late_local) == date(2026, 11, 16)
    assert CHICAGO.week_of(datetime(2026, 11, 23, 6, 0)) == date(2026, 11, 23)


def test_bounds_of_a_day_that_does_not_start_a_week_are_refused() -> None:
    with pytest.raises(ValueError, match="not a first day of week"):
        CHICAGO.utc_bounds(date(2026, 11, 18))


def test_first_day_must_be_a_weekday_number() -> None:
    with pytest.raises(ValueError, match="first_day"):
        SchoolCalendar.named("UTC", first_day=7)


ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


@given(
    instant=st.datetimes(min_value=datetime(2000, 1, 3), max_value=datetime(2037, 12, 1)),
    zone=st.sampled_from(ZONES),
    first_day=st.integers(min_value=0, max_value=6),
)
def test_every_instant_falls_inside_its_own_week(
    instant: datetime, zone: str, first_day: int
) -> None:
    calendar = SchoolCalendar(ZoneInfo(zone), first_day)
    week = calendar.week_of(instant)
    start, end = calendar.utc_bounds(week)
    assert week.weekday() == first_day
    assert start <= instant < end
    assert timedelta(days=6) < end - start < timedelta(days=8)


def test_current_week_uses_the_school_zone_not_utc() -> None:
    monday_utc_sunday_local = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert CHICAGO.current_week(monday_utc_sunday_local) == date(2026, 11, 16)


def test_a_month_runs_from_local_midnight_to_local_midnight() -> None:
    # March 2027: DST begins on the 14th, so the month ends an hour earlier in UTC.
    assert CHICAGO.month_bounds(2027, 3) == (datetime(2027, 3, 1, 6), datetime(2027, 4, 1, 5))
    assert CHICAGO.month_bounds(2026, 12) == (datetime(2026, 12, 1, 6), datetime(2027, 1, 1, 6))
    assert CHICAGO.month_bounds(2028, 2)[1] == datetime(2028, 3, 1, 6)  # a leap year's 29th


@given(
    year=st.integers(2000, 2100),
    month=st.integers(1, 12),
    zone=st.sampled_from(
        ["America/Chicago", "America/New_York", "Pacific/Honolulu", "Australia/Lord_Howe", "UTC"]
    ),
)
def test_a_month_runs_from_local_midnight_on_the_first_to_the_next_ones(
    year: int, month: int, zone: str
) -> None:
    """The School view's and the Skills Summary's month, on the server and the laptop."""
    calendar = SchoolCalendar.named(zone)
    start, end = calendar.month_bounds(year, month)
    assert calendar.local_date(start) == date(year, month, 1)
    assert calendar.local_date(start - timedelta(microseconds=1)) < date(year, month, 1)
    assert calendar.local_date(end).day == 1 and calendar.local_date(end) > date(year, month, 1)
    assert calendar.local_date(end - timedelta(microseconds=1)).month == month


@given(
    first_day=st.integers(0, 6),
    year=st.integers(2000, 2099),
    month=st.integers(1, 12),
    through=st.dates(date(2000, 1, 1), date(2100, 1, 1)),
)
def test_a_months_weeks_are_each_week_holding_one_of_its_days_up_to_through(
    first_day: int, year: int, month: int, through: date
) -> None:
    calendar = SchoolCalendar.named("America/Chicago", first_day)
    first = date(year, month, 1)
    days = [
        first + timedelta(days=n) for n in range(31) if (first + timedelta(days=n)).month == month
    ]
    last_week = calendar.week_start(through)
    expected = sorted({w for w in map(calendar.week_start, days) if w <= last_week})
    assert calendar.weeks_of_month(year, month, through=through) == expected
