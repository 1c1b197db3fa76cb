"""A push batch with refused mutations in the middle, on SQLite and PostgreSQL.

The server applies a batch's mutations in runs sharing one savepoint, and on a refusal
rolls the run back and applies it again around the refused one. Whatever the database
does on a failed statement (PostgreSQL aborts the transaction up to the last
savepoint), the others in the batch must apply exactly once and the refused ones be
answered with their reason and leave nothing behind, a re-sent batch included.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from sqlalchemy import text

from classroom_desk.demo import demo_id
from classroom_desk.server.database import make_engine, read_transaction
from tests.sync.harness import ServerProcess
from tests.sync.hostile import RawDevice, now_millis, run_sql, stamp

IN_CLASS = demo_id("student", "homeroom-4/3")
OTHER_CLASS = demo_id("student", "math-7/0")  # Rivera's class, not Okafor's
#: A goal with this target is refused by the database itself, after its row is written.
REFUSED_TARGET = 77.0

_SQLITE_TRIGGER = (
    "CREATE TRIGGER refuse_goal BEFORE UPDATE OF target_seq ON goal"
    f" WHEN NEW.target = {REFUSED_TARGET} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
)
_POSTGRES_TRIGGER = (
    "CREATE FUNCTION refuse_goal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END $$;"
    " CREATE TRIGGER refuse_goal BEFORE UPDATE OF target_seq ON goal FOR EACH ROW"
    f" WHEN (NEW.target = {REFUSED_TARGET}) EXECUTE FUNCTION refuse_goal()"
)


def _note(device: RawDevice, note_id: str, body: str, *, student: str = IN_CLASS) -> dict[str, Any]:
    return device.mutation(
        "note.put", record_id=note_id, student_id=student, payload={"body": body, "tags": []}
    )


def _goal(device: RawDevice, goal_id: str, target: float) -> dict[str, Any]:
    return device.mutation(
        "goal.create",
        record_id=goal_id,
        student_id=IN_CLASS,
        payload={"content_area_id": "reading", "kind": "minutes", "target": target},
    )


def _server_state(database_url: str, notes: list[str], goals: list[str]) -> dict[str, Any]:
    """This batch's notes and goals as stored, how often each is in the sync log, and
    every number the sync log holds."""
    engine = make_engine(database_url)
    try:
        with read_transaction(engine) as connection:

            def rows(sql: str) -> list[Any]:
                return [tuple(row) for row in connection.execute(text(sql))]

            ours = set(notes) | set(goals)
            return {
                "notes": sorted(
                    row for row in rows("SELECT id, body FROM conference_note") if row[0] in ours
                ),
                "goals": sorted(
                    row for row in rows("SELECT id, target FROM goal") if row[0] in ours
                ),
                "published": Counter(
                    row[0] for row in rows("SELECT row_id FROM sync_row") if row[0] in ours
                ),
                "seqs": [row[0] for row in rows("SELECT server_seq FROM sync_row")],
            }
    finally:
        engine.dispose()


def test_refused_mutations_in_a_batch_leave_the_others_applied_once(
    fresh_server: ServerProcess,
) -> None:
    postgres = fresh_server.database_url.startswith("postgresql")
    run_sql(fresh_server.database_url, _POSTGRES_TRIGGER if postgres else _SQLITE_TRIGGER, {})
    device = RawDevice.sign_in(fresh_server, "okafor")
    notes = [str(uuid.uuid4()) for _ in range(4)]
    goals = [str(uuid.uuid4()) for _ in range(2)]
    batch = [
        _note(device, notes[0], "Read two chapters"),
        _goal(device, goals[0], 60.0),
        _note(device, notes[2], "Not one of Okafor's students", student=OTHER_CLASS),
        _note(device, notes[1], "Practised fractions"),
        _goal(device, goals[1], REFUSED_TARGET),  # written, then refused by the database
        _note(device, notes[0], "Read two chapters, then summarised them"),
        _note(device, notes[3], "Set a goal of three units"),
    ]
    batch[5]["stamp"] = stamp(now_millis() + 1000, device.device_id)
    device.seq += 1
    batch.append({**batch[3], "seq": device.seq})  # the same mutation again, in one batch

    results = device.push(batch)

    assert [(r["seq"], r["outcome"]) for r in results] == [
        (m["seq"], outcome)
        for m, outcome in zip(
            batch,
            ["applied", "applied", "rejected", "applied", "rejected", "applied", "applied",
             "duplicate"],
            strict=True,
        )
    ]  # fmt: skip
    assert results[2]["reason"] == "this student is not in your classes on the school server"
    assert results[4]["reason"].startswith("conflicts with the school's stored data")
    state = _server_state(fresh_server.database_url, notes, goals)
    assert state["notes"] == sorted(
        [
            (notes[0], "Read two chapters, then summarised them"),
            (notes[1], "Practised fractions"),
            (notes[3], "Set a goal of three units"),
        ]
    )
    assert state["goals"] == [(goals[0], 60.0)]
    assert state["published"] == {notes[0]: 1, notes[1]: 1, notes[3]: 1, goals[0]: 1}
    assert len(set(state["seqs"])) == len(state["seqs"])

    # Sent again (its answer lost): the same outcomes and reasons, nothing written twice.
    again = device.push(batch)
    assert [r["outcome"] for r in again] == [
        "duplicate", "duplicate", "rejected", "duplicate", "rejected", "duplicate", "duplicate",
        "duplicate",
    ]  # fmt: skip
    assert [r["reason"] for r in again if r["outcome"] == "rejected"] == [
        results[2]["reason"],
        results[4]["reason"],
    ]
    assert _server_state(fresh_server.database_url, notes, goals) == state


def test_a_batch_refused_at_its_first_and_last_mutation_applies_the_middle(
    fresh_server: ServerProcess,
) -> None:
    device = RawDevice.sign_in(fresh_server, "okafor")
    notes = [str(uuid.uuid4()) for _ in range(5)]
    batch = [
        _note(device, notes[0], "Outside the class", student=OTHER_CLASS),
        *(_note(device, note_id, f"Note {n}") for n, note_id in enumerate(notes[1:4])),
        _note(device, notes[4], "Outside the class too", student=OTHER_CLASS),
    ]
    results = device.push(batch)
    assert [r["outcome"] for r in results] == [
        "rejected", "applied", "applied", "applied", "rejected",
    ]  # fmt: skip
    state = _server_state(fresh_server.database_url, notes, [])
    assert [row[0] for row in state["notes"]] == sorted(notes[1:4])
    assert state["published"] == dict.fromkeys(notes[1:4], 1)
