"""Property: applying a push batch in runs (one savepoint for many mutations, rolled back
and replayed around a refused one) leaves the server exactly as applying each mutation
in a savepoint of its own did: the same answers and reasons, the same rows, the same
sync log with the same numbers, the same recorded outcomes.

In process on SQLite, two copies of one database; the reference forces every run to
"fail" at its first mutation, which makes the push apply each mutation alone.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from classroom_desk.demo import demo_id
from classroom_desk.server import admin, auth, sync_service
from classroom_desk.server.database import make_engine, migrate, write_transaction
from classroom_desk.sync.protocol import PushRequest
from tests.sync.hostile import CREATED_AT, now_millis, stamp

DEVICE = "property-device"
IN_CLASS = [demo_id("student", f"homeroom-4/{n}") for n in range(3)]
OTHER_CLASS = demo_id("student", "math-7/0")
REFUSED_TARGET = 77.0
_TRIGGER = (
    "CREATE TRIGGER refuse_goal BEFORE UPDATE OF target_seq ON goal"
    f" WHEN NEW.target = {REFUSED_TARGET} BEGIN SELECT RAISE(ABORT, 'refused'); END"
)
_TABLES = {
    "conference_note": "SELECT id, student_id, supersedes_id, body, device_id, stamp"
    " FROM conference_note ORDER BY id",
    "goal": "SELECT id, target, target_seq, status_seq FROM goal ORDER BY id",
    "sync_row": "SELECT server_seq, table_name, row_id, data FROM sync_row ORDER BY server_seq",
    "applied_mutation": "SELECT mutation_id, seq, outcome, reason FROM applied_mutation"
    " ORDER BY mutation_id",
    "sync_counter": "SELECT school_id, last_seq FROM sync_counter",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A migrated server database with the demo school and the refusing trigger."""
    path = tmp_path_factory.mktemp("push-runs") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with write_transaction(engine) as connection:
        admin.load_demo(connection)
        connection.execute(text(_TRIGGER))
    engine.dispose()
    with sqlite3.connect(path) as plain:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    yield path


#: One step of a batch: a new note, the same note saved again, a note for another
#: class's student, a goal, a goal the database refuses after writing it, or a repeat
#: of an earlier mutation of the batch.
_STEPS = st.lists(
    st.tuples(
        st.sampled_from(["note", "note_again", "outside", "goal", "refused_goal", "repeat"]),
        st.integers(min_value=0, max_value=50),
    ),
    min_size=1,
    max_size=25,
)


def _batch(steps: list[tuple[str, int]]) -> PushRequest:
    millis = now_millis()
    mutations: list[dict[str, Any]] = []
    notes: list[str] = []
    for seq, (kind, pick) in enumerate(steps, start=1):
        student = IN_CLASS[pick % len(IN_CLASS)]
        record = str(uuid.uuid4())
        base = {"seq": seq, "mutation_id": str(uuid.uuid4()), "created_at": CREATED_AT}
        stamp_text = stamp(millis, DEVICE, seq)
        if kind == "repeat" and mutations:
            mutations.append({**mutations[pick % len(mutations)], "seq": seq})
            continue
        if kind == "note_again" and notes:
            record, student = notes[pick % len(notes)].split("/")
        if kind in ("goal", "refused_goal"):
            target = REFUSED_TARGET if kind == "refused_goal" else 60.0
            payload: dict[str, Any] = {
                "content_area_id": "reading",
                "kind": "minutes",
                "target": target,
            }
            mutations.append(
                {**base, "kind": "goal.create", "record_id": record, "student_id": student,
                 "payload": payload, "stamp": stamp_text}
            )  # fmt: skip
            continue
        if kind == "outside":
            student = OTHER_CLASS
        notes.append(f"{record}/{student}")
        mutations.append(
            {**base, "kind": "note.put", "record_id": record, "student_id": student,
             "payload": {"body": f"Note {seq}", "tags": []}, "stamp": stamp_text}
        )  # fmt: skip
    return PushRequest.model_validate({"device_id": DEVICE, "mutations": mutations})


def _push(engine: Engine, request: PushRequest) -> list[tuple[Any, ...]]:
    with write_transaction(engine) as connection:
        account = auth.find_account(connection, "okafor")
        assert account is not None
        answer = sync_service.push(
            connection, auth.Caller(account=account, token_id="t", device_id=DEVICE), request
        )
    return [(r.seq, r.mutation_id, r.outcome, r.reason) for r in answer.results]


def _tables(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(text(sql))]
            for name, sql in _TABLES.items()
        }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=_STEPS)
def test_runs_leave_the_server_as_one_savepoint_per_mutation_did(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: list[tuple[str, int]]
) -> None:
    request = _batch(steps)
    folder = tmp_path / uuid.uuid4().hex
    folder.mkdir()
    outcomes: dict[str, list[tuple[Any, ...]]] = {}
    tables: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
    for name in ("runs", "alone"):
        path = folder / f"{name}.sqlite"
        shutil.copyfile(template, path)
        engine = make_engine(f"sqlite:///{path}")
        with monkeypatch.context() as patch:
            if name == "alone":
                # Every run "fails" at its first mutation: each is applied on its own.
                patch.setattr(sync_service._Batch, "_run", lambda _self, run: 0 if run else None)
            outcomes[name] = _push(engine, request)
            outcomes[name + " again"] = _push(engine, request)
        tables[name] = _tables(engine)
        engine.dispose()
    assert outcomes["runs"] == outcomes["alone"]
    assert outcomes["runs again"] == outcomes["alone again"]
    assert tables["runs"] == tables["alone"]
