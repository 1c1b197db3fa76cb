"""Reading a school policy change from the command line: every value checked, each
refusal naming the option and what it expected."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classroom_desk.domain.policy import (
    WEEKDAYS,
    Thresholds,
    describe_policy,
    parse_weekday,
    policy_changes,
)


@pytest.mark.parametrize(
    ("text", "day"), [("Monday", 0), ("sun", 6), (" Wednesday ", 2), ("SATURDAY", 5), ("4", 4)]
)
def test_a_weekday_by_name_short_name_or_number(text: str, day: int) -> None:
    assert parse_weekday(text) == day


def test_every_option_becomes_its_school_column() -> None:
    changes = policy_changes(
        {
            "time-zone": "America/New_York",
            "first-day": "sunday",
            "min-weekly-minutes": "45",
            "mastery-score": "85%",
            "target-average": "75.5",
            "weekly-units-target": "3",
        }
    )
    assert changes == {
        "time_zone": "America/New_York",
        "first_day_of_week": 6,
        "min_weekly_minutes": 45,
        "mastery_score": 85.0,
        "target_average": 75.5,
        "weekly_units_target": 3,
    }
    assert policy_changes({"time-zone": None}) == {}


@pytest.mark.parametrize(
    ("option", "text", "message"),
    [
        ("time-zone", "Mars/Olympus", "--time-zone: expected an IANA time zone"),
        ("time-zone", "../../etc/passwd", "--time-zone: expected an IANA time zone"),
        ("time-zone", "America", "--time-zone: expected an IANA time zone"),
        ("time-zone", "x" * 300, "--time-zone: expected an IANA time zone"),
        ("first-day", "Funday", "--first-day: expected a day of the week"),
        ("min-weekly-minutes", "-5", "--min-weekly-minutes: expected a number of 0 or more"),
        ("min-weekly-minutes", "thirty", "--min-weekly-minutes: expected a whole number"),
        ("mastery-score", "120", "--mastery-score: expected a percentage from 0 to 100"),
        ("target-average", "nan%", "--target-average: expected a percentage from 0 to 100"),
    ],
)
def test_a_bad_value_names_the_option_and_what_it_expected(
    option: str, text: str, message: str
) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
        policy_changes({option: text})


@given(st.text(max_size=30))
def test_any_text_is_a_value_or_a_clear_refusal(text: str) -> None:
    for option in ("time-zone", "first-day", "min-weekly-minutes", "mastery-score"):
        try:
            policy_changes({option: text})
        except ValueError as error:
            assert str(error).startswith(f"--{option}: expected ")


def test_the_policy_in_words() -> None:
    assert describe_policy("Maple", "America/Chicago", 0, Thresholds()) == (
        "Maple: time zone America/Chicago, weeks start on Monday, 30 minutes a week, a unit "
        "mastered at 80%, average 80% expected, 2 units mastered a week"
    )
    assert WEEKDAYS[6] == "Sunday"
