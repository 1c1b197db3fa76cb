from hypothesis import given
from hypothesis import strategies as st

from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.goals import GoalKind, goal_progress
from classroom_desk.domain.hlc import Stamp, next_stamp, observe

DEVICE_A = "0b6c8f7e-2f1a-4c4e-9d7b-aaaaaaaaaaaa"
DEVICE_B = "0b6c8f7e-2f1a-4c4e-9d7b-bbbbbbbbbbbb"


# The very last stamp (the last counter of the last millisecond, in the year 33658) has no
# successor, so the wall clock stops one millisecond short of it.
@given(millis=st.integers(0, 10**15 - 2), counter=st.integers(0, 999_999))
def test_stamps_round_trip_and_sort_as_text(millis: int, counter: int) -> None:
    stamp = Stamp(millis, counter, DEVICE_A)
    assert Stamp.decode(stamp.encode()) == stamp
    later = next_stamp(stamp, wall_millis=millis, device_id=DEVICE_A)
    assert later.encode() > stamp.encode()


def test_a_clock_that_jumps_back_still_moves_forward() -> None:
    first = next_stamp(None, wall_millis=2_000_000, device_id=DEVICE_A)
    second = next_stamp(first, wall_millis=1_000_000, device_id=DEVICE_A)
    assert second > first and second.millis == first.millis


def test_observing_a_remote_stamp_moves_past_it() -> None:
    remote = Stamp(9_000_000, 4, DEVICE_B)
    local = observe(None, remote, wall_millis=1_000, device_id=DEVICE_A)
    assert (local.millis, local.counter) == (9_000_000, 5)


def test_equal_times_break_ties_by_device_id() -> None:
    assert Stamp(5, 0, DEVICE_A).encode() < Stamp(5, 0, DEVICE_B).encode()


def test_goal_progress_comes_from_the_week() -> None:
    week = WeeklyFigures(minutes=25, units_completed=3, units_mastered=2, average_score=84.0)
    assert goal_progress(GoalKind.UNITS_MASTERED, 3, week).met is False
    assert goal_progress(GoalKind.AVERAGE_SCORE, 80, week).met is True
    assert goal_progress(GoalKind.MINUTES, 30, week).fraction == 25 / 30
    assert goal_progress(GoalKind.AVERAGE_SCORE, 80, WeeklyFigures()).current is None
    assert GoalKind.AVERAGE_SCORE.describe(85, "Math") == "Average 85% in math"
