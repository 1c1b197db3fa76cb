from hypothesis import given
from hypothesis import strategies as st

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.priority import support_priority

DEFAULTS = Thresholds()


def figures(minutes: int, mastered: int, average: float | None) -> WeeklyFigures:
    completed = 0 if average is None else max(mastered, 1)
    return WeeklyFigures(
        minutes=minutes, units_completed=completed, units_mastered=mastered, average_score=average
    )


def test_on_track_student_scores_only_for_time_since_conference() -> None:
    on_track = figures(45, 3, 92.0)
    assert support_priority(on_track, DEFAULTS, days_since_conference=0) == 0
    assert support_priority(on_track, DEFAULTS, days_since_conference=4) == 4
    assert support_priority(on_track, DEFAULTS) == 10  # never conferenced


def test_documented_example() -> None:
    # 15 of 30 minutes (half short: 15), average 60 of 80 (a quarter short: 7.5),
    # 1 of 2 units (half short: 15), conferenced 3 days ago (3).
    assert support_priority(figures(15, 1, 60.0), DEFAULTS, days_since_conference=3) == 40.5


def test_no_activity_outranks_any_student_with_activity() -> None:
    idle = support_priority(WeeklyFigures(), DEFAULTS, days_since_conference=0)
    worst_active = support_priority(figures(1, 0, 0.0), DEFAULTS)
    assert idle > worst_active


scores = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(
    minutes=st.integers(0, 300),
    more_minutes=st.integers(0, 300),
    mastered=st.integers(0, 6),
    average=scores,
)
def test_more_minutes_never_raise_priority(
    minutes: int, more_minutes: int, mastered: int, average: float
) -> None:
    lower = figures(minutes, mastered, average)
    higher = figures(minutes + more_minutes, mastered, average)
    assert support_priority(higher, DEFAULTS) <= support_priority(lower, DEFAULTS)


@given(minutes=st.integers(1, 300), mastered=st.integers(0, 6), low=scores, high=scores)
def test_a_higher_average_never_raises_priority(
    minutes: int, mastered: int, low: float, high: float
) -> None:
    low, high = min(low, high), max(low, high)
    assert support_priority(figures(minutes, mastered, high), DEFAULTS) <= support_priority(
        figures(minutes, mastered, low), DEFAULTS
    )


@given(
    minutes=st.integers(0, 300),
    mastered=st.integers(0, 6),
    average=scores,
    days=st.integers(-5, 400),
)
def test_score_stays_within_its_documented_range(
    minutes: int, mastered: int, average: float, days: int
) -> None:
    assert 0 <= support_priority(figures(minutes, mastered, average), DEFAULTS, days) <= 200
