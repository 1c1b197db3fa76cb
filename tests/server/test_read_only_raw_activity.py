"""The raw activity (unit attempts, platform summaries) never reaches a read-only role,
whatever the school chose about notes and whoever a coach is given; and every role's
laptop holds exactly what ``scope_checksums`` says it should. A week asked for by a first
day the school no longer has is refused whole by the client."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from classroom_desk.sync.values import ProtocolError
from tests.server.test_roles import (
    PASSWORD,
    ROLES,
    School,
    _cli,
    _make_account,
    _pull,
)
from tests.server.test_roles import roles_server as roles_server
from tests.server.test_roles import school as school
from tests.sync.harness import (
    DEMO_PASSWORDS,
    MemoryKeyring,
    new_laptop,
    server_checksums,
    template_store,
)

RAW = {"unit_attempt", "activity_summary"}


def test_a_principal_who_reads_notes_still_never_receives_the_raw_activity(
    school: School,
) -> None:
    server = school.server
    principal, _ = school.sign_in("principal")
    try:
        _cli(server, "set-school", "--principals-read-notes", "yes")
        pulled = _pull(server, principal)
        tables = {change["table"] for change in pulled.changes}
        assert "conference_note" in tables
        assert not tables & RAW
    finally:
        _cli(server, "set-school", "--principals-read-notes", "no")


def test_a_coach_given_a_teacher_receives_the_classes_but_not_their_activity(
    school: School,
) -> None:
    server = school.server
    coach = f"coach-{uuid.uuid4().hex[:8]}"
    _make_account(server, coach, "coach")
    school.users["raw coach"] = coach
    _cli(server, "coach-teacher", "--coach", coach, "--teacher", "rivera")
    token, _ = school.sign_in("raw coach")
    tables = {change["table"] for change in _pull(server, token).changes}
    assert {"student", "enrollment"} <= tables
    assert not tables & RAW


@pytest.mark.parametrize("role", [*ROLES, "principal reading notes"])
def test_every_roles_laptop_holds_what_the_server_says_it_should(
    school: School, tmp_path: Path, memory_keyring: MemoryKeyring, role: str
) -> None:
    server = school.server
    reads_notes = role == "principal reading notes"
    user = school.users["principal" if reads_notes else role]
    laptop = new_laptop(tmp_path, "laptop", server.url, user, template_store(tmp_path))
    try:
        if reads_notes:
            _cli(server, "set-school", "--principals-read-notes", "yes")
        laptop.sign_in(DEMO_PASSWORDS.get(user, PASSWORD))
        laptop.sync()
        assert laptop.checksums() == server_checksums(server.database_url, user)
        held = {table for table in RAW if laptop.one(f"SELECT COUNT(*) FROM {table}")}
        assert bool(held) == ROLES["principal" if reads_notes else role].writes
    finally:
        if reads_notes:
            _cli(server, "set-school", "--principals-read-notes", "no")
        laptop.close()


def test_a_week_asked_by_a_first_day_the_school_no_longer_has_is_refused_whole(
    school: School, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The laptop asks for the week from a Monday; the school's weeks start on Sunday now:
    the server answers the week holding that Monday, from its Sunday, and the client
    refuses an answer for another week than the one it asked for."""
    server = school.server
    user = school.users["principal"]
    laptop = new_laptop(tmp_path, "principal", server.url, user, template_store(tmp_path))
    try:
        _cli(server, "set-school", "--first-day", "sunday")
        laptop.sign_in(PASSWORD)
        with laptop.client() as client:
            with pytest.raises(ProtocolError, match="the figures of another week"):
                client.school_week(date(2026, 11, 16))
            answer = client.school_week(date(2026, 11, 15))
        assert answer.week_start == date(2026, 11, 15)
        assert (answer.year, answer.month) == (2026, 11)
    finally:
        _cli(server, "set-school", "--first-day", "monday")
        laptop.close()
