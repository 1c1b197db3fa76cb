"""Groups, rotations and tutoring through a real server (SQLite and PostgreSQL): the
teacher and her co-teacher edit offline, sync, and converge with nothing lost; the
same student moved on both laptops ends in one group, the other move kept; hostile
changes are refused with a reason."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from classroom_desk.demo import demo_id
from classroom_desk.domain.groups import GroupBasis, placement_id
from classroom_desk.domain.rotation import DEFAULT_STATIONS, RotationProgress
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.server.database import make_engine, read_transaction
from classroom_desk.store.plan_actions import GroupDraft, PlanActions
from tests.sync.harness import (
    Laptop,
    MemoryKeyring,
    ServerProcess,
    server_checksums,
    teacher_and_coteacher,
)

HOMEROOM = demo_id("section", "homeroom-4")
MATH_7 = demo_id("section", "math-7")
WEEK = date(2026, 11, 30)


def seat(n: int, section: str = "homeroom-4") -> str:
    return demo_id("student", f"{section}/{n}")


def plans(laptop: Laptop) -> PlanActions:
    return PlanActions(laptop.store, laptop.actions._device)


@pytest.fixture
def laptops(
    tmp_path: Path, fresh_server: ServerProcess, memory_keyring: MemoryKeyring
) -> Iterator[list[Laptop]]:
    """Two laptops on a server of their own (see test_learner_profiles_sync)."""
    with teacher_and_coteacher(tmp_path, fresh_server.url) as made:
        yield made


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def group_of(laptop: Laptop, student: str, area: str = "math") -> str | None:
    row = laptop.store.connection.execute(
        "SELECT g.name FROM group_member m JOIN student_group g ON g.id = m.group_id"
        " WHERE m.id = ? AND g.status = 'active'",
        (placement_id(HOMEROOM, area, WEEK.isoformat(), student),),
    ).fetchone()
    return None if row is None else str(row[0])


def converge(laptops: list[Laptop], fresh_server: ServerProcess) -> None:
    for laptop in (*laptops, *laptops):
        laptop.sync()
    for laptop in laptops:
        assert set(laptop.outbox_states()) <= {"acknowledged"}, laptop.outbox_states()
        assert laptop.checksums() == server_checksums(fresh_server.database_url, laptop.user)


def test_two_laptops_plan_groups_and_tutoring_offline_and_converge(
    laptops: list[Laptop], fresh_server: ServerProcess
) -> None:
    teacher, coteacher = laptops
    now = utcnow()
    mine, theirs = plans(teacher), plans(coteacher)
    # Offline, the teacher accepts math groups; the co-teacher sets up reading's board
    # and a tutoring group, and logs a session.
    _fractions, timing = mine.accept_groups(
        section_id=HOMEROOM,
        content_area_id="math",
        week=WEEK,
        groups=[
            GroupDraft("Equivalent fractions I", (seat(0), seat(1), seat(2)), GroupBasis.UNIT,
                       "Equivalent fractions I: 3 students under 80%"),
            GroupDraft("Time builders", (seat(3), seat(4), seat(5))),
        ],
        now=now,
    )  # fmt: skip
    tutor = theirs.save_tutor(section_id=HOMEROOM, name="Ms. Ade", role="paraprofessional")
    tutoring = theirs.save_tutoring_group(
        section_id=HOMEROOM,
        content_area_id="reading",
        name="Reading boost",
        tutor_id=tutor,
        schedule=Schedule.of([0, 2, 4], "10:30"),
        plan=Plan(3, 30),
        members=[seat(6), seat(7), seat(8)],
    )
    session = theirs.log_session(
        group_id=tutoring,
        held_on=WEEK,
        minutes=25,
        attendees=[seat(6), seat(8)],
        focus="Main idea",
        note="Seat 7 was absent",
    )
    theirs.set_up_rotation(
        section_id=HOMEROOM,
        content_area_id="reading",
        week=WEEK,
        stations=DEFAULT_STATIONS,
        round_minutes=12,
    )
    theirs.set_rotation_progress(
        section_id=HOMEROOM,
        content_area_id="reading",
        week=WEEK,
        progress=RotationProgress().start_round(0, now),
    )
    converge(laptops, fresh_server)
    for laptop in laptops:
        assert group_of(laptop, seat(0)) == "Equivalent fractions I"
        assert group_of(laptop, seat(4)) == "Time builders"
        assert laptop.one("SELECT minutes FROM tutoring_session WHERE id = ?", session) == 25
        assert json.loads(
            str(laptop.one("SELECT attendees FROM tutoring_session WHERE id = ?", session))
        ) == sorted([seat(6), seat(8)])
        assert laptop.one("SELECT name FROM tutor WHERE id = ?", tutor) == "Ms. Ade"
        assert laptop.one("SELECT round_minutes FROM rotation") == 12

    # Both move the same student offline, to different groups: one placement record,
    # so seat 2 ends in one place on every laptop (the later move: out of the groups);
    # the earlier move is kept as lost.
    now = utcnow()
    mine.move_student(student_id=seat(2), group_id=timing, now=now + timedelta(seconds=5))
    theirs.move_student(
        student_id=seat(2),
        group_id=None,
        block=(HOMEROOM, "math", WEEK),
        now=now + timedelta(seconds=9),
    )
    # And both rename the tutoring group: the later name wins, the other is kept.
    mine.save_tutoring_group(
        section_id=HOMEROOM, group_id=tutoring, name="Readers", now=now + timedelta(seconds=6)
    )
    theirs.save_tutoring_group(
        section_id=HOMEROOM,
        group_id=tutoring,
        name="Reading boost 2",
        now=now + timedelta(seconds=7),
    )
    mine.void_session(session_id=session, now=now + timedelta(seconds=8))
    converge(laptops, fresh_server)
    for laptop in laptops:
        assert group_of(laptop, seat(2)) is None
        assert group_of(laptop, seat(1)) == "Equivalent fractions I"
        assert laptop.one("SELECT name FROM tutoring_group WHERE id = ?", tutoring) == (
            "Reading boost 2"
        )
        assert laptop.one("SELECT voided FROM tutoring_session WHERE id = ?", session) == 1
        lost = dict(
            laptop.store.connection.execute(
                "SELECT field, value FROM plan_conflict ORDER BY field"
            ).fetchall()
        )
        assert lost == {"group_id": json.dumps(timing), "name": json.dumps("Readers")}


def test_hostile_changes_are_refused_with_reasons(
    laptops: list[Laptop], fresh_server: ServerProcess
) -> None:
    teacher, coteacher = laptops
    now = utcnow()

    def raw(laptop: Laptop, kind: str, record: str, scope: str, payload: dict[str, object]) -> None:
        stamp = f"{int(now.replace(tzinfo=UTC).timestamp() * 1000):015d}-000000-{laptop.device_id}"
        laptop.store.connection.execute(
            "INSERT INTO outbox (mutation_id, device_id, kind, record_id, student_id, payload,"
            " stamp, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), laptop.device_id, kind, record, scope, json.dumps(payload),
             stamp, now.isoformat(sep=" ")),
        )  # fmt: skip

    block = {"section_id": HOMEROOM, "content_area_id": "math", "week": WEEK.isoformat()}
    # The co-teacher teaches only the homeroom: a group of Rivera's Grade 7 Math class.
    raw(coteacher, "group.create", str(uuid.uuid4()), MATH_7,
        {**block, "section_id": MATH_7, "name": "Mine now"})  # fmt: skip
    # An over-long name.
    raw(teacher, "group.create", str(uuid.uuid4()), HOMEROOM, {**block, "name": "x" * 500})
    # A student from another class in a homeroom tutoring group.
    tutor = plans(teacher).save_tutor(section_id=HOMEROOM, name="Mr. Lee", role="volunteer")
    raw(teacher, "tutoring_group.put", str(uuid.uuid4()), HOMEROOM,
        {"section_id": HOMEROOM, "name": "Mixed", "tutor_id": tutor, "schedule_days": "1",
         "schedule_time": "09:00", "sessions_per_week": 3, "minutes_per_session": 30,
         "members": [seat(0), seat(0, "math-7")]})  # fmt: skip
    # A session with negative minutes.
    group = plans(teacher).save_tutoring_group(
        section_id=HOMEROOM, name="Fine", tutor_id=tutor, schedule=Schedule.of([1], "09:00"),
        plan=Plan(), members=[seat(1)],
    )  # fmt: skip
    raw(teacher, "tutoring.log", str(uuid.uuid4()), HOMEROOM,
        {"section_id": HOMEROOM, "group_id": group, "tutor_id": tutor, "held_on": "2026-12-01",
         "minutes": -20, "attendees": [seat(1)]})  # fmt: skip
    # A placement in the homeroom's block for a Grade 7 student.
    stray = seat(3, "math-7")
    raw(teacher, "group.place", placement_id(HOMEROOM, "math", WEEK.isoformat(), stray), stray,
        {**block, "group_id": None})  # fmt: skip
    for laptop in laptops:
        laptop.sync()
    refused = {
        kind: reason
        for laptop in laptops
        for kind, reason in laptop.store.connection.execute(
            "SELECT kind, error FROM outbox WHERE state = 'rejected'"
        )
    }
    assert refused == {
        "group.create": refused["group.create"],
        "tutoring_group.put": "a student in this change is not in the class on the school server",
        "tutoring.log": refused["tutoring.log"],
        "group.place": "a student in this change is not in the class on the school server",
    }
    assert "greater than or equal to 1" in refused["tutoring.log"]
    reasons = [
        r[0]
        for r in coteacher.store.connection.execute(
            "SELECT error FROM outbox WHERE state = 'rejected'"
        )
    ]
    assert reasons == ["this class is not one of yours on the school server"]
    long_name = teacher.one("SELECT error FROM outbox WHERE kind = 'group.create'")
    assert "characters" in str(long_name), long_name
    engine = make_engine(fresh_server.database_url)
    with read_transaction(engine) as connection:
        names = [r[0] for r in connection.execute(text("SELECT name FROM student_group"))]
        sessions = connection.execute(text("SELECT COUNT(*) FROM tutoring_session")).scalar()
    engine.dispose()
    assert "Mine now" not in names and "x" * 500 not in names
    assert sessions == 0 or sessions is not None
