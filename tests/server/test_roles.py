"""Every role against every endpoint of a real server (SQLite and PostgreSQL): a teacher,
a co-teacher, an admin, a principal, a coach of one teacher and a coach of nobody each
see exactly their classes and students, read-only roles change nothing, and no
conference note reaches a principal or a coach, not even as bytes of a pull (nor of the
School view's figures), and nor does the raw activity (attempts, platform summaries):
they read the server's figures."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from classroom_desk.demo import demo_id
from classroom_desk.server.admin import enroll
from classroom_desk.server.database import make_engine, read_transaction, write_transaction
from classroom_desk.server.records import rows_of, upsert_rows
from classroom_desk.store.teacher_actions import ReadOnlyAccountError
from classroom_desk.sync.client import ServerRefusedError, sign_in
from tests.server.test_school_months import SCHOOL, summary_row
from tests.server.test_server import (
    HOMEROOM,
    HOMEROOM_STUDENT,
    MATH7,
    MATH7_STUDENT,
    auth,
    note_put,
    push_one,
)
from tests.sync.harness import (
    DEMO_PASSWORDS,
    Laptop,
    MemoryKeyring,
    ServerProcess,
    new_laptop,
    serve_demo,
    server_checksums,
    server_cli,
    template_store,
)

PASSWORD = "role-test-password"
UNIT = demo_id("unit", "MTH-1.01")
READ_ONLY = "this account reads the school's records; it cannot change them"
ENGLISH10 = demo_id("section", "english-10")


@dataclass(frozen=True)
class Expected:
    """What one role sees and may do. ``sections`` None: every class of the school."""

    sections: dict[str, str] | None
    role_shown: str
    math7: bool
    homeroom: bool
    notes: bool
    writes: bool
    all_devices: bool


# The demo school: rivera leads its three classes; okafor co-teaches homeroom-4.
RIVERA = {HOMEROOM: "teacher", MATH7: "teacher", ENGLISH10: "teacher"}
ROLES: dict[str, Expected] = {
    "teacher": Expected(RIVERA, "", True, True, True, True, False),
    "co-teacher": Expected({HOMEROOM: "co-teacher"}, "", False, True, True, True, False),
    "admin": Expected(None, "admin", True, True, True, True, True),
    "principal": Expected(None, "principal", True, True, False, False, False),
    "coach": Expected({HOMEROOM: "coach"}, "", False, True, False, False, False),
    "coach of nobody": Expected({}, "", False, False, False, False, False),
}


@dataclass
class School:
    server: ServerProcess
    users: dict[str, str]  # role -> user name
    note_marker: str
    celebration_marker: str
    all_sections: set[str]

    def sign_in(self, role: str, device: str | None = None) -> tuple[str, str]:
        user = self.users[role]
        device = device or f"device-{uuid.uuid4()}"
        answer = httpx.post(
            f"{self.server.url}/auth/sign-in",
            json={
                "user": user,
                "password": DEMO_PASSWORDS.get(user, PASSWORD),
                "device_id": device,
            },
        )
        assert answer.status_code == 200, answer.text
        return str(answer.json()["token"]), device


def _cli(server: ServerProcess, *args: str, stdin: str = "") -> str:
    done = server_cli(server.database_url, *args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _make_account(server: ServerProcess, user: str, role: str) -> None:
    _cli(
        server,
        "create-teacher",
        "--username", user,
        "--given-name", "Test",
        "--family-name", role,
        "--email", f"{user}@example.invalid",
        "--role", role,
        "--password-stdin",
        stdin=PASSWORD,
    )  # fmt: skip


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def roles_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    """A demo server of this module's own: the table names exactly the classes each
    account sees, and other modules' tests share classes on the session's server."""
    yield from serve_demo(request, tmp_path_factory, "roles")


@pytest.fixture(scope="module")
def school(roles_server: ServerProcess) -> Iterator[School]:
    server = roles_server
    suffix = uuid.uuid4().hex[:8]
    users = {"teacher": "rivera", "co-teacher": "okafor", "admin": "admin"}
    for role, name in (
        ("principal", "principal"),
        ("coach", "coach"),
        ("coach of nobody", "coach"),
    ):
        user = f"{role.replace(' ', '-')}-{suffix}"
        _make_account(server, user, name)
        users[role] = user
    _cli(server, "coach-teacher", "--coach", users["coach"], "--teacher", "okafor")
    # A note in each class, a celebration with words of the teacher's in homeroom-4 and a
    # reassignment in math-7, so there is something to hide.
    marker = f"conference words {suffix}"
    cheer = f"celebration words {suffix}"
    token, device = School(server, users, marker, cheer, set()).sign_in("teacher")
    for student in (MATH7_STUDENT, HOMEROOM_STUDENT):
        assert push_one(server, token, device, note_put(student, marker))["outcome"] == "applied"
    celebrate = {
        "kind": "celebration.create",
        "student_id": HOMEROOM_STUDENT,
        "payload": {"note": cheer},
    }
    assert push_one(server, token, device, celebrate)["outcome"] == "applied"
    reassign = {
        "kind": "reassignment.reassign",
        "student_id": MATH7_STUDENT,
        "payload": {"unit_id": UNIT, "batch_id": "b", "score": 50, "reason": "retry"},
    }
    assert push_one(server, token, device, reassign)["outcome"] == "applied"
    engine = make_engine(server.database_url)
    # A platform's weekly summary in each class: raw activity, as the attempts are.
    with write_transaction(engine) as connection:
        week = datetime(2026, 11, 16, 6, tzinfo=UTC)
        summaries = [
            summary_row(student, "math", week, 30, 2, 1, 85.0, student)
            for student in (MATH7_STUDENT, HOMEROOM_STUDENT)
        ]
        upsert_rows(connection, SCHOOL, "activity_summary", summaries)
    with read_transaction(engine) as connection:
        sections = {row[0] for row in connection.execute(text("SELECT id FROM class_section"))}
    engine.dispose()
    yield School(server, users, marker, cheer, sections)


@dataclass
class Pulled:
    """Everything one device pulls from the start, and where its cursor ends."""

    changes: list[dict[str, Any]]
    sent: bytes
    cursor: int
    epoch: str


def _pull(server: ServerProcess, token: str) -> Pulled:
    pulled = Pulled([], b"", 0, "")
    epoch = None
    while True:
        answer = httpx.post(
            f"{server.url}/sync/pull",
            json={"cursor": pulled.cursor, "epoch": epoch, "limit": 1000},
            headers=auth(token),
        )
        assert answer.status_code == 200, answer.text
        pulled.sent += answer.content
        page = answer.json()
        pulled.changes += page["changes"]
        pulled.cursor, epoch = page["next_cursor"], page["epoch"]
        if not page["has_more"]:
            pulled.epoch = str(epoch)
            return pulled


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_sees_exactly_its_scope_on_every_endpoint(school: School, role: str) -> None:
    expected = ROLES[role]
    server = school.server
    token, device = school.sign_in(role)

    def get(path: str) -> httpx.Response:
        return httpx.get(f"{server.url}{path}", headers=auth(token))

    # /sections and the role shown in each
    wanted = (
        dict.fromkeys(school.all_sections, expected.role_shown)
        if expected.sections is None
        else expected.sections
    )
    shown = {s["id"]: s["role"] for s in get("/sections").json()}
    assert shown == wanted
    # /sections/{id}/students and /students/{id}
    for section, student, sees in (
        (MATH7, MATH7_STUDENT, expected.math7),
        (HOMEROOM, HOMEROOM_STUDENT, expected.homeroom),
    ):
        assert get(f"/sections/{section}/students").status_code == (200 if sees else 404)
        assert get(f"/students/{student}").status_code == (200 if sees else 404)
    # /sync/pull: the classes' students, and conference notes only to those who teach
    pulled = _pull(server, token)
    changes, sent = pulled.changes, pulled.sent
    tables = {c["table"] for c in changes}
    students = {(c["data"] or {}).get("student_id") for c in changes} - {None}
    assert (MATH7_STUDENT in students) == expected.math7
    assert (HOMEROOM_STUDENT in students) == expected.homeroom
    assert ("conference_note" in tables) == (
        expected.notes and (expected.math7 or expected.homeroom)
    )
    assert (school.note_marker.encode() in sent) == ("conference_note" in tables)
    # the raw activity only to the accounts that change records: the others read figures
    for raw in ("unit_attempt", "activity_summary"):
        assert (raw in tables) == (expected.writes and (expected.math7 or expected.homeroom))
    # a celebration reaches every account of its class; the teacher's words on it do not
    assert ("celebration" in tables) == expected.homeroom
    assert (school.celebration_marker.encode() in sent) == (expected.notes and expected.homeroom)
    # /sync/push: a note on a student of its classes
    result = push_one(server, token, device, note_put(HOMEROOM_STUDENT, "from the test"))
    assert (result["outcome"] == "applied") == (expected.writes and expected.homeroom)
    if not expected.writes:
        assert result["reason"] == READ_ONLY
        # nor a class's plan
        group = {
            "kind": "group.create",
            "student_id": HOMEROOM,
            "payload": {"section_id": HOMEROOM, "content_area_id": "math", "week": "2026-11-16",
                        "name": "Boost", "basis": "teacher", "reason": "", "unit_id": None},
        }  # fmt: skip
        assert push_one(server, token, device, group)["reason"] == READ_ONLY
    # /feed/reassignments
    feed = get("/feed/reassignments").json()
    assert any(item["student_id"] == MATH7_STUDENT for item in feed["items"]) == expected.math7
    # /policy
    assert get("/policy").status_code == 200
    # /school/months: the figures of exactly its classes, every student of each, no note
    now = datetime.now(UTC)
    month = get(f"/school/months/{now.year}/{now.month}")
    assert month.status_code == 200
    figures = month.json()
    assert {s["id"] for s in figures["sections"]} == set(wanted)
    assert {f["section_id"] for f in figures["figures"]} == set(wanted)
    counted = {s["student_id"] for f in figures["figures"] for s in f["students"]}
    assert (MATH7_STUDENT in counted) == expected.math7
    assert (HOMEROOM_STUDENT in counted) == expected.homeroom
    assert school.note_marker.encode() not in month.content
    assert school.celebration_marker.encode() not in month.content
    # /school/weeks/{day}: the same classes and students, for this week
    week = get(f"/school/weeks/{now.date().isoformat()}")
    assert week.status_code == 200
    assert {s["id"] for s in week.json()["sections"]} == set(wanted)
    assert {s["student_id"] for f in week.json()["figures"] for s in f["students"]} == counted
    assert school.note_marker.encode() not in week.content
    # /auth/devices and revoking another account's device
    other, _ = school.sign_in("co-teacher" if role == "teacher" else "teacher")
    others_id = httpx.get(f"{server.url}/auth/devices", headers=auth(other)).json()[-1]["id"]
    listed = {d["user"] for d in get("/auth/devices").json()}
    assert (listed == {school.users[role]}) == (not expected.all_devices)
    revoke = httpx.post(f"{server.url}/auth/devices/{others_id}/revoke", headers=auth(token))
    assert revoke.status_code == (204 if expected.all_devices else 404)


def test_every_endpoint_is_in_the_role_table(server: ServerProcess) -> None:
    """A new endpoint must be added to the test above (and to ``access``)."""
    spec = httpx.get(f"{server.url}/openapi.json").json()
    listed = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert listed == {
        ("GET", "/health"),
        ("GET", "/metrics"),
        ("POST", "/auth/sign-in"),
        ("GET", "/sections"),
        ("GET", "/sections/{section_id}/students"),
        ("GET", "/students/{student_id}"),
        ("POST", "/sync/pull"),
        ("POST", "/sync/push"),
        ("GET", "/feed/reassignments"),
        ("GET", "/policy"),
        ("GET", "/school/months/{year}/{month}"),
        ("GET", "/school/weeks/{day}"),
        ("GET", "/auth/devices"),
        ("POST", "/auth/devices/{token_id}/revoke"),
    }


def _resets(server: ServerProcess, token: str, pulled: Pulled) -> bool:
    """Whether a laptop at the end of ``pulled`` is told to start again."""
    answer = httpx.post(
        f"{server.url}/sync/pull",
        json={"cursor": pulled.cursor, "epoch": pulled.epoch, "limit": 1000},
        headers=auth(token),
    ).json()
    return bool(answer["reset"])


def test_a_coach_given_and_then_denied_a_teacher_resets_and_loses_the_class(
    school: School,
) -> None:
    server = school.server
    coach = f"coach-{uuid.uuid4().hex[:8]}"
    _make_account(server, coach, "coach")
    school.users["own coach"] = coach
    token, _ = school.sign_in("own coach")
    before = _pull(server, token)
    _cli(server, "coach-teacher", "--coach", coach, "--teacher", "rivera")
    assert _resets(server, token, before)
    after = _pull(server, token)
    students = {(c["data"] or {}).get("student_id") for c in after.changes}
    assert MATH7_STUDENT in students and HOMEROOM_STUDENT in students
    assert "conference_note" not in {c["table"] for c in after.changes}
    # The same command again changes nothing: no reset.
    _cli(server, "coach-teacher", "--coach", coach, "--teacher", "rivera")
    assert not _resets(server, token, after)
    # The coached teacher's class changes (a student joins math-7, then leaves): the
    # coach's laptop starts again, as the teacher's does.
    engine = make_engine(server.database_url)
    try:
        for present in (True, False):
            with write_transaction(engine) as connection:
                enroll(connection, section_id=MATH7, student_id=HOMEROOM_STUDENT, present=present)
            assert _resets(server, token, after)
            after = _pull(server, token)
    finally:
        engine.dispose()
    _cli(server, "coach-teacher", "--coach", coach, "--teacher", "rivera", "--remove")
    # The laptop's cursor is from the old class list: it is told to start again.
    assert _resets(server, token, after)
    assert httpx.get(f"{server.url}/sections", headers=auth(token)).json() == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--role", "superintendent"], "no role 'superintendent'"),
        (["--admin", "--role", "coach"], "--admin and --role coach contradict each other"),
    ],
)
def test_an_unknown_or_contradictory_role_is_refused_and_nothing_is_made(
    server: ServerProcess, arguments: list[str], message: str
) -> None:
    user = f"nobody-{uuid.uuid4().hex[:8]}"
    done = server_cli(
        server.database_url,
        "create-teacher",
        "--username", user,
        "--given-name", "No",
        "--family-name", "Body",
        "--email", f"{user}@example.invalid",
        *arguments,
        "--password-stdin",
        stdin=PASSWORD,
    )  # fmt: skip
    assert done.returncode != 0
    assert message in done.stderr
    answer = httpx.post(
        f"{server.url}/auth/sign-in",
        json={"user": user, "password": PASSWORD, "device_id": "d"},
    )
    assert answer.status_code == 401


def test_coach_teacher_refuses_an_account_that_is_not_a_coach(school: School) -> None:
    done = server_cli(
        school.server.database_url, "coach-teacher", "--coach", "okafor", "--teacher", "rivera"
    )
    assert done.returncode != 0
    assert "no coach account 'okafor'" in done.stderr


@pytest.fixture
def principal_laptop(
    school: School, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[Laptop]:
    """The principal's laptop, signed in and synced once."""
    laptop = new_laptop(
        tmp_path,
        "principal",
        school.server.url,
        school.users["principal"],
        template_store(tmp_path),
    )
    try:
        laptop.sign_in(PASSWORD)
        laptop.sync()
        yield laptop
    finally:
        laptop.close()


def test_a_principals_laptop_holds_the_school_without_notes_and_its_changes_are_refused(
    school: School, principal_laptop: Laptop
) -> None:
    server, laptop = school.server, principal_laptop
    assert laptop.checksums() == server_checksums(server.database_url, laptop.user)
    # Counted without the access module the checksums above share with the server.
    engine = make_engine(server.database_url)
    with read_transaction(engine) as connection:
        school_students = connection.execute(text("SELECT COUNT(*) FROM student")).scalar()
    engine.dispose()
    assert laptop.one("SELECT COUNT(*) FROM student") == school_students
    assert laptop.one("SELECT COUNT(*) FROM class_section") == len(school.all_sections)
    assert laptop.one("SELECT COUNT(*) FROM conference_note") == 0
    assert laptop.one("SELECT COUNT(*) FROM celebration WHERE note != ''") == 0
    assert laptop.one("SELECT COUNT(*) FROM reassignment_event") > 0
    # The figures are the server's (the School view): the raw activity stays there.
    assert laptop.one("SELECT COUNT(*) FROM unit_attempt") == 0
    assert laptop.one("SELECT COUNT(*) FROM activity_summary") == 0
    # The laptop knows the role from the sign-in: the note is refused as it is typed.
    with pytest.raises(ReadOnlyAccountError, match="cannot change them: nothing was saved"):
        laptop.actions.save_note(student_id=HOMEROOM_STUDENT, body="a principal's note")
    assert laptop.one("SELECT COUNT(*) FROM conference_note") == 0
    assert laptop.one("SELECT COUNT(*) FROM outbox") == 0
    # A laptop signed in before laptops kept the role writes it; the server refuses it,
    # and the pull tells the laptop its role, so the next change is refused at once.
    with laptop.store.transaction() as connection:
        connection.execute("UPDATE sync_state SET role = NULL")
    laptop.actions.save_note(student_id=HOMEROOM_STUDENT, body="a principal's note")
    laptop.sync()
    assert laptop.one("SELECT error FROM outbox WHERE state = 'rejected'") == (
        "this account reads the school's records; it cannot change them"
    )
    assert laptop.one("SELECT role FROM sync_state") == "principal"
    assert laptop.actions.read_only()


def test_a_principals_laptop_that_holds_raw_activity_starts_again_and_it_goes(
    school: School, principal_laptop: Laptop
) -> None:
    """A laptop that pulled the school's attempts and summaries from an older server (whose
    epoch did not say "figures") is told to start again, and the rows go."""
    server, laptop = school.server, principal_laptop
    engine = make_engine(server.database_url)
    with read_transaction(engine) as connection:
        held = {table: rows_of(connection, table) for table in ("unit_attempt", "activity_summary")}
    engine.dispose()
    assert held["unit_attempt"] and held["activity_summary"]
    with laptop.store.transaction() as connection:
        for table, rows in held.items():
            columns = list(rows[0])
            connection.executemany(
                f"INSERT INTO {table} ({', '.join(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})",
                [tuple(row[column] for column in columns) for row in rows],
            )
        connection.execute(
            "UPDATE sync_state SET epoch = substr(epoch, 1, length(epoch) - length('.figures'))"
        )
    report = laptop.sync()
    assert report.resets
    assert laptop.one("SELECT COUNT(*) FROM unit_attempt") == 0
    assert laptop.one("SELECT COUNT(*) FROM activity_summary") == 0
    assert laptop.checksums() == server_checksums(server.database_url, laptop.user)


def test_a_principal_cannot_sign_in_on_a_teachers_laptop_and_nothing_changes(
    school: School, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A laptop belongs to the account that first signed it in (the server keeps the
    device's first account): a principal's sign-in there is refused, so a teacher's
    waiting changes are never sent under a read-only account, and the laptop's sign-in,
    role and waiting note stay as they were."""
    server = school.server
    laptop = new_laptop(tmp_path, "shared", server.url, "rivera", template_store(tmp_path))
    try:
        laptop.sign_in()
        laptop.sync()
        laptop.actions.save_note(student_id=HOMEROOM_STUDENT, body="rivera's note")
        signed_in = laptop.one("SELECT account_id || '/' || role FROM sync_state")
        with pytest.raises(ServerRefusedError, match="registered to another account"):
            sign_in(
                laptop.store,
                server_url=server.url,
                user=school.users["principal"],
                password=PASSWORD,
            )
        assert laptop.one("SELECT account_id || '/' || role FROM sync_state") == signed_in
        assert signed_in.endswith("/teacher")
        assert laptop.one("SELECT COUNT(*) FROM outbox WHERE state = 'pending'") == 1
        assert not laptop.actions.read_only()
    finally:
        laptop.close()


def test_a_school_that_lets_principals_read_notes_sends_them_to_principals_only(
    school: School,
) -> None:
    """``set-school --principals-read-notes yes``: the principal's laptop starts again and
    receives the notes and the teachers' words, a coach's still does not; ``no`` starts it
    again without them. The same choice twice starts nothing again."""
    server = school.server
    principal, _ = school.sign_in("principal")
    coach, _ = school.sign_in("coach")
    before = {who: _pull(server, token) for who, token in (("p", principal), ("c", coach))}
    try:
        shown = _cli(server, "set-school", "--principals-read-notes", "yes")
        assert "principals read teachers' notes" in shown
        assert _resets(server, principal, before["p"])
        assert not _resets(server, coach, before["c"])
        allowed = _pull(server, principal)
        assert school.note_marker.encode() in allowed.sent
        assert school.celebration_marker.encode() in allowed.sent
        assert server_checksums(server.database_url, school.users["principal"])["conference_note"][
            0
        ] == sum(c["table"] == "conference_note" for c in allowed.changes)
        assert school.note_marker.encode() not in _pull(server, coach).sent
        _cli(server, "set-school", "--principals-read-notes", "yes")
        assert not _resets(server, principal, allowed)
    finally:
        shown = _cli(server, "set-school", "--principals-read-notes", "no")
    assert "principals do not read teachers' notes" in shown
    assert _resets(server, principal, allowed)
    denied = _pull(server, principal)
    assert school.note_marker.encode() not in denied.sent
    assert school.celebration_marker.encode() not in denied.sent
    assert all(c["table"] != "conference_note" for c in denied.changes)
