"""A change of a teacher's (or coach's) class list reaches their laptops as a difference:
the rows they gain, and the rows they must forget, never a reset into a full pull. Real
servers (SQLite and PostgreSQL), real laptops; each laptop must end holding exactly what
``scope_checksums`` says, as a laptop that pulled everything from nothing would.

The hostile cases: a student who leaves while a note about them waits on the laptop, the
class list changing again while a laptop is half-way through the change, epochs made up
or from another list, a laptop of a version too old to be kept, and a laptop of before
this (no header): each ends right or starts again, and no answer carries a row the
account does not see."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from classroom_desk.demo import demo_id
from classroom_desk.domain.goals import GoalKind
from classroom_desk.server import admin, auth
from classroom_desk.server.access import access_in
from classroom_desk.server.class_lists import KEPT_VERSIONS, Phase, Position, position_in
from classroom_desk.server.database import make_engine, read_transaction, write_transaction
from classroom_desk.sync.protocol import CLASS_LIST_CHANGES_HEADER, PullRequest
from classroom_desk.sync.values import SyncReport
from tests.server.test_server import HOMEROOM, MATH7
from tests.server.test_server import auth as bearer
from tests.sync.harness import (
    Laptop,
    MemoryKeyring,
    ServerProcess,
    new_laptop,
    server_checksums,
    template_store,
)

#: A student of math-7 only: taking them out of it takes them out of Rivera's classes.
LEAVER = demo_id("student", "math-7/3")
PASSWORD = "class-list-password"


class School:
    """A fresh demo server and a way to change its classes as the admin commands do."""

    def __init__(self, server: ServerProcess) -> None:
        self.server = server
        self.engine = make_engine(server.database_url)

    def enroll(self, student: str, section: str, *, present: bool) -> None:
        with write_transaction(self.engine) as connection:
            admin.enroll(connection, section_id=section, student_id=student, present=present)

    def co_teach(self, section: str, teacher: str) -> None:
        with write_transaction(self.engine) as connection:
            admin.assign_co_teacher(connection, section_id=section, teacher=teacher)

    def coach(self, coach: str, teacher: str, *, coached: bool = True) -> None:
        with write_transaction(self.engine) as connection:
            admin.coach_teacher(connection, coach=coach, teacher=teacher, coached=coached)

    def make_coach(self) -> str:
        user = f"coach-{uuid.uuid4().hex[:8]}"
        with write_transaction(self.engine) as connection:
            admin.create_teacher(
                connection,
                username=user,
                password=PASSWORD,
                given_name="Test",
                family_name="Coach",
                email=f"{user}@example.invalid",
                role="coach",
            )
        return user

    def expected(self, user: str) -> dict[str, tuple[int, str]]:
        return server_checksums(self.server.database_url, user)

    def scope_of(self, user: str) -> tuple[set[str], set[str]]:
        with read_transaction(self.engine) as connection:
            account = auth.find_account(connection, user)
            assert account is not None
            access = access_in(connection, account)
            return set(access.sections(connection)), access.students(connection)


@pytest.fixture
def school(fresh_server: ServerProcess) -> Iterator[School]:
    made = School(fresh_server)
    yield made
    made.engine.dispose()


@pytest.fixture
def laptops(tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[dict[str, Laptop]]:
    made: dict[str, Laptop] = {}
    yield made
    for laptop in made.values():
        laptop.close()


def _laptop(
    laptops: dict[str, Laptop], tmp_path: Path, school: School, user: str, password: str = ""
) -> Laptop:
    laptop = new_laptop(
        tmp_path, f"{user}-{len(laptops)}", school.server.url, user, template_store(tmp_path)
    )
    laptops[f"{user}-{len(laptops)}"] = laptop
    laptop.sign_in(password or None)
    first = laptop.sync()
    assert first.pulled > 0
    return laptop


def _student_rows(laptop: Laptop, student: str) -> int:
    """Rows about ``student`` on the laptop, in every table that names a student."""
    tables = [
        row[0]
        for row in laptop.store.connection.execute(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c"
            " WHERE m.type = 'table' AND c.name = 'student_id'"
        )
    ]
    return sum(
        int(laptop.one(f"SELECT COUNT(*) FROM {table} WHERE student_id = ?", student) or 0)
        for table in tables
    ) + int(laptop.one("SELECT COUNT(*) FROM student WHERE id = ?", student) or 0)


def test_a_student_who_leaves_and_comes_back_is_sent_as_a_difference(
    school: School, tmp_path: Path, laptops: dict[str, Laptop]
) -> None:
    rivera = _laptop(laptops, tmp_path, school, "rivera")
    full = rivera.store.connection.execute("SELECT COUNT(*) FROM unit_attempt").fetchone()[0]
    held = _student_rows(rivera, LEAVER)
    assert held > 10  # the leaver has a history on this laptop

    school.enroll(LEAVER, MATH7, present=False)
    report = rivera.sync()
    assert report.resets == 0
    assert _student_rows(rivera, LEAVER) == 0
    assert rivera.checksums() == school.expected("rivera")
    # What was sent is the leaver's rows to forget, not the class's history again.
    assert report.pulled < held + 5 < full

    school.enroll(LEAVER, MATH7, present=True)
    report = rivera.sync()
    assert report.resets == 0
    assert rivera.checksums() == school.expected("rivera")
    assert _student_rows(rivera, LEAVER) >= held
    assert report.pulled < held + 5


def test_a_co_teacher_given_a_class_catches_up_on_its_history_without_a_reset(
    school: School, tmp_path: Path, laptops: dict[str, Laptop]
) -> None:
    okafor = _laptop(laptops, tmp_path, school, "okafor")
    before = okafor.one("SELECT COUNT(*) FROM unit_attempt")
    school.co_teach(MATH7, "okafor")
    report = okafor.sync(page_size=50)  # several pages of catching up
    assert report.resets == 0
    assert okafor.checksums() == school.expected("okafor")
    assert int(okafor.one("SELECT COUNT(*) FROM unit_attempt") or 0) > int(before or 0)
    # The next sync has nothing to send.
    assert okafor.sync().pulled == 0


def test_a_coach_given_and_denied_a_teacher_gets_and_forgets_no_raw_activity(
    school: School, tmp_path: Path, laptops: dict[str, Laptop]
) -> None:
    coach = school.make_coach()
    laptop = _laptop(laptops, tmp_path, school, coach, PASSWORD)
    school.coach(coach, "rivera")
    report = laptop.sync(page_size=40)
    assert report.resets == 0
    assert laptop.checksums() == school.expected(coach)
    assert laptop.one("SELECT COUNT(*) FROM student") == 85
    assert laptop.one("SELECT COUNT(*) FROM unit_attempt") == 0
    school.coach(coach, "rivera", coached=False)
    report = laptop.sync(page_size=40)
    assert report.resets == 0
    assert laptop.checksums() == school.expected(coach)
    assert laptop.one("SELECT COUNT(*) FROM student") == 0


def test_a_note_waiting_about_a_student_who_left_is_never_lost(
    school: School, tmp_path: Path, laptops: dict[str, Laptop]
) -> None:
    rivera = _laptop(laptops, tmp_path, school, "rivera")
    note = rivera.actions.save_note(student_id=LEAVER, body="Ask about the fractions unit")
    school.enroll(LEAVER, MATH7, present=False)
    report = rivera.sync()
    assert report.resets == 0
    # Refused by the server (no longer her student), kept here with its reason.
    assert rivera.outbox_states().get("pending", 0) == 0
    body = rivera.one("SELECT body FROM conference_note WHERE id = ?", note)
    assert body == "Ask about the fractions unit"


def test_a_class_list_changed_again_half_way_through_ends_right(
    school: School, tmp_path: Path, laptops: dict[str, Laptop]
) -> None:
    """The laptop is between two pages of catching up when the class list changes again:
    it either goes on with the new difference or starts again, and ends right."""
    okafor = _laptop(laptops, tmp_path, school, "okafor")
    school.co_teach(MATH7, "okafor")
    changed: list[bool] = []

    def change_once(_progress: object) -> None:
        if not changed:
            changed.append(True)
            school.enroll(LEAVER, MATH7, present=False)

    with okafor.client(page_size=30, on_progress=change_once) as client:
        report: SyncReport = client.sync()
    assert changed and report.resets <= 1
    okafor.sync()
    assert okafor.checksums() == school.expected("okafor")
    assert _student_rows(okafor, LEAVER) == 0


@pytest.mark.parametrize("then", ["given another teacher", "a class of the teacher changes"])
def test_a_coachs_class_list_changed_again_half_way_through_ends_right(
    school: School, tmp_path: Path, laptops: dict[str, Laptop], then: str
) -> None:
    """A coach's laptop is between two pages of catching up on a teacher given to the coach
    when the list changes again, by the coach's command or by the teacher's class: it
    goes on or starts again, and ends right (the coach's change and a teacher's take one
    path)."""
    coach = school.make_coach()
    laptop = _laptop(laptops, tmp_path, school, coach, PASSWORD)
    school.coach(coach, "rivera")
    changed: list[bool] = []

    def change_once(_progress: object) -> None:
        if not changed:
            changed.append(True)
            if then == "given another teacher":
                school.coach(coach, "okafor")
            else:
                school.enroll(LEAVER, MATH7, present=False)

    with laptop.client(page_size=30, on_progress=change_once) as client:
        report: SyncReport = client.sync()
    assert changed and report.resets <= 1
    laptop.sync()
    assert laptop.checksums() == school.expected(coach)
    school.coach(coach, "rivera", coached=False)
    school.coach(coach, "rivera", coached=False)  # twice: the second changes nothing
    again = laptop.sync()
    assert again.resets == 0
    assert laptop.checksums() == school.expected(coach)


def test_an_edit_pushed_half_way_through_a_change_is_no_conflict(
    school: School, tmp_path: Path, laptops: dict[str, Laptop]
) -> None:
    """Okafor's laptop loses the network between two pages of catching up on a class she
    was given, then she changes a goal she has seen: her change is an update over what
    she saw, not a concurrent edit (no amber conflict anywhere)."""
    rivera = _laptop(laptops, tmp_path, school, "rivera")
    okafor = _laptop(laptops, tmp_path, school, "okafor")
    student = demo_id("student", "homeroom-4/5")
    goal = rivera.actions.set_goal(
        student_id=student, content_area_id="math", kind=GoalKind.UNITS_MASTERED, target=2
    )
    rivera.sync()
    okafor.sync()
    school.co_teach(MATH7, "okafor")

    def network_gone(_progress: object) -> None:
        raise OSError("the network went away")

    with okafor.client(page_size=20, on_progress=network_gone) as client, pytest.raises(OSError):
        client.sync()
    assert "~" in str(okafor.one("SELECT epoch FROM sync_state"))  # half-way
    okafor.actions.set_goal(
        student_id=student, content_area_id="math", kind=GoalKind.UNITS_MASTERED, target=5,
        goal_id=goal,
    )  # fmt: skip
    okafor.sync()
    rivera.sync()
    for laptop in (okafor, rivera):
        assert laptop.one("SELECT target FROM goal WHERE id = ?", goal) == 5
        assert laptop.one("SELECT COUNT(*) FROM goal_conflict") == 0
    assert okafor.checksums() == school.expected("okafor")


def test_the_first_change_after_the_upgrade_is_a_difference_too(
    school: School, tmp_path: Path, laptops: dict[str, Laptop]
) -> None:
    """A server upgraded to keep class lists has kept none yet: the list laptops hold is
    recorded just before the change."""
    rivera = _laptop(laptops, tmp_path, school, "rivera")
    with write_transaction(school.engine) as connection:
        connection.execute(text("DELETE FROM class_list_version"))
    school.enroll(LEAVER, MATH7, present=False)
    report = rivera.sync()
    assert report.resets == 0
    assert rivera.checksums() == school.expected("rivera")


def test_a_laptop_older_than_the_versions_kept_starts_again_and_ends_right(
    school: School, tmp_path: Path, laptops: dict[str, Laptop]
) -> None:
    rivera = _laptop(laptops, tmp_path, school, "rivera")
    for present in [False, True] * (KEPT_VERSIONS // 2 + 1):
        school.enroll(LEAVER, MATH7, present=present)
    report = rivera.sync()
    assert report.resets == 1
    assert rivera.checksums() == school.expected("rivera")


# -- the door itself: what a made-up epoch gets ------------------------------------------


def _pull(
    server: ServerProcess, token: str, cursor: int, epoch: str | None, *, header: bool = True
) -> dict[str, Any]:
    headers = bearer(token) | ({CLASS_LIST_CHANGES_HEADER: "1"} if header else {})
    answer = httpx.post(
        f"{server.url}/sync/pull",
        json={"cursor": cursor, "epoch": epoch, "limit": 1000},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _pull_all(server: ServerProcess, token: str) -> tuple[int, str]:
    cursor, epoch = 0, None
    while True:
        page = _pull(server, token, cursor, epoch)
        cursor, epoch = page["next_cursor"], page["epoch"]
        if not page["has_more"]:
            return cursor, str(epoch)


def _sign_in(server: ServerProcess, user: str) -> str:
    from tests.sync.harness import DEMO_PASSWORDS

    answer = httpx.post(
        f"{server.url}/auth/sign-in",
        json={"user": user, "password": DEMO_PASSWORDS[user], "device_id": str(uuid.uuid4())},
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def test_an_old_laptop_without_the_header_is_still_told_to_start_again(school: School) -> None:
    token = _sign_in(school.server, "rivera")
    cursor, epoch = _pull_all(school.server, token)
    school.enroll(LEAVER, MATH7, present=False)
    page = _pull(school.server, token, cursor, epoch, header=False)
    assert page["reset"] and page["changes"] == []
    assert not any("forget" in change for change in page["changes"])


def test_made_up_epochs_get_a_reset_or_rows_the_account_sees_never_others(
    school: School,
) -> None:
    """Okafor co-teaches homeroom only: whatever epoch her laptop sends, an answer holds
    only homeroom's rows, its students' and the school-wide ones."""
    token = _sign_in(school.server, "okafor")
    cursor, epoch = _pull_all(school.server, token)
    school.co_teach(MATH7, "okafor")
    school.enroll(LEAVER, MATH7, present=False)
    sections, students = school.scope_of("okafor")
    assert MATH7 in sections and HOMEROOM in sections
    base, version = epoch.rsplit(".", 1)
    current = _pull(school.server, token, cursor, epoch)["epoch"]
    hostile = [
        f"{base}.{int(version) - 1}",  # a version before any laptop had
        f"{base}.{int(version) + 10**6}",  # a version from the future
        f"{current}~{version}~{cursor}~c0",  # a position, perhaps for a version not kept
        f"{current}~0~{cursor}~f0:0",
        f"{current}~{version}~{cursor}~p",
        f"{current}~{version}~{10**17}~p",  # pulling up to a head far ahead
        f"{current}~{version}~{cursor}~f999:0",  # past every table
        f"{current}~{version}~{cursor}~c999999999999",  # past every row
        f"{current}x~{version}~{cursor}~c0",
        f"{base}.{version}.figures",  # a read-only account's kind
        f"{epoch}~{version}~{cursor}~c0",  # the position of a list since changed again
        "\u0661\u0662.\u0663",  # digits of another script
        f"{base}.{'9' * 40}",
        "~~~",
    ]
    for sent in hostile:
        page = _pull(school.server, token, cursor, sent)
        for change in page["changes"]:
            if change.get("forget"):
                continue
            data = change["data"] or {}
            section, student = data.get("section_id"), data.get("student_id")
            if change["table"] == "class_section":
                section = change["id"]
            if change["table"] == "student":
                student = change["id"]
            assert (
                (section is None and student is None) or section in sections or student in students
            ), (sent, change["table"], change["id"])


@given(
    new_epoch=st.text(min_size=1, max_size=60),
    old=st.integers(0, 10**18 - 1),
    until=st.integers(0, 10**18 - 1),
    phase=st.sampled_from(["catch up", "pull", "forget"]),
    rank=st.integers(0, 999),
    after=st.integers(0, 10**18 - 1),
)
def test_a_position_reads_back_from_the_epoch_it_writes_and_fits_a_request(
    new_epoch: str, old: int, until: int, phase: Phase, rank: int, after: int
) -> None:
    at = Position(
        old,
        until,
        phase,
        rank if phase == "forget" else 0,
        after if phase != "pull" else 0,
    )
    sent = at.epoch(new_epoch)
    assert position_in(sent, new_epoch) == at
    # Read against any other epoch of the list, it is no position (the laptop starts again).
    assert position_in(sent, new_epoch + "1") is None
    if len(new_epoch) <= 44:  # the longest epoch a server makes
        PullRequest(cursor=0, epoch=sent)
