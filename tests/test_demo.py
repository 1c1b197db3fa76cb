"""The demo school: deterministic, and shaped like real classes."""

from collections import Counter
from datetime import timedelta

from classroom_desk.demo import build_demo_school
from classroom_desk.domain.figures import Status, assess
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.records import SchoolDataset
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.store.database import Store
from classroom_desk.store.roster_queries import RosterQueries
from tests.conftest import DEMO_NOW


def test_the_same_moment_gives_the_same_school_ids_included(demo_dataset: SchoolDataset) -> None:
    assert build_demo_school(DEMO_NOW) == demo_dataset


def test_three_sections_of_realistic_size(demo_dataset: SchoolDataset) -> None:
    sizes = Counter(e.section_id for e in demo_dataset.enrollments)
    by_name = {s.name: sizes[s.id] for s in demo_dataset.sections}
    assert by_name == {
        "Grade 4 Homeroom": 26,
        "Grade 7 Math, period 2": 31,
        "English 10, period 5": 28,
    }
    assert len({(s.given_name, s.family_name) for s in demo_dataset.students}) == 85


def test_twelve_weeks_of_activity_ending_now(demo_dataset: SchoolDataset) -> None:
    times = [a.completed_at for a in demo_dataset.attempts]
    newest, oldest = max(times), min(times)
    assert newest <= DEMO_NOW.replace(tzinfo=None)
    assert DEMO_NOW.replace(tzinfo=None) - newest < timedelta(days=2)
    assert timedelta(weeks=10) < newest - oldest < timedelta(weeks=12)


def test_last_full_week_has_every_kind_of_student(demo_store: Store) -> None:
    queries = RosterQueries(demo_store.connection)
    calendar = SchoolCalendar.named("America/Chicago")
    start, end = calendar.utc_bounds(calendar.current_week(DEMO_NOW) - timedelta(weeks=1))
    statuses: Counter[Status] = Counter()
    for section in queries.sections():
        for area in section.content_area_ids:
            for week in queries.weekly_roster(
                section_ids=[section.id],
                content_area_id=area,
                start_utc=start,
                end_utc=end,
                thresholds=Thresholds(),
            ):
                statuses[assess(week.figures, Thresholds()).status] += 1
    total = sum(statuses.values())
    assert statuses[Status.ON_TRACK] > total * 0.35  # most students on track
    # And a few of every other kind: no activity, and each target missed (time, mastery,
    # units), alone or with others (a low average seldom comes without few units
    # mastered, so not every combination need appear).
    assert statuses[Status.NO_ACTIVITY] >= 2, statuses
    for target in ("time", "mastery", "units"):
        missing = sum(n for s, n in statuses.items() if target in s.value.casefold())
        assert missing >= 2, (target, statuses)
    assert len(statuses) >= 5, statuses
