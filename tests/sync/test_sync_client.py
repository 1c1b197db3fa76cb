"""The sync client against a real server process: convergence, conflict rules, cursor
and reset behaviour, held-back rows, and credentials kept only in the keyring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from classroom_desk.demo import demo_id
from classroom_desk.domain.goals import GoalKind
from classroom_desk.server.admin import enroll
from classroom_desk.server.database import make_engine, write_transaction
from classroom_desk.sync import credentials
from classroom_desk.sync.client import (
    OfflineError,
    SignInRequiredError,
    SyncClient,
    read_status,
    sign_in,
)
from tests.sync.harness import (
    Laptop,
    MemoryKeyring,
    ServerProcess,
    new_laptop,
    server_checksums,
    teacher_and_coteacher,
    template_store,
)

HOMEROOM = demo_id("section", "homeroom-4")
MATH7 = demo_id("section", "math-7")


def homeroom_student(seat: int = 0) -> str:
    return demo_id("student", f"homeroom-4/{seat}")


def math7_student(seat: int = 0) -> str:
    return demo_id("student", f"math-7/{seat}")


@pytest.fixture
def laptops(
    tmp_path: Path, sqlite_server: ServerProcess, memory_keyring: MemoryKeyring
) -> Iterator[list[Laptop]]:
    with teacher_and_coteacher(tmp_path, sqlite_server.url, synced=False) as made:
        yield made


def test_two_laptops_converge_with_the_server(
    laptops: list[Laptop], sqlite_server: ServerProcess
) -> None:
    teacher, coteacher = laptops
    student = homeroom_student(3)
    teacher.sync()
    coteacher.sync()
    note_id = teacher.actions.save_note(
        student_id=student, body="Read two chapters", tags=["celebrated"]
    )
    for laptop in (teacher, coteacher, teacher, coteacher):
        laptop.sync()
    assert (
        coteacher.one("SELECT body FROM conference_note WHERE id = ?", note_id)
        == "Read two chapters"
    )
    for laptop in laptops:
        assert laptop.checksums() == server_checksums(sqlite_server.database_url, laptop.user)
        assert set(laptop.outbox_states()) <= {"acknowledged"}
    # The co-teacher shares only the homeroom: nothing of grade 7 reached that laptop.
    assert coteacher.one("SELECT COUNT(*) FROM student WHERE id = ?", math7_student()) == 0
    assert teacher.one("SELECT COUNT(*) FROM student WHERE id = ?", math7_student()) == 1


def test_sync_with_nothing_to_do_moves_nothing_and_keeps_the_cursor(laptops: list[Laptop]) -> None:
    teacher = laptops[0]
    teacher.sync()
    teacher.sync()
    connection = teacher.store.connection
    connection.execute("CREATE TABLE cursor_writes (n INTEGER)")
    connection.execute(
        "CREATE TRIGGER count_cursor_writes AFTER UPDATE OF cursor, epoch ON sync_state"
        " BEGIN INSERT INTO cursor_writes VALUES (1); END"
    )
    report = teacher.sync()
    assert (report.pushed, report.pulled, report.requests) == (0, 0, 1)
    assert teacher.one("SELECT COUNT(*) FROM cursor_writes") == 0


def test_goal_edits_last_writer_wins_and_the_losing_value_is_kept(laptops: list[Laptop]) -> None:
    teacher, coteacher = laptops
    student = homeroom_student(5)
    teacher.sync()
    goal = teacher.actions.set_goal(
        student_id=student, content_area_id="math", kind=GoalKind.UNITS_MASTERED, target=2
    )
    teacher.sync()
    coteacher.sync()
    # Both edit offline; the co-teacher edits later, so wins by clock.
    teacher.actions.set_goal(
        student_id=student, content_area_id="math", kind=GoalKind.UNITS_MASTERED, target=3,
        goal_id=goal,
    )  # fmt: skip
    coteacher.actions.set_goal(
        student_id=student, content_area_id="math", kind=GoalKind.UNITS_MASTERED, target=4,
        goal_id=goal,
    )  # fmt: skip
    for laptop in (coteacher, teacher, coteacher, teacher):
        laptop.sync()
    for laptop in laptops:
        assert laptop.one("SELECT target FROM goal WHERE id = ?", goal) == 4
        assert (
            laptop.one(
                "SELECT value FROM goal_conflict WHERE goal_id = ? AND field = 'target'", goal
            )
            == "3.0"
        )


def test_a_laptop_clock_a_day_behind_still_wins_after_seeing_the_other_edit(
    laptops: list[Laptop],
) -> None:
    from datetime import UTC, datetime, timedelta

    teacher, coteacher = laptops
    student = homeroom_student(6)
    ahead = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=1)
    behind = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=1)
    teacher.sync()
    goal = teacher.actions.set_goal(
        student_id=student, content_area_id="reading", kind=GoalKind.MINUTES, target=60, now=ahead
    )
    teacher.sync()
    coteacher.sync()
    # The co-teacher's clock runs a day behind, but it has seen the teacher's edit:
    # its later edit must win (hybrid logical clock), not lose to a clock a day ahead.
    coteacher.actions.set_goal(
        student_id=student, content_area_id="reading", kind=GoalKind.MINUTES, target=90,
        goal_id=goal, now=behind,
    )  # fmt: skip
    for laptop in (coteacher, teacher):
        laptop.sync()
    assert teacher.one("SELECT target FROM goal WHERE id = ?", goal) == 90


def test_a_double_reassignment_is_flagged_once(laptops: list[Laptop]) -> None:
    teacher, coteacher = laptops
    teacher.sync()
    coteacher.sync()
    row = teacher.store.connection.execute(
        "SELECT p.student_id, p.unit_id FROM unit_progress p JOIN enrollment e"
        " ON e.student_id = p.student_id WHERE e.section_id = ? AND p.latest_score < 80"
        " AND NOT EXISTS (SELECT 1 FROM reassignment_event r WHERE r.student_id = p.student_id"
        " AND r.unit_id = p.unit_id) LIMIT 1",
        (HOMEROOM,),
    ).fetchone()
    pair = (row[0], row[1])
    teacher.actions.reassign(units=[pair], mastery_score=80)
    coteacher.actions.reassign(units=[pair], mastery_score=80)
    for laptop in (teacher, coteacher, teacher, coteacher):
        laptop.sync()
    for laptop in laptops:
        flags = laptop.store.connection.execute(
            "SELECT duplicate_of IS NOT NULL FROM reassignment_event WHERE student_id = ?"
            " AND unit_id = ? ORDER BY duplicate_of IS NOT NULL",
            pair,
        ).fetchall()
        assert flags == [(0,), (1,)]


def test_a_mutation_that_can_never_apply_is_shown_and_does_not_block(
    laptops: list[Laptop],
) -> None:
    teacher, coteacher = laptops
    coteacher.sync()
    # The co-teacher's laptop still holds a grade-7 student (say, from an old roster):
    # a note about them can never apply on the server.
    teacher.sync()
    outsider = math7_student(2)
    connection = coteacher.store.connection
    for table in ("student",):
        data = teacher.store.connection.execute(
            f"SELECT * FROM {table} WHERE id = ?", (outsider,)
        ).fetchone()
        connection.execute(f"INSERT INTO {table} VALUES ({', '.join('?' for _ in data)})", data)
    coteacher.actions.save_note(student_id=outsider, body="Not my student")
    fine = coteacher.actions.save_note(student_id=homeroom_student(1), body="My student")
    report = coteacher.sync()
    assert report.rejected == 1 and report.pushed == 1
    assert "not in your classes" in report.rejections[0][1]
    status = read_status(coteacher.store)
    assert (status.pending, status.rejected) == (0, 1)
    assert coteacher.one("SELECT state FROM outbox WHERE record_id = ?", fine) == "acknowledged"
    assert coteacher.one("SELECT error FROM outbox WHERE state = 'rejected'") is not None


def test_create_delete_recreate_of_an_enrollment(
    laptops: list[Laptop], sqlite_server: ServerProcess
) -> None:
    teacher, _ = laptops
    teacher.sync()
    student = math7_student(4)
    engine = make_engine(sqlite_server.database_url)
    try:
        for present in (False, True, False, True):
            with write_transaction(engine) as connection:
                enroll(connection, section_id=MATH7, student_id=student, present=present)
            teacher.sync()
            found = teacher.one(
                "SELECT COUNT(*) FROM enrollment WHERE section_id = ? AND student_id = ?",
                MATH7,
                student,
            )
            assert found == int(present)
    finally:
        engine.dispose()
    assert teacher.checksums() == server_checksums(sqlite_server.database_url, "rivera")


def test_a_child_row_arriving_before_its_parent_waits_for_it(
    laptops: list[Laptop], sqlite_server: ServerProcess
) -> None:
    teacher, coteacher = laptops
    student = homeroom_student(7)
    teacher.sync()
    first = teacher.actions.save_note(student_id=student, body="first version")
    teacher.sync()
    second = teacher.actions.revise_note(note_id=first, body="second version")
    teacher.sync()
    # The teacher edits the first note in place again: it is republished after its child,
    # so a fresh laptop pulling one row per page meets the child first.
    teacher.actions.save_note(student_id=student, body="first, edited", note_id=first)
    teacher.sync()
    with coteacher.client(page_size=1) as client:
        client.sync()
    assert coteacher.one("SELECT supersedes_id FROM conference_note WHERE id = ?", second) == first
    assert coteacher.one("SELECT COUNT(*) FROM sync_parked") == 0
    assert coteacher.checksums() == server_checksums(sqlite_server.database_url, "okafor")


def test_a_note_typed_on_after_it_was_sent_is_not_lost(laptops: list[Laptop]) -> None:
    teacher, coteacher = laptops
    student = homeroom_student(8)
    teacher.sync()
    note = teacher.actions.save_note(student_id=student, body="draft")
    with teacher.client() as client:
        # Send, then type on before the reply is handled: simulate by editing between
        # the server's commit and the acknowledgement (the outbox row changes stamp).
        original = client._acknowledge

        def type_then_acknowledge(*args: object) -> None:
            teacher.actions.save_note(student_id=student, body="draft, finished", note_id=note)
            original(*args)  # type: ignore[arg-type]

        client._acknowledge = type_then_acknowledge  # type: ignore[method-assign]
        client.push()
    teacher.sync()
    coteacher.sync()
    assert coteacher.one("SELECT body FROM conference_note WHERE id = ?", note) == "draft, finished"


def test_a_revoked_device_cannot_sync(laptops: list[Laptop], sqlite_server: ServerProcess) -> None:
    import httpx

    teacher, _ = laptops
    teacher.sync()
    headers = {"Authorization": f"Bearer {teacher.token}"}
    devices = httpx.get(f"{sqlite_server.url}/auth/devices", headers=headers).json()
    mine = [d for d in devices if d["device_id"] == teacher.device_id and not d["revoked"]]
    answer = httpx.post(
        f"{sqlite_server.url}/auth/devices/{mine[-1]['id']}/revoke", headers=headers
    )
    assert answer.status_code == 204
    teacher.actions.save_note(student_id=homeroom_student(), body="after revocation")
    with pytest.raises(SignInRequiredError):
        teacher.sync()
    assert read_status(teacher.store).last_error is not None
    assert read_status(teacher.store).pending == 1


def test_the_token_lives_only_in_the_keyring(
    tmp_path: Path, sqlite_server: ServerProcess, memory_keyring: MemoryKeyring
) -> None:
    laptop = new_laptop(tmp_path, "solo", sqlite_server.url, "rivera", template_store(tmp_path))
    laptop.sign_in()
    school = laptop.one("SELECT school_id FROM sync_state")
    assert isinstance(school, str)
    assert (
        memory_keyring.items[
            ("classroom-desk", credentials.keyring_user(sqlite_server.url, "rivera", school))
        ]
        == laptop.token
    )
    with SyncClient.from_keyring(laptop.store) as client:
        client.sync()
    laptop.close()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert laptop.token.encode() not in path.read_bytes(), path


def test_without_a_keyring_sign_in_says_so_and_stores_nothing(
    tmp_path: Path, sqlite_server: ServerProcess
) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        laptop = new_laptop(
            tmp_path, "headless", sqlite_server.url, "rivera", template_store(tmp_path)
        )
        result = sign_in(
            laptop.store, server_url=sqlite_server.url, user="rivera", password="maple-ridge-rivera"
        )
        assert not result.remembered
        assert "no secure password store" in result.message
        # The session still syncs with the token it holds in memory...
        with SyncClient(laptop.store, server_url=sqlite_server.url, token=result.token) as client:
            client.sync()
        # ...and next time the app asks to sign in again, in plain words.
        with pytest.raises(SignInRequiredError, match="keyring"):
            SyncClient.from_keyring(laptop.store)
        laptop.close()
        for path in tmp_path.rglob("*"):
            if path.is_file():
                assert result.token.encode() not in path.read_bytes(), path
    finally:
        keyring.set_keyring(previous)


def test_a_cursor_from_another_server_gets_a_reset_and_a_full_snapshot(
    laptops: list[Laptop], tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    teacher, _ = laptops
    teacher.sync()
    teacher.store.connection.execute(
        "UPDATE sync_state SET epoch = 'from-a-restored-backup', cursor = 999999999"
    )
    # A row the server does not have (left from an old roster) disappears in the snapshot.
    teacher.store.connection.execute(
        "INSERT INTO unit (id, content_area_id, code, title, position)"
        " VALUES ('stale-unit', 'math', 'OLD', 'Old unit', 99)"
    )
    report = teacher.sync()
    assert report.resets == 1
    assert teacher.one("SELECT COUNT(*) FROM unit WHERE id = 'stale-unit'") == 0
    assert teacher.one("SELECT snapshot_active FROM sync_state") == 0


def test_a_first_sync_into_an_empty_store_records_no_keys_and_resumes_after_a_cut(
    laptops: list[Laptop], sqlite_server: ServerProcess
) -> None:
    teacher, _ = laptops
    with teacher.client(page_size=50) as client:
        fetch, fetched = client._fetch_page, []

        def cut_after_three_pages(cursor: int, epoch: str | None) -> object:
            if len(fetched) == 3:
                raise OfflineError("cut")
            fetched.append(cursor)
            return fetch(cursor, epoch)

        client._fetch_page = cut_after_three_pages  # type: ignore[method-assign,assignment]
        with pytest.raises(OfflineError):
            client.sync()
    # Part of the snapshot is stored; only the empty-store mark is in sync_seen.
    assert teacher.one("SELECT snapshot_active FROM sync_state") == 1
    assert teacher.one("SELECT COUNT(*) FROM student") > 0
    assert teacher.one("SELECT COUNT(*) FROM sync_seen") == 1
    teacher.sync()
    assert teacher.one("SELECT snapshot_active FROM sync_state") == 0
    assert teacher.one("SELECT COUNT(*) FROM sync_seen") == 0
    assert teacher.checksums() == server_checksums(sqlite_server.database_url, "rivera")


def test_a_first_sync_into_a_store_with_rows_drops_the_ones_the_server_does_not_send(
    laptops: list[Laptop], sqlite_server: ServerProcess
) -> None:
    teacher, _ = laptops
    # Left from a roster imported on this laptop before it was ever signed in.
    teacher.store.connection.execute(
        "INSERT INTO content_area (id, name, position) VALUES ('stale-area', 'Old area', 99)"
    )
    with teacher.client(page_size=50) as client:
        client.sync()
    assert teacher.one("SELECT COUNT(*) FROM content_area WHERE id = 'stale-area'") == 0
    assert teacher.one("SELECT COUNT(*) FROM sync_seen") == 0
    assert teacher.checksums() == server_checksums(sqlite_server.database_url, "rivera")
