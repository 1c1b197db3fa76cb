"""Sync under faults: connections cut at random bytes, delayed and replayed by a proxy;
the server killed and restarted mid-sync; the client killed between the server's commit
and its reply; and a randomized run of many schedules with three laptops."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from classroom_desk.demo import demo_id
from classroom_desk.domain.goals import GoalKind
from classroom_desk.domain.tutoring import Plan, Schedule
from classroom_desk.server.database import make_engine, read_transaction
from classroom_desk.store.plan_actions import GroupDraft, PlanActions
from classroom_desk.store.teacher_actions import ActionError
from classroom_desk.sync.tables import TEACHER_TABLES
from classroom_desk.sync.values import SyncError
from tests.sync.harness import (
    FAST_RETRY,
    PATIENT_RETRY,
    FaultProxy,
    Laptop,
    MemoryKeyring,
    ServerProcess,
    new_laptop,
    server_checksums,
    sqlite_url,
    template_store,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A server this test may kill and restart."""
    process = ServerProcess(sqlite_url(tmp_path), tmp_path)
    process.start()
    yield process
    process.stop()


def teacher_sums(laptop: Laptop, url: str) -> tuple[dict[str, object], dict[str, object]]:
    mine = {k: v for k, v in laptop.checksums().items() if k in TEACHER_TABLES}
    theirs = {k: v for k, v in server_checksums(url, laptop.user).items() if k in TEACHER_TABLES}
    return mine, theirs


def test_cut_delayed_and_replayed_connections_lose_and_duplicate_nothing(
    own_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    proxy = FaultProxy(own_server.port, seed=7)
    template = template_store(tmp_path)
    teacher = new_laptop(tmp_path, "t", proxy.url, "rivera", template)
    coteacher = new_laptop(tmp_path, "c", proxy.url, "okafor", template)
    for laptop in (teacher, coteacher):
        laptop.sign_in(url=own_server.url)
        laptop.sync()
    students = [row[0] for row in coteacher.store.connection.execute("SELECT id FROM student")]
    made = []
    proxy.fault_rate = 0.6
    for round_ in range(8):
        for laptop in (teacher, coteacher):
            made.append(
                laptop.actions.save_note(
                    student_id=students[round_], body=f"{laptop.user} {round_}"
                )
            )
            with contextlib.suppress(SyncError):
                laptop.sync(page_size=50, batch_size=1)
    proxy.fault_rate = 0.0
    for laptop in (teacher, coteacher, teacher, coteacher):
        laptop.sync()
    assert sum(proxy.counts.get(kind, 0) for kind in ("cut_up", "cut_down", "replay")) > 0
    for laptop in (teacher, coteacher):
        mine, theirs = teacher_sums(laptop, own_server.database_url)
        assert mine == theirs
        assert set(laptop.outbox_states()) == {"acknowledged"}
    engine = make_engine(own_server.database_url)
    with read_transaction(engine) as connection:
        stored = [row[0] for row in connection.execute(text("SELECT id FROM conference_note"))]
    engine.dispose()
    assert sorted(stored) == sorted(made)
    proxy.close()


def test_server_restarted_mid_sync(
    own_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    proxy = FaultProxy(own_server.port)
    laptop = new_laptop(tmp_path, "t", proxy.url, "rivera", template_store(tmp_path))
    laptop.sign_in(url=own_server.url)
    responses = 0
    restarter = threading.Thread(target=own_server.restart, daemon=True)

    def restart_on_third_page(request: bytes) -> bool:
        nonlocal responses
        if request.startswith(b"POST /sync/pull"):
            responses += 1
        if responses == 3 and not restarter.is_alive() and own_server.starts == 1:
            own_server.kill()  # mid-pull: two pages stored, the third never answered
            restarter.start()
            return True
        return False

    proxy.on_request = restart_on_third_page
    report = laptop.sync(page_size=500, retry=PATIENT_RETRY)
    restarter.join(timeout=120)
    assert own_server.starts == 2
    assert report.pulled > 0
    assert laptop.checksums() == server_checksums(own_server.database_url, "rivera")
    proxy.close()


def test_client_killed_between_the_servers_commit_and_its_reply(
    own_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    laptop = new_laptop(tmp_path, "t", own_server.url, "rivera", template_store(tmp_path))
    laptop.sign_in()
    laptop.sync()
    student = laptop.one("SELECT id FROM student LIMIT 1")
    note = laptop.actions.save_note(student_id=str(student), body="said right before the crash")
    laptop.store.close()
    proxy = FaultProxy(own_server.port)
    child: subprocess.Popen[str] | None = None
    killed = threading.Event()

    def kill_on_push_reply(request: bytes) -> bool:
        if request.startswith(b"POST /sync/push") and child is not None:
            child.kill()  # the server has committed: its reply is on the wire
            killed.set()
            return True
        return False

    proxy.on_response_start = kill_on_push_reply
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.sync.sync_once", str(laptop.path), proxy.url, laptop.token],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}"},
    )
    child.wait(timeout=120)
    assert killed.is_set(), child.stderr.read() if child.stderr else ""
    proxy.close()
    again = Laptop(laptop.path, own_server.url, "rivera")
    again.token = laptop.token
    assert again.one("SELECT state FROM outbox WHERE record_id = ?", note) == "pending"
    again.sync()
    again.sync()
    assert again.one("SELECT state FROM outbox WHERE record_id = ?", note) == "acknowledged"
    engine = make_engine(own_server.database_url)
    with read_transaction(engine) as connection:
        count = connection.execute(
            text("SELECT COUNT(*) FROM conference_note WHERE body = 'said right before the crash'")
        ).scalar()
        applied = connection.execute(text("SELECT COUNT(*) FROM applied_mutation")).scalar()
    engine.dispose()
    assert (count, applied) == (1, 1)
    mine, theirs = teacher_sums(again, own_server.database_url)
    assert mine == theirs
    again.close()


# -- the randomized run -------------------------------------------------------------


@dataclass
class Expected:
    notes: dict[str, str] = field(default_factory=dict)
    note_versions: set[str] = field(default_factory=set)
    goals: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    goal_status: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    celebrations: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    batches: dict[str, list[str]] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)
    sessions: set[str] = field(default_factory=set)
    tutoring_groups: set[str] = field(default_factory=set)


HOMEROOM = demo_id("section", "homeroom-4")


def random_plan_edit(rng: random.Random, laptop: Laptop, expected: Expected) -> None:
    """Groups, placements and tutoring sessions of the homeroom (both teachers' class)."""
    db = laptop.store.connection
    plans = PlanActions(laptop.store, laptop.actions._device)
    students = [
        r[0] for r in db.execute(
            "SELECT student_id FROM enrollment WHERE section_id = ? ORDER BY 1", (HOMEROOM,)
        )
    ]  # fmt: skip
    week = date(2026, 11, 30) + timedelta(weeks=rng.randrange(2))
    action = rng.choice(["groups", "move", "move", "session", "void"])
    if action == "groups":
        chosen = rng.sample(students, 6)
        made = plans.accept_groups(
            section_id=HOMEROOM, content_area_id=rng.choice(["math", "reading"]), week=week,
            groups=[GroupDraft("A", tuple(chosen[:3])), GroupDraft("B", tuple(chosen[3:]))],
        )  # fmt: skip
        expected.groups.update(made)
    elif action == "move":
        group = db.execute(
            "SELECT id FROM student_group WHERE status = 'active' ORDER BY random() LIMIT 1"
        ).fetchone()
        if group:
            plans.move_student(student_id=rng.choice(students), group_id=group[0])
    elif action == "session":
        group = db.execute("SELECT id FROM tutoring_group ORDER BY random() LIMIT 1").fetchone()
        if group is None:
            tutor = plans.save_tutor(section_id=HOMEROOM, name="Tutor", role="volunteer")
            group_id = plans.save_tutoring_group(
                section_id=HOMEROOM, name="Boost", tutor_id=tutor,
                schedule=Schedule.of([1], "9:00"), plan=Plan(), members=students[:3],
            )  # fmt: skip
            expected.tutoring_groups.add(group_id)
        else:
            group_id = group[0]
        expected.sessions.add(
            plans.log_session(
                group_id=group_id, held_on=week, minutes=rng.randrange(10, 40),
                attendees=rng.sample(students, rng.randrange(1, 4)),
            )
        )  # fmt: skip
    else:
        session = db.execute("SELECT id FROM tutoring_session ORDER BY random() LIMIT 1").fetchone()
        if session:
            plans.void_session(session_id=session[0], voided=rng.random() < 0.7)


def random_edit(rng: random.Random, laptop: Laptop, expected: Expected) -> None:
    db = laptop.store.connection
    students = [r[0] for r in db.execute("SELECT student_id FROM enrollment ORDER BY 1")]
    student = rng.choice(students)
    action = rng.choice(
        ["note", "note", "type_on", "revise", "goal", "retarget", "retarget", "drop", "celebrate",
         "reassign", "undo", "plan", "plan"]
    )  # fmt: skip
    actions = laptop.actions
    try:
        if action == "plan":
            random_plan_edit(rng, laptop, expected)
        elif action == "note":
            body = f"note {uuid.uuid4().hex[:8]}"
            note = actions.save_note(student_id=student, body=body)
            assert note is not None
            expected.notes[note] = body
        elif action == "type_on":
            mine = db.execute(
                "SELECT id, student_id FROM conference_note WHERE device_id = ?"
                " AND supersedes_id IS NULL ORDER BY created_at DESC LIMIT 1",
                (laptop.device_id,),
            ).fetchone()
            if mine:
                body = f"typed on {uuid.uuid4().hex[:8]}"
                actions.save_note(student_id=mine[1], body=body, note_id=mine[0])
                expected.notes[mine[0]] = body
        elif action == "revise":
            some = db.execute("SELECT id FROM conference_note ORDER BY random() LIMIT 1").fetchone()
            if some:
                version = actions.revise_note(note_id=some[0], body=f"rev {uuid.uuid4().hex[:6]}")
                assert version is not None
                expected.note_versions.add(version)
        elif action == "goal":
            goal = actions.set_goal(
                student_id=student, content_area_id="math", kind=GoalKind.MINUTES,
                target=rng.randrange(30, 120),
            )  # fmt: skip
            row = db.execute("SELECT target_stamp, target FROM goal WHERE id = ?", (goal,))
            stamp, target = row.fetchone()
            expected.goals[goal] = [(stamp, target)]
            expected.goal_status[goal] = [(stamp, "active")]
        elif action == "retarget":
            some = db.execute(
                "SELECT id, student_id FROM goal WHERE kind = 'minutes' ORDER BY random() LIMIT 1"
            ).fetchone()
            if some:
                actions.set_goal(
                    student_id=some[1], content_area_id="math", kind=GoalKind.MINUTES,
                    target=rng.randrange(30, 120), goal_id=some[0],
                )  # fmt: skip
                stamp, target = db.execute(
                    "SELECT target_stamp, target FROM goal WHERE id = ?", (some[0],)
                ).fetchone()
                expected.goals.setdefault(some[0], []).append((stamp, target))
        elif action == "drop":
            some = db.execute("SELECT id FROM goal ORDER BY random() LIMIT 1").fetchone()
            if some:
                actions.drop_goal(goal_id=some[0])
                stamp = db.execute("SELECT status_stamp FROM goal WHERE id = ?", some).fetchone()
                expected.goal_status.setdefault(some[0], []).append((stamp[0], "dropped"))
        elif action == "celebrate":
            goal = db.execute(
                "SELECT id FROM goal WHERE student_id = ? LIMIT 1", (student,)
            ).fetchone()
            expected.celebrations.add(
                actions.celebrate(student_id=student, goal_id=goal[0] if goal else None, week=None)
            )
        elif action == "reassign":
            pair = db.execute(
                "SELECT p.student_id, p.unit_id FROM unit_progress p JOIN enrollment e"
                " ON e.student_id = p.student_id WHERE p.latest_score < 80"
                " ORDER BY random() LIMIT 1"
            ).fetchone()
            if pair:
                batch = actions.reassign(units=[tuple(pair)], mastery_score=80)
                events = db.execute(
                    "SELECT id FROM reassignment_event WHERE batch_id = ?", (batch,)
                )
                ids = [r[0] for r in events]
                expected.events.update(ids)
                expected.batches[batch] = ids
        elif action == "undo":
            mine = [b for b in expected.batches if db.execute(
                "SELECT 1 FROM reassignment_event WHERE batch_id = ? AND device_id = ?",
                (b, laptop.device_id),
            ).fetchone()]  # fmt: skip
            if mine:
                before = {r[0] for r in db.execute("SELECT id FROM reassignment_event")}
                actions.undo_reassignment(batch_id=rng.choice(mine))
                after = {r[0] for r in db.execute("SELECT id FROM reassignment_event")}
                expected.events.update(after - before)
    except ActionError:
        pass  # the store refused it (nothing written, nothing to sync)


def check_converged(laptops: list[Laptop], server: ServerProcess, expected: Expected) -> None:
    for laptop in laptops:
        assert set(laptop.outbox_states()) <= {"acknowledged"}, laptop.outbox_states()
        assert laptop.one("SELECT COUNT(*) FROM sync_parked") == 0
        assert laptop.one("SELECT COUNT(*) FROM sync_deferred") == 0
        mine, theirs = teacher_sums(laptop, server.database_url)
        assert mine == theirs, laptop.user
    engine = make_engine(server.database_url)
    with read_transaction(engine) as connection:

        def ids(table: str) -> list[str]:
            return [r[0] for r in connection.execute(text(f"SELECT id FROM {table}"))]

        notes = dict(connection.execute(text("SELECT id, body FROM conference_note")).fetchall())
        goals = {r[0]: (r[1], r[2]) for r in connection.execute(
            text("SELECT id, target, status FROM goal")
        )}  # fmt: skip
        celebrations, events = ids("celebration"), ids("reassignment_event")
        groups, sessions = ids("student_group"), ids("tutoring_session")
        tutoring_groups = ids("tutoring_group")
    engine.dispose()
    # Nothing lost, nothing duplicated: exactly the records the laptops made.
    assert sorted(notes) == sorted(set(expected.notes) | expected.note_versions)
    for note, body in expected.notes.items():
        assert notes[note] == body
    assert sorted(celebrations) == sorted(expected.celebrations)
    assert sorted(events) == sorted(expected.events)
    assert sorted(goals) == sorted(expected.goals)
    assert sorted(groups) == sorted(expected.groups)
    assert sorted(sessions) == sorted(expected.sessions)
    assert sorted(tutoring_groups) == sorted(expected.tutoring_groups)
    for goal, edits in expected.goals.items():
        assert goals[goal][0] == max(edits)[1], "last writer (by stamp) wins"
        assert goals[goal][1] == max(expected.goal_status[goal])[1]


SCHEDULES = int(os.environ.get("SYNC_SCHEDULES", "200"))


@pytest.mark.slow
def test_randomized_schedules_converge(
    own_server: ServerProcess, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    rng = random.Random(20261123)
    proxy = FaultProxy(own_server.port, seed=1)
    template = template_store(tmp_path)
    laptops = [
        new_laptop(tmp_path, "teacher-a", proxy.url, "rivera", template),
        new_laptop(tmp_path, "teacher-b", proxy.url, "rivera", template),
        new_laptop(tmp_path, "coteacher", proxy.url, "okafor", template),
    ]
    for laptop in laptops:
        laptop.sign_in(url=own_server.url)
        laptop.sync()
    expected = Expected()
    failed_syncs = restarts = 0
    for schedule in range(SCHEDULES):
        active = laptops if rng.random() < 0.5 else rng.sample(laptops, 2)
        for laptop in active:
            for _ in range(rng.randrange(1, 5)):
                random_edit(rng, laptop, expected)
        proxy.fault_rate = rng.uniform(0.2, 0.7)
        restart = schedule % 25 == 24
        errors: list[BaseException] = []

        def faulty_sync(
            laptop: Laptop, options: dict[str, object], errors: list[BaseException] = errors
        ) -> None:
            try:
                laptop.sync(**options)
            except SyncError as error:
                errors.append(error)

        threads = [
            threading.Thread(
                target=faulty_sync,
                args=(
                    laptop,
                    {
                        "retry": PATIENT_RETRY if restart else FAST_RETRY,
                        "page_size": rng.choice([5, 50, 2000]),
                        "batch_size": rng.choice([1, 3, 500]),
                    },
                ),
            )
            for laptop in active
        ]
        for thread in threads:
            thread.start()
        if restart:
            own_server.restart()
            restarts += 1
        for thread in threads:
            thread.join(timeout=300)
        failed_syncs += len(errors)
        proxy.fault_rate = 0.0
        for _round in range(2):
            for laptop in laptops:
                laptop.sync(retry=PATIENT_RETRY)
        check_converged(laptops, own_server, expected)
    for laptop in laptops:
        assert laptop.checksums() == server_checksums(own_server.database_url, laptop.user)
    print(
        f"\nrandomized sync: {SCHEDULES} schedules, 3 laptops, proxy faults {proxy.counts},"
        f" {restarts} server restarts, {failed_syncs} syncs failed during faults;"
        f" notes {len(expected.notes) + len(expected.note_versions)},"
        f" goals {len(expected.goals)}, events {len(expected.events)},"
        f" celebrations {len(expected.celebrations)}, groups {len(expected.groups)},"
        f" tutoring sessions {len(expected.sessions)}: 0 lost, 0 duplicated"
    )
    proxy.close()
    for laptop in laptops:
        laptop.close()
    shutil.rmtree(tmp_path, ignore_errors=True)
