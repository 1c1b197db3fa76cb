import pytest

from classroom_desk.domain.figures import Need, Status, WeeklyFigures, assess
from classroom_desk.domain.policy import Thresholds

DEFAULTS = Thresholds()


def week(
    minutes: int = 45,
    completed: int = 3,
    mastered: int = 3,
    average: float | None = 90.0,
    to_reassign: int = 0,
) -> WeeklyFigures:
    return WeeklyFigures(
        minutes=minutes,
        units_completed=completed,
        units_mastered=mastered,
        average_score=average,
        units_to_reassign=to_reassign,
    )


@pytest.mark.parametrize(
    ("figures", "status"),
    [
        (week(), Status.ON_TRACK),
        (week(minutes=29), Status.NEEDS_TIME),
        (week(minutes=30), Status.ON_TRACK),
        (week(average=79.9), Status.NEEDS_MASTERY),
        (week(average=80.0), Status.ON_TRACK),
        (week(minutes=10, average=60.0), Status.NEEDS_BOTH),
        (WeeklyFigures(), Status.NO_ACTIVITY),
    ],
)
def test_status_follows_the_thresholds(figures: WeeklyFigures, status: Status) -> None:
    assert assess(figures, DEFAULTS).status is status


def test_fewer_than_two_units_is_its_own_flag_not_a_status() -> None:
    result = assess(week(completed=1, mastered=1, average=95.0), DEFAULTS)
    assert result.status is Status.ON_TRACK
    assert result.few_units
    assert "1 of 2 units mastered" in result.reasons


def test_no_activity_means_every_weekly_need() -> None:
    result = assess(WeeklyFigures(units_to_reassign=2), DEFAULTS)
    assert result.needs == {
        Need.NO_ACTIVITY,
        Need.UNDER_MINUTES,
        Need.FEW_UNITS,
        Need.TO_REASSIGN,
    }
    assert result.reasons[0] == "no minutes and no units this week"


def test_a_school_can_change_its_thresholds() -> None:
    strict = Thresholds(min_weekly_minutes=45, target_average=85.0, weekly_units_target=3)
    result = assess(week(minutes=40, mastered=2, average=84.0), strict)
    assert result.status is Status.NEEDS_BOTH
    assert result.needs >= {Need.UNDER_MINUTES, Need.BELOW_MASTERY, Need.FEW_UNITS}


def test_reasons_are_words_a_teacher_reads() -> None:
    result = assess(week(minutes=12, average=71.5, mastered=1, to_reassign=2), DEFAULTS)
    assert result.reasons == (
        "12 of 30 minutes",
        "average 72% is under 80%",
        "1 of 2 units mastered",
        "2 units under 80% to reassign",
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"minutes": -1},
        {"units_completed": 1, "units_mastered": 2, "average_score": 90.0},
        {"units_completed": 1},  # a completed unit without an average
        {"average_score": 50.0},  # an average without a completed unit
    ],
)
def test_impossible_figures_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        WeeklyFigures(**bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "bad",
    [
        {"min_weekly_minutes": -5},
        {"mastery_score": 120.0},
        {"target_average": -1.0},
        {"weekly_units_target": -1},
    ],
)
def test_impossible_thresholds_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Thresholds(**bad)  # type: ignore[arg-type]
