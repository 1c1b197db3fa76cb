"""Groups, rotations and tutoring in the store: each action and its outbox rows in one
transaction; bad input refused with a reason and nothing written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from classroom_desk.demo import build_demo_school, demo_id
from classroom_desk.domain.groups import GroupBasis
from classroom_desk.domain.rotation import DEFAULT_STATIONS, RotationProgress
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.store.database import Store, open_store
from classroom_desk.store.loading import load_dataset
from classroom_desk.store.plan_actions import GroupDraft, PlanActions
from classroom_desk.store.teacher_actions import ActionError, ensure_device

NOW = datetime(2026, 12, 2, 15, 0)
WEEK = date(2026, 11, 30)
HOMEROOM = demo_id("section", "homeroom-4")


def seat(n: int, section: str = "homeroom-4") -> str:
    return demo_id("student", f"{section}/{n}")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "school.sqlite")
    load_dataset(opened, build_demo_school(NOW))
    yield opened
    opened.close()


@pytest.fixture
def plans(store: Store) -> PlanActions:
    return PlanActions(store, ensure_device(store))


def counts(store: Store) -> tuple[int, int, int]:
    db = store.connection
    return (
        db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0],
        db.execute("SELECT COUNT(*) FROM student_group").fetchone()[0],
        db.execute("SELECT COUNT(*) FROM tutoring_session").fetchone()[0],
    )


def test_accepting_groups_writes_groups_placements_and_their_changes(
    store: Store, plans: PlanActions
) -> None:
    first, second = plans.accept_groups(
        section_id=HOMEROOM,
        content_area_id="math",
        week=WEEK,
        groups=[
            GroupDraft("Fractions", (seat(0), seat(1), seat(2)), GroupBasis.UNIT, "why"),
            GroupDraft("Time", (seat(3), seat(4), seat(5))),
        ],
        now=NOW,
    )
    db = store.connection
    kinds = [r[0] for r in db.execute("SELECT kind FROM outbox ORDER BY seq")]
    assert kinds == ["group.create"] * 2 + ["group.place"] * 6
    scopes = {r[0] for r in db.execute("SELECT student_id FROM outbox WHERE kind = 'group.create'")}
    assert scopes == {HOMEROOM}
    # Accepting again with one group kept and renamed: the other is dissolved and its
    # students leave it; only what changed is written.
    plans.accept_groups(
        section_id=HOMEROOM,
        content_area_id="math",
        week=WEEK,
        groups=[GroupDraft("Fractions team", (seat(0), seat(1), seat(2), seat(3)), group_id=first)],
        now=NOW,
    )
    kinds = [r[0] for r in db.execute("SELECT kind FROM outbox ORDER BY seq")][8:]
    assert kinds == ["group.rename", "group.set_status"] + ["group.place"] * 3
    assert db.execute("SELECT status FROM student_group WHERE id = ?", (second,)).fetchone() == (
        "dissolved",
    )
    stamps = db.execute("SELECT name, name_stamp FROM student_group WHERE id = ?", (first,))
    name, stamp = stamps.fetchone()
    assert name == "Fractions team"
    assert stamp == db.execute("SELECT stamp FROM outbox WHERE kind = 'group.rename'").fetchone()[0]


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (GroupDraft("x" * 61, (seat(0),)), "too long"),
        (GroupDraft("Mixed", (seat(0), seat(0, "math-7"))), "is not in this class"),
        (GroupDraft("Empty", ()), "no students"),
    ],
)
def test_bad_groups_are_refused_and_nothing_is_written(
    store: Store, plans: PlanActions, draft: GroupDraft, message: str
) -> None:
    before = counts(store)
    with pytest.raises(ActionError, match=message):
        plans.accept_groups(
            section_id=HOMEROOM, content_area_id="math", week=WEEK, groups=[draft], now=NOW
        )
    with pytest.raises(ActionError, match="two groups"):
        plans.accept_groups(
            section_id=HOMEROOM,
            content_area_id="math",
            week=WEEK,
            groups=[GroupDraft("A", (seat(0),)), GroupDraft("B", (seat(0),))],
        )
    assert counts(store) == before


def test_tutoring_sessions_are_checked_and_voided_not_deleted(
    store: Store, plans: PlanActions
) -> None:
    tutor = plans.save_tutor(section_id=HOMEROOM, name="  Ms.  Ade ", role="volunteer")
    group = plans.save_tutoring_group(
        section_id=HOMEROOM,
        content_area_id="reading",
        name="Boost",
        tutor_id=tutor,
        schedule=Schedule.of([0, 2], "9:30"),
        plan=Plan(3, 30),
        members=[seat(1), seat(2)],
    )
    db = store.connection
    assert db.execute("SELECT name, active FROM tutor").fetchone() == ("Ms. Ade", 1)
    assert db.execute("SELECT schedule, plan, members FROM tutoring_group").fetchone() == (
        "0,2@09:30",
        "3x30",
        json.dumps(sorted([seat(1), seat(2)])),
    )
    before = counts(store)
    for bad, message in (
        ({"minutes": -5}, "greater than or equal to 1"),
        ({"attendees": [seat(4, "math-7")]}, "not in this class"),
        ({"attendees": []}, "at least 1"),
        ({"note": "n" * 5000}, "at most 4000 characters"),
        ({"note": "n" * 3000}, "too long"),
    ):
        values = {"minutes": 20, "attendees": [seat(1)], **bad}
        with pytest.raises(ActionError, match=message):
            plans.log_session(group_id=group, held_on=WEEK, **values)  # type: ignore[arg-type]
    assert counts(store) == before
    session = plans.log_session(
        group_id=group, held_on=WEEK, minutes=25, attendees=[seat(1)], focus="  Main\nidea "
    )
    assert db.execute("SELECT focus, voided FROM tutoring_session").fetchone() == ("Main idea", 0)
    plans.void_session(session_id=session)
    assert db.execute("SELECT COUNT(*), MAX(voided) FROM tutoring_session").fetchone() == (1, 1)
    with pytest.raises(ActionError, match="another class"):
        plans.save_tutoring_group(section_id=demo_id("section", "math-7"), group_id=group, name="X")


def test_rotation_setup_and_progress_are_one_record_per_block(
    store: Store, plans: PlanActions
) -> None:
    for _ in range(2):
        plans.set_up_rotation(
            section_id=HOMEROOM,
            content_area_id="math",
            week=WEEK,
            stations=DEFAULT_STATIONS,
            round_minutes=15,
        )
    plans.set_rotation_progress(
        section_id=HOMEROOM,
        content_area_id="math",
        week=WEEK,
        progress=RotationProgress().start_round(0, NOW),
    )
    db = store.connection
    assert db.execute("SELECT COUNT(*), MAX(round_minutes) FROM rotation").fetchone() == (1, 15)
    with pytest.raises(ActionError, match="round_minutes"):
        plans.set_up_rotation(
            section_id=HOMEROOM,
            content_area_id="math",
            week=WEEK,
            stations=DEFAULT_STATIONS,
            round_minutes=0,
        )
