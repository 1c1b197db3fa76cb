"""The tutoring ratio by grade band, schedules, dosage, and the rotation's cycle and timer."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classroom_desk.domain.rotation import (
    RotationError,
    RotationProgress,
    Station,
    StationKind,
    TimerState,
    checked_round_minutes,
    checked_stations,
    format_clock,
    groups_at,
    station_of,
)
from classroom_desk.domain.tutoring import (
    GradeBand,
    Plan,
    Schedule,
    TutoringError,
    checked_session_minutes,
    checked_tutor_name,
    dosage,
    grade_band,
    ratio_check,
)


@pytest.mark.parametrize(
    ("grade", "band"),
    [
        ("PK", GradeBand.EARLY),
        ("TK", GradeBand.EARLY),
        ("K", GradeBand.EARLY),
        ("KG", GradeBand.EARLY),
        ("01", GradeBand.EARLY),
        ("1", GradeBand.EARLY),
        ("Grade 2", GradeBand.ELEMENTARY),
        ("5", GradeBand.ELEMENTARY),
        ("6", GradeBand.SECONDARY),
        ("10", GradeBand.SECONDARY),
        ("Ungraded", GradeBand.SECONDARY),
    ],
)
def test_grade_bands(grade: str, band: GradeBand) -> None:
    assert grade_band(grade) is band


def test_ratio_warns_above_one_to_one_early_and_above_one_to_four_otherwise() -> None:
    assert ratio_check(["K"]).ok
    early = ratio_check(["K", "1"])
    assert not early.ok
    assert early.message() == ("Ratio 1:2 is above 1:1 for pre-K-1: split the group or add a tutor")
    assert ratio_check(["3"] * 4).ok
    assert not ratio_check(["3"] * 5).ok
    assert ratio_check(["9"] * 4).ok
    assert not ratio_check(["9"] * 5).ok
    # A group mixing bands is held to its youngest student's.
    assert ratio_check(["1", "3"]).limit == 1


@given(st.lists(st.sampled_from(["PK", "K", "1", "2", "4", "5", "7", "12"]), max_size=8))
def test_ratio_rule_follows_the_bands(grades: list[str]) -> None:
    check = ratio_check(grades)
    limit = 1 if any(grade_band(g) is GradeBand.EARLY for g in grades) else 4
    assert check.limit == limit
    assert check.ok == (len(grades) <= limit)


def test_schedule_plan_dosage_and_hostile_values() -> None:
    schedule = Schedule.of([4, 0, 2], "9:05")
    assert schedule.describe() == "Mon, Wed, Fri at 09:05"
    with pytest.raises(TutoringError, match="HH:MM"):
        Schedule.of([0], "25:00")
    with pytest.raises(TutoringError, match="days"):
        Schedule((7,), "")
    plan = Plan()
    assert plan.describe() == "3 sessions of 30 min a week"
    week = dosage([30, 25], plan)
    assert (week.sessions, week.minutes, week.met) == (2, 55, False)
    assert week.describe() == "2 of 3 sessions, 55 of 90 min"
    assert dosage([30, 30, 30], plan).met
    with pytest.raises(TutoringError, match="1 to 240"):
        checked_session_minutes(-5)
    with pytest.raises(TutoringError):
        checked_session_minutes(True)  # type: ignore[arg-type]
    with pytest.raises(TutoringError, match="too long"):
        checked_tutor_name("A" * 81)
    with pytest.raises(TutoringError):
        Plan(sessions_per_week=0)


def test_rotation_cycle_visits_every_station_once() -> None:
    for stations in (1, 3, 4):
        for position in range(stations):
            seen = {station_of(position, r, stations) for r in range(stations)}
            assert seen == set(range(stations))
    assert groups_at(0, 0, 5, 4) == [0, 4]  # more groups than stations share one
    assert groups_at(3, 1, 2, 4) == []  # fewer leave one empty


def test_stations_and_minutes_are_checked() -> None:
    with pytest.raises(RotationError, match="same name"):
        checked_stations([Station(StationKind.OTHER, "Art"), Station(StationKind.OTHER, " art")])
    with pytest.raises(RotationError, match="1 to 8"):
        checked_stations([])
    with pytest.raises(RotationError, match="too long"):
        Station(StationKind.OTHER, "x" * 41)
    with pytest.raises(RotationError):
        checked_round_minutes(0)


def test_timer_runs_pauses_resumes_and_ends() -> None:
    start = datetime(2026, 12, 1, 15, 0)
    progress = RotationProgress()
    assert progress.state(4, 15, start) is TimerState.NOT_STARTED
    progress = progress.start_round(0, start)
    later = start + timedelta(minutes=5)
    assert progress.seconds_left(15, later) == 600
    assert progress.state(4, 15, later) is TimerState.RUNNING
    paused = progress.pause(15, later)
    assert paused.state(4, 15, later + timedelta(hours=1)) is TimerState.PAUSED
    assert paused.seconds_left(15, later + timedelta(hours=1)) == 600
    resumed = paused.resume(15, later + timedelta(hours=1))
    assert resumed.seconds_left(15, later + timedelta(hours=1, minutes=10)) == 0
    assert resumed.state(4, 15, later + timedelta(hours=2)) is TimerState.TIME_UP
    assert RotationProgress(4, start).state(4, 15, start) is TimerState.FINISHED
    assert format_clock(605) == "10:05"
