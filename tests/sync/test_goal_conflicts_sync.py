"""A goal target two laptops change offline, through a real server (SQLite and PostgreSQL):
the later change wins, and the student panel on the laptop whose value lost says so in
words, with "Use that" writing it back as a new change both laptops then hold."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from classroom_desk.demo import demo_id
from classroom_desk.domain.figures import WeeklyFigures
from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.policy import Thresholds
from classroom_desk.domain.weeks import SchoolCalendar
from classroom_desk.presenters.student_panel import (
    GoalView,
    StudentContext,
    StudentPanelPresenter,
)
from classroom_desk.store.conference_queries import ConferenceQueries
from tests.sync.harness import (
    Laptop,
    MemoryKeyring,
    ServerProcess,
    server_checksums,
    teacher_and_coteacher,
)

CALENDAR = SchoolCalendar.named("America/Chicago")
#: A seat no other sync test writes to (the server lives for the session).
STUDENT = demo_id("student", "homeroom-4/12")


@pytest.fixture
def laptops(
    tmp_path: Path, fresh_server: ServerProcess, memory_keyring: MemoryKeyring
) -> Iterator[list[Laptop]]:
    """Two laptops on a server of their own (see test_learner_profiles_sync)."""
    with teacher_and_coteacher(tmp_path, fresh_server.url) as made:
        yield made


def panel_on(laptop: Laptop) -> StudentPanelPresenter:
    """The laptop's student panel (no Qt), open on the student's math."""
    panel = StudentPanelPresenter(
        source=ConferenceQueries(laptop.store.connection),
        actions=laptop.actions,
        calendar=lambda: CALENDAR,
        thresholds=Thresholds,
    )
    panel.open(
        StudentContext(
            student_id=STUDENT,
            name="A student",
            grade="4",
            content_area_id="math",
            content_area_name="Math",
            week=CALENDAR.current_week(),
            figures=WeeklyFigures(),
        )
    )
    return panel


def goal_view(panel: StudentPanelPresenter, goal_id: str) -> GoalView:
    return next(view for view in panel.goals if view.goal.id == goal_id)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def test_the_laptop_whose_target_lost_shows_it_and_can_take_it_back(
    laptops: list[Laptop], fresh_server: ServerProcess
) -> None:
    teacher, coteacher = laptops
    goal = teacher.actions.set_goal(
        student_id=STUDENT, content_area_id="math", kind=GoalKind.UNITS_MASTERED, target=2
    )
    teacher.sync()
    coteacher.sync()
    # Both change the target offline; the co-teacher's change is the later one.
    now = utcnow()
    teacher.actions.set_goal(
        student_id=STUDENT, content_area_id="math", kind=GoalKind.UNITS_MASTERED, target=5,
        goal_id=goal, now=now,
    )  # fmt: skip
    coteacher.actions.set_goal(
        student_id=STUDENT, content_area_id="math", kind=GoalKind.UNITS_MASTERED, target=6,
        goal_id=goal, now=now + timedelta(seconds=5),
    )  # fmt: skip
    for laptop in (teacher, coteacher, teacher, coteacher):
        laptop.sync()

    losing, winning = panel_on(teacher), panel_on(coteacher)
    lost_view = goal_view(losing, goal)
    assert lost_view.description == "Master 6 math units this week"
    (notice,) = lost_view.conflicts
    assert notice.key == "target"
    assert notice.text.startswith("Changed on this laptop (")
    assert notice.text.endswith(
        "), replaced by another laptop's change: target 5 units; kept 6 units"
    )
    (seen_elsewhere,) = goal_view(winning, goal).conflicts
    assert seen_elsewhere.text.startswith("Changed on another laptop (")
    assert seen_elsewhere.text.endswith("): target 5 units; kept 6 units")

    # The teacher takes their own value back: a new stamped change that wins everywhere.
    losing.use_lost_goal_value(goal, "target")
    for laptop in (teacher, coteacher):
        laptop.sync()
    for laptop in laptops:
        view = goal_view(panel_on(laptop), goal)
        assert (view.goal.target, view.conflicts) == (5, ())
        assert set(laptop.outbox_states()) <= {"acknowledged"}
        assert laptop.checksums() == server_checksums(fresh_server.database_url, laptop.user)
