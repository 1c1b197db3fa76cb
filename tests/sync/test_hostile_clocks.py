"""Clock stamps as an attacker or a careless laptop would send them, against a real server:
the largest stamp, stamps that only sort right as text, a laptop clock in 2099, and
records the laptop cannot store. None of them may stop anyone's sync, win a field, or
drag another laptop's clock; every refusal says why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from classroom_desk.demo import demo_id
from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.hlc import Stamp
from classroom_desk.server.database import Published, make_engine, read_transaction
from classroom_desk.server.records import published, read_rows
from classroom_desk.sync.replica import read_problems, read_status
from classroom_desk.sync.tables import TABLES
from classroom_desk.sync.values import ClockAheadError
from tests.sync.harness import Laptop, MemoryKeyring, ServerProcess, teacher_and_coteacher
from tests.sync.hostile import RawDevice, now_millis, publish_raw, run_sql, stamp

SCHOOL = demo_id("school", "demo")
STUDENT = demo_id("student", "homeroom-4/2")
MAX_STAMP_MILLIS = 10**15 - 1


def goal_of(laptop: Laptop, target: float = 40) -> str:
    return laptop.actions.set_goal(
        student_id=STUDENT, content_area_id="math", kind=GoalKind.MINUTES, target=target
    )


def set_target(device: RawDevice, goal: str, target: float, stamp_text: str) -> dict[str, object]:
    [result] = device.push(
        [
            device.mutation(
                "goal.set_target",
                record_id=goal,
                student_id=STUDENT,
                payload={"content_area_id": "math", "kind": "minutes", "target": target},
                stamp_text=stamp_text,
            )
        ]
    )
    return result


def clock_is_sane(laptop: Laptop) -> bool:
    """The laptop's clock is not far ahead of the real one (a day is generous)."""
    text = laptop.one("SELECT clock FROM device")
    assert isinstance(text, str)
    return Stamp.decode(text).millis < now_millis() + 86_400_000


def test_the_largest_stamp_is_refused_and_one_already_stored_stops_no_sync(
    fresh_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with teacher_and_coteacher(tmp_path, fresh_server.url) as (teacher, coteacher):
        goal = goal_of(teacher)
        teacher.sync()
        coteacher.sync()
        borrowed = RawDevice.sign_in(fresh_server, "okafor")
        result = set_target(
            borrowed, goal, 90, stamp(MAX_STAMP_MILLIS, borrowed.device_id, 999_999)
        )
        assert result["outcome"] == "deferred"
        assert "ahead of the school server's clock" in str(result["reason"])
        # A server that stored one before stamps were checked (a hand-edited database).
        run_sql(
            fresh_server.database_url,
            "UPDATE goal SET target = 90, target_stamp = :s WHERE id = :id",
            {"s": stamp(MAX_STAMP_MILLIS, "x", 999_999), "id": goal},
        )
        engine = make_engine(fresh_server.database_url)
        with read_transaction(engine) as connection:
            [row] = read_rows(connection, TABLES["goal"], [goal])
        engine.dispose()
        publish_raw(fresh_server.database_url, SCHOOL, [published(TABLES["goal"], row)])
        for laptop in (teacher, coteacher):
            laptop.sync()  # raised "clock millis out of range" on every sync before
            assert clock_is_sane(laptop)
            assert read_status(laptop.store).last_error is None
        # The stored stamp cannot win: the teacher's next edit does, everywhere.
        teacher.actions.set_goal(
            student_id=STUDENT, content_area_id="math", kind=GoalKind.MINUTES, target=50,
            goal_id=goal,
        )  # fmt: skip
        for laptop in (teacher, coteacher):
            laptop.sync()
        assert coteacher.one("SELECT target FROM goal WHERE id = ?", goal) == 50


@pytest.mark.parametrize(
    "text_stamp",
    [
        "1-0-{device}",
        " 5-0-{device}",
        "5_0-0-{device}",
        "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662\u0663\u0664\u0665-000000-{device}",
        "{millis:015d}-0-{device}",
        "{millis:015d}-000000-",
        "{millis:015d}-000000-someone-else",
        "+{millis:014d}-000000-{device}",
    ],
)
def test_stamps_that_only_sort_as_text_are_refused_with_a_reason(
    sqlite_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring, text_stamp: str
) -> None:
    with teacher_and_coteacher(tmp_path, sqlite_server.url) as (teacher, coteacher):
        goal = goal_of(teacher, 40)
        teacher.sync()
        device = RawDevice.sign_in(sqlite_server, "okafor")
        hostile = text_stamp.format(device=device.device_id, millis=now_millis())
        result = set_target(device, goal, 75, hostile)
        assert result["outcome"] == "rejected"
        assert "stamp" in str(result["reason"])
        coteacher.sync()
        assert coteacher.one("SELECT target FROM goal WHERE id = ?", goal) == 40
        # A well-formed later edit still wins: nothing was left behind that beats it.
        assert (
            set_target(device, goal, 60, stamp(now_millis(), device.device_id))["outcome"]
            == "applied"
        )
        teacher.sync()
        assert teacher.one("SELECT target FROM goal WHERE id = ?", goal) == 60


def test_a_laptop_clock_in_2099_is_explained_and_its_changes_go_once_it_is_right(
    server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with teacher_and_coteacher(tmp_path, server.url) as (teacher, coteacher):
        shared = goal_of(coteacher, 30)
        coteacher.sync()
        teacher.sync()
        in_2099 = datetime(2099, 3, 1, 9, 0)
        goal = teacher.actions.set_goal(
            student_id=STUDENT, content_area_id="math", kind=GoalKind.AVERAGE_SCORE,
            target=85, now=in_2099,
        )  # fmt: skip
        teacher.actions.set_goal(
            student_id=STUDENT, content_area_id="math", kind=GoalKind.MINUTES, target=99,
            goal_id=shared, now=in_2099,
        )  # fmt: skip
        with pytest.raises(ClockAheadError) as raised:
            teacher.sync(wall_clock=lambda: in_2099.replace(tzinfo=UTC))
        message = str(raised.value)
        assert message.startswith("This laptop's clock is 7") and "years ahead" in message
        assert "fix the date and time, then sync" in message
        assert read_status(teacher.store).last_error == message
        assert teacher.outbox_states().get("pending") == 2
        # Nothing of it reached the server; the co-teacher's clock stays in this year.
        coteacher.sync()
        assert coteacher.one("SELECT COUNT(*) FROM goal WHERE id = ?", goal) == 0
        assert coteacher.one("SELECT target FROM goal WHERE id = ?", shared) == 30
        assert clock_is_sane(coteacher)
        # The co-teacher edits the shared goal now; the 2099 edit must not beat it later.
        coteacher.actions.set_goal(
            student_id=STUDENT, content_area_id="math", kind=GoalKind.MINUTES, target=45,
            goal_id=shared,
        )  # fmt: skip
        coteacher.sync()
        # The clock is set right: the waiting changes are stamped again and sent.
        report = teacher.sync()
        assert report.pushed == 2 and report.deferred == 0
        assert clock_is_sane(teacher)
        coteacher.sync()
        assert coteacher.one("SELECT target FROM goal WHERE id = ?", goal) == 85
        for laptop in (teacher, coteacher):
            stamps = laptop.store.connection.execute(
                "SELECT target_stamp, status_stamp FROM goal WHERE id IN (?, ?)", (goal, shared)
            ).fetchall()
            assert all(
                Stamp.decode(s).millis < now_millis() + 60_000 for row in stamps for s in row
            )


def test_a_server_clock_stamp_a_few_minutes_ahead_is_still_applied(
    sqlite_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with teacher_and_coteacher(tmp_path, sqlite_server.url) as (teacher, _coteacher):
        goal = goal_of(teacher)
        teacher.sync()
        device = RawDevice.sign_in(sqlite_server, "okafor")
        soon = now_millis() + int(timedelta(minutes=3).total_seconds() * 1000)
        assert set_target(device, goal, 55, stamp(soon, device.device_id))["outcome"] == "applied"


def test_records_the_laptop_cannot_store_are_set_aside_and_the_cursor_moves_on(
    fresh_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with teacher_and_coteacher(tmp_path, fresh_server.url) as (teacher, _coteacher):
        goal = goal_of(teacher)
        teacher.sync()
        broken_goal = {
            "id": goal, "student_id": STUDENT, "content_area_id": "math", "kind": "minutes",
            "target": 41, "target_stamp": "1-0-x", "status": "active",
            "status_stamp": stamp(now_millis(), "x"), "device_id": "x",
            "created_at": "2026-11-19 10:00:00.000000",
        }  # fmt: skip
        publish_raw(
            fresh_server.database_url,
            SCHOOL,
            [
                Published("a_table_from_the_future", "f1", {"id": "f1"}, student_id=STUDENT),
                Published("goal", goal, broken_goal, student_id=STUDENT),
                Published(
                    "conference_note", "n-without-body",
                    {"id": "n-without-body", "student_id": STUDENT, "body": None, "tags": "",
                     "updated_at": "2026-11-19 10:00:00", "device_id": "x",
                     "created_at": "2026-11-19 10:00:00"},
                    student_id=STUDENT,
                ),
                Published(
                    "student", STUDENT, {"id": STUDENT, "given_name": "X", "shoe_size": 9},
                    student_id=STUDENT,
                ),
            ],
        )  # fmt: skip
        report = teacher.sync()  # raised ProtocolError (or IntegrityError) on every sync before
        assert report.set_aside == 4
        problems = read_problems(teacher.store)
        assert sorted(p.record_id for p in problems) == sorted(
            ["f1", goal, "n-without-body", STUDENT]
        )
        assert all(p.source == "set aside" and p.reason for p in problems)
        assert read_status(teacher.store).set_aside == 4
        # The cursor moved past them; the goal and the student stay as they were.
        assert teacher.sync().pulled == 0
        assert teacher.one("SELECT target FROM goal WHERE id = ?", goal) == 40
        assert teacher.one("SELECT given_name FROM student WHERE id = ?", STUDENT) != "X"
        # A good version of a record set aside takes it off the list.
        teacher.actions.set_goal(
            student_id=STUDENT, content_area_id="math", kind=GoalKind.MINUTES, target=42,
            goal_id=goal,
        )  # fmt: skip
        teacher.sync()
        teacher.sync()
        assert goal not in {p.record_id for p in read_problems(teacher.store)}
        assert teacher.one("SELECT target FROM goal WHERE id = ?", goal) == 42
