"""The cell values learning platforms write, read as they mean them: durations in every
spelling vendors use, scores as percents or fractions, US and ISO dates with or without a
time, and refusals that say what was expected."""

from __future__ import annotations

from datetime import date, time

import pytest

from classroom_desk.importers.activity.values import (
    CellProblemError,
    Clock,
    ScoreScale,
    read_date_time,
    read_minutes,
    read_score,
)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("95", 95),
        ("95 min", 95),
        ("95m", 95),
        ("95 mins", 95),
        ("1:35", 95),
        ("1:35:00", 95),
        ("01:35:29", 95),
        ("01:35:30", 96),  # half a minute rounds up
        ("1h35m", 95),
        ("1h 35m", 95),
        ("1 h 35 min", 95),
        ("1hr 35min", 95),
        ("4h46m", 286),
        ("4h", 240),
        ("28m", 28),
        ("0m", 0),
        ("1.5 h", 90),
        ("1.5 hours", 90),
        ("2 hours", 120),
        ("90s", 2),  # 1.5 minutes, half up
        ("12m30s", 13),
        ("1,200", 1200),
        ("", 0),
        ("-", 0),  # how ALEKS and others write "no time"
        ("--", 0),
    ],
)
def test_durations_in_vendor_spellings(text: str, minutes: int) -> None:
    assert read_minutes(text, most=10_000) == minutes


def test_a_clock_column_can_be_minutes_and_seconds() -> None:
    assert read_minutes("12:30", clock=Clock.MINUTES_SECONDS) == 13
    assert read_minutes("1:35", clock=Clock.MINUTES_SECONDS) == 2
    assert read_minutes("1:02:03", clock=Clock.MINUTES_SECONDS) == 62  # h:mm:ss stays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1:75", "minutes as a number"),
        ("1h75m", "minutes as a number"),
        ("h", "minutes as a number"),
        ("1.5.2 h", "minutes as a number"),
        ("abc", "minutes as a number"),
        ("-3", "minutes of 0 or more"),
        ("25h", "at most 1440 minutes"),
    ],
)
def test_durations_refused_with_what_was_expected(text: str, expected: str) -> None:
    with pytest.raises(CellProblemError) as raised:
        read_minutes(text)
    assert raised.value.expected.startswith(expected)
    assert repr(text) in raised.value.expected


@pytest.mark.parametrize(
    ("text", "scale", "score"),
    [
        ("79%", ScoreScale.PERCENT, 79.0),
        ("79", ScoreScale.PERCENT, 79.0),
        ("79.5 %", ScoreScale.PERCENT, 79.5),
        ("0.79", ScoreScale.FRACTION, 79.0),
        ("1", ScoreScale.FRACTION, 100.0),
        ("0", ScoreScale.FRACTION, 0.0),
        ("79%", ScoreScale.FRACTION, 79.0),  # a percent sign says it outright
        ("0.79", ScoreScale.PERCENT, 0.79),
        (".5", ScoreScale.FRACTION, 50.0),
    ],
)
def test_scores_as_percents_or_fractions(text: str, scale: ScoreScale, score: float) -> None:
    assert read_score(text, scale=scale) == score


def test_a_fraction_column_refuses_a_percent_number() -> None:
    with pytest.raises(CellProblemError) as raised:
        read_score("79", scale=ScoreScale.FRACTION)
    assert raised.value.expected == (
        "a fraction from 0 to 1, as in the rest of this column (0.79 for 79%); found '79'"
    )


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("11/08/2023", date(2023, 11, 8), None),
        ("8/30/2022 13:03", date(2022, 8, 30), time(13, 3)),
        ("8/30/2022 1:03 PM", date(2022, 8, 30), time(13, 3)),
        ("2023-10-06", date(2023, 10, 6), None),
        ("2023-10-06 14:05", date(2023, 10, 6), time(14, 5)),
        ("2023-10-06T14:05:09", date(2023, 10, 6), time(14, 5, 9)),
        ("2023/10/06", date(2023, 10, 6), None),
        ("2023/10/06 07:15:00", date(2023, 10, 6), time(7, 15)),
        ("04-12-2023", date(2023, 4, 12), None),
        ("10/6/23", date(2023, 10, 6), None),
    ],
)
def test_us_and_iso_dates_with_or_without_a_time(text: str, day: date, at: time | None) -> None:
    read_day, read_time, aware = read_date_time(text)
    assert (read_day, read_time, aware) == (day, at, None)
