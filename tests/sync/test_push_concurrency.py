"""Pushes of one school side by side on PostgreSQL: a teacher's push that is held up (here
by a row lock another session holds, as a slow transaction would) must not hold up the
pushes of other students' records, and pushes racing on the same record must still
decide each field by its last writer and lose nothing.

Before, every push took the school's sequence-counter lock first and held it to commit,
so one slow push stopped every laptop of the school (`BENCHMARKS.md`: the 100 syncs/s
ceiling of the load test)."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from classroom_desk.demo import demo_id
from classroom_desk.server.database import hold_pushes, make_engine, read_transaction
from tests.sync.harness import PostgresCluster, ServerProcess
from tests.sync.hostile import RawDevice, now_millis, stamp
from tests.sync.test_two_servers import Puller, pull_everything

STUDENTS = [demo_id("student", f"homeroom-4/{n}") for n in (1, 2)]
#: How long to wait for the server to reach a state before the test fails (never a
#: measure of speed: the states are observed in PostgreSQL, not timed).
PATIENCE_S = 60.0


@pytest.fixture
def pg_server(postgres: PostgresCluster, tmp_path: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(postgres.new_database(), tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def engine(pg_server: ServerProcess) -> Iterator[Engine]:
    engine = make_engine(pg_server.database_url)
    yield engine
    engine.dispose()


def note(device: RawDevice, record_id: str, student: str, body: str) -> dict[str, Any]:
    return device.mutation(
        "note.put", record_id=record_id, student_id=student, payload={"body": body, "tags": []}
    )


def waiting_pushes(engine: Engine) -> list[str]:
    """What the server's sessions blocked on a lock are waiting for."""
    with engine.connect() as connection:
        return [
            str(row[0])
            for row in connection.execute(
                text(
                    "SELECT wait_event FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    " AND application_name <> 'held-by-test' AND datname = current_database()"
                )
            )
        ]


def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


class Background:
    """A push on its own thread: its results, or what went wrong."""

    def __init__(self, device: RawDevice, mutations: list[dict[str, Any]]) -> None:
        self.results: list[dict[str, Any]] | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(device, mutations))
        self._thread.start()

    def _run(self, device: RawDevice, mutations: list[dict[str, Any]]) -> None:
        try:
            self.results = device.push(mutations)
        except BaseException as error:  # reported by the test, not lost in the thread
            self.error = error

    @property
    def finished(self) -> bool:
        return not self._thread.is_alive()

    def join(self) -> list[dict[str, Any]]:
        self._thread.join(PATIENCE_S)
        assert self.error is None, repr(self.error)
        assert self.results is not None
        return self.results


def test_a_push_held_up_on_one_student_does_not_hold_up_another_students(
    pg_server: ServerProcess, engine: Engine
) -> None:
    slow, other = (RawDevice.sign_in(pg_server, "rivera") for _ in range(2))
    held_note = str(uuid.uuid4())
    [first] = slow.push([note(slow, held_note, STUDENTS[0], "First words")])
    assert first["outcome"] == "applied"

    with engine.connect() as holder:  # another session holds the note's row
        holder.execute(text("SET application_name = 'held-by-test'"))
        holder.execute(
            text("SELECT id FROM conference_note WHERE id = :id FOR UPDATE"), {"id": held_note}
        )
        revision = Background(slow, [note(slow, held_note, STUDENTS[0], "Second words")])
        until(lambda: waiting_pushes(engine) == ["transactionid"], "the push to wait on the row")

        other_note = str(uuid.uuid4())
        beside = Background(other, [note(other, other_note, STUDENTS[1], "Meanwhile")])
        until(
            lambda: beside.finished or len(waiting_pushes(engine)) > 1,
            "the other push to finish or to wait",
        )
        assert beside.finished, (
            f"another student's push waited behind the held one: {waiting_pushes(engine)}"
        )
        assert [r["outcome"] for r in beside.join()] == ["applied"]
        assert not revision.finished
        holder.rollback()

    assert [r["outcome"] for r in revision.join()] == ["applied"]
    with read_transaction(engine) as connection:
        body = connection.execute(
            text("SELECT body FROM conference_note WHERE id = :id"), {"id": held_note}
        ).scalar()
        numbers = connection.execute(
            text(
                "SELECT table_name, row_id, server_seq FROM sync_row"
                " WHERE row_id IN (:a, :b) ORDER BY server_seq"
            ),
            {"a": held_note, "b": other_note},
        ).all()
        head = connection.execute(text("SELECT MAX(last_seq) FROM sync_counter")).scalar()
    assert body == "Second words"
    # Numbered in the order they committed: the note that waited comes last.
    assert [row[1] for row in numbers] == [other_note, held_note]
    assert numbers[-1][2] == head
    puller = Puller(RawDevice.sign_in(pg_server, "rivera"))
    pull_everything(puller, [pg_server])
    assert {("conference_note", held_note), ("conference_note", other_note)} <= puller.seen


def test_a_push_that_read_a_goal_before_another_committed_cannot_overwrite_a_later_stamp(
    pg_server: ServerProcess, engine: Engine
) -> None:
    """The later stamp's push is held at its last step (another session holds the
    school's counter row) with its value written and not committed; an earlier stamp's
    push for the same goal arrives meanwhile. Whatever reaches the row last, the field
    keeps the later stamp's value, and the earlier one is kept as a conflict."""
    owner, later, earlier = (RawDevice.sign_in(pg_server, "rivera") for _ in range(3))
    goal = str(uuid.uuid4())
    base = now_millis() - 60_000
    [created] = owner.push([set_target(owner, goal, 30, base, kind="goal.create")])
    assert created["outcome"] == "applied"

    with engine.connect() as holder:
        holder.execute(text("SET application_name = 'held-by-test'"))
        holder.execute(text("SELECT last_seq FROM sync_counter FOR UPDATE"))
        winner = Background(later, [set_target(later, goal, 50, base + 20_000)])
        until(lambda: len(waiting_pushes(engine)) == 1, "the later push to wait")
        loser = Background(earlier, [set_target(earlier, goal, 40, base + 10_000)])
        until(lambda: len(waiting_pushes(engine)) == 2, "the earlier push to wait")
        holder.rollback()
    assert [r["outcome"] for r in winner.join()] == ["applied"]
    assert [r["outcome"] for r in loser.join()] == ["applied"]

    with read_transaction(engine) as connection:
        stored = connection.execute(
            text("SELECT target, target_stamp, target_seq FROM goal WHERE id = :id"),
            {"id": goal},
        ).one()
        kept = (
            connection.execute(
                text("SELECT value FROM goal_conflict WHERE goal_id = :id"), {"id": goal}
            )
            .scalars()
            .all()
        )
        counts = connection.execute(
            text("SELECT COUNT(*), COUNT(DISTINCT server_seq), MAX(server_seq) FROM sync_row")
        ).one()
        head = connection.execute(text("SELECT MAX(last_seq) FROM sync_counter")).scalar()
    assert (stored[0], stored[1]) == (50, stamp(base + 20_000, later.device_id))
    assert 0 < stored[2] <= head, "the goal's field number is not a final one"
    assert sorted(kept) == ["30.0", "40.0"]  # neither laptop had seen the other's value
    assert counts[0] == counts[1], "a sync-log number was handed out twice"
    assert counts[2] == head


def set_target(
    device: RawDevice, goal: str, target: float, millis: int, kind: str = "goal.set_target"
) -> dict[str, Any]:
    return device.mutation(
        kind,
        record_id=goal,
        student_id=STUDENTS[0],
        payload={"content_area_id": "math", "kind": "minutes", "target": target},
        stamp_text=stamp(millis, device.device_id),
    )


def test_a_server_side_writer_and_a_push_on_the_same_student_never_deadlock(
    pg_server: ServerProcess, engine: Engine
) -> None:
    """What an import or an admin command does: take its turn (``hold_pushes``), the
    school's counter, then a lock on a student's row. A push for that student arriving
    meanwhile waits at its start holding nothing, and goes through once the writer has
    committed. Without that turn the push would hold the student's row (its note refers
    to it) while waiting for the counter: a deadlock, one side aborted."""
    device = RawDevice.sign_in(pg_server, "rivera")
    with engine.connect() as writer:
        writer.execute(text("SET application_name = 'held-by-test'"))
        hold_pushes(writer)
        writer.execute(text("SELECT last_seq FROM sync_counter FOR UPDATE"))
        held = str(uuid.uuid4())
        pushing = Background(device, [note(device, held, STUDENTS[0], "During an import")])
        until(lambda: len(waiting_pushes(engine)) == 1, "the push to wait")
        writer.execute(
            text("SELECT id FROM student WHERE id = :id FOR UPDATE"), {"id": STUDENTS[0]}
        )
        writer.commit()
    assert [r["outcome"] for r in pushing.join()] == ["applied"]
