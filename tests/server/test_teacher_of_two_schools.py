"""A teacher who teaches in two schools of a district: the district's package imports
(SQLite and PostgreSQL) with a record of the teacher in each school, and again without a
change; one login (``link-school``) signs in to either school, each token seeing that
school's classes only; the sign-in answer lists both schools; a password reset or a
disabled account is the person's in every school; a device is the person's in both; and
what cannot be linked is refused, saying why, changing nothing."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from classroom_desk.importers.oneroster.values import record_id
from classroom_desk.server.database import make_engine, read_transaction
from classroom_desk.server.oneroster_import import import_oneroster_on_server, school_teacher_id
from classroom_desk.sync.protocol import SCHOOLS_HEADER
from tests.importers.packages import write_package
from tests.server.test_district import (
    PASSWORD,
    _account,
    _everything_read,
    _heads,
    _school_id,
    _url,
    _with,
    _without,
    district_files,
)
from tests.server.test_oneroster_import import _everything
from tests.sync.harness import ServerProcess, server_cli

MAPLE, PINE, OAK = _school_id("1"), _school_id("3"), _school_id("2")
#: Elena Rivera (t-1) leads Maple's Reading and Homeroom, and Pine's Art in place of
#: Pine's own art teacher.
ELENA_AT_PINE = "e-t1-pine,active,2024-08-01,cls-a-3,org-3,t-1,teacher,true,,"


def _files() -> dict[str, str | bytes]:
    return _with(_without(district_files(), "enrollments.csv", "e-t2-a-3,"), "enrollments.csv",
                 ELENA_AT_PINE)  # fmt: skip


def _sign_in(
    server: ServerProcess, school: str | None = None, *, reads_schools: bool = True, **changes: Any
) -> httpx.Response:
    body = {"user": "elena", "password": PASSWORD, "device_id": "elena-laptop", **changes}
    if school is not None:
        body["school"] = school
    headers = {SCHOOLS_HEADER: "1"} if reads_schools else {}
    return httpx.post(f"{server.url}/auth/sign-in", json=body, headers=headers)


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_teacher_of_two_schools_imports_with_a_record_in_each_and_again_changes_nothing(
    database: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = _url(database, request, tmp_path)
    package = write_package(tmp_path / "district", _files())
    imported = server_cli(url, "import-oneroster", str(package))
    assert imported.returncode == 0, imported.stderr
    engine = make_engine(url)
    try:
        with read_transaction(engine) as connection:
            records = connection.execute(
                text("SELECT id, school_id FROM teacher WHERE source_id = 't-1' ORDER BY id")
            ).all()
            art_lead = connection.execute(
                text("SELECT teacher_id FROM class_section WHERE source_id = 'cls-a-3'")
            ).scalar_one()
            maple_leads = set(
                connection.execute(
                    text(
                        "SELECT teacher_id FROM class_section WHERE source_id IN ('cls-r', 'cls-m')"
                    )
                ).scalars()
            )
        elena_at_pine = school_teacher_id("t-1", PINE)
        assert sorted(records) == sorted([(record_id("teacher", "t-1"), MAPLE),
                                          (elena_at_pine, PINE)])  # fmt: skip
        assert art_lead == elena_at_pine
        assert maple_leads == {record_id("teacher", "t-1")}
        heads = _heads(engine)
        again = import_oneroster_on_server(engine, package)
        assert not again.changes_anything
        # Nothing but each school's roster import time is published again.
        assert _heads(engine) == {number: seq + 1 for number, seq in heads.items()}
    finally:
        engine.dispose()


@pytest.fixture
def district(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = _url("sqlite", request, tmp_path)
    imported = server_cli(url, "import-oneroster", str(write_package(tmp_path / "d", _files())))
    assert imported.returncode == 0, imported.stderr
    _account(url, "elena", "teacher", "org-1", "elena@maple.test")
    return url


def _others(url: str, school: str) -> dict[str, list[str]]:
    """The ids of every class and student that are not ``school``'s."""
    engine = make_engine(url)
    try:
        with read_transaction(engine) as connection:
            return {
                table: list(
                    connection.execute(
                        text(f"SELECT id FROM {table} WHERE school_id != :s"), {"s": school}
                    ).scalars()
                )
                for table in ("class_section", "student")
            }
    finally:
        engine.dispose()


def test_one_login_signs_in_to_either_school_and_each_token_sees_its_school(
    district: str, tmp_path: Path
) -> None:
    linked = server_cli(district, "link-school", "--username", "elena", "--school", "org-3")
    assert linked.returncode == 0, linked.stderr
    assert f"elena now also works in Pine Elementary ({PINE}, account" in linked.stdout
    server = ServerProcess(district, tmp_path, demo=False)
    server.start()
    try:
        first = _sign_in(server)
        assert first.status_code == 200, first.text
        both = [{"id": MAPLE, "name": "Maple Elementary"}, {"id": PINE, "name": "Pine Elementary"}]
        assert first.json()["school_id"] == MAPLE
        assert first.json()["school_name"] == "Maple Elementary"
        assert first.json()["schools"] == both
        # An older laptop refuses fields it does not know: it is sent none of them.
        older = _sign_in(server, reads_schools=False)
        assert older.status_code == 200, older.text
        assert set(older.json()) == {"token", "token_id", "account_id", "role", "school_id",
                                     "teacher_id", "display_name"}  # fmt: skip
        pine = _sign_in(server, PINE)  # the same device, the other school
        assert pine.status_code == 200, pine.text
        assert (pine.json()["school_id"], pine.json()["school_name"]) == (PINE, "Pine Elementary")
        assert pine.json()["teacher_id"] == school_teacher_id("t-1", PINE)
        assert pine.json()["schools"] == both
        for answer, school, name in ((first, MAPLE, "Maple"), (pine, PINE, "Pine")):
            others = _others(district, school)
            read = _everything_read(server, answer.json()["token"], others).decode()
            assert f"{name} Elementary" in read
            leaked = [i for ids in others.values() for i in ids if i in read]
            leaked += [other for other in ("Maple Elementary", "Pine Elementary", "Oak Elementary")
                       if other != f"{name} Elementary" and other in read]  # fmt: skip
            assert leaked == [], name
        assert "Art 4" in _everything_read(server, pine.json()["token"], {
            "class_section": [], "student": []}).decode()  # fmt: skip
        # A school they do not teach in: refused after the right password, as a wrong
        # password is before it; a made-up school id is no way around the password.
        oak = _sign_in(server, OAK)
        assert oak.status_code == 403
        assert oak.json()["detail"] == "this account does not teach in that school"
        assert _sign_in(server, OAK, password="not the password").status_code == 401
        assert _sign_in(server, "x" * 201).status_code == 422
        assert _sign_in(server, "a\x00b").status_code == 422
        # The device is Elena's in both schools, and nobody else's.
        _account(district, "omar", "teacher", "org-3", "omar@pine.test")
        stolen = httpx.post(f"{server.url}/auth/sign-in", json={
            "user": "omar", "password": PASSWORD, "device_id": "elena-laptop"})  # fmt: skip
        assert stolen.status_code == 403
        # One password, one switch: a reset or a disable is the person's everywhere.
        reset = server_cli(district, "reset-password", "--username", "elena", "--password-stdin",
                           stdin="a new password\n")  # fmt: skip
        assert reset.returncode == 0, reset.stderr
        for school in (None, PINE):
            assert _sign_in(server, school).status_code == 401
            assert _sign_in(server, school, password="a new password").status_code == 200
        assert server_cli(district, "disable-account", "--username", "elena").returncode == 0
        for school in (None, PINE):
            assert _sign_in(server, school, password="a new password").status_code == 401
        for answer in (first, pine):
            gone = httpx.get(f"{server.url}/sections", headers={
                "Authorization": f"Bearer {answer.json()['token']}"})  # fmt: skip
            assert gone.status_code == 401
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("--username", "nobody", "--school", "org-3"), "no account 'nobody'"),
        (("--username", "elena", "--school", "org-1"),
         f"'elena' already has an account in school {MAPLE}"),
        (("--username", "elena", "--school", "org-2"),
         f"no teacher with 'elena''s e-mail (elena@maple.test) in school {OAK}'s roster: import"
         " it first, or name the teacher record with --teacher"),
        (("--username", "elena", "--school", "org-3", "--teacher", record_id("teacher", "t-1")),
         f"no teacher {record_id('teacher', 't-1')!r} in school {PINE}"),
        (("--username", "elena", "--school", "org-9"), "no school 'org-9' on the server"),
        (("--username", "maple-principal", "--school", "org-3", "--teacher", "x"),
         "'maple-principal' is a principal, not a teacher: no --teacher"),
    ],
    ids=["no-such-user", "same-school", "not-in-roster", "other-school-s-record", "no-school",
         "a-principal-s-teacher"],
)  # fmt: skip
def test_what_cannot_be_linked_is_refused_saying_why_and_nothing_changes(
    args: tuple[str, ...], error: str, district: str
) -> None:
    _account(district, "maple-principal", "principal", "org-1", "p@maple.test")
    engine = make_engine(district)
    try:
        before = _everything(engine)
        with read_transaction(engine) as connection:
            accounts = connection.execute(text("SELECT COUNT(*) FROM account")).scalar()
        done = server_cli(district, "link-school", *args)
        assert done.returncode == 1
        assert error in done.stderr
        assert _everything(engine) == before
        with read_transaction(engine) as connection:
            assert connection.execute(text("SELECT COUNT(*) FROM account")).scalar() == accounts
    finally:
        engine.dispose()


def test_a_second_account_of_the_same_name_is_refused_and_points_to_link_school(
    district: str,
) -> None:
    done = server_cli(district, "create-teacher", "--username", "elena", "--given-name", "E",
                      "--family-name", "R", "--email", "elena@maple.test", "--school", "org-3",
                      "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == (
        "classroom-desk-server: the user name 'elena' is taken; to let them work in this school"
        f" too: link-school --username elena --school {PINE}\n"
    )


def test_a_class_of_a_teacher_of_two_schools_is_made_in_the_school_named(district: str) -> None:
    assert (
        server_cli(district, "link-school", "--username", "elena", "--school", "org-3").returncode
        == 0
    )
    unnamed = server_cli(district, "create-section", "--name", "Math 9", "--grade", "9",
                         "--teacher", "elena")  # fmt: skip
    assert unnamed.returncode == 1
    assert "'elena' teaches in several schools" in unnamed.stderr
    made = server_cli(district, "create-section", "--name", "Math 9", "--grade", "9",
                      "--teacher", "elena", "--school", "Pine Elementary")  # fmt: skip
    assert made.returncode == 0, made.stderr
    engine = make_engine(district)
    try:
        with read_transaction(engine) as connection:
            row = connection.execute(
                text("SELECT school_id, teacher_id FROM class_section WHERE id = :id"),
                {"id": made.stdout.strip()},
            ).one()
    finally:
        engine.dispose()
    assert tuple(row) == (PINE, school_teacher_id("t-1", PINE))


def test_an_unknown_device_signing_in_to_the_second_school_first_is_the_person_s(
    district: str, tmp_path: Path
) -> None:
    """A laptop whose first sign-in is to the second school: the device is the person's,
    and their first school's sign-in on it is not refused."""
    assert (
        server_cli(district, "link-school", "--username", "elena", "--school", "org-3").returncode
        == 0
    )
    server = ServerProcess(district, tmp_path, demo=False)
    server.start()
    try:
        device = f"laptop-{uuid.uuid4()}"
        assert _sign_in(server, PINE, device_id=device).status_code == 200
        assert _sign_in(server, MAPLE, device_id=device).status_code == 200
    finally:
        server.stop()


def test_a_teacher_with_an_account_the_sis_puts_in_a_second_school_signs_in_to_both(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The night's import that first puts Elena in a class of Pine gives her account a
    Pine account (her sign-in opens both) and says so; the next import changes nothing."""
    url = _url("sqlite", request, tmp_path)
    first = server_cli(
        url, "import-oneroster", str(write_package(tmp_path / "a", district_files()))
    )
    assert first.returncode == 0, first.stderr
    _account(url, "elena", "teacher", "org-1", "elena@maple.test")
    package = write_package(tmp_path / "b", _files())
    for night in range(2):
        done = server_cli(url, "import-oneroster", str(package))
        assert done.returncode == 0, done.stderr
        said = "Elena Rivera (elena) now also teaches in Pine Elementary: one sign-in opens both"
        assert (said in done.stdout) == (night == 0), done.stdout
    server = ServerProcess(url, tmp_path, demo=False)
    server.start()
    try:
        pine = _sign_in(server, PINE)
        assert pine.status_code == 200, pine.text
        assert pine.json()["teacher_id"] == school_teacher_id("t-1", PINE)
        assert [school["name"] for school in pine.json()["schools"]] == [
            "Maple Elementary", "Pine Elementary"]  # fmt: skip
    finally:
        server.stop()


def test_a_principal_and_a_coach_of_two_schools_read_each_school_with_one_login(
    district: str, tmp_path: Path
) -> None:
    """A principal (or coach) of two schools: ``link-school`` gives them the other school
    with the same role; each school's token reads that school only; a coach of two
    schools is given a teacher in the school named."""
    _account(district, "pat", "principal", "org-1", "pat@district.test")
    _account(district, "cory", "coach", "org-1", "cory@district.test")
    assert (
        server_cli(district, "link-school", "--username", "elena", "--school", "org-3").returncode
        == 0
    )
    for user in ("pat", "cory"):
        done = server_cli(
            district, "link-school", "--username", user, "--school", "Pine Elementary"
        )
        assert done.returncode == 0, done.stderr
    unnamed = server_cli(district, "coach-teacher", "--coach", "cory", "--teacher", "elena")
    assert unnamed.returncode == 1
    assert "'cory' coaches in several schools" in unnamed.stderr
    named = server_cli(district, "coach-teacher", "--coach", "cory", "--teacher", "elena",
                       "--school", "org-3")  # fmt: skip
    assert named.returncode == 0, named.stderr
    server = ServerProcess(district, tmp_path, demo=False)
    server.start()
    try:
        for user, role in (("pat", "principal"), ("cory", "coach")):
            pine = _sign_in(server, PINE, user=user, device_id=f"{user}-laptop")
            assert pine.status_code == 200, pine.text
            assert pine.json()["role"] == role
            others = _others(district, PINE)
            read = _everything_read(server, pine.json()["token"], others).decode()
            assert "Pine Elementary" in read
            assert [i for ids in others.values() for i in ids if i in read] == [], user
            sections = httpx.get(f"{server.url}/sections", headers={
                "Authorization": f"Bearer {pine.json()['token']}"}).json()  # fmt: skip
            names = sorted(section["name"] for section in sections)
            # The coach reads Elena's Pine class only; the principal every class of Pine.
            assert ("Art 4" in names) and (len(names) == 1) == (role == "coach"), names
    finally:
        server.stop()
