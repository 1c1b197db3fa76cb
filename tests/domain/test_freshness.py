"""How fresh a data source is: school days counted on the school's own week, the roster's
"as of" words, and the mark for a source older than two school days."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from classroom_desk.domain.freshness import freshness, school_days_since

THURSDAY = date(2026, 11, 19)


@pytest.mark.parametrize(
    ("later", "days"),
    [
        (THURSDAY, 0),
        (date(2026, 11, 20), 1),  # Friday
        (date(2026, 11, 22), 1),  # Sunday: the weekend is no school day
        (date(2026, 11, 23), 2),  # Monday
        (date(2026, 11, 24), 3),  # Tuesday
        (date(2026, 12, 3), 10),  # two weeks on
        (date(2026, 11, 18), 0),  # earlier: nothing
    ],
)
def test_school_days_since_a_thursday(later: date, days: int) -> None:
    assert school_days_since(THURSDAY, later) == days


def test_a_school_whose_week_starts_on_sunday_has_friday_and_saturday_off() -> None:
    # Thursday to Sunday: Friday and Saturday are the weekend, Sunday a school day.
    assert school_days_since(THURSDAY, date(2026, 11, 22), first_day_of_week=6) == 1
    assert school_days_since(THURSDAY, date(2026, 11, 21), first_day_of_week=6) == 0


def test_the_as_of_words_and_the_stale_mark() -> None:
    imported = datetime(2026, 11, 19, 6, 2)
    assert freshness("ALEKS activity", imported, datetime(2026, 11, 19, 10, 0)).text == (
        "ALEKS activity as of 6:02 today"
    )
    assert freshness("Roster", imported, datetime(2026, 11, 20, 8, 0)).text == (
        "Roster as of 6:02 yesterday"
    )
    monday = freshness("Roster", imported, datetime(2026, 11, 23, 8, 0))
    assert (monday.text, monday.stale) == ("Roster as of Thu 6:02", False)
    tuesday = freshness("Roster", datetime(2026, 11, 19, 18, 30), datetime(2026, 11, 24, 8, 0))
    assert (tuesday.text, tuesday.stale, tuesday.school_days_old) == (
        "Roster as of Thu 6:30 pm (3 school days old)",
        True,
        3,
    )
    old = freshness("i-Ready activity", imported, datetime(2027, 1, 5, 8, 0))
    assert old.text == "i-Ready activity as of Nov 19, 2026 (33 school days old)" and old.stale
